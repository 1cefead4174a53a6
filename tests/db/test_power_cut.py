"""A save interrupted mid-way (the process killed, as by a power cut) loses nothing saved.

A killed process is the closest thing to a power cut that runs here: it
stops between two instructions, with a transaction open and nothing flushed
by a clean exit. (What the OS still holds in its page cache is covered by
``synchronous=FULL``, which this test cannot cut.) After it, the file must
open, pass SQLite's integrity check, hold every committed person, none of the
half-saved ones, keep the search index in step, and give back a draft.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desa_desktop.db.migrate import open_database
from desa_desktop.services import drafts, search
from desa_desktop.services.context import ServiceContext
from tests.conftest import VILLAGE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

WRITER = textwrap.dedent("""
    import os, signal, sys
    from datetime import date
    from pathlib import Path
    from sqlalchemy import insert
    from desa_desktop.db.migrate import open_database
    from desa_desktop.db.models import Person
    from desa_desktop.domain.nik import make_nik
    from desa_desktop.services import accounts, drafts, persons
    from desa_desktop.services.context import ServiceContext
    from tests.conftest import ADMIN_PASSWORD, VILLAGE

    db, _ = open_database(Path(sys.argv[1]))
    officer = accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)
    ctx = ServiceContext(db, VILLAGE.code, officer)
    for i in range(1, 21):
        persons.create_person(ctx, persons.PersonInput(
            make_nik("320712", date(1990, 1, 1), "L", i), f"Tersimpan {i:02d}", "L"))
    drafts.save_draft(ctx, "person:new", {"full_name": "Siti yang belum disimpan"})
    session = db.sessions()
    session.begin()
    session.execute(insert(Person), [dict(
        id=f"half-{i}", village_code=VILLAGE.code, full_name=f"Setengah {i}",
        name_key=f"setengah {i}", sex="P", revision=1) for i in range(500)])
    session.flush()
    os.kill(os.getpid(), signal.SIGKILL)  # the power goes, mid-transaction
""")


def test_killed_mid_save_keeps_committed_data_and_drafts(tmp_path: Path) -> None:
    path = tmp_path / "desa.sqlite3"
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", WRITER, str(path)], cwd=root,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr

    db, backup = open_database(path)
    try:
        assert backup is None  # still the current schema: nothing to repair or upgrade
        raw = db.engine.raw_connection()
        try:
            assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            raw.execute("INSERT INTO person_search(person_search) VALUES('integrity-check')")
            names = [r[0] for r in raw.execute("SELECT full_name FROM person ORDER BY 1")]
        finally:
            raw.close()
        assert names == [f"Tersimpan {i:02d}" for i in range(1, 21)]
        assert search.count_matches(db, search.PersonQuery("tersimpan")) == 20
        assert search.search_page(db, search.PersonQuery("setengah")) == []
        ctx = ServiceContext(db, VILLAGE.code)
        assert drafts.load_draft(ctx, "person:new") == {"full_name": "Siti yang belum disimpan"}
    finally:
        db.close()
