"""Early-warning reports (laporan peringatan dini): a calo, a dubious offer, a risky departure.

Neighbours tell the post what they saw before anything has gone wrong; the
report keeps what was seen, who recruits, the residents at risk and what the
post did about it. When it turns out to be a real problem it becomes a case
(``make_case``), which keeps a link back to the report so the story of the
case starts where the village first noticed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desa_desktop.db.case_models import CaseFile, WarningPerson, WarningReport
from desa_desktop.db.models import Person, Placement
from desa_desktop.domain.case_reference import WARNING_ACTION, WARNING_KIND
from desa_desktop.domain.phone import PhoneError, normalise_phone
from desa_desktop.services import numbering
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.records import load, revive, stamp_new, tombstone, touch

#: Running-number series of the reports: PD-2026-0007.
SERIES = "PD"

#: What a recruiter's number may hold when it is not an Indonesian mobile
#: (calo often use foreign or landline numbers; keep them as typed).
_OTHER_PHONE = re.compile(r"^\+?[0-9][0-9 .()\-]{4,19}$")


@dataclass(frozen=True)
class WarningInput:
    report_date: date
    kind: str  # WARNING_KIND
    what_seen: str
    reporter_name: str = ""
    recruiter_name: str = ""
    recruiter_phone: str = ""
    recruiter_details: str = ""
    actions: tuple[str, ...] = ()  # WARNING_ACTION
    action_notes: str = ""
    person_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class WarningView:
    id: str
    number: str
    data: WarningInput
    persons: tuple[tuple[str, str], ...]  # (person_id, full_name)
    case_id: str | None
    case_number: str


def _phone(text: str) -> str:
    """An Indonesian mobile in E.164; a foreign number (+60..., 60...) kept as typed."""
    try:
        return normalise_phone(text)
    except PhoneError:
        cleaned = " ".join(text.split())
        indonesian = cleaned.startswith(("0", "+62", "62"))
        if _OTHER_PHONE.match(cleaned) and not indonesian:
            return cleaned
        raise


def _validate(s: Session, data: WarningInput, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if data.report_date > today:
        problems.append(Problem("report_date", "Tanggal laporan tidak boleh di masa depan."))
    if data.kind not in WARNING_KIND:
        problems.append(Problem("kind", "Pilih jenis laporan."))
    if not data.what_seen.strip():
        problems.append(Problem("what_seen", "Tuliskan apa yang dilihat atau didengar."))
    if data.recruiter_phone.strip():
        try:
            _phone(data.recruiter_phone)
        except PhoneError:
            problems.append(Problem(
                "recruiter_phone", "Nomor telepon perekrut tidak dikenali; ketik nomor HP "
                "(0812 3456 7890) atau nomor luar negeri dengan kode negaranya (+60...)."))
    unknown = [a for a in data.actions if a not in WARNING_ACTION]
    if unknown:
        problems.append(Problem("actions", "Tindakan tidak dikenal: {actions}.",
                                {"actions": ", ".join(unknown)}))
    ids = set(data.person_ids)
    if ids:
        found = set(s.scalars(select(Person.id).where(Person.id.in_(ids),
                                                      Person.deleted_at.is_(None))))
        if ids - found:
            problems.append(Problem("person_ids",
                                    "Warga yang disebut tidak ditemukan; mungkin sudah dihapus."))
    return problems


def _values(data: WarningInput) -> dict:
    chosen = set(data.actions)
    return {
        "report_date": data.report_date, "kind": data.kind,
        "what_seen": data.what_seen.strip(), "reporter_name": data.reporter_name.strip(),
        "recruiter_name": data.recruiter_name.strip(),
        "recruiter_phone": _phone(data.recruiter_phone) if data.recruiter_phone.strip() else "",
        "recruiter_details": data.recruiter_details.strip(),
        "actions": [a for a in WARNING_ACTION if a in chosen],
        "action_notes": data.action_notes.strip(),
    }


def _set_persons(ctx: ServiceContext, s: Session, report_id: str,
                 person_ids: tuple[str, ...]) -> None:
    """Link exactly these persons: unlinked ones are tombstoned, new ones added."""
    wanted = list(dict.fromkeys(person_ids))
    links = s.scalars(select(WarningPerson).where(WarningPerson.report_id == report_id)).all()
    by_person = {link.person_id: link for link in links}
    for link in links:
        if link.deleted_at is None and link.person_id not in wanted:
            tombstone(ctx, link)
    for person_id in wanted:
        link = by_person.get(person_id)
        if link is None:
            s.add(stamp_new(ctx, WarningPerson(report_id=report_id, person_id=person_id)))
        elif link.deleted_at is not None:
            revive(ctx, link)


def create_report(ctx: ServiceContext, data: WarningInput) -> Change:
    """Record a report under the next number of its year (PD-2026-0007)."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        problems = _validate(s, data, ctx.today())
        if problems:
            raise ValidationError(problems)
        year = data.report_date.year
        number = numbering.case_number(SERIES, year, numbering.take_number(s, SERIES, year))
        report = stamp_new(ctx, WarningReport(number=number, **_values(data)))
        s.add(report)
        s.flush()
        _set_persons(ctx, s, report.id, data.person_ids)
        s.flush()
        return Change("warning_report", (report.id,), "created")


