"""The recovery key: the database key written so a person can type it back.

It is printed once, on the recovery sheet, and opens the database when every
password is forgotten (or the key file next to the database is lost). The
32 key bytes and a 2-byte checksum are written in Crockford's base32 (no I,
L, O, U, so nothing is read wrongly) in 11 groups of 5: a typo is caught by
the checksum before the database is even tried.
"""

from __future__ import annotations

import hashlib

from desa_desktop.domain.errors import DomainError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_LOOKALIKE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
KEY_BYTES = 32
_CHECK_BYTES = 2
GROUP = 5


class RecoveryKeyError(DomainError):
    """A recovery key that cannot be right (wrong length or a typo)."""


def _checksum(key: bytes) -> bytes:
    return hashlib.sha256(b"desa-desktop recovery" + key).digest()[:_CHECK_BYTES]


def encode(key: bytes) -> str:
    """The printable form of a 32-byte database key."""
    if len(key) != KEY_BYTES:
        raise ValueError("database keys are 32 bytes")
    number = int.from_bytes(key + _checksum(key), "big")
    bits = (KEY_BYTES + _CHECK_BYTES) * 8
    chars = -(-bits // 5)
    number <<= chars * 5 - bits
    text = "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(chars)))
    return "-".join(text[i:i + GROUP] for i in range(0, len(text), GROUP))


def decode(text: str) -> bytes:
    """The key bytes of a typed recovery key; spaces, dashes and case do not matter."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_LOOKALIKE)
    bits = (KEY_BYTES + _CHECK_BYTES) * 8
    chars = -(-bits // 5)
    if len(cleaned) != chars or any(ch not in ALPHABET for ch in cleaned):
        raise RecoveryKeyError(
            "Kunci pemulihan terdiri dari {n} huruf/angka; periksa lagi lembar pemulihan.",
            field="recovery_key", n=chars,
        )
    number = 0
    for ch in cleaned:
        number = (number << 5) | ALPHABET.index(ch)
    padding = chars * 5 - bits
    spare = number & ((1 << padding) - 1)  # always zero as printed: a typo otherwise
    raw = (number >> padding).to_bytes(KEY_BYTES + _CHECK_BYTES, "big")
    key, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if spare or _checksum(key) != check:
        raise RecoveryKeyError(
            "Kunci pemulihan tidak cocok; mungkin ada huruf yang salah ketik.",
            field="recovery_key",
        )
    return key
