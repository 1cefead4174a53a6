"""Fixtures of the group-book tests: a group with four members, and the other accounts.

The group "Kelompok Keripik Singkong Mekar" was founded on 5 January 2026;
its members joined on 10 January 2026 (ketua, bendahara, two anggota).
``ctx`` (the admin officer, today = 22 November 2026) comes from
tests/conftest.py. The small ``post`` / ``grant`` helpers go through the
public services, as the GUI does.
"""

from __future__ import annotations

from datetime import date

import pytest

from desa_desktop.db.engine import Database
from desa_desktop.services import accounts, cashbook, groups
from desa_desktop.services.cashbook import EntryInput
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.services.groups import GroupInput
from tests.conftest import TODAY, VILLAGE
from tests.services.helpers import add_person

FOUNDED = date(2026, 1, 5)
JOINED = date(2026, 1, 10)
MEMBER_NAMES = ("Siti Aminah", "Dewi Lestari", "Ahmad Sobari", "Nur Hasanah")
MEMBER_ROLES = ("ketua", "bendahara", "anggota", "anggota")


@pytest.fixture
def head_ctx(db: Database, officer: OfficerInfo) -> ServiceContext:
    """The kepala desa: may log in and read, never change records."""
    admin = ServiceContext(db, VILLAGE.code, officer)
    head = accounts.create_officer(admin, "kades", "Bapak Kepala Desa", "kades-rahasia-1",
                                   role="kepala_desa")
    return ServiceContext(db, VILLAGE.code, head, today=lambda: TODAY)


@pytest.fixture
def other_ctx(db: Database, officer: OfficerInfo) -> ServiceContext:
    """A second petugas on the same laptop (not the admin)."""
    admin = ServiceContext(db, VILLAGE.code, officer)
    other = accounts.create_officer(admin, "budi", "Budi Santoso", "budi-rahasia-1")
    return ServiceContext(db, VILLAGE.code, other, today=lambda: TODAY)


def make_group(ctx: ServiceContext, name: str = "Kelompok Keripik Singkong Mekar", *,
               founded_on: date = FOUNDED) -> str:
    """A new productive business group; returns its id."""
    data = GroupInput(name=name, kind="kup", business_type="Keripik singkong",
                      founded_on=founded_on)
    return groups.create_group(ctx, data).ids[0]


@pytest.fixture
def group_id(ctx: ServiceContext) -> str:
    return make_group(ctx)


@pytest.fixture
def person_ids(ctx: ServiceContext) -> list[str]:
    """Four registered persons (the future members, in MEMBER_NAMES order)."""
    return [add_person(ctx, name, sex="P" if i != 2 else "L")
            for i, name in enumerate(MEMBER_NAMES)]


@pytest.fixture
def members(ctx: ServiceContext, group_id: str, person_ids: list[str]) -> list[str]:
    """Member ids of the group, member_no 1..4, roles as MEMBER_ROLES."""
    return [groups.add_member(ctx, group_id, pid, joined_on=JOINED, role=role).ids[0]
            for pid, role in zip(person_ids, MEMBER_ROLES, strict=True)]


def post(ctx: ServiceContext, group_id: str, day: date, direction: str, category: str,
         amount: int, member_id: str | None = None, **fields: str) -> str:
    """Post one line; returns the new entry id."""
    data = EntryInput(entry_date=day, direction=direction, category=category, amount=amount,
                      member_id=member_id, **fields)
    return cashbook.post_entry(ctx, group_id, data).ids[0]


def grant(ctx: ServiceContext, group_id: str, amount: int = 10_000_000,
          day: date = date(2026, 1, 15)) -> str:
    """A grant coming in, so the group has cash to spend or lend."""
    return post(ctx, group_id, day, "masuk", "hibah", amount,
                description="Bantuan peralatan dari Disnaker")
