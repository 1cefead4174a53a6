"""Reading case files: the shapes the screens get, and the reads behind them.

Kept apart from ``services.cases`` (the rules for changes) so each file stays
readable; ``services.cases`` re-exports everything here, so callers import
from there. Lists show that a confidential case exists (number, status,
dates) and redact the rest; opening one refuses unless the caller may read
it (``case_access``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desa_desktop.db.case_models import CaseAction, CaseAttachment, CaseFile, CasePerson, FollowUp
from desa_desktop.db.models import Officer, Person, Placement
from desa_desktop.domain import case_workflow
from desa_desktop.domain.case_reference import OPEN_STATUSES
from desa_desktop.domain.names import name_key
from desa_desktop.services import case_access
from desa_desktop.services.case_timeline import load_case
from desa_desktop.services.context import ServiceContext


@dataclass(frozen=True)
class CasePersonInput:
    person_id: str
    placement_id: str | None = None
    role: str = "korban"


@dataclass(frozen=True)
class CaseInput:
    types: tuple[str, ...]
    reported_on: date
    persons: tuple[CasePersonInput, ...] = ()
    reporter_name: str = ""
    reporter_relation: str = ""
    reporter_phone: str = ""
    channel: str = "datang"
    country: str = ""
    employer: str = ""
    description: str = ""
    priority: str = "sedang"
    assigned_officer_id: str | None = None  # None: the current officer (on update: unchanged)
    marked_confidential: bool = False


@dataclass(frozen=True)
class CasePersonView:
    person_id: str
    placement_id: str | None
    role: str
    full_name: str
    nik: str | None
    status: str
    country: str


@dataclass(frozen=True)
class ActionView:
    id: str
    action_date: date
    kind: str
    summary: str
    officer_name: str
    typed_at: datetime


@dataclass(frozen=True)
class AttachmentView:
    id: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    description: str
    added_at: datetime


@dataclass(frozen=True)
class FollowUpView:
    id: str
    due_date: date
    note: str
    assigned_officer_name: str
    done_on: date | None


@dataclass(frozen=True)
class CaseSummary:
    id: str
    number: str
    status: str
    priority: str
    reported_on: date
    types: tuple[str, ...]
    confidential: bool
    readable: bool
    title: str
    assigned_officer_name: str
    next_due: date | None


@dataclass(frozen=True)
class CaseDetail:
    id: str
    number: str
    status: str
    data: CaseInput
    confidential: bool
    persons: tuple[CasePersonView, ...]
    actions: tuple[ActionView, ...]
    attachments: tuple[AttachmentView, ...]
    follow_ups: tuple[FollowUpView, ...]
    outcome: str
    closing_reason: str
    consent_referral: bool | None
    consent_data_sharing: bool | None
    consent_given_by: str
    consent_on: date | None
    assigned_officer_name: str
    allowed_transitions: tuple[str, ...]
    can_reopen: bool
    warning_report_id: str | None


def _officer_names(s: Session, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = s.execute(select(Officer.id, Officer.full_name).where(Officer.id.in_(wanted)))
    return {officer_id: name for officer_id, name in rows}


def persons_of(s: Session, case_ids: list[str]) -> dict[str, list[CasePersonView]]:
    """The persons of each case, those concerned first (also for the due-list titles).

    A person deleted from the registry after the case was recorded stays on it:
    the case is about them whatever happened to the registry entry."""
    rows = s.execute(
        select(CasePerson, Person, Placement.country)
        .join(Person, Person.id == CasePerson.person_id)
        .outerjoin(Placement, Placement.id == CasePerson.placement_id)
        .where(CasePerson.case_id.in_(case_ids), CasePerson.deleted_at.is_(None))
    ).all()
    result: dict[str, list[CasePersonView]] = {}
    for cp, person, country in rows:
        result.setdefault(cp.case_id, []).append(CasePersonView(
            person.id, cp.placement_id, cp.role, person.full_name, person.nik,
            person.status, country or ""))
    for views in result.values():
        views.sort(key=lambda v: (v.role != "korban", v.full_name))
    return result


def _next_due(s: Session, case_ids: list[str]) -> dict[str, date]:
    return dict(s.execute(
        select(FollowUp.case_id, func.min(FollowUp.due_date))
        .where(FollowUp.case_id.in_(case_ids), FollowUp.done_on.is_(None),
               FollowUp.deleted_at.is_(None))
        .group_by(FollowUp.case_id)).all())


def case_title(persons: Iterable[CasePersonView]) -> str:
    """What a list shows for a case: the names of the persons it concerns."""
    return ", ".join(p.full_name for p in persons)


def _summaries(ctx: ServiceContext, s: Session, cases: list[CaseFile]) -> list[CaseSummary]:
    """List rows, redacted where the caller may not read; newest first."""
    ids = [c.id for c in cases]
    persons, due = persons_of(s, ids), _next_due(s, ids)
    names = _officer_names(s, (c.assigned_officer_id for c in cases))
    rows = []
    for c in cases:
        readable = case_access.can_read(ctx, c)
        rows.append(CaseSummary(
            c.id, c.number, c.status, c.priority, c.reported_on,
            tuple(c.types) if readable else (), c.confidential, readable,
            case_title(persons.get(c.id, [])) if readable else case_access.REDACTED,
            names.get(c.assigned_officer_id or "", ""), due.get(c.id)))
    rows.sort(key=lambda r: (r.reported_on, r.number), reverse=True)
    return rows


def list_cases(ctx: ServiceContext, *, status: str | None = None, open_only: bool = False,
               text: str = "") -> list[CaseSummary]:
    """Cases newest first; ``text`` matches the number, and names only where readable."""
    query = select(CaseFile).where(CaseFile.deleted_at.is_(None))
    if status is not None:
        query = query.where(CaseFile.status == status)
    if open_only:
        query = query.where(CaseFile.status.in_(OPEN_STATUSES))
    with ctx.db.sessions() as s:
        rows = _summaries(ctx, s, list(s.scalars(query)))
    needle, key = text.strip().lower(), name_key(text)
    if not needle:
        return rows
    # The title of an unreadable case is REDACTED, so names never match it.
    return [r for r in rows if needle in r.number.lower()
            or (r.readable and key and key in name_key(r.title))]


def cases_for_person(ctx: ServiceContext, person_id: str) -> list[CaseSummary]:
    """The cases a person is concerned by, newest first (redacted where unreadable)."""
    with ctx.db.sessions() as s:
        cases = s.scalars(
            select(CaseFile).join(CasePerson, CasePerson.case_id == CaseFile.id)
            .where(CasePerson.person_id == person_id, CasePerson.deleted_at.is_(None),
                   CaseFile.deleted_at.is_(None)).distinct()).all()
        return _summaries(ctx, s, list(cases))


def _detail_lists(s: Session, case_id: str) -> tuple[tuple[ActionView, ...],
                                                      tuple[AttachmentView, ...],
                                                      tuple[FollowUpView, ...]]:
    actions = s.execute(
        select(CaseAction, Officer.full_name)
        .outerjoin(Officer, Officer.id == CaseAction.officer_id)
        .where(CaseAction.case_id == case_id, CaseAction.deleted_at.is_(None))
        .order_by(CaseAction.action_date.desc(), CaseAction.created_at.desc())).all()
    attachments = s.scalars(
        select(CaseAttachment)
        .where(CaseAttachment.case_id == case_id, CaseAttachment.deleted_at.is_(None))
        .order_by(CaseAttachment.created_at)).all()
    follow_ups = s.execute(
        select(FollowUp, Officer.full_name)
        .outerjoin(Officer, Officer.id == FollowUp.assigned_officer_id)
        .where(FollowUp.case_id == case_id, FollowUp.deleted_at.is_(None))).all()
    follow_ups = sorted(follow_ups, key=lambda r: (r[0].done_on is not None, r[0].due_date))
    return (
        tuple(ActionView(a.id, a.action_date, a.kind, a.summary, name or "", a.created_at)
              for a, name in actions),
        tuple(AttachmentView(a.id, a.file_name, a.media_type, a.size, a.sha256,
                             a.description, a.created_at) for a in attachments),
        tuple(FollowUpView(f.id, f.due_date, f.note, name or "", f.done_on)
              for f, name in follow_ups),
    )


def get_case(ctx: ServiceContext, case_id: str) -> CaseDetail:
    """The whole case; PermissionDenied for a confidential case of someone else."""
    with ctx.db.sessions() as s:
        c = load_case(s, ctx, case_id)
        persons = tuple(persons_of(s, [case_id]).get(case_id, []))
        actions, attachments, follow_ups = _detail_lists(s, case_id)
        data = CaseInput(
            tuple(c.types), c.reported_on,
            tuple(CasePersonInput(p.person_id, p.placement_id, p.role) for p in persons),
            c.reporter_name, c.reporter_relation, c.reporter_phone, c.channel, c.country,
            c.employer, c.description, c.priority, c.assigned_officer_id,
            c.marked_confidential)
        officer = _officer_names(s, [c.assigned_officer_id]).get(c.assigned_officer_id or "", "")
        return CaseDetail(
            c.id, c.number, c.status, data, c.confidential, persons, actions, attachments,
            follow_ups, c.outcome, c.closing_reason, c.consent_referral,
            c.consent_data_sharing, c.consent_given_by, c.consent_on, officer,
            case_workflow.allowed_transitions(c.status), case_workflow.can_reopen(c.status),
            c.warning_report_id)

