"""Opening the village's SQLite file safely.

Power cuts happen at village posts, so every connection runs with
``synchronous=FULL`` in WAL mode (a committed save survives a power cut),
foreign keys on, and a busy timeout so a second window or the backup never
fails with "database is locked" on a short overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000


def _set_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(path: Path) -> Engine:
    """An engine on ``path`` with the pragmas above applied to every connection."""
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


@dataclass
class Database:
    """An open village database: its file, engine and session factory."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    def close(self) -> None:
        """Release every connection so the file can be copied or removed."""
        self.engine.dispose()


def connect(path: Path) -> Database:
    """Open ``path`` without touching its schema (see ``migrate.open_database``)."""
    engine = make_engine(path)
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False))
