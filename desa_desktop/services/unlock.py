"""Opening the encrypted village database: by password, by recovery key, or new.

The database key is in no file in the clear: a password opens the account's
key slot (``db.keystore``), the slot gives the key, the key opens the file.
A plain file from before encryption is converted here, at the first login
that can prove a password against it (``db.encryption``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from desa_desktop.db.encryption import convert_in_place
from desa_desktop.db.engine import Database
from desa_desktop.db.fileinfo import is_plain_sqlite, looks_encrypted
from desa_desktop.db.keystore import KeyStore, NoSlot, WrongSecret, new_database_key
from desa_desktop.db.migrate import open_database
from desa_desktop.domain import recovery_key
from desa_desktop.services import accounts
from desa_desktop.services.accounts import LoginFailed
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.services.errors import Problem, ServiceError, ValidationError


class FileState(Enum):
    """What is on disk at the database path, decided without any key."""

    NEW = "new"  # nothing yet, or a plain file with no account: run the setup
    PLAIN = "plain"  # a plain file from before encryption: converted at login
    ENCRYPTED = "encrypted"  # the normal case
    KEYS_MISSING = "keys_missing"  # encrypted, but the key file is gone: recovery key


def file_state(path: Path) -> FileState:
    store = KeyStore(path)
    if not path.exists() or path.stat().st_size == 0:
        return FileState.NEW
    if is_plain_sqlite(path):
        if store.exists():
            return FileState.PLAIN  # a conversion was cut off: the slots are already there
        return FileState.PLAIN if _plain_has_accounts(path) else FileState.NEW
    if store.exists():
        return FileState.ENCRYPTED
    return FileState.KEYS_MISSING if looks_encrypted(path) else FileState.NEW


def _plain_has_accounts(path: Path) -> bool:
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return bool(conn.execute("SELECT count(*) FROM officer").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return False


@dataclass
class Unlocked:
    """An open database and the officer who opened it."""

    db: Database
    officer: OfficerInfo
    backup: Path | None = None  # taken before a schema upgrade
    converted: bool = False  # a plain file was encrypted on this login


def create_database(path: Path) -> Database:
    """A new, empty, encrypted database with a fresh random key (for the setup).

    The key file is written before the database, so a key never exists only
    in memory; the first slot is added by ``accounts.set_up``.
    """
    if path.exists() and path.stat().st_size > 0:  # not a database: keep it, out of the way
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path.replace(path.with_name(f"{path.name}.bukan-database-{stamp}"))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = new_database_key()
    KeyStore(path).create(key)
    db, _ = open_database(path, key)
    return db


def open_with_password(path: Path, username: str, password: str,
                       now: float | None = None, record: bool = True) -> Unlocked:
    """Unlock the key with the officer's password and open (and upgrade) the database.

    ``record=False`` leaves the login record (the key file's failure count and
    the audit row, two synced writes) to the caller: the app writes it on its
    worker once the main window is up, so the officer does not wait for it.
    """
    now = time.time() if now is None else now
    username = username.strip().lower()
    state = file_state(path)
    if state is FileState.NEW:
        raise ServiceError("Database ini belum disiapkan.")
    if state is FileState.KEYS_MISSING:
        raise ServiceError(
            "Berkas kunci database tidak ditemukan. Pakai kunci pemulihan dari lembar "
            "pemulihan untuk membuka data."
        )
    store = KeyStore(path)
    if not store.exists():  # a plain file from before encryption
        return _convert_legacy(path, username, password, now)
    accounts.check_throttle(path, username, now)
    try:
        key = store.unwrap(username, password)
    except (NoSlot, WrongSecret) as err:
        if isinstance(err, NoSlot):
            store.burn_password_time(password)
        accounts.note_failure(path, username, now)
        raise LoginFailed("Nama pengguna atau kata sandi salah.") from None
    converted = False
    if is_plain_sqlite(path):  # a conversion was cut off before the rename
        convert_in_place(path, key)
        converted = True
    db, backup = open_database(path, key)
    try:
        officer = accounts.officer_by_name(db, username)
    except LoginFailed:
        db.close()
        accounts.note_failure(path, username, now)
        raise
    if record:
        accounts.record_login(db, officer, now)
    return Unlocked(db, officer, backup, converted)


def _convert_legacy(path: Path, username: str, password: str, now: float) -> Unlocked:
    """Prove the password against the plain file, then encrypt it with a new key.

    Only this officer gets a slot now; other accounts get theirs when the
    admin sets their password again (their passwords are not known here).
    """
    plain, _ = open_database(path, None)
    try:
        officer = accounts.login(plain, username, password, now)
    finally:
        plain.close()
    key = new_database_key()
    store = KeyStore(path)
    store.create(key)
    store.set_slot(officer.username, password, key)
    convert_in_place(path, key)
    db, backup = open_database(path, key)
    accounts.record_login(db, officer, now)
    return Unlocked(db, officer, backup, converted=True)


def open_with_recovery(path: Path, recovery_text: str, username: str, password: str,
                       repeat: str) -> Unlocked:
    """Open with the recovery key and give ``username`` (an admin) a new password.

    Works when every password is forgotten and when the key file is lost
    (a new one is written). The new password is checked before anything changes.
    """
    try:
        key = recovery_key.decode(recovery_text)
    except recovery_key.RecoveryKeyError as err:
        raise ValidationError([Problem("recovery_key", err.template, err.params)]) from None
    problems = accounts.validate_password(password, repeat)
    if problems:
        raise ValidationError(problems)
    store = KeyStore(path)
    if store.exists() and not store.matches(key):
        raise ValidationError([Problem(
            "recovery_key", "Kunci pemulihan ini bukan milik database ini.")])
    if not store.exists() and not _key_opens(path, key):
        raise ValidationError([Problem(
            "recovery_key", "Kunci pemulihan ini bukan milik database ini.")])
    db, backup = open_database(path, key)
    try:
        officer = accounts.officer_by_name(db, username.strip().lower())
    except LoginFailed:
        db.close()
        raise ValidationError([Problem("username", "Akun admin ini tidak ada.")]) from None
    if officer.role != "admin":
        db.close()
        raise ValidationError([Problem(
            "username", "Kunci pemulihan hanya dapat dipakai untuk akun admin.")])
    store.ensure(key)
    store.set_slot(officer.username, password, key)
    accounts.set_password_hash(db, officer.id, password)
    accounts.record_login(db, officer, time.time())
    return Unlocked(db, officer, backup)


def _key_opens(path: Path, key: bytes) -> bool:
    from desa_desktop.db.migrate import raw_connect

    try:
        conn = raw_connect(path, key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except Exception:
        return False
    return True


def recovery_key_text(ctx: ServiceContext) -> str:
    """The printable recovery key of the open database, for the admin's recovery sheet."""
    accounts.require_admin(ctx)
    if ctx.db.key is None:
        raise ServiceError("Database ini belum dienkripsi.")
    return recovery_key.encode(ctx.db.key)
