"""Business groups and their members: the who of the group books.

A group (Kelompok Usaha Produktif, koperasi, BUMDes unit) is run by returnees
and their families; its members are registered persons, so the district can
see who the empowerment pillar reaches. Membership keeps join and leave
dates (a member who leaves keeps their history in the books) and the three
officers (ketua, sekretaris, bendahara) are one person each at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desa_desktop.db.ledger_models import BusinessGroup, CashEntry, GroupMember, Loan
from desa_desktop.db.models import Person
from desa_desktop.domain.formatting import rupiah, short_date
from desa_desktop.domain.ledger_reference import (
    GROUP_KIND,
    GROUP_STATUS,
    MEMBER_ROLE,
    OFFICER_ROLES,
    SAVINGS_KINDS,
)
from desa_desktop.services.cashbook import signed_amount
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.records import load, stamp_new, touch


@dataclass(frozen=True)
class GroupInput:
    """What the group form holds."""

    name: str
    kind: str
    business_type: str
    founded_on: date
    status: str = "aktif"
    address: str = ""
    notes: str = ""


@dataclass(frozen=True)
class GroupView:
    id: str
    name: str
    kind: str
    business_type: str
    founded_on: date
    status: str
    address: str
    notes: str
    revision: int


@dataclass(frozen=True)
class MemberView:
    id: str
    group_id: str
    person_id: str
    member_no: int
    full_name: str
    nik: str
    role: str
    joined_on: date
    left_on: date | None

    @property
    def active(self) -> bool:
        return self.left_on is None


def _view(g: BusinessGroup) -> GroupView:
    return GroupView(g.id, g.name, g.kind, g.business_type, g.founded_on, g.status, g.address,
                     g.notes, g.revision)


def _check(ctx: ServiceContext, data: GroupInput) -> dict[str, object]:
    problems: list[Problem] = []
    name = " ".join(data.name.split())
    if not name:
        problems.append(Problem("name", "Isi nama kelompok."))
    if data.kind not in GROUP_KIND:
        problems.append(Problem("kind", "Pilih jenis kelompok."))
    if data.status not in GROUP_STATUS:
        problems.append(Problem("status", "Pilih status kelompok."))
    if data.founded_on > ctx.today():
        problems.append(Problem("founded_on", "Tanggal berdiri tidak boleh di masa depan."))
    if problems:
        raise ValidationError(problems)
    return {"name": name, "kind": data.kind, "business_type": data.business_type.strip(),
            "founded_on": data.founded_on, "status": data.status,
            "address": data.address.strip(), "notes": data.notes.strip()}


def create_group(ctx: ServiceContext, data: GroupInput) -> Change:
    ctx.require_editor()
    values = _check(ctx, data)
    with ctx.db.sessions.begin() as s:
        group = stamp_new(ctx, BusinessGroup(**values))
        s.add(group)
        s.flush()
        return Change("business_group", (group.id,), "created")


def update_group(ctx: ServiceContext, group_id: str, data: GroupInput) -> Change:
    """Change the group's details; the founding date may not move past its first entry."""
    ctx.require_editor()
    values = _check(ctx, data)
    with ctx.db.sessions.begin() as s:
        group = load(s, BusinessGroup, group_id)
        first = s.scalar(select(func.min(CashEntry.entry_date))
                         .where(CashEntry.group_id == group_id))
        if first is not None and data.founded_on > first:
            raise ValidationError([Problem(
                "founded_on", "Buku kas kelompok sudah berisi entri sejak {day}; tanggal "
                              "berdiri tidak boleh sesudahnya.", {"day": short_date(first)})])
        joined = s.scalar(select(func.min(GroupMember.joined_on)).where(
            GroupMember.group_id == group_id, GroupMember.deleted_at.is_(None)))
        if joined is not None and data.founded_on > joined:
            raise ValidationError([Problem(
                "founded_on", "Anggota pertama masuk pada {day}; tanggal berdiri tidak boleh "
                              "sesudahnya.", {"day": short_date(joined)})])
        for key, value in values.items():
            setattr(group, key, value)
        touch(ctx, group)
        return Change("business_group", (group.id,), "updated")


def get_group(ctx: ServiceContext, group_id: str) -> GroupView:
    with ctx.db.sessions() as s:
        return _view(load(s, BusinessGroup, group_id))


def list_groups(ctx: ServiceContext) -> list[GroupView]:
    """Every live group, by name."""
    with ctx.db.sessions() as s:
        rows = s.scalars(select(BusinessGroup).where(BusinessGroup.deleted_at.is_(None))
                         .order_by(BusinessGroup.name))
        return [_view(g) for g in rows]


# ---------------------------------------------------------------------------
# Members
# ---------------------------------------------------------------------------


def _member_view(m: GroupMember, p: Person) -> MemberView:
    return MemberView(m.id, m.group_id, m.person_id, m.member_no, p.full_name, p.nik or "",
                      m.role, m.joined_on, m.left_on)


def member_query(group_id: str):  # type: ignore[no-untyped-def]
    """Members of a group with their person, by member number (for other services)."""
    return (select(GroupMember, Person).join(Person, Person.id == GroupMember.person_id)
            .where(GroupMember.group_id == group_id, GroupMember.deleted_at.is_(None))
            .order_by(GroupMember.member_no))


def list_members(ctx: ServiceContext, group_id: str, *,
                 include_left: bool = False) -> list[MemberView]:
    with ctx.db.sessions() as s:
        load(s, BusinessGroup, group_id)
        views = [_member_view(m, p) for m, p in s.execute(member_query(group_id))]
    return views if include_left else [v for v in views if v.active]


