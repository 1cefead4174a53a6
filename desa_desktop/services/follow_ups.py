"""Follow-ups: what must be done by which date, for a case or an early-warning report.

The start page lists what is due today or overdue, so a promised call back
to a family is not forgotten when the officer who promised it is away.
Follow-ups of a confidential case show up for the others too (the work must
still get done), but with the case content redacted (``case_access``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from desa_desktop.db.case_models import CaseFile, FollowUp, WarningReport
from desa_desktop.domain.case_reference import WARNING_KIND
from desa_desktop.services import case_access
from desa_desktop.services.case_timeline import load_case
from desa_desktop.services.case_views import case_title, persons_of
from desa_desktop.services.cases import officer_problem
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.records import load, stamp_new, touch


@dataclass(frozen=True)
class DueItem:
    id: str
    due_date: date
    note: str
    overdue: bool
    case_id: str | None
    case_number: str
    warning_report_id: str | None
    title: str  # case title or report number and kind; REDACTED for an unreadable case


def add_follow_up(ctx: ServiceContext, *, due_date: date, note: str, case_id: str | None = None,
                  warning_report_id: str | None = None,
                  assigned_officer_id: str | None = None) -> Change:
    """Plan a follow-up of a case or of an early-warning report (exactly one of them).

    Without ``assigned_officer_id`` a case's follow-up goes to the case's
    officer; a report's stays unassigned, so whoever is on duty sees it.
    """
    ctx.require_editor()
    if (case_id is None) == (warning_report_id is None):
        raise ValidationError([Problem(None, "Tindak lanjut harus untuk satu kasus atau satu "
                                             "laporan peringatan dini.")])
    with ctx.db.sessions.begin() as s:
        if case_id is not None:
            case = load_case(s, ctx, case_id)
            assigned_officer_id = assigned_officer_id or case.assigned_officer_id
        else:
            load(s, WarningReport, warning_report_id or "")
        problems = []
        if not note.strip():
            problems.append(Problem("note", "Isi apa yang harus ditindaklanjuti."))
        if due_date < ctx.today():
            problems.append(Problem("due_date",
                                    "Tanggal tindak lanjut tidak boleh sebelum hari ini."))
        if assigned_officer_id is not None:
            problem = officer_problem(s, assigned_officer_id, "assigned_officer_id")
            if problem is not None:
                problems.append(problem)
        if problems:
            raise ValidationError(problems)
        item = stamp_new(ctx, FollowUp(
            case_id=case_id, warning_report_id=warning_report_id, due_date=due_date,
            note=note.strip(), assigned_officer_id=assigned_officer_id))
        s.add(item)
        s.flush()
        return Change("follow_up", (item.id, case_id or warning_report_id or ""), "created")


def complete_follow_up(ctx: ServiceContext, follow_up_id: str,
                       done_on: date | None = None) -> Change:
    """Mark a follow-up done (today unless another day is given)."""
    ctx.require_editor()
    done_on = done_on or ctx.today()
    with ctx.db.sessions.begin() as s:
        item = load(s, FollowUp, follow_up_id)
        if item.case_id is not None:
            load_case(s, ctx, item.case_id)
        if done_on > ctx.today():
            raise ValidationError([Problem("done_on",
                                           "Tanggal selesai tidak boleh di masa depan.")])
        item.done_on = done_on
        touch(ctx, item)
        parent = item.case_id or item.warning_report_id or ""
        return Change("follow_up", (follow_up_id, parent), "updated")


def due_follow_ups(ctx: ServiceContext, today: date | None = None) -> list[DueItem]:
    """Open items due today or earlier, oldest first: the caller's and the unassigned
    ones (the admin sees all); items of deleted cases or reports are left out."""
    today = today or ctx.today()
    query = (
        select(FollowUp, CaseFile, WarningReport)
        .outerjoin(CaseFile, CaseFile.id == FollowUp.case_id)
        .outerjoin(WarningReport, WarningReport.id == FollowUp.warning_report_id)
        .where(FollowUp.done_on.is_(None), FollowUp.deleted_at.is_(None),
               FollowUp.due_date <= today,
               CaseFile.deleted_at.is_(None), WarningReport.deleted_at.is_(None))
        .order_by(FollowUp.due_date, FollowUp.created_at)
    )
    if ctx.officer is None or ctx.officer.role != "admin":
        query = query.where(or_(FollowUp.assigned_officer_id.is_(None),
                                FollowUp.assigned_officer_id == ctx.officer_id))
    items = []
    with ctx.db.sessions() as s:
        rows = s.execute(query).all()
        persons = persons_of(s, [c.id for _, c, _ in rows if c is not None])
        for item, case, report in rows:
            note, number, title = item.note, "", ""
            if case is not None:
                number = case.number
                if case_access.can_read(ctx, case):
                    title = case_title(persons.get(case.id, []))
                else:
                    note = title = case_access.REDACTED
            elif report is not None:
                title = f"{report.number} \u2013 {WARNING_KIND.get(report.kind, report.kind)}"
            items.append(DueItem(item.id, item.due_date, note, item.due_date < today,
                                 item.case_id, number, item.warning_report_id, title))
    return items
