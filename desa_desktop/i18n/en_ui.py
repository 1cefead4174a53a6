"""English strings for the ui layer: Indonesian source -> English."""

STRINGS: dict[str, str] = {
}
