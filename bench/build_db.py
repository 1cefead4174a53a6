"""Build the benchmark village with ``write_demo_database`` and its plain twin.

Run by ``run.py`` in its own process, so the memory the generator needs does
not inflate the search loop's peak RSS.

The village is written encrypted, as the app writes it (``<db>`` and its key
file ``<db>.keys``), under a temporary name and moved into place only when
complete. Then a *plain* copy (``plain_path(db)``) is exported from it with
SQLCipher's ``sqlcipher_export``: the same pages' content, unencrypted, the
baseline the encrypted figures are compared with. The copy is checked to open
with the standard ``sqlite3`` module and to hold the same persons, schema
revision and ``user_version``. ``--plain-only`` makes just the copy (when the
encrypted village is reused but its copy is missing or stale).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path

from _common import database_key, emit, peak_rss_mb, plain_path, remove_database

from desa_desktop.db.keystore import keys_path
from desa_desktop.db.migrate import raw_connect
from desa_desktop.services.demo import write_demo_database


def _facts(conn) -> tuple[int, int, str]:  # type: ignore[no-untyped-def]
    """Persons, ``user_version`` and schema revision: what both copies must agree on."""
    persons = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    return persons, version, revision


def make_plain_copy(encrypted: Path, plain: Path) -> dict:
    """Export ``encrypted`` unencrypted to ``plain`` and prove the copy is complete."""
    started = time.perf_counter()
    key = database_key(encrypted)
    partial = plain.with_name(plain.name + ".partial")
    remove_database(partial)
    source = raw_connect(encrypted, key)
    try:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        expected = _facts(source)
        source.execute("ATTACH DATABASE ? AS plain KEY ''", (str(partial),))
        source.execute("SELECT sqlcipher_export('plain')")
        source.execute(f"PRAGMA plain.user_version = {int(expected[1])}")
        source.commit()
        source.execute("DETACH DATABASE plain")
    finally:
        source.close()
    copy = sqlite3.connect(partial)  # the standard module must read it: no encryption left
    try:
        verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
        got = _facts(copy)
        copy.execute("PRAGMA journal_mode=WAL")  # as the app leaves its files
    finally:
        copy.close()
    if verdict != "ok" or got != expected:
        remove_database(partial)
        raise SystemExit(f"plain copy differs: quick_check {verdict}, "
                         f"(persons, user_version, revision) {got} != {expected}")
    remove_database(plain)
    os.replace(partial, plain)
    return {"plain_seconds": time.perf_counter() - started,
            "plain_size_mb": plain.stat().st_size / (1024 * 1024),
            "plain_persons": got[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--plain-only", action="store_true",
                        help="only (re)make the plain copy of an existing encrypted village")
    args = parser.parse_args()
    sidecar = args.db.with_suffix(".json")

    if args.plain_only:
        result = json.loads(sidecar.read_text())
        result.update(make_plain_copy(args.db, plain_path(args.db)))
        sidecar.write_text(json.dumps(result, indent=2))
        emit(result)
        return

    partial = args.db.with_name(args.db.name + ".partial")
    remove_database(partial)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\r  {done}/{total} orang", end="", file=sys.stderr, flush=True)

    summary = write_demo_database(partial, persons=args.persons, seed=args.seed,
                                  progress=progress)
    print(file=sys.stderr)
    seconds = time.perf_counter() - started
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    os.replace(keys_path(partial), keys_path(args.db))
    os.replace(partial, args.db)
    result = {
        "seconds": seconds,
        "peak_rss_mb": peak_rss_mb(),
        "summary": summary.replace(str(partial), str(args.db)),
        "built_at": datetime.now().isoformat(timespec="seconds"),
        "size_mb": args.db.stat().st_size / (1024 * 1024),
        "encrypted": True,
    }
    result.update(make_plain_copy(args.db, plain_path(args.db)))
    sidecar.write_text(json.dumps(result, indent=2))
    emit(result)


if __name__ == "__main__":
    main()
