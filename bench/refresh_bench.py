"""The status refresh (``status_refresh.refresh_all``) on the benchmark village.

The app recomputes everyone's status on the worker thread after login (time
passes: contracts end, purna years run out). Timed in a transaction that is
rolled back (the file is not changed).
A second run lowers SQLite's bound-parameter limit to 32,766, the default of
SQLite builds that do not raise it (the system SQLite here allows 250,000),
to show whether the refresh would still run there.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from datetime import date
from pathlib import Path

from _common import emit
from sqlalchemy import event

from desa_desktop.db.migrate import open_database
from desa_desktop.services import status_refresh

DEFAULT_SQLITE_VARIABLE_LIMIT = 32_766


def refresh_once(path: Path, variable_limit: int | None) -> dict:
    db, _ = open_database(path)
    widest = [0]

    if variable_limit is not None:
        @event.listens_for(db.engine, "connect")
        def _limit(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, variable_limit)

        db.engine.dispose()

    @event.listens_for(db.engine, "before_cursor_execute")
    def _count(_conn, _cursor, _statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if isinstance(parameters, (list, tuple)):
            widest[0] = max(widest[0], len(parameters))

    try:
        started = time.perf_counter()
        with db.sessions.begin() as session:
            changed = status_refresh.refresh_all(session, date.today())
            session.rollback()
        return {"ok": True, "seconds": time.perf_counter() - started, "changed": changed,
                "widest_statement_params": widest[0]}
    except Exception as error:  # reported, not raised: the bench must go on
        return {"ok": False, "error": f"{type(error).__name__}: {str(error).splitlines()[0]}",
                "widest_statement_params": widest[0]}
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    emit({
        "system_limit": refresh_once(args.db, None),
        "default_limit": refresh_once(args.db, DEFAULT_SQLITE_VARIABLE_LIMIT),
    })


if __name__ == "__main__":
    main()
