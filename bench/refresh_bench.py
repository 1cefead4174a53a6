"""The status refresh (``status_refresh.refresh_all``) on the benchmark village.

The app recomputes everyone's status on the worker thread after login (time
passes: contracts end, purna years run out). Timed in a transaction that is
rolled back (the file is not changed), on the encrypted village (what the app
runs) and on its plain copy (before encryption), alternately, ``--runs`` times
each; medians.
A last run on the plain copy lowers SQLite's bound-parameter limit to 32,766,
the default of SQLite builds that do not raise it (the system SQLite and
SQLCipher here allow 250,000), to show whether the refresh would still run
there; the widest statement does not depend on the encryption, and only the
standard module can lower the limit (``sqlcipher3`` has no ``setlimit``).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from datetime import date
from pathlib import Path

from _common import database_key, emit, plain_path
from sqlalchemy import event

from desa_desktop.db.migrate import open_database
from desa_desktop.services import status_refresh

DEFAULT_SQLITE_VARIABLE_LIMIT = 32_766


def refresh_once(path: Path, key: bytes | None, variable_limit: int | None = None) -> dict:
    db, _ = open_database(path, key)
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


def _median_run(runs: list[dict]) -> dict:
    """The run of median duration (or the first failure)."""
    failed = [r for r in runs if not r["ok"]]
    if failed:
        return failed[0]
    ordered = sorted(runs, key=lambda r: r["seconds"])
    result = dict(ordered[len(ordered) // 2])
    result["median_seconds"] = statistics.median(r["seconds"] for r in runs)
    result["runs"] = len(runs)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True,
                        help="the encrypted village (its plain copy is found beside it)")
    parser.add_argument("--plain", type=Path, help="the plain copy (default: beside --db)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    plain = args.plain or plain_path(args.db)
    key = database_key(args.db)
    encrypted_runs: list[dict] = []
    plain_runs: list[dict] = []
    for turn in range(args.runs):
        pair = [(encrypted_runs, args.db, key), (plain_runs, plain, None)]
        for runs, path, path_key in (pair if turn % 2 == 0 else pair[::-1]):
            runs.append(refresh_once(path, path_key))
    encrypted, before = _median_run(encrypted_runs), _median_run(plain_runs)
    result = {
        "system_limit": encrypted,
        "plain": before,
        "default_limit": refresh_once(plain, None, DEFAULT_SQLITE_VARIABLE_LIMIT),
    }
    if encrypted["ok"] and before["ok"]:
        result["ratio"] = encrypted["median_seconds"] / before["median_seconds"]
    emit(result)


if __name__ == "__main__":
    main()
