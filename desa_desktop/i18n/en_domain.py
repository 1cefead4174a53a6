"""English strings for the domain layer: Indonesian source -> English."""

STRINGS: dict[str, str] = {
}
