"""Opening the village's SQLite file safely.

Power cuts happen at village posts, so every connection runs with
``synchronous=FULL`` in WAL mode (a committed save survives a power cut),
foreign keys on, and a busy timeout so a second window or the backup never
fails with "database is locked" on a short overlap.

The file is encrypted with SQLCipher when a key is given (always, for a
village database; see ``db.keystore``): every page, the WAL included, is
encrypted, and temporary tables stay in memory so nothing is spilled to an
unencrypted temp file. A plain file is opened only to convert it.

A full disk, a read-only folder, a failing or removed disk surface as a
``StorageError`` with a plain message (``db.storage_errors``) instead of
SQLite's English: the ``handle_error`` hook below sees every error raised
through the engine (statements, commits, opening a connection), so no
service or screen has to catch driver errors itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from desa_desktop.db.audit import install_audit
from desa_desktop.db.keystore import sqlcipher_key
from desa_desktop.db.storage_errors import FULL, storage_error, storage_kind

BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 64_000


def _set_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA temp_store=MEMORY")
    # SQLCipher decrypts every page it reads into this cache; at SQLite's 8 MB
    # default, search keystrokes that scan the person table decrypt it again each
    # time (4x the plain file). 64 MB keeps a 100,000-person village's hot pages
    # decrypted (bench/: 0.9x the plain file; docs/performance.md).
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cursor.close()


def _storage_errors(context: ExceptionContext) -> None:
    """Raise a ``StorageError`` in place of SQLite's full / read-only / I/O / cannot-open error.

    Raising here replaces the exception SQLAlchemy would raise (the driver's
    error stays attached as ``__cause__`` for a technician). SQLite has
    already rolled the failed statement or commit back, and the session rolls
    the transaction back as it unwinds, so nothing half-written remains.

    Except for a full disk, the connection is dropped from the pool
    (``is_disconnect``): a connection SQLite opened read-only, or whose file
    vanished with a pulled USB stick, stays useless even after the officer
    fixes the cause, while a fresh one works.
    """
    original = context.original_exception
    dbapi = context.dialect.loaded_dbapi
    if not isinstance(original, dbapi.Error):
        return
    kind = storage_kind(original)
    if kind is None:
        return
    if kind != FULL and context.connection is not None:
        context.is_disconnect = True
    database = context.engine.url.database if context.engine is not None else None
    raise storage_error(kind, database)


def database_url(path: Path, key: bytes | None) -> URL:
    """The SQLAlchemy URL of ``path``: SQLCipher with a raw key, or plain SQLite."""
    if key is None:
        return URL.create("sqlite", database=str(path))
    return URL.create("sqlite+pysqlcipher", password=sqlcipher_key(key), database=str(path))


def make_engine(path: Path, key: bytes | None = None) -> Engine:
    """An engine on ``path`` with the pragmas above applied to every connection.

    The pool is a ``QueuePool`` for the encrypted file too. SQLAlchemy's
    pysqlcipher dialect picks ``SingletonThreadPool`` (one connection per
    thread, at most five threads), which *closes another thread's connection*
    when a sixth thread connects: with the GUI thread and the worker threads
    of successive task runners, that closed a connection in the middle of a
    query and crashed the process (found with gdb, a SIGSEGV in
    ``sqlite3_column_text``). A queue pool hands each connection to one thread
    at a time and never closes one that is checked out.
    """
    engine = create_engine(database_url(path, key), poolclass=QueuePool)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "handle_error", _storage_errors)
    return engine


@dataclass
class Database:
    """An open village database: its file, engine and session factory."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    #: The database key (None only for a plain file being converted). Kept so an
    #: admin can add accounts' key slots and print the recovery sheet again.
    key: bytes | None = field(default=None, repr=False)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def close(self) -> None:
        """Release every connection so the file can be copied or removed."""
        self.engine.dispose()


def connect(path: Path, key: bytes | None = None) -> Database:
    """Open ``path`` without touching its schema (see ``migrate.open_database``)."""
    engine = make_engine(path, key)
    return Database(path, engine, install_audit(sessionmaker(engine, expire_on_commit=False)), key)
