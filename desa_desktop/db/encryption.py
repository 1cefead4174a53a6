"""Turning a plain SQLite file (from before encryption) into an encrypted one.

The conversion never puts data at risk: the plain file is first copied
aside, the encrypted copy is written under a temporary name with SQLCipher's
``sqlcipher_export``, compared table by table with the original, synced and
renamed into place, and compared once more. Only then are the plain copies
(this one and the pre-upgrade backups of earlier versions) overwritten and
removed, because a plain copy left on the disk is exactly the leak the
encryption is there to stop.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from desa_desktop.db.fileinfo import is_plain_sqlite
from desa_desktop.db.keystore import sqlcipher_key
from desa_desktop.db.migrate import backup_copy, raw_connect


class ConversionError(Exception):
    """The encrypted copy did not match the original; nothing was replaced."""


def _fingerprint(conn: Any) -> dict[str, tuple[int, str]]:
    """Row count and content hash of every table, to compare two copies."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%search_%' ORDER BY name")]
    result: dict[str, tuple[int, str]] = {}
    for table in tables:
        digest = hashlib.sha256()
        count = 0
        for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
            digest.update(repr(row).encode("utf-8"))
            count += 1
        result[table] = (count, digest.hexdigest())
    return result


def _check(conn: Any) -> None:
    verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        raise ConversionError(f"integrity check: {verdict}")


def shred(path: Path) -> None:
    """Overwrite a file with zeros before removing it (best effort on flash media)."""
    try:
        size = path.stat().st_size
        with open(path, "r+b") as fh:
            block = b"\0" * 65536
            for _ in range(0, size, len(block)):
                fh.write(block)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError:
        pass
    path.unlink(missing_ok=True)


def encrypt_copy(plain: Path, target: Path, key: bytes) -> None:
    """Write an encrypted copy of ``plain`` at ``target`` and prove it holds the same data."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    source = raw_connect(plain, None)
    try:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = source.execute("PRAGMA user_version").fetchone()[0]
        original = _fingerprint(source)
    finally:
        source.close()
    import sqlcipher3

    conn = sqlcipher3.connect(str(plain))  # no key: SQLCipher reads the plain file
    try:
        conn.execute(f"ATTACH DATABASE ? AS encrypted KEY \"{sqlcipher_key(key)}\"",
                     (str(target),))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.commit()
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    copy = raw_connect(target, key)
    try:
        _check(copy)
        if _fingerprint(copy) != original:
            raise ConversionError("the encrypted copy differs from the original")
        copy.execute("PRAGMA journal_mode=WAL")
    finally:
        copy.close()
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())


def convert_in_place(path: Path, key: bytes) -> None:
    """Encrypt the plain database at ``path`` with ``key``; see the module docstring.

    On any failure the plain file stays where it was (and its copy beside it),
    so the officer can try again.
    """
    backup = backup_copy(path, "sebelum-enkripsi")
    temporary = path.with_name(path.name + ".encrypting")
    try:
        encrypt_copy(path, temporary, key)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(temporary, path)
        final = raw_connect(path, key)
        try:
            _check(final)
        finally:
            final.close()
    except BaseException:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)
        raise
    # Verified: the plain copies go, older pre-upgrade backups are encrypted too.
    for old in sorted(path.parent.glob(f"{path.stem}.*.bak")):
        if old != backup and is_plain_sqlite(old):
            sealed = old.with_name(old.name + ".encrypting")
            encrypt_copy(old, sealed, key)
            shred(old)
            os.replace(sealed, old)
    shred(backup)
