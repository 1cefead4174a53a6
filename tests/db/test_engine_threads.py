"""The encrypted engine used from many threads, as the GUI and its worker threads do."""

from __future__ import annotations

import threading

from sqlalchemy import text

from desa_desktop.db.engine import Database


def test_a_connection_in_use_survives_queries_on_many_other_threads(db: Database) -> None:
    """SQLAlchemy's pysqlcipher default pool closed the connection of another
    thread once a sixth thread connected, which crashed the app mid-query."""
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM officer")).scalar_one() >= 0
        errors: list[BaseException] = []

        def query() -> None:
            try:
                with db.engine.connect() as other:
                    other.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
            except BaseException as err:
                errors.append(err)

        threads = [threading.Thread(target=query) for _ in range(40)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        # The first thread's connection still works.
        assert conn.execute(text("SELECT count(*) FROM officer")).scalar_one() >= 0
