"""Fixtures of the service tests: a read-only account and a second officer."""

from __future__ import annotations

import pytest

from desa_desktop.db.engine import Database
from desa_desktop.services import accounts
from desa_desktop.services.context import OfficerInfo, ServiceContext
from tests.conftest import TODAY, VILLAGE


@pytest.fixture
def head_ctx(db: Database, officer: OfficerInfo) -> ServiceContext:
    """The kepala desa: may log in and read, never change records."""
    admin = ServiceContext(db, VILLAGE.code, officer)
    head = accounts.create_officer(admin, "kades", "Bapak Kepala Desa", "kades-rahasia-1",
                                   role="kepala_desa")
    return ServiceContext(db, VILLAGE.code, head, today=lambda: TODAY)


@pytest.fixture
def other_ctx(db: Database, officer: OfficerInfo) -> ServiceContext:
    """A second petugas on the same laptop."""
    admin = ServiceContext(db, VILLAGE.code, officer)
    other = accounts.create_officer(admin, "budi", "Budi Santoso", "budi-rahasia-1")
    return ServiceContext(db, VILLAGE.code, other, today=lambda: TODAY)
