"""Households (keluarga, as on the Kartu Keluarga): register, edit, delete, restore."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desa_desktop.db.models import Household, Person
from desa_desktop.domain.names import clean_name
from desa_desktop.domain.nik import KkError, parse_kk
from desa_desktop.domain.reference import COLLECTION_METHOD
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import DuplicateError, Problem, ValidationError
from desa_desktop.services.records import load, revive, stamp_new, tombstone, touch


@dataclass(frozen=True)
class HouseholdInput:
    """What the household form holds, as typed."""

    kk_number: str
    head_name: str
    dusun: str = ""
    rw: str = ""
    rt: str = ""
    address: str = ""
    collection_method: str = "langsung"
    collected_on: date | None = None


@dataclass(frozen=True)
class HouseholdView:
    id: str
    kk_number: str
    head_name: str
    dusun: str
    rw: str
    rt: str
    address: str
    collection_method: str
    collected_on: date | None
    member_count: int


def _clean(data: HouseholdInput, today: date) -> tuple[dict, list[Problem]]:
    problems: list[Problem] = []
    kk: str | None = None
    if data.kk_number.strip():
        try:
            kk = parse_kk(data.kk_number, today=today).kk
        except KkError as err:
            problems.append(Problem("kk_number", err.template, dict(err.params)))
    if not clean_name(data.head_name):
        problems.append(Problem("head_name", "Nama kepala keluarga wajib diisi."))
    for unit in ("rw", "rt"):
        value = getattr(data, unit).strip()
        if value and not (value.isdigit() and len(value) <= 3):
            problems.append(Problem(unit, "RT/RW berisi angka saja, paling banyak 3 angka."))
    if data.collection_method not in COLLECTION_METHOD:
        problems.append(Problem("collection_method", "Pilih cara pengumpulan data."))
    if data.collected_on and data.collected_on > today:
        problems.append(Problem("collected_on", "Tanggal pendataan tidak boleh di masa depan."))
    values = {
        "kk_number": kk,
        "head_name": clean_name(data.head_name),
        "dusun": clean_name(data.dusun),
        "rw": data.rw.strip().zfill(3) if data.rw.strip() else "",
        "rt": data.rt.strip().zfill(3) if data.rt.strip() else "",
        "address": data.address.strip(),
        "collection_method": data.collection_method,
        "collected_on": data.collected_on,
    }
    return values, problems


def _check_kk_free(session: Session, kk: str | None, own_id: str | None) -> None:
    if kk is None:
        return
    query = select(Household.id).where(Household.kk_number == kk, Household.deleted_at.is_(None))
    if own_id:
        query = query.where(Household.id != own_id)
    existing = session.scalar(query)
    if existing:
        raise DuplicateError(
            "Nomor KK {kk} sudah terdaftar untuk keluarga lain.", existing, field="kk_number", kk=kk
        )


def create_household(ctx: ServiceContext, data: HouseholdInput) -> Change:
    ctx.require_editor()
    values, problems = _clean(data, ctx.today())
    if problems:
        raise ValidationError(problems)
    with ctx.db.sessions.begin() as s:
        _check_kk_free(s, values["kk_number"], None)
        household = stamp_new(ctx, Household(**values))
        s.add(household)
        s.flush()
        return Change("household", (household.id,), "created")


def update_household(ctx: ServiceContext, household_id: str, data: HouseholdInput) -> Change:
    ctx.require_editor()
    values, problems = _clean(data, ctx.today())
    if problems:
        raise ValidationError(problems)
    with ctx.db.sessions.begin() as s:
        household = load(s, Household, household_id)
        _check_kk_free(s, values["kk_number"], household_id)
        for key, value in values.items():
            setattr(household, key, value)
        touch(ctx, household)
        return Change("household", (household_id,), "updated")


def delete_household(ctx: ServiceContext, household_id: str) -> Change:
    """Tombstone the household; its members stay registered, without a household link."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        tombstone(ctx, load(s, Household, household_id))
        return Change("household", (household_id,), "deleted")


def restore_household(ctx: ServiceContext, household_id: str) -> Change:
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        household = load(s, Household, household_id, live=False)
        _check_kk_free(s, household.kk_number, household_id)
        revive(ctx, household)
        return Change("household", (household_id,), "restored")


def get_household(ctx: ServiceContext, household_id: str) -> HouseholdView:
    with ctx.db.sessions() as s:
        h = load(s, Household, household_id, live=False)
        members = s.scalar(
            select(func.count()).where(Person.household_id == h.id, Person.deleted_at.is_(None))
        )
        return HouseholdView(h.id, h.kk_number or "", h.head_name, h.dusun, h.rw, h.rt,
                             h.address, h.collection_method, h.collected_on, members or 0)


def find_households(ctx: ServiceContext, text: str = "", limit: int = 50) -> list[HouseholdView]:
    """Households whose KK number or head name starts with ``text`` (for pickers)."""
    with ctx.db.sessions() as s:
        query = select(Household).where(Household.deleted_at.is_(None))
        text = text.strip()
        if text:
            query = query.where(
                (Household.kk_number.startswith(text)) | (Household.head_name.ilike(f"%{text}%"))
            )
        rows = s.scalars(query.order_by(Household.head_name).limit(limit)).all()
        return [
            HouseholdView(h.id, h.kk_number or "", h.head_name, h.dusun, h.rw, h.rt, h.address,
                          h.collection_method, h.collected_on, 0)
            for h in rows
        ]


def list_dusun(ctx: ServiceContext) -> list[str]:
    """The hamlets in use, for the registry filter."""
    with ctx.db.sessions() as s:
        rows = s.scalars(
            select(Household.dusun)
            .where(Household.deleted_at.is_(None), Household.dusun != "")
            .distinct()
            .order_by(Household.dusun)
        )
        return list(rows)


@dataclass(frozen=True)
class MemberView:
    id: str
    full_name: str
    nik: str
    relation_to_head: str
    status: str
    birth_date: date | None


def list_members(ctx: ServiceContext, household_id: str) -> list[MemberView]:
    """The household's living members, head first."""
    with ctx.db.sessions() as s:
        rows = s.scalars(
            select(Person).where(Person.household_id == household_id,
                                 Person.deleted_at.is_(None))
        ).all()
    order = {"kepala": 0, "istri": 1, "suami": 1, "anak": 2}
    rows = sorted(rows, key=lambda p: (order.get(p.relation_to_head, 3),
                                       p.birth_date or date.max))
    return [MemberView(p.id, p.full_name, p.nik or "", p.relation_to_head, p.status,
                       p.birth_date) for p in rows]
