"""Opening the database and logging in: the encrypted file against the plain one before it.

- ``enc``: ``unlock.open_with_password(encrypted, admin, password)``, what the
  login dialog runs now: argon2id unwraps the key from the admin's key slot,
  SQLCipher opens (and checks the schema of) the file and the account is
  looked up; then the first registry page (``search.search_page(db,
  PersonQuery())``). The login record (the key file's failure count and the
  audit row, two synced writes) is what the app writes on its worker after
  the main window shows (``record=False``); it is timed in the breakdown
  (``record_login``) but the officer does not wait for it.
- ``plain``: the version before encryption on the plain copy:
  ``open_database(plain, None)``, ``accounts.login(db, admin, password)`` (on a
  plain file exactly the argon2id check of the stored password hash; nothing
  is written) and the same first page.

Every sample is a fresh process that first imports and warms up what the
app's opener thread prepares while the officer types (SQLAlchemy, Alembic,
SQLCipher, argon2, the services; the schema head), untimed, and then times
one open + login + first page (``first``), then the same again on new
connections in the same process (``again``, median of ``--repeat``).
The processes of both kinds alternate. The encrypted login writes, so it
runs on a scratch copy of the village (and its key file) that is removed at
the end. A breakdown of the steps is timed in the same processes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import (
    OUT_DIR,
    REPO_DIR,
    database_key,
    emit,
    parse_result,
    plain_path,
    remove_database,
)

STEPS_ENC = ("unwrap", "open", "officer", "record_login", "first_page")
STEPS_PLAIN = ("open", "verify", "first_page")


def _warm(path: Path) -> None:
    """What ``app._Opener`` does before the login dialog's inputs are enabled."""
    import sqlcipher3  # noqa: F401

    from desa_desktop.db.migrate import head_revision
    from desa_desktop.services import accounts, search, unlock  # noqa: F401

    head_revision()
    unlock.file_state(path)


def _enc_once(path: Path, user: str, password: str) -> float:
    from desa_desktop.services import search, unlock
    from desa_desktop.services.search import PersonQuery

    started = time.perf_counter()
    opened = unlock.open_with_password(path, user, password, record=False)
    search.search_page(opened.db, PersonQuery())
    seconds = time.perf_counter() - started
    opened.db.close()
    return seconds


def _plain_once(path: Path, user: str, password: str) -> float:
    from desa_desktop.db.migrate import open_database
    from desa_desktop.services import accounts, search
    from desa_desktop.services.search import PersonQuery

    started = time.perf_counter()
    db, _ = open_database(path, None)
    accounts.login(db, user, password)
    search.search_page(db, PersonQuery())
    seconds = time.perf_counter() - started
    db.close()
    return seconds


def _enc_steps(path: Path, user: str, password: str) -> dict[str, float]:
    """``open_with_password`` taken apart (same calls, timed one by one)."""
    from desa_desktop.db.keystore import KeyStore
    from desa_desktop.db.migrate import open_database
    from desa_desktop.services import accounts, search
    from desa_desktop.services.search import PersonQuery

    steps: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        steps[name] = now - clock
        clock = now

    key = KeyStore(path).unwrap(user, password)
    lap("unwrap")
    db, _ = open_database(path, key)
    lap("open")
    officer = accounts.officer_by_name(db, user)
    lap("officer")
    accounts.record_login(db, officer, time.time())
    lap("record_login")
    search.search_page(db, PersonQuery())
    lap("first_page")
    db.close()
    return steps


def _plain_steps(path: Path, user: str, password: str) -> dict[str, float]:
    from desa_desktop.db.migrate import open_database
    from desa_desktop.services import accounts, search
    from desa_desktop.services.search import PersonQuery

    steps: dict[str, float] = {}
    started = time.perf_counter()
    db, _ = open_database(path, None)
    steps["open"] = time.perf_counter() - started
    started = time.perf_counter()
    accounts.login(db, user, password)
    steps["verify"] = time.perf_counter() - started
    started = time.perf_counter()
    search.search_page(db, PersonQuery())
    steps["first_page"] = time.perf_counter() - started
    db.close()
    return steps


def child(kind: str, path: Path, repeat: int) -> None:
    from desa_desktop.services.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME

    _warm(path)
    once = _enc_once if kind == "enc" else _plain_once
    steps = _enc_steps if kind == "enc" else _plain_steps
    first = once(path, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)
    again = [once(path, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD) for _ in range(repeat)]
    emit({"first": first, "again": statistics.median(again) if again else None,
          "steps": steps(path, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)})


def _run_child(kind: str, path: Path, repeat: int) -> dict:
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--db", str(path),
         "--repeat", str(repeat)],
        cwd=REPO_DIR, stdout=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"login_bench child {kind} failed with exit code {proc.returncode}")
    return parse_result(proc.stdout)


def scratch_copy(encrypted: Path) -> Path:
    """A copy of the encrypted village and its key file that the logins may write to."""
    from desa_desktop.db.keystore import keys_path
    from desa_desktop.db.migrate import backup_to

    scratch = OUT_DIR / "login-scratch.sqlite3"
    remove_database(scratch)
    backup_to(encrypted, scratch, database_key(encrypted))  # online backup, WAL included
    shutil.copyfile(keys_path(encrypted), keys_path(scratch))
    return scratch


def _median(values: list[float]) -> float:
    return statistics.median(values)


def drive(encrypted: Path, plain: Path, runs: int, repeat: int) -> dict:
    scratch = scratch_copy(encrypted)
    try:
        samples: dict[str, list[dict]] = {"enc": [], "plain": []}
        targets = {"enc": scratch, "plain": plain}
        for kind in ("enc", "plain"):  # untimed: OS file cache, bytecode
            _run_child(kind, targets[kind], 0)
        for turn in range(runs):
            order = ("enc", "plain") if turn % 2 == 0 else ("plain", "enc")
            for kind in order:
                samples[kind].append(_run_child(kind, targets[kind], repeat))
            print(f"\r  {turn + 1}/{runs}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    finally:
        remove_database(scratch)
    result: dict = {"runs": runs, "repeat": repeat}
    for kind, rows in samples.items():
        firsts = [r["first"] for r in rows]
        result[f"{kind}_first_median"] = _median(firsts)
        result[f"{kind}_first_min"] = min(firsts)
        result[f"{kind}_first_max"] = max(firsts)
        if repeat:
            result[f"{kind}_again_median"] = _median([r["again"] for r in rows])
        names = STEPS_ENC if kind == "enc" else STEPS_PLAIN
        result[f"{kind}_steps"] = {name: _median([r["steps"][name] for r in rows])
                                   for name in names}
    result["ratio_first"] = result["enc_first_median"] / result["plain_first_median"]
    result["ratio_first_min"] = result["enc_first_min"] / result["plain_first_min"]
    if repeat:
        result["ratio_again"] = result["enc_again_median"] / result["plain_again_median"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True,
                        help="the encrypted village (its plain copy is found beside it)")
    parser.add_argument("--plain", type=Path, help="the plain copy (default: beside --db)")
    parser.add_argument("--runs", type=int, default=15, help="processes of each kind")
    parser.add_argument("--repeat", type=int, default=3,
                        help="further logins on new connections in each process")
    parser.add_argument("--child", choices=("enc", "plain"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.db, args.repeat)
        return
    result = drive(args.db, args.plain or plain_path(args.db), args.runs, args.repeat)
    print(json.dumps({k: v for k, v in result.items() if "ratio" in k}), file=sys.stderr)
    emit(result)


if __name__ == "__main__":
    main()
