"""The crash test at length: thousands of kills instead of hundreds (opt-in, minutes).

Opt-in because it takes minutes: run it before a release, or after a change
to the engine, the audit log or the save paths::

    DESA_DESKTOP_LONG_CRASH=1 uv run pytest tests/slow/test_crash_long.py -s

``DESA_DESKTOP_LONG_CRASH_KILLS`` sets the number of kills (default 3000),
``DESA_DESKTOP_CRASH_SEED`` repeats a run. The checks are those of
``tests/security/test_crash.py`` (see ``tests/security/crash_check.py``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.security.crash_check import SEED_ENV, check_file, crash_seed, run_writer

ENV = "DESA_DESKTOP_LONG_CRASH"
KILLS = int(os.environ.get("DESA_DESKTOP_LONG_CRASH_KILLS", "3000"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX"),
    pytest.mark.skipif(os.environ.get(ENV) != "1", reason=f"takes minutes: set {ENV}=1"),
]


def test_thousands_of_kills_leave_every_reported_save_and_no_half_change(
        tmp_path: Path) -> None:
    seed = crash_seed()
    print(f"long crash test seed {seed} (repeat with {SEED_ENV}={seed})")
    db, summary, journal = run_writer(tmp_path, seed, KILLS)
    try:
        context = f"seed {seed}, summary {summary}"
        assert summary["errors"] == [] and summary["exits"] == [], context
        assert summary["kills"] == KILLS and summary["reported"] >= KILLS, context
        try:
            counts = check_file(db, journal)
        except AssertionError as err:
            raise AssertionError(f"{context}: {err}") from err
        print(f"{KILLS} kills in {summary['seconds']:.1f} s; {counts}")
    finally:
        db.close()
