"""Alembic environment: runs on the connection the app hands over.

The app never relies on an ``alembic.ini``: ``desa_desktop.db.migrate`` builds
the configuration in code and passes an open connection in
``config.attributes["connection"]``, so migrations run the same from the
GUI, the CLI, tests and a frozen (PyInstaller) build.
"""

from __future__ import annotations

from alembic import context

from desa_desktop.db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for ad-hoc `alembic` use by developers
    from sqlalchemy import create_engine

    url = config.get_main_option("sqlalchemy.url") or "sqlite:///dev.sqlite3"
    connection = create_engine(url).connect()



def include_object(obj: object, name: str | None, type_: str, reflected: bool,
                   compare_to: object) -> bool:
    """Autogenerate must not drop the FTS5 search table (0002) and its shadow tables."""
    return not (type_ == "table" and name is not None and name.startswith("person_search"))


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_object=include_object,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
)
with context.begin_transaction():
    context.run_migrations()
