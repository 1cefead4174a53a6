"""A demo village made ready for the bundle tests, and what must never leave it.

The demo (``services.demo``) already has two confidential cases (trafficking,
sexual harassment) with a referral, a letter, timeline entries and
follow-ups. On top of it, as an officer would: a resident whose name starts
with ``=`` (formula injection), a deleted resident and a deleted placement
(tombstones), and an early-warning report turned into a confidential case
(the report stays, its link to the case must not).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from desa_desktop.bundle.records import dump_rows
from desa_desktop.bundle.registers import REGISTERS
from desa_desktop.db.engine import Database
from desa_desktop.db.models import Person, Placement
from desa_desktop.services import accounts, persons, placements, warnings
from desa_desktop.services.bundle_content import BundleContent, Period
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.demo import DEMO_ADMIN_USERNAME, write_demo_database
from desa_desktop.services.persons import PersonInput
from desa_desktop.services.warnings import WarningInput
from tests.conftest import TODAY, open_demo

INJECTION_NAME = "=cmd|' /C calc'!A0"
PERIOD = Period.month(2026, 11)


@dataclass
class DemoBundle:
    """The demo database, its data files and what the tests look for."""

    db: Database
    ctx: ServiceContext
    data_dir: Path
    counts: dict[str, int]
    village: dict[str, str]
    deleted_person_id: str
    deleted_placement_id: str
    injection_person_id: str
    warning_case_report_id: str
    #: Text and ids of confidential cases that must appear in no file of the bundle.
    secrets: set[str] = field(default_factory=set)
    #: Persons of confidential cases (they stay residents, but never beside a case).
    secret_persons: dict[str, str] = field(default_factory=dict)


def _changes(ctx: ServiceContext) -> tuple[str, str, str, str]:
    injection = persons.create_person(ctx, PersonInput(
        nik="", full_name=INJECTION_NAME, sex="L", birth_date=date(1990, 1, 1))).ids[0]
    gone = persons.create_person(ctx, PersonInput(
        nik="", full_name="Warga Pindah Keluar", sex="P", birth_date=date(1985, 5, 5))).ids[0]
    persons.delete_person(ctx, gone)
    with ctx.db.sessions() as s:
        placement_id = s.scalars(select(Placement.id).where(Placement.deleted_at.is_(None))
                                 .order_by(Placement.id).limit(1)).one()
        at_risk = s.scalars(select(Person.id).where(Person.status == "cpmi",
                                                    Person.deleted_at.is_(None))
                            .order_by(Person.id).limit(1)).one()
    placements.delete_placement(ctx, placement_id)
    report = warnings.create_report(ctx, WarningInput(
        report_date=TODAY, kind="calo", what_seen="Perekrut menjanjikan kerja tanpa biaya.",
        reporter_name="Tetangga", person_ids=(at_risk,))).ids[0]
    warnings.make_case(ctx, report, ("tppo",))
    return injection, gone, placement_id, report


def _secrets(db: Database) -> tuple[set[str], dict[str, str]]:
    """Free text and ids of the confidential cases, read straight from the database."""
    found: set[str] = set()
    with db.engine.connect() as conn:
        cases = conn.execute(text("SELECT id, description, employer, reporter_phone FROM "
                                  "case_file WHERE confidential")).all()
        ids = [c[0] for c in cases]
        assert len(ids) >= 3, "the demo should hold confidential cases"
        marks = ",".join(f"'{i}'" for i in ids)
        found |= {value for c in cases for value in c[1:] if value}
        shared: set[str] = set()  # "Kasus dicatat" and the like, in every case's timeline
        for table, columns in (("case_action", "id, summary"), ("follow_up", "id, note"),
                               ("referral", "id"), ("case_person", "id"),
                               ("letter", "id, number, payload")):
            for row in conn.execute(text(f"SELECT {columns} FROM {table} "
                                         f"WHERE case_id IN ({marks})")):
                found |= {value for value in row if value}
            for row in conn.execute(text(f"SELECT {columns} FROM {table} WHERE case_id IS NULL "
                                         f"OR case_id NOT IN ({marks})")):
                shared |= {value for value in row if value}
        found -= shared
        people = dict(conn.execute(text(
            "SELECT p.id, p.full_name FROM case_person cp JOIN person p ON p.id = cp.person_id "
            f"WHERE cp.case_id IN ({marks})")).all())
    return found, people


def write_data(content: BundleContent, folder: Path) -> dict[str, int]:
    """The data files as the export writes them; returns rows per table."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for register in REGISTERS:
        lines = list(dump_rows(content.rows(register)))
        (folder / f"{register.table}.jsonl").write_bytes(b"".join(lines))
        counts[register.table] = len(lines)
    return counts


def build(folder: Path, persons_count: int = 400) -> DemoBundle:
    """Make the demo village in ``folder``, change it as above and write its data files."""
    path = folder / "demo.sqlite3"
    write_demo_database(path, persons=persons_count, today=TODAY)
    db, _backup = open_demo(path)
    admin = accounts.officer_by_name(db, DEMO_ADMIN_USERNAME)
    ctx = ServiceContext(db, "32.07.12.2001", admin, today=lambda: TODAY)
    injection, gone, placement, report = _changes(ctx)
    secrets, people = _secrets(db)
    with BundleContent(ctx, PERIOD) as content:
        counts = write_data(content, folder / "data")
    village = json.loads(json.dumps({name: getattr(accounts.get_village(db), name) for name in (
        "code", "name", "district_code", "district_name", "regency_code", "regency_name",
        "province_code", "province_name", "post_name")}))
    return DemoBundle(db, ctx, folder / "data", counts, village, gone, placement, injection,
                      report, secrets, people)


def rows_of(data_dir: Path, table: str) -> list[dict[str, Any]]:
    from desa_desktop.bundle.records import load_rows

    return list(load_rows((data_dir / f"{table}.jsonl").read_bytes()))
