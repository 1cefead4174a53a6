"""Running the crash writer and checking the file it leaves (shared by the short and long test).

The checks, on the real encrypted file after the last kill:

* SQLite's ``integrity_check`` and SQLCipher's ``cipher_integrity_check``
  pass, and the audit hash chain verifies;
* every save a child reported (after the service call returned) is there:
  created records exist, each reported update has its audit row carrying
  the reported value, each reported delete/restore its audit row, drafts
  hold the reported value or a later one;
* no half-written change exists anywhere, reported or not: every person,
  household and placement has exactly one ``create`` row, replaying its
  audit rows gives exactly the values in the table (so no change reached the
  table without its audit row, nor an audit row without its change), and
  no audit row names a record that does not exist.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select, text

from desa_desktop.db.audit import canonical_json
from desa_desktop.db.engine import Database, connect
from desa_desktop.db.models import Draft, Household, Person, Placement
from desa_desktop.services import accounts, audit
from desa_desktop.services.unlock import create_database
from tests.conftest import ADMIN_PASSWORD, VILLAGE

ROOT = Path(__file__).resolve().parents[2]
SEED_ENV = "DESA_DESKTOP_CRASH_SEED"
MODELS = {"person": Person, "household": Household, "placement": Placement}
#: Changed by every bulk status update without an audit entry of its own (noise).
UNAUDITED = frozenset({"updated_at"})


def crash_seed() -> int:
    """The seed of this run: random, or the one given to repeat a failure."""
    given = os.environ.get(SEED_ENV)
    return int(given) if given else random.SystemRandom().getrandbits(32)


def run_writer(tmp_path: Path, seed: int, kills: int, max_delay_ms: float = 40.0,
               save_ms: float = 12.0) -> tuple[Database, dict[str, Any], list[list[str]]]:
    """A set-up village, killed ``kills`` times while writing; the file opened again after."""
    path = tmp_path / "desa.sqlite3"
    db = create_database(path)
    officer = accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)
    key = db.key
    assert key is not None
    db.close()
    spec = {"db": str(path), "key": key.hex(), "officer": vars(officer),
            "village": VILLAGE.code, "seed": seed, "kills": kills,
            "max_delay_ms": max_delay_ms, "save_ms": save_ms,
            "journal": str(tmp_path / "journal.jsonl")}
    result = subprocess.run(
        [sys.executable, "-m", "tests.security.crash_writer", json.dumps(spec)],
        cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    journal = [json.loads(line) for line in
               (tmp_path / "journal.jsonl").read_text(encoding="utf-8").splitlines()]
    return connect(path, key), summary, journal


def _current_values(obj: object) -> dict[str, Any]:
    """A record's columns as the audit log writes them (canonical JSON, read back)."""
    values = {attr.columns[0].name: getattr(obj, attr.key)
              for attr in inspect(obj).mapper.column_attrs}
    return json.loads(canonical_json(values))


def check_file(db: Database, journal: list[list[str]]) -> dict[str, int]:
    """Every check of the module docstring; returns counts for the report."""
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA cipher_integrity_check").all() == []
        rows = conn.execute(text(
            "SELECT seq, entity, entity_id, action, new_values FROM audit_log ORDER BY seq"
        )).all()
    chain = audit.verify_chain(db)
    assert chain.ok, chain

    log: dict[tuple[str, str], list[tuple[str, dict]]] = defaultdict(list)
    for row in rows:
        if row.entity in MODELS:
            log[(row.entity, row.entity_id)].append(
                (row.action, json.loads(row.new_values) if row.new_values else {}))

    records: dict[tuple[str, str], dict[str, Any]] = {}
    with db.sessions() as s:
        for entity, model in MODELS.items():
            for obj in s.scalars(select(model)):
                records[(entity, obj.id)] = _current_values(obj)
        draft_values = {d.key: d.payload for d in s.scalars(select(Draft))}

    # No audit row without its record, no record without its create row.
    assert set(log) <= set(records), sorted(set(log) - set(records))[:5]
    for key, current in records.items():
        entries = log.get(key, [])
        actions = [action for action, _ in entries]
        assert actions[:1] == ["create"] and actions.count("create") == 1, (key, actions)
        replayed: dict[str, Any] = {}
        for _action, new_values in entries:
            replayed.update(new_values)
        differs = {c: (replayed.get(c), current.get(c)) for c in set(replayed) | set(current)
                   if c not in UNAUDITED and replayed.get(c) != current.get(c)}
        assert not differs, (key, differs)

    # Every save the children reported is in the file.
    updates = {(entity, entity_id, values.get("notes", values.get("address")))
               for (entity, entity_id), entries in log.items()
               for action, values in entries if action == "update"}
    done: dict[tuple[str, str, str], int] = defaultdict(int)
    for action, entity, entity_id in ((a, e, i) for e, i in log for a, _ in log[(e, i)]):
        done[(action, entity, entity_id)] += 1
    wanted: dict[tuple[str, str, str], int] = defaultdict(int)
    draft_floor: dict[str, int] = {}
    for _round, action, *rest in journal:
        if action == "create":
            assert (rest[0], rest[1]) in records, rest
        elif action == "update":
            assert (rest[0], rest[1], rest[2]) in updates, rest
        elif action in ("delete", "restore"):
            wanted[(action, rest[0], rest[1])] += 1
        elif action == "draft":
            draft_floor[rest[0]] = int(rest[1])
    for key, count in wanted.items():
        assert done[key] >= count, (key, done[key], count)
    for key, floor in draft_floor.items():
        assert key in draft_values and draft_values[key]["n"] >= floor, (key, floor)
    return {"records": len(records), "audit_rows": len(rows), "reported": len(journal)}
