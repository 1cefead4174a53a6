"""The demo village, made the way a user makes it: ``desa-desktop demo-data`` in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from desa_desktop.db.engine import Database
from desa_desktop.db.models import Household, Officer, Person, Placement, Visit
from desa_desktop.domain.nik import parse_kk, parse_nik
from desa_desktop.domain.reference import COUNTRIES, DOCUMENTS, JOB, SCHEME, SECTOR
from desa_desktop.services import accounts, demo, search, status_refresh
from desa_desktop.services.search import PersonQuery
from tests.conftest import TODAY, open_demo

PERSONS = 300


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desa_desktop", "demo-data", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, str, date]]:
    """A 300-person demo village written by the real command line, opened afterwards."""
    path = tmp_path_factory.mktemp("demo") / "karyamukti.sqlite3"
    made_on = date.today()
    result = run_cli("--db", str(path), "--persons", str(PERSONS))
    assert result.returncode == 0, result.stderr
    database, backup = open_demo(path)
    assert backup is None  # written at the newest schema: nothing to upgrade
    yield database, result.stdout, made_on
    database.close()


def test_cli_prints_a_summary(cli_db: tuple[Database, str, date]) -> None:
    _, stdout, _ = cli_db
    summary = stdout.strip().splitlines()[-1]
    assert summary.startswith(f"Desa Karyamukti: {PERSONS} orang, ")
    assert "keluarga" in summary and "penempatan" in summary and "kunjungan" in summary
    assert summary.endswith("karyamukti.sqlite3")


def test_cli_village_has_exactly_the_persons_asked_for(cli_db: tuple[Database, str, date]
                                                       ) -> None:
    db, _, _ = cli_db
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == PERSONS
        # Every person belongs to a household of at most six.
        sizes = s.execute(select(Person.household_id, func.count())
                          .group_by(Person.household_id)).all()
        assert all(hh is not None and 1 <= n <= 6 for hh, n in sizes)
        assert sum(1 for _, n in sizes if n >= 2) >= len(sizes) - 1  # only the last may be 1
        assert accounts.get_village(db) == demo.DEMO_VILLAGE


def test_cli_niks_and_kk_numbers_are_valid_and_unique(cli_db: tuple[Database, str, date]
                                                      ) -> None:
    db, _, made_on = cli_db
    with db.sessions() as s:
        people = s.execute(select(Person.nik, Person.sex, Person.birth_date)).all()
        kks = s.scalars(select(Household.kk_number)).all()
    niks = [p.nik for p in people if p.nik is not None]
    assert len(niks) >= PERSONS * 0.9
    assert len(set(niks)) == len(niks)
    for person in people:
        if person.nik is None:
            continue
        parts = parse_nik(person.nik, today=made_on)
        assert parts.district_code == demo.NIK_DISTRICT
        assert parts.sex == person.sex
        assert parts.birth_date == person.birth_date
    live_kks = [k for k in kks if k is not None]
    assert len(set(live_kks)) == len(live_kks)
    for kk in live_kks:
        assert parse_kk(kk, today=made_on).region_code == demo.NIK_DISTRICT


def test_cli_statuses_and_placements(cli_db: tuple[Database, str, date]) -> None:
    db, _, made_on = cli_db
    with db.sessions() as s:
        statuses = set(s.scalars(select(Person.status).distinct()))
        placements = s.execute(
            select(Placement, Person.birth_date).join(Person, Person.id == Placement.person_id)
        ).all()
    assert {"cpmi", "pmi", "purna", "keluarga", "warga"} <= statuses
    assert len({p.country for p, _ in placements}) >= 3
    for p, born in placements:
        assert p.country in COUNTRIES
        assert p.job in JOB and p.sector in SECTOR and p.scheme in SCHEME
        assert set(p.documents) <= set(DOCUMENTS)
        if p.departure_date is not None:
            age = p.departure_date.year - born.year - (
                (p.departure_date.month, p.departure_date.day) < (born.month, born.day))
            assert age >= 18
            assert p.contract_end is None or p.contract_end >= p.departure_date
        if p.return_date is not None:
            assert p.departure_date is not None and p.departure_date <= p.return_date
            assert p.return_date <= made_on


def test_cli_sync_columns_name_the_officer(cli_db: tuple[Database, str, date]) -> None:
    db, _, _ = cli_db
    with db.sessions() as s:
        officer_id = s.scalar(select(Officer.id).where(Officer.username == "petugas"))
        for model in (Household, Person, Placement, Visit):
            rows = s.execute(select(model.village_code, model.revision, model.changed_by,
                                    model.created_at, model.updated_at,
                                    model.deleted_at)).all()
            assert rows, model.__name__
            assert {r.village_code for r in rows} == {demo.DEMO_VILLAGE.code}
            assert {r.revision for r in rows} == {1}
            assert {r.changed_by for r in rows} == {officer_id}
            assert all(r.created_at == r.updated_at and r.deleted_at is None for r in rows)


def test_cli_stored_statuses_equal_a_fresh_refresh(cli_db: tuple[Database, str, date]) -> None:
    db, _, made_on = cli_db
    with db.sessions.begin() as s:
        assert status_refresh.refresh_all(s, made_on) == 0
        s.rollback()


def test_cli_demo_accounts_log_in(cli_db: tuple[Database, str, date]) -> None:
    db, _, _ = cli_db
    officer = accounts.login(db, demo.DEMO_OFFICER_USERNAME, demo.DEMO_OFFICER_PASSWORD)
    assert (officer.username, officer.role) == ("petugas", "petugas")
    admin = accounts.login(db, demo.DEMO_ADMIN_USERNAME, demo.DEMO_ADMIN_PASSWORD)
    assert admin.role == "admin"
    with pytest.raises(accounts.LoginFailed):
        accounts.login(db, "petugas", "salah-sandi")


def test_cli_village_is_searchable(cli_db: tuple[Database, str, date]) -> None:
    db, _, _ = cli_db
    with db.sessions() as s:
        target = s.execute(
            select(Person.id, Person.full_name, Person.nik)
            .where(Person.full_name.contains(" "), Person.nik.is_not(None))
            .order_by(Person.name_key).limit(1)
        ).one()
    first, second = target.full_name.split()[:2]
    by_name = search.search_page(db, PersonQuery(text=f"{first[:3]} {second[:2]}"))
    assert target.id in {row.id for row in by_name}
    assert all(row.full_name for row in by_name)
    by_nik = search.search_page(db, PersonQuery(text=target.nik[:12]))
    assert target.id in {row.id for row in by_nik}
    assert all(row.nik.startswith(target.nik[:12]) for row in by_nik)
    grouped = f"{target.nik[:4]} {target.nik[4:6]} {target.nik[6:12]}"
    assert target.id in {row.id for row in search.search_page(db, PersonQuery(text=grouped))}
    pmi = search.search_page(db, PersonQuery(status="pmi"))
    assert pmi and all(row.status == "pmi" and row.last_country for row in pmi)


def test_cli_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "desa.sqlite3"
    path.write_bytes(b"data desa yang sudah ada")
    result = run_cli("--db", str(path), "--persons", "10")
    assert result.returncode == 2
    assert "--force" in result.stderr
    assert path.read_bytes() == b"data desa yang sudah ada"


def test_cli_force_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "desa.sqlite3"
    path.write_bytes(b"bukan database")
    result = run_cli("--db", str(path), "--persons", "12", "--force")
    assert result.returncode == 0, result.stderr
    db, _ = open_demo(path)
    try:
        with db.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Person)) == 12
    finally:
        db.close()


def test_cli_refuses_zero_persons(tmp_path: Path) -> None:
    path = tmp_path / "kosong.sqlite3"
    result = run_cli("--db", str(path), "--persons", "0")
    assert result.returncode == 2
    assert not path.exists()


def _names_and_niks(path: Path) -> list[tuple[str, str | None]]:
    db, _ = open_demo(path)
    try:
        with db.sessions() as s:
            return [tuple(r) for r in s.execute(
                text("SELECT full_name, nik FROM person ORDER BY rowid"))]
    finally:
        db.close()


def test_same_seed_gives_the_same_village(tmp_path: Path) -> None:
    first, second, other = (tmp_path / f"{n}.sqlite3" for n in ("a", "b", "c"))
    demo.write_demo_database(first, persons=150, seed=7, today=TODAY)
    demo.write_demo_database(second, persons=150, seed=7, today=TODAY)
    demo.write_demo_database(other, persons=150, seed=8, today=TODAY)
    assert _names_and_niks(first) == _names_and_niks(second)
    assert _names_and_niks(first) != _names_and_niks(other)


def test_write_reports_progress_up_to_the_total(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    summary = demo.write_demo_database(tmp_path / "p.sqlite3", persons=40, today=TODAY,
                                       progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (40, 40)
    assert all(total == 40 for _, total in calls)
    assert summary.startswith("Desa Karyamukti: 40 orang")


def test_write_refuses_zero_persons(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        demo.write_demo_database(tmp_path / "x.sqlite3", persons=0)


def test_ensure_demo_database_creates_once(tmp_path: Path) -> None:
    path = tmp_path / "data" / "demo-karyamukti.sqlite3"
    assert demo.ensure_demo_database(path) is True
    assert not Path(f"{path}.partial").exists()
    stamp = path.stat().st_mtime_ns
    assert demo.ensure_demo_database(path) is False
    assert path.stat().st_mtime_ns == stamp
    db, _ = open_demo(path)
    try:
        with db.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Person)) == demo.DEMO_PERSONS
            # A few likely duplicates (same name and birth date, another NIK) to show the
            # duplicate warning, and visits typed weeks after they happened.
            pairs = s.execute(text(
                "SELECT count(*) FROM (SELECT name_key, birth_date FROM person "
                "GROUP BY name_key, birth_date HAVING count(DISTINCT nik) > 1)")).scalar()
            assert pairs >= 2
            late = s.execute(text(
                "SELECT count(*) FROM visit "
                "WHERE julianday(created_at) - julianday(visit_date) >= 14")).scalar()
            assert late >= 1
            circular = s.execute(text(
                "SELECT count(*) FROM (SELECT person_id FROM placement GROUP BY person_id "
                "HAVING count(*) >= 2)")).scalar()
            assert circular >= 5
            assert s.scalar(select(func.count()).select_from(Placement)
                            .where(Placement.procedural.is_(False))) >= 5
    finally:
        db.close()
