"""Schema upgrades: every database file is brought to the newest schema on open.

Before an existing file is upgraded it is copied aside with SQLite's online
backup (which also captures pages still in the WAL), so a failed or
unwanted upgrade can always be undone by hand from the copy.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from desa_desktop.db.engine import Database, connect
from desa_desktop.db.keystore import sqlcipher_key

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    """Alembic settings built in code, so no ``alembic.ini`` has to ship."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest schema revision this version of the app knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The schema revision stored in the file (None for a new, empty file)."""
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def raw_connect(path: Path, key: bytes | None) -> Any:
    """A DB-API connection on ``path``: SQLCipher keyed with ``key``, or plain sqlite3."""
    if key is None:
        return sqlite3.connect(path)
    import sqlcipher3

    conn = sqlcipher3.connect(str(path))
    conn.execute(f'PRAGMA key="{sqlcipher_key(key)}"')
    return conn


def backup_to(path: Path, target: Path, key: bytes | None) -> Path:
    """Copy the database at ``path`` to ``target`` with SQLite's online backup.

    The copy is encrypted with the same key as the source (SQLCipher's backup
    needs both ends keyed alike), and it captures pages still in the WAL.
    """
    source = raw_connect(path, key)
    try:
        dest = raw_connect(target, key)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def backup_copy(path: Path, label: str, key: bytes | None = None) -> Path:
    """Copy ``path`` aside as ``<name>.<label>-<time>.bak`` and return the copy."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return backup_to(path, path.with_name(f"{path.stem}.{label}-{stamp}.bak"), key)


def upgrade(db: Database, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` on ``db``."""
    config = alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def open_database(path: Path, key: bytes | None = None) -> tuple[Database, Path | None]:
    """Open (creating if needed) and upgrade the database at ``path``.

    ``key`` is the SQLCipher key (see ``db.keystore``); None opens a plain
    file, which only the conversion to an encrypted file still does.
    Returns the database and the path of the backup taken before an upgrade
    (None when the file was new or already current).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists() and path.stat().st_size > 0
    db = connect(path, key)
    current = current_revision(db)
    backup: Path | None = None
    if current != head_revision():
        if existed:
            db.close()
            backup = backup_copy(path, f"sebelum-upgrade-{current or 'kosong'}", key)
            db = connect(path, key)
        upgrade(db)
    return db, backup
