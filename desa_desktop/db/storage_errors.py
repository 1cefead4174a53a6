"""A full disk, a read-only folder or a failing disk, told in words an officer can act on.

SQLite reports these as "database or disk is full", "attempt to write a
readonly database", "disk I/O error" or "unable to open database file":
English, technical, and silent on the one thing the officer needs to know,
which is whether the data is safe. It is: SQLite (WAL, ``synchronous=FULL``)
rolls back the failed transaction as a whole, so every earlier save is
intact and only what was just typed is not saved. The form keeps it on
screen, so the officer can free space (or move the database) and press
Simpan again.

``db.engine`` turns the driver's error into a :class:`StorageError` with a
SQLAlchemy ``handle_error`` hook, so every service call on the database
(and so every screen) gets the plain message without catching anything
itself. This module is the domain's vocabulary only: no SQLAlchemy here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desa_desktop.domain.errors import DomainError

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14

FULL = "full"
READONLY = "readonly"
IO = "io"
CANTOPEN = "cantopen"

_BY_CODE = {SQLITE_FULL: FULL, SQLITE_READONLY: READONLY, SQLITE_IOERR: IO,
            SQLITE_CANTOPEN: CANTOPEN}
# Used when a driver gives no ``sqlite_errorcode`` (SQLite's own message texts).
_BY_TEXT = (("database or disk is full", FULL), ("readonly database", READONLY),
            ("disk i/o error", IO), ("unable to open database file", CANTOPEN))


class StorageError(DomainError):
    """The disk, not the data, refused: full, read-only, failing or gone.

    ``kind`` is one of :data:`FULL`, :data:`READONLY`, :data:`IO` and
    :data:`CANTOPEN`; the message (Indonesian, translatable like every
    ``DomainError``) says that what was just typed is not saved yet, that
    earlier data is safe, and what to do.
    """

    def __init__(self, template: str, *, kind: str, **params: Any) -> None:
        self.kind = kind
        super().__init__(template, **params)


def storage_kind(error: BaseException) -> str | None:
    """Which storage failure a SQLite/SQLCipher driver error is, or None for any other error.

    The result code decides when the driver gives one (Python's ``sqlite3``
    and ``sqlcipher3`` both do); the message text otherwise.
    """
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return _BY_CODE.get(code & 0xFF)
    text = str(error).lower()
    return next((kind for needle, kind in _BY_TEXT if needle in text), None)


def storage_error(kind: str, database: Path | str | None) -> StorageError:
    """The plain-language error of ``kind`` for the database file at ``database``."""
    folder = str(Path(database).resolve().parent) if database else "-"
    if kind == FULL:
        return StorageError(
            "Disk penuh: isian yang baru saja dibuat BELUM tersimpan. Data yang tersimpan "
            "sebelumnya aman. Kosongkan ruang di disk tempat database berada ({folder}), "
            "misalnya dengan memindahkan atau menghapus berkas yang tidak diperlukan, lalu "
            "tekan Simpan lagi.", kind=kind, folder=folder)
    if kind == READONLY:
        return StorageError(
            "Folder database tidak dapat ditulisi: isian yang baru saja dibuat BELUM "
            "tersimpan. Data yang tersimpan sebelumnya aman. Database di {folder} hanya dapat "
            "dibaca (folder atau berkas dikunci, atau flashdisk dalam mode write-protect). "
            "Pindahkan database ke folder yang dapat ditulisi, atau minta bantuan admin.",
            kind=kind, folder=folder)
    if kind == CANTOPEN:
        return StorageError(
            "Berkas database tidak dapat dibuka: isian yang baru saja dibuat BELUM tersimpan. "
            "Data yang tersimpan sebelumnya aman. Pastikan disk atau flashdisk tempat database "
            "({folder}) masih terpasang dan folder itu dapat ditulisi, lalu coba lagi; bila "
            "tetap gagal, minta bantuan admin.", kind=kind, folder=folder)
    return StorageError(
        "Disk tidak dapat dibaca atau ditulis: isian yang baru saja dibuat BELUM tersimpan. "
        "Data yang tersimpan sebelumnya aman. Pastikan disk atau flashdisk tempat database "
        "({folder}) masih terpasang dan tidak penuh, tutup aplikasi lalu buka kembali; bila "
        "tetap gagal, minta bantuan admin.", kind=IO, folder=folder)
