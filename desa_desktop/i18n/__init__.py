"""Languages of the app, without Qt.

Indonesian is the source language: every label and message is written in
Indonesian in the code. Other languages are dictionaries from the Indonesian
text to the translated text, one module per area (every ``en_*.py`` in this package)
merged here, so that several people can add strings without touching the same
file. The Qt side (``desa_desktop.ui.translator``) installs a ``QTranslator``
that reads these dictionaries, which makes language changes apply live.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module

LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANGUAGE = "id"

_cache: dict[str, dict[str, str]] = {}


def catalogue(lang: str) -> dict[str, str]:
    """Return the Indonesian -> ``lang`` dictionary (empty for Indonesian)."""
    if lang not in _cache:
        merged: dict[str, str] = {}
        for info in pkgutil.iter_modules(__path__):
            if info.name.startswith(f"{lang}_"):
                merged.update(import_module(f"{__name__}.{info.name}").STRINGS)
        _cache[lang] = merged
    return _cache[lang]


def translate(text: str, lang: str) -> str:
    """Translate one Indonesian string; unknown strings come back unchanged."""
    if lang == DEFAULT_LANGUAGE:
        return text
    return catalogue(lang).get(text, text)