def update_report(ctx: ServiceContext, report_id: str, data: WarningInput) -> Change:
    """Correct a report; its number never changes, even if the date moves to another year."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        report = load(s, WarningReport, report_id)
        problems = _validate(s, data, ctx.today())
        if problems:
            raise ValidationError(problems)
        for key, value in _values(data).items():
            setattr(report, key, value)
        touch(ctx, report)
        _set_persons(ctx, s, report_id, data.person_ids)
        s.flush()
        return Change("warning_report", (report_id,), "updated")


def _set_deleted(ctx: ServiceContext, report_id: str, deleted: bool) -> Change:
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        report = load(s, WarningReport, report_id, live=deleted)
        (tombstone if deleted else revive)(ctx, report)
        return Change("warning_report", (report_id,), "deleted" if deleted else "restored")


def delete_report(ctx: ServiceContext, report_id: str) -> Change:
    """Move a report to the bin (a case made from it stays, with its link)."""
    return _set_deleted(ctx, report_id, True)


def restore_report(ctx: ServiceContext, report_id: str) -> Change:
    return _set_deleted(ctx, report_id, False)


def _case_of(s: Session, report: WarningReport) -> CaseFile | None:
    """The case made from the report: by the report's link, else by the case's own link
    (so a case whose report was not yet marked still counts)."""
    if report.case_id:
        case = s.get(CaseFile, report.case_id)
        if case is not None:
            return case
    return s.scalars(
        select(CaseFile).where(CaseFile.warning_report_id == report.id)
        .order_by(CaseFile.created_at)
    ).first()


def _view(s: Session, report: WarningReport) -> WarningView:
    people = s.execute(
        select(Person.id, Person.full_name)
        .join(WarningPerson, WarningPerson.person_id == Person.id)
        .where(WarningPerson.report_id == report.id, WarningPerson.deleted_at.is_(None))
        .order_by(Person.name_key, Person.id)
    ).all()
    case = _case_of(s, report)
    data = WarningInput(
        report.report_date, report.kind, report.what_seen, report.reporter_name,
        report.recruiter_name, report.recruiter_phone, report.recruiter_details,
        tuple(report.actions or ()), report.action_notes, tuple(pid for pid, _ in people),
    )
    return WarningView(report.id, report.number, data, tuple((pid, name) for pid, name in people),
                       case.id if case else None, case.number if case else "")


def get_report(ctx: ServiceContext, report_id: str) -> WarningView:
    with ctx.db.sessions() as s:
        return _view(s, load(s, WarningReport, report_id))


def list_reports(ctx: ServiceContext) -> list[WarningView]:
    """Every live report, newest first."""
    with ctx.db.sessions() as s:
        reports = s.scalars(
            select(WarningReport).where(WarningReport.deleted_at.is_(None))
            .order_by(WarningReport.report_date.desc(), WarningReport.number.desc())
        ).all()
        return [_view(s, r) for r in reports]


def _open_placement(s: Session, person_id: str) -> Placement | None:
    """The person's planned or current departure (newest live one not yet returned)."""
    rows = s.scalars(select(Placement).where(
        Placement.person_id == person_id, Placement.deleted_at.is_(None),
        Placement.return_date.is_(None))).all()
    return max(rows, key=lambda p: (p.departure_date or date.max, p.created_at), default=None)


def _description(view: WarningView) -> str:
    """What was seen, then who recruits: the case starts with the village's own account."""
    data = view.data
    parts = [f"Dari laporan peringatan dini {view.number}.", data.what_seen]
    recruiter = ", ".join(x for x in (data.recruiter_name, data.recruiter_phone) if x)
    if recruiter or data.recruiter_details:
        parts.append("\n".join(x for x in (f"Perekrut: {recruiter}" if recruiter else "",
                                           data.recruiter_details) if x))
    return "\n\n".join(parts)


def make_case(ctx: ServiceContext, report_id: str, types: tuple[str, ...]) -> Change:
    """Open a case from a report: its persons (as korban), what was seen, the recruiter.

    ``cases.create_case`` runs its own transaction, so the report is marked
    right after it; should that second step ever fail, the case's own
    ``warning_report_id`` still ties the two and a second case is refused.
    """
    from desa_desktop.services import cases  # written in parallel; imported when used

    ctx.require_editor()
    with ctx.db.sessions() as s:
        report = load(s, WarningReport, report_id)
        view = _view(s, report)
        if view.case_id:
            raise ValidationError([Problem(
                None, "Laporan ini sudah dijadikan kasus {number}.",
                {"number": view.case_number})])
        if not view.persons:
            raise ValidationError([Problem(
                "person_ids", "Sebutkan dulu warga yang bersangkutan di laporan ini "
                "sebelum dijadikan kasus.")])
        placements = {pid: _open_placement(s, pid) for pid, _ in view.persons}
    countries = [p.country for p in placements.values() if p is not None]
    data = cases.CaseInput(
        types=tuple(types), reported_on=ctx.today(),
        persons=tuple(cases.CasePersonInput(pid, p.id if p else None, "korban")
                      for pid, p in placements.items()),
        reporter_name=view.data.reporter_name, channel="lainnya",
        country=countries[0] if countries else "", description=_description(view),
    )
    change = cases.create_case(ctx, data, warning_report_id=report_id)
    case_id = change.ids[0]
    with ctx.db.sessions.begin() as s:
        report = load(s, WarningReport, report_id, live=False)
        report.case_id = case_id
        touch(ctx, report)
    return Change("case", (case_id,), "created")
