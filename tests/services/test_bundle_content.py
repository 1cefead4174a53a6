"""What the bundle carries out of the village: every record, tombstones, nothing confidential."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desa_desktop.bundle.registers import REGISTERS, by_table
from desa_desktop.db.base import Base
from desa_desktop.domain.errors import DomainError
from desa_desktop.services import persons
from desa_desktop.services.bundle_content import (
    BundleContent,
    Period,
    confidential_case_count,
    export_rows,
    period_of,
    preview_counts,
)
from desa_desktop.services.persons import PersonInput
from tests.bundle.demo_content import PERIOD, DemoBundle, build, rows_of

CASE_TABLES = ("case_file", "case_person", "case_action", "case_attachment", "follow_up",
               "referral", "letter")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoBundle]:
    bundle = build(tmp_path_factory.mktemp("bundle-content"))
    yield bundle
    bundle.db.close()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _text_of(demo: DemoBundle, tables: tuple[str, ...]) -> str:
    return "\n".join(s for table in tables for row in rows_of(demo.data_dir, table)
                     for s in _strings(row))


# -- the registers -----------------------------------------------------------------------------
def test_every_synced_table_travels_and_every_sheet_column_exists() -> None:
    tables = Base.metadata.tables
    synced = {name for name, table in tables.items()
              if {"revision", "deleted_at", "village_code"} <= set(table.columns.keys())}
    assert synced <= {r.table for r in REGISTERS}, "a new synced table needs a register"
    titles = [r.sheet_title for r in REGISTERS]
    assert len(set(titles)) == len(titles)
    for register in REGISTERS:
        assert len(register.sheet_title) <= 31 and not set(register.sheet_title) & set("[]:*?/\\")
        columns = set(register.only or tables[register.table].columns.keys())
        missing = [c.key for c in register.columns if c.key not in columns]
        assert missing == [], register.table


def test_registers_come_after_the_registers_they_point_to() -> None:
    """The district merges in this order, with its foreign keys switched on."""
    seen: set[str] = set()
    for register in REGISTERS:
        for key in Base.metadata.tables[register.table].foreign_keys:
            target = key.column.table.name
            assert target in seen or target == register.table, (register.table, target)
        seen.add(register.table)


# -- periods -------------------------------------------------------------------------------
def test_periods_name_their_days_and_label() -> None:
    assert Period.month(2026, 2) == Period("month", date(2026, 2, 1), date(2026, 2, 28),
                                           "2026-02")
    assert Period.quarter(2026, 4) == Period("quarter", date(2026, 10, 1), date(2026, 12, 31),
                                             "2026-Q4")
    custom = Period.custom(date(2026, 10, 1), date(2026, 11, 15))
    assert custom.label == "2026-10-01..2026-11-15"
    for label in ("2026-11", "2026-Q4", "2026-10-01..2026-11-15"):
        assert Period.parse(label).label == label


@pytest.mark.parametrize(("label", "words"), [
    ("2026-13", "Bulan"), ("2026-Q5", "tidak dikenali"), ("November", "tidak dikenali"),
    ("2026-11-15..2026-10-01", "sesudah"), ("2026-02-30..2026-03-01", "kalender"),
    ("1999-01", "Tahun 1999"),
])
def test_a_wrong_period_is_refused_in_plain_words(label: str, words: str) -> None:
    with pytest.raises(DomainError, match=words):
        Period.parse(label)


def test_a_period_that_has_not_started_cannot_be_exported(demo: DemoBundle) -> None:
    assert period_of(demo.ctx, "2026-11") == PERIOD
    with pytest.raises(DomainError, match="belum dimulai"):
        period_of(demo.ctx, "2026-12")


# -- every record, as stored ---------------------------------------------------------------
def test_every_register_holds_every_row_of_the_village_sorted_by_id(demo: DemoBundle) -> None:
    with demo.db.engine.connect() as conn:
        for register in REGISTERS:
            rows = rows_of(demo.data_dir, register.table)
            ids = [row["id"] for row in rows]
            assert ids == sorted(ids), register.table
            stored = conn.execute(text(f"SELECT count(*) FROM {register.table}")).scalar()
            if register.table not in CASE_TABLES:
                assert len(rows) == stored, register.table
            assert demo.counts[register.table] == len(rows)
    assert demo.counts["person"] == 402 and demo.counts["cash_entry"] > 500


def test_rows_carry_every_column_with_plain_json_values(demo: DemoBundle) -> None:
    person = next(r for r in rows_of(demo.data_dir, "person")
                  if r["id"] == demo.injection_person_id)
    assert person["full_name"] == "=cmd|' /C calc'!A0"
    assert person["birth_date"] == "1990-01-01" and person["revision"] == 1
    assert person["village_code"] == "32.07.12.2001" and person["deleted_at"] is None
    assert {"name_key", "changed_by", "created_at", "updated_at"} <= set(person)
    placement = rows_of(demo.data_dir, "placement")[0]
    assert isinstance(placement["documents"], list)
    assert placement["procedural"] in (True, False, None)


def test_deleted_records_travel_as_tombstones(demo: DemoBundle) -> None:
    people = {r["id"]: r for r in rows_of(demo.data_dir, "person")}
    gone = people[demo.deleted_person_id]
    assert gone["deleted_at"] is not None and gone["revision"] >= 2
    placement = {r["id"]: r for r in rows_of(demo.data_dir, "placement")}
    assert placement[demo.deleted_placement_id]["deleted_at"] is not None


def test_officers_go_without_password_or_keys(demo: DemoBundle) -> None:
    officers = rows_of(demo.data_dir, "officer")
    assert {o["username"] for o in officers} == {"admin", "petugas"}
    for officer in officers:
        assert set(officer) == {"id", "village_code", "username", "full_name", "role", "active",
                                "created_at", "updated_at", "revision", "deleted_at"}
        assert officer["village_code"] == "32.07.12.2001"
    raw = (demo.data_dir / "officer.jsonl").read_text("utf-8")
    assert "argon2" not in raw and "password" not in raw


# -- confidential cases ----------------------------------------------------------------------
def test_a_confidential_case_goes_as_number_type_and_status_only(demo: DemoBundle) -> None:
    secret = [r for r in rows_of(demo.data_dir, "case_file") if r["confidential"]]
    assert len(secret) == 3 == confidential_case_count(demo.ctx)
    for case in secret:
        assert case["number"].startswith("KS-2026-") and case["types"] and case["status"]
        assert case["reported_on"] and case["priority"]
        for column in ("reporter_name", "reporter_relation", "reporter_phone", "employer",
                       "description", "outcome", "closing_reason", "consent_given_by"):
            assert case[column] == "", column
        assert case["warning_report_id"] is None and case["assigned_officer_id"] is None
        assert case["consent_referral"] is None and case["consent_on"] is None
    open_case = next(r for r in rows_of(demo.data_dir, "case_file") if not r["confidential"])
    assert open_case["description"] and open_case["reporter_name"]


def test_nothing_of_a_confidential_case_is_in_any_data_file(demo: DemoBundle) -> None:
    everything = _text_of(demo, tuple(r.table for r in REGISTERS))
    leaked = sorted(s for s in demo.secrets if s in everything)
    assert leaked == []


def test_persons_of_a_confidential_case_are_never_linked_to_it(demo: DemoBundle) -> None:
    assert demo.secret_persons
    case_text = _text_of(demo, CASE_TABLES)
    for person_id, name in demo.secret_persons.items():
        assert person_id not in case_text
        assert name not in case_text
    # They remain residents of the village register.
    residents = {r["id"] for r in rows_of(demo.data_dir, "person")}
    assert set(demo.secret_persons) <= residents


def test_a_warning_report_stays_but_not_its_link_to_a_confidential_case(
        demo: DemoBundle) -> None:
    reports = {r["id"]: r for r in rows_of(demo.data_dir, "warning_report")}
    report = reports[demo.warning_case_report_id]
    assert report["what_seen"] and report["case_id"] is None
    with demo.db.engine.connect() as conn:
        linked = conn.execute(text("SELECT case_id FROM warning_report WHERE id = :id"),
                              {"id": demo.warning_case_report_id}).scalar()
    assert linked is not None  # the database keeps it; only the bundle drops it


# -- the export screen -----------------------------------------------------------------------
def test_preview_counts_what_really_goes(demo: DemoBundle) -> None:
    lines = preview_counts(demo.ctx, PERIOD)
    assert [line.register.table for line in lines] == [r.table for r in REGISTERS]
    for line in lines:
        assert line.total == sum(1 for _ in export_rows(demo.ctx, line.register)), line.title
        assert 0 <= line.changed <= line.total
    by_name = {line.register.table: line for line in lines}
    assert by_name["case_file"].title == "Kasus"
    assert by_name["person"].changed >= 2  # the two persons added today
    older = preview_counts(demo.ctx, Period.month(2025, 1))
    assert sum(line.changed for line in older) < sum(line.changed for line in lines)


def test_export_rows_streams_on_its_own_connection(demo: DemoBundle) -> None:
    rows = export_rows(demo.ctx, by_table("person"))
    first = next(rows)
    assert first["id"] == rows_of(demo.data_dir, "person")[0]["id"]
    rows.close()  # dropping the generator gives the connection back
    assert sum(1 for _ in export_rows(demo.ctx, by_table("person"))) == demo.counts["person"]


def test_one_bundle_reads_one_moment_of_the_database(demo: DemoBundle, tmp_path: Path) -> None:
    """A person saved while the export runs is not in half of the files."""
    with BundleContent(demo.ctx, PERIOD) as content:
        before = sum(1 for _ in content.rows(by_table("household")))
        added = persons.create_person(demo.ctx, PersonInput(
            nik="", full_name="Datang Saat Ekspor", sex="P", birth_date=date(2000, 2, 2)))
        during = [r["id"] for r in content.rows(by_table("person"))]
        assert sum(1 for _ in content.rows(by_table("household"))) == before
    assert added.ids[0] not in during
    assert added.ids[0] in {r["id"] for r in export_rows(demo.ctx, by_table("person"))}
    persons.delete_person(demo.ctx, added.ids[0])
