"""What kind of file lies at a database path, told from its first bytes and size.

Imports nothing heavy: the app asks this before the login window appears.
"""

from __future__ import annotations

from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
#: SQLCipher writes whole pages of 4096 bytes and no plain header.
CIPHER_PAGE = 4096


def is_plain_sqlite(path: Path) -> bool:
    """True when ``path`` is an unencrypted SQLite file (encrypted files have no header)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def looks_encrypted(path: Path) -> bool:
    """True for a file that can be an SQLCipher database: no plain header, whole pages."""
    try:
        size = path.stat().st_size
    except OSError:
        return False
    return size > 0 and size % CIPHER_PAGE == 0 and not is_plain_sqlite(path)
