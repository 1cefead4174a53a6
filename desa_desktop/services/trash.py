"""The bin (tempat sampah): what was deleted, and bringing it back.

Deletes are tombstones, so nothing a user deletes is ever lost; the bin
lists tombstoned persons and households newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desa_desktop.db.models import Household, Officer, Person
from desa_desktop.services import households, persons
from desa_desktop.services.context import Change, ServiceContext


@dataclass(frozen=True)
class BinItem:
    kind: str  # "person" | "household"
    id: str
    label: str
    detail: str
    deleted_at: datetime
    deleted_by: str


def list_bin(ctx: ServiceContext, limit: int = 500) -> list[BinItem]:
    items: list[BinItem] = []
    with ctx.db.sessions() as s:
        for p, who in s.execute(
            select(Person, Officer.full_name).outerjoin(Officer, Officer.id == Person.changed_by)
            .where(Person.deleted_at.is_not(None)).order_by(Person.deleted_at.desc()).limit(limit)
        ):
            items.append(BinItem("person", p.id, p.full_name, p.nik or "", p.deleted_at,
                                 who or ""))
        for h, who in s.execute(
            select(Household, Officer.full_name)
            .outerjoin(Officer, Officer.id == Household.changed_by)
            .where(Household.deleted_at.is_not(None)).order_by(Household.deleted_at.desc())
            .limit(limit)
        ):
            items.append(BinItem("household", h.id, h.head_name, h.kk_number or "",
                                 h.deleted_at, who or ""))
    items.sort(key=lambda i: i.deleted_at, reverse=True)
    return items


def restore(ctx: ServiceContext, kind: str, record_id: str) -> Change:
    if kind == "person":
        return persons.restore_person(ctx, record_id)
    return households.restore_household(ctx, record_id)
