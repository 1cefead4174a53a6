"""A process writing records is killed (SIGKILL) at random moments, hundreds of times.

Afterwards every save it reported is in the file, no half-written change
exists (no record without its audit row, no audit row without its change),
the hash chain verifies and SQLite's integrity check passes. This is what
"a save that said saved survives a power cut" (docs/security.md) rests on,
as far as a test can cut the power: a killed process loses what it had not
committed, while what the OS holds in its cache is covered by
``synchronous=FULL``, which no test here can cut.

The seed is printed and the failure message names it; set
``DESA_DESKTOP_CRASH_SEED`` to repeat a run. The long version (thousands of
kills) is ``tests/slow/test_crash_long.py``.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from desa_desktop.db.engine import Database
from tests.security.crash_check import SEED_ENV, check_file, crash_seed, run_writer

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")

KILLS = 240


def test_killed_writers_leave_every_reported_save_and_no_half_change(tmp_path: Path) -> None:
    seed = crash_seed()
    print(f"crash test seed {seed} (repeat with {SEED_ENV}={seed})")
    db, summary, journal = run_writer(tmp_path, seed, KILLS)
    try:
        context = f"seed {seed}, summary {summary}"
        assert summary["errors"] == [], context
        assert summary["exits"] == [], context
        assert summary["kills"] == KILLS, context
        # Most kills land while writing (a third at least inside a save, between its
        # start and its return), not while starting up.
        assert summary["opened"] >= KILLS // 2 and summary["reported"] >= KILLS, context
        assert summary["inside_save"] >= KILLS // 3, context
        try:
            counts = check_file(db, journal)
        except AssertionError as err:
            raise AssertionError(f"{context}: {err}") from err
        print(f"{KILLS} kills in {summary['seconds']:.1f} s; {counts}; {summary}")
        checks_catch_what_they_look_for(db, journal)
    finally:
        db.close()


def _fails(db: Database, journal: list[list[str]]) -> bool:
    try:
        check_file(db, journal)
    except AssertionError:
        return True
    return False


def checks_catch_what_they_look_for(db: Database, journal: list[list[str]]) -> None:
    """The checks fail on what they are meant to find (a check that passes anything
    proves nothing): a lost reported save, and a change without its audit row."""
    round_no = journal[-1][0] + 1
    assert _fails(db, [*journal, [round_no, "create", "person", str(uuid.uuid4())]])
    assert _fails(db, [*journal, [round_no, "update", "person", journal[0][2], "9.9"]])
    with db.engine.begin() as conn:
        person_id, notes = conn.execute(text("SELECT id, notes FROM person LIMIT 1")).one()
        conn.execute(text("UPDATE person SET notes = 'diam-diam' WHERE id = :id"),
                     {"id": person_id})
    assert _fails(db, journal)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE person SET notes = :notes WHERE id = :id"),
                     {"id": person_id, "notes": notes})
    assert not _fails(db, journal)  # put back as it was: whole again
    with db.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO household (id, village_code, kk_number, head_name, dusun, rw, rt, "
            "address, collection_method, created_at, updated_at, revision) VALUES "
            "(:id, '32.07.12.2001', NULL, 'Tanpa Jejak', '', '', '', '', 'langsung', "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)"), {"id": str(uuid.uuid4())})
    assert _fails(db, journal), json.dumps(journal[:3])
