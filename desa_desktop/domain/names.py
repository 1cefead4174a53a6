"""Name normalisation for sorting and likely-duplicate detection.

Village records spell the same name many ways ("Siti Aminah", "SITI  AMINAH",
"Sitti Aminah.", "Hj. Siti Aminah"); the key folds case, accents, punctuation,
spacing and doubled letters so such spellings meet, without pretending two
different names are the same.
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")
_DOUBLED = re.compile(r"([a-z])\1+")
_APOSTROPHES = re.compile("['\u2019`]")
_TITLES = frozenset({"h", "hj", "haji", "hajah", "bin", "binti", "alm", "almh"})


def clean_name(text: str) -> str:
    """Collapse whitespace and trim: what is stored as the name the officer typed."""
    return _SPACES.sub(" ", text).strip()


def name_key(text: str) -> str:
    """A lowercase key: no accents, punctuation, titles or doubled letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    ascii_only = _APOSTROPHES.sub("", ascii_only)  # Nur'aini = Nuraini
    words = [_DOUBLED.sub(r"\1", w) for w in _NON_ALNUM.sub(" ", ascii_only).split()]
    words = [w for w in words if w not in _TITLES]  # after folding: Hajjah = Hajah
    return " ".join(words)
