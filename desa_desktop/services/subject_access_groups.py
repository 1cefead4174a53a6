"""The person's business groups and activities, for the data-subject printout.

``subject_access.gather_person_data`` (which checks that an officer is
reading) calls these: the groups the person is or was a member of, with
their savings and loans as the group's book holds them (through the same
``savings`` and ``loans`` services as the passbook, so the figures agree),
and the activities whose attendance list names them.

Labels leave as Indonesian text and dates as ``short_date`` text; money
stays whole Rupiah (``int``) for the report to write with ``rupiah``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desa_desktop.db.ledger_models import Activity, ActivityAttendee, BusinessGroup, GroupMember
from desa_desktop.domain.formatting import short_date
from desa_desktop.domain.ledger_reference import (
    ACTIVITY_KIND,
    CATEGORY,
    GROUP_KIND,
    LOAN_STATUS,
    MEMBER_ROLE,
    PRESENCE,
    SAVINGS_KINDS,
)
from desa_desktop.services import loans, savings
from desa_desktop.services.context import ServiceContext

#: A person on the list of a meeting still to come: nobody could tick them yet.
INVITED = "Diundang"


@dataclass(frozen=True)
class LoanLine:
    """One loan of the member, as it stands today (money in whole Rupiah)."""

    number: int
    disbursed_on: str
    principal: int
    outstanding_principal: int
    status: str  # label: Berjalan, Lunas, Dibatalkan
    arrears: int  # amount overdue, 0 when up to date
    days_late: int


@dataclass(frozen=True)
class MembershipBlock:
    """One membership of a business group, with the member's savings and loans."""

    group_name: str
    group_kind: str  # label
    member_no: int
    role: str  # label
    joined_on: str
    left_on: str  # empty while still a member
    savings: tuple[tuple[str, int], ...]  # (kind label, balance), pokok, wajib, sukarela
    savings_total: int
    loans: tuple[LoanLine, ...]


@dataclass(frozen=True)
class ActivityLine:
    """One activity the person was on the list of."""

    activity_date: str
    kind: str  # label
    topic: str
    attendance: str  # Hadir, Tidak hadir, Belum dicatat (Diundang before the day)
    in_bin: bool = False  # the activity was deleted (still held, so still shown)


def _loan(view: loans.LoanView) -> LoanLine:
    return LoanLine(view.no, short_date(view.disbursed_on), view.principal,
                    view.outstanding_principal, LOAN_STATUS.get(view.status, view.status),
                    view.arrears.amount_overdue, view.arrears.days_late)


def group_memberships(ctx: ServiceContext, person_id: str) -> tuple[MembershipBlock, ...]:
    """Every membership of the person (left groups too), oldest first."""
    with ctx.db.sessions() as s:
        rows = s.execute(
            select(GroupMember, BusinessGroup)
            .join(BusinessGroup, BusinessGroup.id == GroupMember.group_id)
            .where(GroupMember.person_id == person_id, GroupMember.deleted_at.is_(None))
            .order_by(GroupMember.joined_on, BusinessGroup.name)).all()
        found = [(m.id, m.member_no, m.role, m.joined_on, m.left_on, g.name, g.kind)
                 for m, g in rows]
    blocks = []
    for member_id, member_no, role, joined_on, left_on, name, kind in found:
        held = savings.member_savings(ctx, member_id)
        blocks.append(MembershipBlock(
            group_name=name, group_kind=GROUP_KIND.get(kind, kind), member_no=member_no,
            role=MEMBER_ROLE.get(role, role), joined_on=short_date(joined_on),
            left_on=short_date(left_on),
            savings=tuple((CATEGORY[k], held[k]) for k in SAVINGS_KINDS),
            savings_total=sum(held.values()),
            loans=tuple(_loan(v) for v in loans.member_loans(ctx, member_id))))
    return tuple(blocks)


def attended_activities(ctx: ServiceContext, person_id: str) -> tuple[ActivityLine, ...]:
    """Activities whose list names the person (rows taken off a list left out), newest first."""
    today = ctx.today()
    with ctx.db.sessions() as s:
        rows = s.execute(
            select(Activity, ActivityAttendee.present)
            .join(ActivityAttendee, ActivityAttendee.activity_id == Activity.id)
            .where(ActivityAttendee.person_id == person_id,
                   ActivityAttendee.deleted_at.is_(None))
            .order_by(Activity.activity_date.desc(), Activity.start_time.desc())).all()
        return tuple(
            ActivityLine(
                activity_date=short_date(a.activity_date),
                kind=ACTIVITY_KIND.get(a.kind, a.kind), topic=a.topic,
                attendance=(INVITED if present is None and a.activity_date > today
                            else PRESENCE[present]),
                in_bin=a.deleted_at is not None)
            for a, present in rows)
