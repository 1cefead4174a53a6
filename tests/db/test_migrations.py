"""Opening, creating and upgrading the village database file."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import exc, text

from desa_desktop.db.engine import Database, connect
from desa_desktop.db.migrate import current_revision, head_revision, open_database, upgrade
from desa_desktop.services import accounts, persons
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import DuplicateError
from desa_desktop.services.persons import PersonInput
from desa_desktop.services.search import PersonQuery, count_matches, search_page
from tests.conftest import ADMIN_PASSWORD, TODAY, VILLAGE

KK = "3207121203150007"
SITI_NIK = "3207125705900001"

SYNC = "'32.07.12.2001', '2025-01-02 03:04:05', '2025-01-02 03:04:05', 1, NULL, NULL"
SYNC_COLUMNS = "village_code, created_at, updated_at, revision, changed_by, deleted_at"

OLD_ROWS = [
    f"""INSERT INTO household (id, kk_number, head_name, dusun, rw, rt, address,
        collection_method, collected_on, {SYNC_COLUMNS})
        VALUES ('hh-1', '{KK}', 'Ahmad Sobari', 'Cikupa', '002', '001', '',
        'langsung', NULL, {SYNC})""",
    f"""INSERT INTO person (id, nik, full_name, name_key, sex, birth_place, birth_date, phone,
        education, marital_status, relation_to_head, passport_number, household_id, status,
        last_country, collection_method, collected_on, notes, {SYNC_COLUMNS})
        VALUES ('p-1', '{SITI_NIK}', 'Siti Aminah', 'siti aminah', 'P', 'Ciamis',
        '1990-05-17', '', '', '', 'istri', '', 'hh-1', 'pmi', 'TW', 'langsung', NULL, '',
        {SYNC})""",
    f"""INSERT INTO person (id, nik, full_name, name_key, sex, birth_place, birth_date, phone,
        education, marital_status, relation_to_head, passport_number, household_id, status,
        last_country, collection_method, collected_on, notes, {SYNC_COLUMNS})
        VALUES ('p-2', NULL, 'Ahmad Sobari', 'ahmad sobari', 'L', '', NULL, '', '', '',
        'kepala', '', 'hh-1', 'keluarga', '', 'kerabat', NULL, '', {SYNC})""",
    f"""INSERT INTO person (id, nik, full_name, name_key, sex, birth_place, birth_date, phone,
        education, marital_status, relation_to_head, passport_number, household_id, status,
        last_country, collection_method, collected_on, notes, {SYNC_COLUMNS})
        VALUES ('p-3', NULL, 'Cahya Ningsih', 'cahya ningsih', 'P', '', NULL, '', '', '',
        '', '', NULL, 'warga', '', 'langsung', NULL, '', {SYNC})""",
    f"""INSERT INTO placement (id, person_id, country, sector, job, scheme, agency_name,
        departure_date, contract_end, return_date, procedural, documents, notes, {SYNC_COLUMNS})
        VALUES ('pl-1', 'p-1', 'TW', 'formal', 'pabrik', 'p2p', 'PT Maju', '2025-01-05', NULL,
        NULL, 1, '["ktp", "paspor"]', '', {SYNC})""",
]


def pragma(conn: object, name: str) -> object:
    return conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # type: ignore[attr-defined]


def tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def make_old_database(path: Path) -> None:
    """A village file as version 0001 of the app left it, with some records in it."""
    db = connect(path)
    try:
        upgrade(db, "0001")
        assert current_revision(db) == "0001"
        with db.engine.begin() as conn:
            for sql in OLD_ROWS:
                conn.execute(text(sql))
    finally:
        db.close()


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bak"))


# --------------------------------------------------------------------------
# A new file
# --------------------------------------------------------------------------


def test_new_file_gets_the_head_revision_and_safe_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "folder" / "desa.sqlite3"  # folders are created
    db, backup = open_database(path)
    try:
        assert backup is None
        assert backups(path.parent) == []
        assert path.exists()
        assert current_revision(db) == head_revision()
        assert {"village", "officer", "household", "person", "placement", "visit", "draft",
                "person_search", "alembic_version"} <= tables(path)

        db.engine.dispose()  # what follows runs on a brand-new connection
        with db.engine.connect() as conn:
            assert str(pragma(conn, "journal_mode")).lower() == "wal"
            assert pragma(conn, "foreign_keys") == 1
            assert pragma(conn, "synchronous") == 2  # FULL: a committed save survives a cut
            assert pragma(conn, "busy_timeout") == 10_000
    finally:
        db.close()
    # WAL is a property of the file, seen by any other program too.
    with closing(sqlite3.connect(path)) as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_empty_existing_file_is_treated_as_new(tmp_path: Path) -> None:
    path = tmp_path / "desa.sqlite3"
    path.touch()
    db, backup = open_database(path)
    db.close()
    assert backup is None
    assert backups(tmp_path) == []


def test_head_is_the_newest_migration() -> None:
    versions = Path(__file__).parents[2] / "desa_desktop" / "db" / "migrations" / "versions"
    numbers = sorted(p.name.split("_")[0] for p in versions.glob("[0-9]*.py"))
    assert head_revision() == numbers[-1]


# --------------------------------------------------------------------------
# An old file
# --------------------------------------------------------------------------


def test_old_database_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "desa.sqlite3"
    make_old_database(path)

    db, backup = open_database(path)
    try:
        # The backup: a real SQLite file holding the old schema and rows.
        assert backup is not None
        assert backup.exists()
        assert backup.parent == tmp_path
        assert backup != path
        assert "0001" in backup.name
        with closing(sqlite3.connect(backup)) as old:
            assert old.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert old.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
            assert old.execute("SELECT id, full_name FROM person ORDER BY id").fetchall() == [
                ("p-1", "Siti Aminah"), ("p-2", "Ahmad Sobari"), ("p-3", "Cahya Ningsih")]
            assert old.execute("SELECT count(*) FROM placement").fetchone() == (1,)
        assert "person_search" not in tables(backup)
        assert "draft" not in tables(backup)

        # The upgraded file: newest schema, every row kept.
        assert current_revision(db) == head_revision()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT id FROM person ORDER BY id")).scalars().all() == [
                "p-1", "p-2", "p-3"]
            assert conn.execute(text(
                "SELECT kk_number, head_name FROM household")).all() == [(KK, "Ahmad Sobari")]
            assert conn.execute(text(
                "SELECT id, person_id, country, documents FROM placement")).all() == [
                ("pl-1", "p-1", "TW", '["ktp", "paspor"]')]
            assert pragma(conn, "foreign_key_check") is None

        # The persons already there are findable: the search index was back-filled.
        def found(typed: str) -> list[str]:
            return [r.id for r in search_page(db, PersonQuery(text=typed))]

        assert found("siti") == ["p-1"]
        assert found("siti am") == ["p-1"]
        assert found("3207 12 5705") == ["p-1"]
        assert found(KK) == ["p-2", "p-1"]  # both members, in name order
        assert found("cahya") == ["p-3"]
        assert count_matches(db, PersonQuery()) == 3
        assert [r.id for r in search_page(db, PersonQuery(status="pmi", country="TW"))] == [
            "p-1"]
    finally:
        db.close()


def test_old_database_keeps_working_after_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "desa.sqlite3"
    make_old_database(path)
    db, _ = open_database(path)
    try:
        admin = accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)
        ctx = ServiceContext(db, VILLAGE.code, admin, today=lambda: TODAY)
        # The old NIK still counts as taken.
        with pytest.raises(DuplicateError) as info:
            persons.create_person(ctx, PersonInput(nik=SITI_NIK, full_name="Siti Lain",
                                                   sex="P", birth_date=date(1990, 5, 17)),
                                  confirmed=True)
        assert info.value.existing_id == "p-1"
        # Renaming an old person re-indexes it.
        old = persons.get_person(ctx, "p-3")
        persons.update_person(ctx, "p-3", PersonInput(nik="", full_name="Cahyati", sex="P",
                                                      collection_method=old.collection_method))
        assert [r.id for r in search_page(db, PersonQuery(text="cahyati"))] == ["p-3"]
        assert search_page(db, PersonQuery(text="ningsih")) == []
    finally:
        db.close()


def test_opening_a_current_database_takes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "desa.sqlite3"
    make_old_database(path)
    db, first = open_database(path)
    db.close()
    assert first is not None
    assert backups(tmp_path) == [first]

    db, second = open_database(path)
    try:
        assert second is None
        assert backups(tmp_path) == [first]
        assert current_revision(db) == head_revision()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM person")).scalar() == 3
            # The back-fill ran once: no person is indexed twice.
            assert conn.execute(text("SELECT count(*) FROM person_search")).scalar() == 3
    finally:
        db.close()


# --------------------------------------------------------------------------
# Integrity
# --------------------------------------------------------------------------


def test_foreign_key_violation_raises(db: Database) -> None:
    with pytest.raises(exc.IntegrityError), db.engine.begin() as conn:
        conn.execute(text(
            f"INSERT INTO placement (id, person_id, country, sector, job, scheme, agency_name,"
            f" documents, notes, {SYNC_COLUMNS}) VALUES ('pl-x', 'nobody', 'MY', '', '', '',"
            f" '', '[]', '', {SYNC})"
        ))
    with pytest.raises(exc.IntegrityError), db.engine.begin() as conn:
        conn.execute(text(
            f"INSERT INTO person (id, full_name, name_key, sex, birth_place, phone, education,"
            f" marital_status, relation_to_head, passport_number, household_id, status,"
            f" last_country, collection_method, notes, {SYNC_COLUMNS}) VALUES ('p-x', 'X',"
            f" 'x', 'L', '', '', '', '', '', '', 'no-household', 'warga', '', 'langsung', '',"
            f" {SYNC})"
        ))
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM placement")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM person")).scalar() == 0


def test_two_live_persons_cannot_share_a_nik_even_bypassing_the_services(db: Database) -> None:
    insert = (
        f"INSERT INTO person (id, nik, full_name, name_key, sex, birth_place, phone, education,"
        f" marital_status, relation_to_head, passport_number, status, last_country,"
        f" collection_method, notes, {SYNC_COLUMNS}) VALUES (:id, '{SITI_NIK}', 'Siti',"
        f" 'siti', 'P', '', '', '', '', '', '', 'warga', '', 'langsung', '', {SYNC})"
    )
    with db.engine.begin() as conn:
        conn.execute(text(insert), {"id": "a"})
    with pytest.raises(exc.IntegrityError), db.engine.begin() as conn:
        conn.execute(text(insert), {"id": "b"})
    # A tombstoned record frees the NIK.
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE person SET deleted_at = '2026-11-22 00:00:00' WHERE id = 'a'"))
        conn.execute(text(insert), {"id": "b"})
