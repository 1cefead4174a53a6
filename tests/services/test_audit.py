"""Every save is audited in its own transaction, and the history reads back who did what."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from desa_desktop.db import audit as chain
from desa_desktop.db.base import utcnow
from desa_desktop.db.engine import Database
from desa_desktop.db.models import Household, Person
from desa_desktop.services import audit, demo, drafts, households, persons, placements, visits
from desa_desktop.services.audit import FieldChange
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.services.errors import ValidationError
from desa_desktop.services.households import HouseholdInput
from desa_desktop.services.placements import PlacementInput
from desa_desktop.services.visits import VisitInput
from tests.conftest import ADMIN_PASSWORD, VILLAGE, open_demo
from tests.services.helpers import add_household, add_person, count_rows, person_input


def audit_rows(db: Database, where: str = "1=1", **params: object) -> list:
    """Audit rows in chain order, values decoded."""
    with db.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT * FROM audit_log WHERE {where} ORDER BY seq"),
                            params).all()
    return [
        dict(r._mapping, old=json.loads(r.old_values) if r.old_values else None,
             new=json.loads(r.new_values) if r.new_values else None)
        for r in rows
    ]


def rows_of(db: Database, entity_id: str) -> list:
    return audit_rows(db, "entity_id = :id", id=entity_id)


def changed(values: dict) -> set[str]:
    return set(values) - chain.NOISE_COLUMNS


# --------------------------------------------------------------------------
# Create, update, delete, restore
# --------------------------------------------------------------------------


def test_creating_a_person_writes_one_row_with_who_what_and_how(
        ctx: ServiceContext, officer: OfficerInfo) -> None:
    pid = add_person(ctx, "Euis Komariah", sex="P", birth=date(1990, 3, 4),
                     collection_method="kerabat", notes="Data dari kakaknya")
    (row,) = rows_of(ctx.db, pid)
    assert (row["entity"], row["action"], row["officer_id"], row["officer_name"]) == (
        "person", "create", officer.id, "Admin Desa")
    assert row["collection_method"] == "kerabat"
    assert row["old"] is None
    view = persons.get_person(ctx, pid)
    assert row["new"]["full_name"] == "Euis Komariah"
    assert row["new"]["nik"] == view.nik
    assert row["new"]["birth_date"] == "1990-03-04"
    assert row["new"]["collection_method"] == "kerabat"
    assert row["new"]["notes"] == "Data dari kakaknya"
    assert row["new"]["id"] == pid
    assert row["new"]["deleted_at"] is None
    assert row["new"]["revision"] == 1
    assert datetime.fromisoformat(row["at"]) <= utcnow()


def test_updating_writes_old_and_new_of_the_changed_fields_only(ctx: ServiceContext) -> None:
    pid = add_person(ctx, "Euis Komariah", sex="P", birth=date(1990, 3, 4))
    data = persons.get_person(ctx, pid).as_input()
    persons.update_person(ctx, pid, data.__class__(
        **{**data.__dict__, "notes": "Pindah ke Bandung", "phone": "0812 3456 7890"}),
        confirmed=True)
    create, update = rows_of(ctx.db, pid)
    assert create["action"] == "create"
    assert update["action"] == "update"
    assert changed(update["new"]) == {"notes", "phone"}
    assert (update["old"]["notes"], update["new"]["notes"]) == ("", "Pindah ke Bandung")
    assert (update["old"]["phone"], update["new"]["phone"]) == ("", "+6281234567890")
    assert (update["old"]["revision"], update["new"]["revision"]) == (1, 2)
    assert update["officer_name"] == "Admin Desa"
    assert update["collection_method"] == "langsung"


def test_saving_unchanged_values_writes_no_row(ctx: ServiceContext) -> None:
    pid = add_person(ctx, "Euis Komariah", sex="P", birth=date(1990, 3, 4))
    persons.update_person(ctx, pid, persons.get_person(ctx, pid).as_input(), confirmed=True)
    assert [r["action"] for r in rows_of(ctx.db, pid)] == ["create"]
    with ctx.db.sessions.begin() as s:  # only bookkeeping columns move
        person = s.get(Person, pid)
        person.revision += 1
        person.updated_at = utcnow()
    assert [r["action"] for r in rows_of(ctx.db, pid)] == ["create"]


def test_delete_and_restore_are_named_as_such(ctx: ServiceContext,
                                              other_ctx: ServiceContext) -> None:
    pid = add_person(ctx, "Euis Komariah", sex="P", birth=date(1990, 3, 4))
    persons.delete_person(other_ctx, pid)
    persons.restore_person(ctx, pid)
    create, delete, restore = rows_of(ctx.db, pid)
    assert [create["action"], delete["action"], restore["action"]] == [
        "create", "delete", "restore"]
    assert delete["officer_name"] == "Budi Santoso"
    assert delete["old"]["deleted_at"] is None
    assert delete["new"]["deleted_at"] is not None
    assert changed(delete["new"]) == {"deleted_at"}
    assert restore["officer_name"] == "Admin Desa"
    assert (restore["old"]["deleted_at"], restore["new"]["deleted_at"]) == (
        delete["new"]["deleted_at"], None)


def test_households_placements_and_visits_are_audited_too(ctx: ServiceContext) -> None:
    hid = add_household(ctx, "Ahmad Sobari", collection_method="dokumen")
    households.update_household(ctx, hid, HouseholdInput(
        kk_number=households.get_household(ctx, hid).kk_number, head_name="Ahmad Sobari",
        dusun="Cikupa", collection_method="dokumen"))
    pid = add_person(ctx, "Euis Komariah", sex="P", birth=date(1990, 3, 4))
    plid = placements.add_placement(ctx, pid, PlacementInput(
        "TW", documents=("paspor", "ktp"), procedural=True)).ids[0]
    vid = visits.add_visit(ctx, hid, VisitInput(date(2026, 11, 20), "bertemu",
                                                collection_method="telepon")).ids[0]
    visits.delete_visit(ctx, vid)
    assert [(r["action"], r["collection_method"]) for r in rows_of(ctx.db, hid)] == [
        ("create", "dokumen"), ("update", "dokumen")]
    assert rows_of(ctx.db, hid)[1]["new"]["dusun"] == "Cikupa"
    (placement,) = rows_of(ctx.db, plid)
    assert (placement["entity"], placement["new"]["documents"],
            placement["new"]["procedural"]) == ("placement", ["ktp", "paspor"], True)
    assert placement["collection_method"] is None  # placements have no such column
    assert [(r["entity"], r["action"], r["collection_method"])
            for r in rows_of(ctx.db, vid)] == [("visit", "create", "telepon"),
                                                ("visit", "delete", "telepon")]


def test_drafts_are_not_audited(ctx: ServiceContext) -> None:
    before = count_rows(ctx.db, "audit_log")
    drafts.save_draft(ctx, "person:new", {"full_name": "Eu"})
    drafts.save_draft(ctx, "person:new", {"full_name": "Euis"})
    drafts.discard_draft(ctx, "person:new")
    assert count_rows(ctx.db, "audit_log") == before


# --------------------------------------------------------------------------
# Same transaction
# --------------------------------------------------------------------------


def test_a_refused_save_leaves_no_audit_row(ctx: ServiceContext) -> None:
    before = audit_rows(ctx.db)
    with pytest.raises(ValidationError):
        persons.create_person(ctx, person_input("", sex="P"), confirmed=True)
    assert audit_rows(ctx.db) == before


def test_a_rollback_after_the_flush_takes_the_audit_row_with_it(ctx: ServiceContext) -> None:
    before = count_rows(ctx.db, "audit_log")
    with ctx.db.sessions() as s:
        s.add(Household(village_code=VILLAGE.code, head_name="Keluarga Batal",
                        changed_by=ctx.officer_id))
        s.flush()
        inside = s.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
        assert inside == before + 1  # written, in the same transaction
        s.rollback()
    assert count_rows(ctx.db, "audit_log") == before
    assert count_rows(ctx.db, "household") == 0
    assert audit.verify_chain(ctx.db).ok


# --------------------------------------------------------------------------
# Secrets, status refresh, account events
# --------------------------------------------------------------------------


def test_password_hashes_never_reach_the_log(ctx: ServiceContext, officer: OfficerInfo,
                                             other_ctx: ServiceContext) -> None:
    with ctx.db.engine.connect() as conn:
        hashes = conn.execute(text("SELECT password_hash FROM officer")).scalars().all()
    assert len(hashes) == 2 and all(h.startswith("$argon2id$") for h in hashes)
    officer_rows = audit_rows(ctx.db, "entity = 'officer'")
    budi = next(r for r in officer_rows if r["entity_id"] == other_ctx.officer_id)
    assert (budi["action"], budi["officer_name"]) == ("create", "Admin Desa")
    assert budi["new"]["username"] == "budi"
    assert budi["new"]["password_hash"] == "***"
    everything = json.dumps([(r["old_values"], r["new_values"]) for r in audit_rows(ctx.db)])
    assert "argon2" not in everything
    assert not any(h in everything for h in hashes)
    assert ADMIN_PASSWORD not in everything and "budi-rahasia-1" not in everything


def test_status_refresh_is_logged_as_the_system(ctx: ServiceContext) -> None:
    pid = add_person(ctx, "Euis Komariah", sex="P", birth=date(1990, 3, 4),
                     collection_method="kerabat")
    placements.add_placement(ctx, pid, PlacementInput("MY", departure_date=date(2025, 1, 5)))
    assert persons.get_person(ctx, pid).status == "pmi"
    create, refresh = rows_of(ctx.db, pid)
    assert create["action"] == "create"
    assert (refresh["action"], refresh["officer_id"], refresh["officer_name"]) == (
        "update", None, "sistem")
    assert refresh["old"] == {"status": "warga", "last_country": ""}
    assert refresh["new"] == {"status": "pmi", "last_country": "MY"}
    assert refresh["collection_method"] == "kerabat"
    assert audit.verify_chain(ctx.db).ok


def test_log_event_records_a_failed_login_by_the_typed_name(ctx: ServiceContext,
                                                            officer: OfficerInfo) -> None:
    audit.log_event(ctx.db, "login_failed", "admiin")
    audit.log_event(ctx.db, "password_reset", "admin", officer_id=officer.id,
                    detail={"reason": "lupa"}, at=datetime(2026, 11, 21, 8, 0))
    failed, reset = audit_rows(ctx.db, "entity = 'officer' AND action != 'create'")
    assert (failed["entity_id"], failed["officer_id"], failed["officer_name"]) == (
        "admiin", None, None)
    assert failed["new"] == {"username": "admiin"}
    assert (reset["entity_id"], reset["officer_name"], reset["new"]) == (
        officer.id, "Admin Desa", {"username": "admin", "reason": "lupa"})
    assert reset["at"].startswith("2026-11-21 08:00:00")
    entries = audit.history(ctx.db, ["admiin"])
    assert [(e.action, e.officer_name) for e in entries] == [("login_failed", "sistem")]
    assert audit.verify_chain(ctx.db).ok


# --------------------------------------------------------------------------
# History
# --------------------------------------------------------------------------


def test_history_is_newest_first_with_readable_changes(ctx: ServiceContext,
                                                       other_ctx: ServiceContext) -> None:
    hid = add_household(ctx, "Ahmad Sobari")
    pid = add_person(ctx, "Euis Komariah", sex="P", birth=date(1990, 3, 4),
                     household_id=hid, relation_to_head="istri")
    data = persons.get_person(ctx, pid).as_input()
    persons.update_person(other_ctx, pid, data.__class__(
        **{**data.__dict__, "notes": "Pindah ke Bandung"}), confirmed=True)
    plid = placements.add_placement(ctx, pid, PlacementInput(
        "HK", documents=("ktp", "paspor"), procedural=False)).ids[0]
    vid = visits.add_visit(ctx, hid, VisitInput(date(2026, 11, 20), "bertemu")).ids[0]
    other = add_person(ctx, "Orang Lain", birth=date(1980, 1, 1))

    ids = audit.person_history_ids(ctx.db, pid)
    assert sorted(ids) == sorted([pid, plid, vid])
    assert other not in ids and hid not in ids

    entries = audit.history(ctx.db, ids)
    assert [(e.entity, e.action, e.officer_name) for e in entries] == [
        ("visit", "create", "Admin Desa"),
        ("person", "update", "sistem"),
        ("placement", "create", "Admin Desa"),
        ("person", "update", "Budi Santoso"),
        ("person", "create", "Admin Desa"),
    ]
    assert [e.seq for e in entries] == sorted((e.seq for e in entries), reverse=True)
    assert all(isinstance(e.at, datetime) for e in entries)
    visit, status, placement, edit, create = entries
    assert edit.changes == (FieldChange("notes", "", "Pindah ke Bandung"),)
    assert edit.entity_id == pid and edit.collection_method == "langsung"
    assert persons.get_person(ctx, pid).status == "cpmi"
    assert status.changes == (FieldChange("last_country", "", "HK"),
                              FieldChange("status", "warga", "cpmi"))
    fields = {c.field: c for c in create.changes}
    assert fields["full_name"] == FieldChange("full_name", None, "Euis Komariah")
    assert fields["birth_date"] == FieldChange("birth_date", None, "1990-03-04")
    assert fields["household_id"] == FieldChange("household_id", None, hid)
    assert not {"id", "revision", "updated_at", "changed_by", "name_key", "notes"} & set(fields)
    placed = {c.field: c.new for c in placement.changes}
    assert placed["documents"] == "ktp, paspor"
    assert placed["procedural"] == "false"
    assert placed["country"] == "HK"
    assert "person_id" in placed
    assert visit.collection_method == "langsung"


def test_history_of_many_records_is_not_limited_by_sqlite(ctx: ServiceContext) -> None:
    pid = add_person(ctx, "Euis Komariah", sex="P", birth=date(1990, 3, 4))
    ids = [f"bukan-{n}" for n in range(1500)] + [pid]
    assert [(e.entity_id, e.action) for e in audit.history(ctx.db, ids)] == [(pid, "create")]
    assert audit.history(ctx.db, []) == []


# --------------------------------------------------------------------------
# The chain over real work
# --------------------------------------------------------------------------


def test_chain_over_service_work_verifies_and_reports_its_head(ctx: ServiceContext) -> None:
    hid = add_household(ctx)
    pid = add_person(ctx, "Euis Komariah", sex="P", birth=date(1990, 3, 4), household_id=hid)
    persons.delete_person(ctx, pid)
    households.delete_household(ctx, hid)
    rows = audit_rows(ctx.db)
    report = audit.verify_chain(ctx.db)
    assert report == chain.ChainReport(True, len(rows), rows[-1]["seq"], rows[-1]["hash"])
    assert audit.chain_head(ctx.db) == (rows[-1]["seq"], rows[-1]["hash"])
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    # village + admin, household, person, two deletes
    assert [(r["entity"], r["action"]) for r in rows] == [
        ("village", "create"), ("officer", "create"), ("household", "create"),
        ("person", "create"), ("person", "delete"), ("household", "delete")]


def test_demo_village_has_a_sound_chain(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    demo.write_demo_database(path, persons=60, seed=7, today=date(2026, 11, 22))
    db, _ = open_demo(path)
    try:
        report = audit.verify_chain(db)
        assert report.ok, report
        creates = {
            entity: count_rows(db, "audit_log", f"entity = '{entity}' AND action = 'create'")
            for entity in ("household", "person", "placement", "visit")
        }
        assert creates == {entity: count_rows(db, entity)
                           for entity in ("household", "person", "placement", "visit")}
        assert creates["person"] == 60
        assert report.rows == count_rows(db, "audit_log")
        assert report.head_seq == report.rows
        some = audit_rows(db, "entity = 'person'")[0]
        with db.engine.connect() as conn:
            created_at, method = conn.execute(text(
                "SELECT created_at, collection_method FROM person WHERE id = :id"),
                {"id": some["entity_id"]}).one()
        assert (some["officer_name"], some["at"], some["collection_method"]) == (
            demo.DEMO_OFFICER_FULL_NAME, created_at, method)
    finally:
        db.close()
