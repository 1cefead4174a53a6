"""Outreach visits (pendataan / penjangkauan) to households.

How the data was collected is kept with each visit, and the moment it was
typed is kept by the record itself (``created_at``), so data entered long
after the fact, or second-hand, stays visible as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

from desa_desktop.db.models import Household, Officer, Visit
from desa_desktop.domain.reference import COLLECTION_METHOD, VISIT_KIND, VISIT_OUTCOME
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.records import load, revive, stamp_new, tombstone

#: A visit typed this many days after it happened is shown as back-entered.
BACK_ENTRY_DAYS = 7


@dataclass(frozen=True)
class VisitInput:
    visit_date: date
    outcome: str
    kind: str = "pendataan"
    follow_up_date: date | None = None
    collection_method: str = "langsung"
    notes: str = ""
    officer_id: str | None = None  # defaults to the logged-in officer


@dataclass(frozen=True)
class VisitView:
    id: str
    household_id: str
    visit_date: date
    kind: str
    outcome: str
    follow_up_date: date | None
    collection_method: str
    notes: str
    officer_name: str
    typed_at: datetime

    @property
    def back_entered(self) -> bool:
        """Typed a week or more after the visit: the list marks it."""
        typed_local = self.typed_at.replace(tzinfo=UTC).astimezone().date()
        return (typed_local - self.visit_date).days >= BACK_ENTRY_DAYS


def _validate(data: VisitInput, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if data.visit_date > today:
        problems.append(Problem("visit_date", "Tanggal kunjungan tidak boleh di masa depan."))
    if data.outcome not in VISIT_OUTCOME:
        problems.append(Problem("outcome", "Pilih hasil kunjungan."))
    if data.kind not in VISIT_KIND:
        problems.append(Problem("kind", "Pilih jenis kunjungan."))
    if data.collection_method not in COLLECTION_METHOD:
        problems.append(Problem("collection_method", "Pilih cara pengumpulan data."))
    if data.outcome == "tidak_di_rumah" and data.follow_up_date is None:
        problems.append(Problem("follow_up_date",
                                "Isi tanggal kunjungan ulang bila warga tidak di rumah."))
    if data.follow_up_date and data.follow_up_date < data.visit_date:
        problems.append(Problem("follow_up_date",
                                "Tanggal kunjungan ulang harus sesudah tanggal kunjungan."))
    return problems


def add_visit(ctx: ServiceContext, household_id: str, data: VisitInput) -> Change:
    ctx.require_editor()
    problems = _validate(data, ctx.today())
    if problems:
        raise ValidationError(problems)
    with ctx.db.sessions.begin() as s:
        load(s, Household, household_id)
        visit = stamp_new(ctx, Visit(
            household_id=household_id, visit_date=data.visit_date, kind=data.kind,
            outcome=data.outcome, follow_up_date=data.follow_up_date,
            collection_method=data.collection_method, notes=data.notes.strip(),
            officer_id=data.officer_id or ctx.officer_id,
        ))
        s.add(visit)
        s.flush()
        return Change("visit", (visit.id, household_id), "created")


def delete_visit(ctx: ServiceContext, visit_id: str) -> Change:
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        visit = load(s, Visit, visit_id)
        tombstone(ctx, visit)
        return Change("visit", (visit_id, visit.household_id), "deleted")


def list_visits(ctx: ServiceContext, household_id: str) -> list[VisitView]:
    with ctx.db.sessions() as s:
        rows = s.execute(
            select(Visit, Officer.full_name)
            .outerjoin(Officer, Officer.id == Visit.officer_id)
            .where(Visit.household_id == household_id, Visit.deleted_at.is_(None))
            .order_by(Visit.visit_date.desc())
        ).all()
        return [
            VisitView(v.id, v.household_id, v.visit_date, v.kind, v.outcome, v.follow_up_date,
                      v.collection_method, v.notes, name or "", v.created_at)
            for v, name in rows
        ]


def restore_visit(ctx: ServiceContext, visit_id: str) -> Change:
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        visit = load(s, Visit, visit_id, live=False)
        revive(ctx, visit)
        return Change("visit", (visit_id, visit.household_id), "restored")
