"""Shared fixtures: a real SQLite file per test, a set-up village and an officer.

Qt runs offscreen in every test (no screen on CI, none on most dev boxes).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desa_desktop.db.engine import Database
from desa_desktop.services import accounts
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.services.unlock import create_database

TODAY = date(2026, 11, 22)

VILLAGE = accounts.VillageInfo(
    code="32.07.12.2001",
    name="Karyamukti",
    district_code="32.07.12",
    district_name="Banjaranyar",
    regency_code="32.07",
    regency_name="Ciamis",
    province_code="32",
    province_name="Jawa Barat",
    post_name="Pos Layanan Desmigratif Karyamukti",
    address="Jl. Raya Karyamukti No. 1, Banjaranyar, Ciamis",
)
ADMIN_PASSWORD = "rahasia-desa-1"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desa.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A new encrypted village database (as the setup makes it), not set up yet."""
    database = create_database(db_path)
    yield database
    database.close()


@pytest.fixture
def officer(db: Database) -> OfficerInfo:
    return accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)


@pytest.fixture
def ctx(db: Database, officer: OfficerInfo) -> ServiceContext:
    """A logged-in officer's context whose 'today' is fixed to 22 November 2026."""
    return ServiceContext(db, VILLAGE.code, officer, today=lambda: TODAY)


def open_demo(path: Path) -> tuple[Database, Path | None]:
    """Open a demo-village file as its admin would (the key comes from the admin's slot)."""
    from desa_desktop.services.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME
    from desa_desktop.services.unlock import open_with_password

    opened = open_with_password(path, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)
    return opened.db, opened.backup
