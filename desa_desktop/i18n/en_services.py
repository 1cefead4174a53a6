"""English strings for the services layer: Indonesian source -> English."""

STRINGS: dict[str, str] = {
}
