"""Schema upgrades: every database file is brought to the newest schema on open.

Before an existing file is upgraded it is copied aside with SQLite's online
backup (which also captures pages still in the WAL), so a failed or
unwanted upgrade can always be undone by hand from the copy.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from desa_desktop.db.engine import Database, connect

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


def backup_copy(path: Path, label: str) -> Path:
    """Copy ``path`` aside as ``<name>.<label>-<time>.bak`` and return the copy."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}.bak")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def upgrade(db: Database, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` on ``db``."""
    config = alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def open_database(path: Path) -> tuple[Database, Path | None]:
    """Open (creating if needed) and upgrade the database at ``path``.

    Returns the database and the path of the backup taken before an upgrade
    (None when the file was new or already current).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists() and path.stat().st_size > 0
    db = connect(path)
    current = current_revision(db)
    backup: Path | None = None
    if current != head_revision():
        if existed:
            db.close()
            backup = backup_copy(path, f"sebelum-upgrade-{current or 'kosong'}")
            db = connect(path)
        upgrade(db)
    return db, backup
