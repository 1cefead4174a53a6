"""Is this backup (or the open database) whole, and whose is it?

A backup nobody has checked is a hope, not a backup: every copy is checked
right after it is written, again before it is put back, and the database
itself at start-up. SQLCipher keeps an HMAC per page, so
``cipher_integrity_check`` finds any changed byte; SQLite's own
``integrity_check`` then finds damage in the structure.

The answers carry an Indonesian message (a ``Problem`` the screen can
translate) and SQLite's own words in ``detail`` for a technician.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy.exc import DBAPIError

from desa_desktop.db.engine import Database
from desa_desktop.db.fileinfo import is_plain_sqlite
from desa_desktop.db.keystore import KeyStore, KeyStoreError, sqlcipher_key
from desa_desktop.db.storage_errors import StorageError
from desa_desktop.services.errors import Problem, ServiceError

log = logging.getLogger(__name__)

SQL_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher3.Error)
_DETAIL_MAX = 2000  # SQLite lists every damaged page; the first lines say enough


class BackupCancelled(ServiceError):
    """The officer pressed Cancel; nothing was left behind and nothing changed."""


@dataclass(frozen=True)
class BackupCheck:
    """The verdict on one backup file, and what it holds when it is good."""

    ok: bool
    problem: Problem | None = None  # why it cannot be used (Indonesian, translatable)
    detail: str = ""  # SQLite's own words, for the log
    revision: str | None = None  # schema revision (alembic)
    persons: int = 0  # live records, to show before restoring
    households: int = 0

    @property
    def message(self) -> str:
        return self.problem.text if self.problem else ""


def _bad(template: str, detail: str = "", **params: Any) -> BackupCheck:
    return BackupCheck(False, Problem(None, template, params), detail[:_DETAIL_MAX])


def _open_readonly(path: Path, key: bytes | None) -> Any:
    """A read-only connection, so checking a backup on a locked USB stick works and
    never changes the file."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if key is None:
        return sqlite3.connect(uri, uri=True)
    conn = sqlcipher3.connect(uri, uri=True)
    conn.execute(f'PRAGMA key="{sqlcipher_key(key)}"')
    return conn


def _key_belongs_elsewhere(path: Path, key: bytes) -> bool:
    """True when the key file that travels with the backup names another key."""
    store = KeyStore(path)
    try:
        return store.exists() and not store.matches(key)
    except KeyStoreError:
        return False


def check_backup(path: Path, key: bytes | None) -> BackupCheck:
    """Open ``path`` with ``key``, check every page and the structure, read what it holds.

    Never raises for a bad file: a wrong key, a damaged or foreign file all
    come back as ``ok=False`` with a message the screen can show.
    """
    if not path.is_file():
        return _bad("Berkas cadangan tidak ditemukan.")
    if key is not None and is_plain_sqlite(path):
        return _bad("Berkas ini tidak terenkripsi, jadi bukan cadangan dari aplikasi ini.")
    try:
        conn = _open_readonly(path, key)
    except SQL_ERRORS as err:
        return _bad("Berkas cadangan tidak dapat dibuka.", str(err))
    try:
        return _inspect(conn, path, key)
    finally:
        conn.close()


def _inspect(conn: Any, path: Path, key: bytes | None) -> BackupCheck:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except SQL_ERRORS as err:
        if key is not None and _key_belongs_elsewhere(path, key):
            return _bad("Cadangan ini milik database lain (kuncinya berbeda).", str(err))
        return _bad("Cadangan ini tidak dapat dibuka: berkasnya rusak, atau dibuat untuk "
                    "database lain.", str(err))
    try:
        damage = []
        if key is not None:
            damage += [row[0] for row in conn.execute("PRAGMA cipher_integrity_check")]
        if not damage:
            rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            damage += [] if rows == ["ok"] else rows
    except SQL_ERRORS as err:
        damage = [str(err)]
    if damage:
        return _bad("Cadangan ini rusak: sebagian isinya tidak dapat dibaca. Pilih cadangan "
                    "lain.", "\n".join(damage))
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        persons = conn.execute(
            "SELECT count(*) FROM person WHERE deleted_at IS NULL").fetchone()[0]
        households = conn.execute(
            "SELECT count(*) FROM household WHERE deleted_at IS NULL").fetchone()[0]
    except (SQL_ERRORS, TypeError) as err:
        return _bad("Berkas ini bukan cadangan database desa.", str(err))
    if not _known_revision(revision):
        return _bad("Cadangan ini dibuat oleh versi aplikasi yang lebih baru. Perbarui "
                    "aplikasi dulu, lalu coba lagi.", f"revision {revision}")
    return BackupCheck(True, revision=revision, persons=int(persons),
                       households=int(households))


def _known_revision(revision: str) -> bool:
    """False for a schema this version of the app cannot open (made by a newer version)."""
    from alembic.script import ScriptDirectory

    from desa_desktop.db.migrate import alembic_config

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:
        return False


def quick_check(db: Database) -> str | None:
    """None when the open database is whole, else what SQLite found (its own words).

    Runs SQLCipher's page check (every page's HMAC) and ``PRAGMA quick_check``
    (the structure) on the engine's own connection, so pages still in the
    WAL count too.
    """
    try:
        with db.engine.connect() as conn:
            found: list[str] = []
            if db.key is not None:
                found += [str(r[0]) for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
            rows = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check")]
            if rows != ["ok"]:
                found += rows
    except DBAPIError as err:
        return str(err.orig)[:_DETAIL_MAX] or "database error"
    except StorageError as err:  # a failing disk is damage as far as the start-up cares
        return str(err)[:_DETAIL_MAX]
    return "\n".join(found)[:_DETAIL_MAX] or None