def get_member(ctx: ServiceContext, member_id: str) -> MemberView:
    with ctx.db.sessions() as s:
        m = load(s, GroupMember, member_id)
        return _member_view(m, s.get(Person, m.person_id))


def _officer_holder(s: Session, group_id: str, role: str, except_id: str | None) -> str | None:
    """Name of the active member who holds ``role``, other than ``except_id``."""
    row = s.execute(
        select(Person.full_name).join(GroupMember, GroupMember.person_id == Person.id)
        .where(GroupMember.group_id == group_id, GroupMember.role == role,
               GroupMember.left_on.is_(None), GroupMember.deleted_at.is_(None),
               GroupMember.id != (except_id or ""))).first()
    return row[0] if row else None


def _check_role(s: Session, group_id: str, role: str, member_id: str | None) -> None:
    if role not in MEMBER_ROLE:
        raise ValidationError([Problem("role", "Pilih peran anggota.")])
    if role in OFFICER_ROLES:
        holder = _officer_holder(s, group_id, role, member_id)
        if holder:
            raise ValidationError([Problem(
                "role", "{role} kelompok ini masih {name}; ubah dulu peran {name} menjadi "
                        "anggota.", {"role": MEMBER_ROLE[role], "name": holder})])


def add_member(ctx: ServiceContext, group_id: str, person_id: str, *, joined_on: date,
               role: str = "anggota") -> Change:
    """Enrol a registered person; a person is an active member of a group once at a time."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        group = load(s, BusinessGroup, group_id)
        person = load(s, Person, person_id)
        problems: list[Problem] = []
        if joined_on > ctx.today():
            problems.append(Problem("joined_on", "Tanggal masuk tidak boleh di masa depan."))
        if joined_on < group.founded_on:
            problems.append(Problem("joined_on", "Tanggal masuk tidak boleh sebelum kelompok "
                                                 "berdiri ({day}).",
                                    {"day": short_date(group.founded_on)}))
        already = s.scalar(select(func.count()).select_from(GroupMember).where(
            GroupMember.group_id == group_id, GroupMember.person_id == person_id,
            GroupMember.left_on.is_(None), GroupMember.deleted_at.is_(None)))
        if already:
            problems.append(Problem("person_id", "{name} sudah menjadi anggota kelompok ini.",
                                    {"name": person.full_name}))
        if problems:
            raise ValidationError(problems)
        _check_role(s, group_id, role, None)
        number = (s.scalar(select(func.max(GroupMember.member_no))
                           .where(GroupMember.group_id == group_id)) or 0) + 1
        member = stamp_new(ctx, GroupMember(group_id=group_id, person_id=person_id,
                                            member_no=number, role=role, joined_on=joined_on))
        s.add(member)
        s.flush()
        return Change("group_member", (member.id,), "created")


def set_member_role(ctx: ServiceContext, member_id: str, role: str) -> Change:
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        member = load(s, GroupMember, member_id)
        if member.left_on is not None:
            raise ValidationError([Problem("role", "Anggota ini sudah keluar dari kelompok.")])
        _check_role(s, member.group_id, role, member.id)
        member.role = role
        touch(ctx, member)
        return Change("group_member", (member.id,), "updated")


def member_savings_total(s: Session, member_id: str) -> int:
    """All savings of a member still held by the group (deposits minus withdrawals)."""
    return int(s.scalar(select(func.sum(signed_amount())).where(
        CashEntry.member_id == member_id, CashEntry.category.in_(SAVINGS_KINDS))) or 0)


def member_leaves(ctx: ServiceContext, member_id: str, *, left_on: date) -> Change:
    """Record that a member left; their savings must be paid out and loans settled first."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        member = load(s, GroupMember, member_id)
        problems: list[Problem] = []
        if member.left_on is not None:
            problems.append(Problem("left_on", "Anggota ini sudah keluar dari kelompok."))
        if left_on < member.joined_on:
            problems.append(Problem("left_on", "Tanggal keluar tidak boleh sebelum tanggal "
                                               "masuk ({day}).",
                                    {"day": short_date(member.joined_on)}))
        if left_on > ctx.today():
            problems.append(Problem("left_on", "Tanggal keluar tidak boleh di masa depan."))
        last_line = s.scalar(select(func.max(CashEntry.entry_date))
                             .where(CashEntry.member_id == member_id))
        if last_line is not None and left_on < last_line:
            problems.append(Problem("left_on", "Buku kas mencatat anggota ini sampai {day}; "
                                               "tanggal keluar tidak boleh sebelumnya.",
                                    {"day": short_date(last_line)}))
        running = s.scalar(select(func.count()).select_from(Loan).where(
            Loan.member_id == member_id, Loan.status == "berjalan", Loan.deleted_at.is_(None)))
        if running:
            problems.append(Problem(None, "Anggota masih mempunyai pinjaman berjalan; "
                                          "lunasi dulu pinjamannya."))
        savings = member_savings_total(s, member_id)
        if savings > 0:
            problems.append(Problem(None, "Simpanan anggota masih {amount}; catat dulu "
                                          "pengembalian simpanannya.",
                                    {"amount": rupiah(savings)}))
        if problems:
            raise ValidationError(problems)
        member.left_on = left_on
        if member.role != "anggota":
            member.role = "anggota"
        touch(ctx, member)
        return Change("group_member", (member.id,), "updated")
