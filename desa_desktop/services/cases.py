"""Case files (kasus / pengaduan): a family reports a problem, the post follows it up.

A case gets a number that never repeats (``KS-2026-0042``), the persons it
concerns (each with the departure it is about), a workflow status whose moves
are fixed in ``domain.case_workflow``, consent for referral and data sharing,
and a timeline that says who did what. Trafficking and sexual-violence cases,
and any case an officer marks, are confidential: only the assigned officer
and the admin read them; everyone else sees that they exist and nothing more
(``case_access``). The reads and the shapes they return live in
``services.case_views`` and are re-exported here.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desa_desktop.db.case_models import CaseFile, CasePerson, WarningReport
from desa_desktop.db.models import Officer, Person, Placement
from desa_desktop.domain import case_workflow
from desa_desktop.domain.case_reference import (
    CASE_PERSON_ROLE,
    CASE_TYPES,
    CHANNEL,
    PRIORITY,
    REPORTER_RELATION,
)
from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.names import clean_name
from desa_desktop.domain.phone import PhoneError, normalise_phone
from desa_desktop.domain.reference import COUNTRIES
from desa_desktop.services import case_access, numbering
from desa_desktop.services.case_timeline import load_case, log_entry
from desa_desktop.services.case_views import (
    ActionView,
    AttachmentView,
    CaseDetail,
    CaseInput,
    CasePersonInput,
    CasePersonView,
    CaseSummary,
    FollowUpView,
    case_title,
    cases_for_person,
    get_case,
    list_cases,
)
from desa_desktop.services.context import EDITOR_ROLES, Change, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.records import revive, stamp_new, tombstone, touch

__all__ = [
    "ActionView", "AttachmentView", "CaseDetail", "CaseInput", "CasePersonInput",
    "CasePersonView", "CaseSummary", "FollowUpView", "assign_case", "case_title",
    "cases_for_person", "change_status", "consent_allows_referral", "create_case",
    "delete_case", "get_case", "list_cases", "officer_problem", "record_consent",
    "reopen_case", "restore_case", "set_confidential", "update_case",
]

SERIES = "KS"


def officer_problem(s: Session, officer_id: str | None, field: str) -> Problem | None:
    """A case (or follow-up) is handled by an active officer or admin, not the village head."""
    officer = s.get(Officer, officer_id) if officer_id else None
    if officer is None or not officer.active or officer.role not in EDITOR_ROLES:
        return Problem(field, "Pilih petugas atau admin yang masih aktif.")
    return None


def _person_problems(s: Session, persons: tuple[CasePersonInput, ...]) -> list[Problem]:
    if not persons:
        return [Problem("persons", "Pilih minimal satu orang yang bersangkutan.")]
    problems: list[Problem] = []
    ids = [p.person_id for p in persons]
    if len(set(ids)) != len(ids):
        problems.append(Problem("persons", "Orang yang sama dipilih lebih dari sekali."))
    for item in persons:
        person = s.get(Person, item.person_id)
        if person is None or person.deleted_at is not None:
            problems.append(Problem("persons", "Orang yang dipilih tidak ditemukan; "
                                               "mungkin sudah dihapus."))
            continue
        if item.role not in CASE_PERSON_ROLE:
            problems.append(Problem("persons", "Pilihan tidak dikenal."))
        if item.placement_id is not None:
            placement = s.get(Placement, item.placement_id)
            if (placement is None or placement.deleted_at is not None
                    or placement.person_id != person.id):
                problems.append(Problem("persons", "Penempatan yang dipilih bukan milik {name}.",
                                        {"name": person.full_name}))
    return problems


def _validate(s: Session, ctx: ServiceContext, data: CaseInput,
              officer_id: str | None) -> tuple[list[Problem], str]:
    """Every problem of the form at once, and the phone number in E.164."""
    problems: list[Problem] = []
    if not data.types:
        problems.append(Problem("types", "Pilih minimal satu jenis kasus."))
    unknown = [t for t in data.types if t not in CASE_TYPES]
    if unknown:
        problems.append(Problem("types", "Jenis kasus tidak dikenal: {codes}.",
                                {"codes": ", ".join(unknown)}))
    problems += _person_problems(s, data.persons)
    if data.reported_on > ctx.today():
        problems.append(Problem("reported_on", "Tanggal laporan tidak boleh di masa depan."))
    for key, allowed in (("priority", PRIORITY), ("channel", CHANNEL)):
        if getattr(data, key) not in allowed:
            problems.append(Problem(key, "Pilihan tidak dikenal."))
    if data.reporter_relation and data.reporter_relation not in REPORTER_RELATION:
        problems.append(Problem("reporter_relation", "Pilihan tidak dikenal."))
    if data.country and data.country not in COUNTRIES:
        problems.append(Problem("country", "Negara tidak dikenal: {code}.",
                                {"code": data.country}))
    phone = ""
    try:
        phone = normalise_phone(data.reporter_phone)
    except PhoneError as err:
        problems.append(Problem("reporter_phone", err.template, dict(err.params)))
    officer = officer_problem(s, officer_id, "assigned_officer_id")
    if officer is not None:
        problems.append(officer)
    return problems, phone


def _values(data: CaseInput, phone: str, officer_id: str | None) -> dict:
    types = [t for t in CASE_TYPES if t in set(data.types)]
    return {
        "types": types, "reported_on": data.reported_on,
        "reporter_name": clean_name(data.reporter_name),
        "reporter_relation": data.reporter_relation, "reporter_phone": phone,
        "channel": data.channel, "country": data.country, "employer": data.employer.strip(),
        "description": data.description.strip(), "priority": data.priority,
        "assigned_officer_id": officer_id, "marked_confidential": data.marked_confidential,
        "confidential": case_access.is_confidential(types, data.marked_confidential),
    }


def _sync_persons(s: Session, ctx: ServiceContext, case_id: str,
                  persons: tuple[CasePersonInput, ...]) -> None:
    """Make the case's live person rows match the form (tombstones for the removed)."""
    current = {cp.person_id: cp for cp in s.scalars(select(CasePerson).where(
        CasePerson.case_id == case_id, CasePerson.deleted_at.is_(None)))}
    for item in persons:
        row = current.pop(item.person_id, None)
        if row is None:
            s.add(stamp_new(ctx, CasePerson(case_id=case_id, person_id=item.person_id,
                                            placement_id=item.placement_id, role=item.role)))
        elif (row.placement_id, row.role) != (item.placement_id, item.role):
            row.placement_id, row.role = item.placement_id, item.role
            touch(ctx, row)
    for row in current.values():
        tombstone(ctx, row)


def create_case(ctx: ServiceContext, data: CaseInput, *,
                warning_report_id: str | None = None) -> Change:
    """Record a new case; its number is taken in the same transaction."""
    ctx.require_editor()
    officer_id = data.assigned_officer_id or ctx.officer_id
    with ctx.db.sessions.begin() as s:
        problems, phone = _validate(s, ctx, data, officer_id)
        if warning_report_id is not None:
            report = s.get(WarningReport, warning_report_id)
            if report is None or report.deleted_at is not None:
                problems.append(Problem(None, "Data tidak ditemukan; mungkin sudah dihapus."))
        if problems:
            raise ValidationError(problems)
        year = data.reported_on.year
        number = numbering.case_number(SERIES, year, numbering.take_number(s, SERIES, year))
        case = stamp_new(ctx, CaseFile(number=number, status=case_workflow.INITIAL_STATUS,
                                       warning_report_id=warning_report_id,
                                       **_values(data, phone, officer_id)))
        s.add(case)
        s.flush()
        _sync_persons(s, ctx, case.id, data.persons)
        log_entry(s, ctx, case.id, "Kasus dicatat", on=data.reported_on)
        s.flush()
        return Change("case", (case.id,), "created")


def update_case(ctx: ServiceContext, case_id: str, data: CaseInput) -> Change:
    """Correct the form of a case; confidentiality follows the new types and mark."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        case = load_case(s, ctx, case_id)
        officer_id = data.assigned_officer_id or case.assigned_officer_id or ctx.officer_id
        problems, phone = _validate(s, ctx, data, officer_id)
        if problems:
            raise ValidationError(problems)
        for key, value in _values(data, phone, officer_id).items():
            setattr(case, key, value)
        touch(ctx, case)
        _sync_persons(s, ctx, case_id, data.persons)
        return Change("case", (case_id,), "updated")


def change_status(ctx: ServiceContext, case_id: str, new_status: str, *, outcome: str = "",
                  closing_reason: str = "", note: str = "") -> Change:
    """Move the case along its workflow, with a timeline entry saying from what to what."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        case = load_case(s, ctx, case_id)
        try:
            case_workflow.check_transition(case.status, new_status)
        except DomainError as err:
            raise ValidationError([Problem.of(err)]) from None
        problems = []
        if new_status == "selesai" and not outcome.strip():
            problems.append(Problem("outcome", "Isi hasil penanganan sebelum kasus "
                                               "dinyatakan selesai."))
        if new_status == "ditutup" and not closing_reason.strip():
            problems.append(Problem("closing_reason", "Isi alasan kasus ditutup."))
        if problems:
            raise ValidationError(problems)
        lines = [f"Status: {case_workflow.status_label(case.status)} \u2192 "
                 f"{case_workflow.status_label(new_status)}"]
        if new_status == "selesai":
            case.outcome = outcome.strip()
            lines.append(f"Hasil: {case.outcome}")
        if new_status == "ditutup":
            case.closing_reason = closing_reason.strip()
            lines.append(f"Alasan: {case.closing_reason}")
        if note.strip():
            lines.append(note.strip())
        case.status = new_status
        touch(ctx, case)
        log_entry(s, ctx, case_id, "\n".join(lines))
        return Change("case", (case_id,), "updated")


def reopen_case(ctx: ServiceContext, case_id: str, reason: str) -> Change:
    """Open a resolved or closed case again (back to in handling), saying why."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        case = load_case(s, ctx, case_id)
        if not case_workflow.can_reopen(case.status):
            raise ValidationError([Problem(
                "status", "Kasus berstatus \u201c{status}\u201d tidak perlu dibuka kembali; "
                          "hanya kasus yang selesai atau ditutup.",
                {"status": case_workflow.status_label(case.status)})])
        if not reason.strip():
            raise ValidationError([Problem("reason", "Isi alasan kasus dibuka kembali.")])
        old = case.status
        case.status = case_workflow.REOPEN_STATUS
        case.outcome = case.closing_reason = ""  # kept in the timeline entry of the close
        touch(ctx, case)
        log_entry(s, ctx, case_id, "\n".join((
            f"Kasus dibuka kembali. Status: {case_workflow.status_label(old)} \u2192 "
            f"{case_workflow.status_label(case.status)}",
            f"Alasan: {reason.strip()}")))
        return Change("case", (case_id,), "updated")


def _yes_no(value: bool) -> str:
    return "ya" if value else "tidak"


def record_consent(ctx: ServiceContext, case_id: str, *, referral: bool, data_sharing: bool,
                   given_by: str, on: date) -> Change:
    """Record the consent to refer the case and to share its data (UU 27/2022)."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        case = load_case(s, ctx, case_id)
        problems = []
        if not clean_name(given_by):
            problems.append(Problem("consent_given_by",
                                    "Isi nama orang yang memberi persetujuan."))
        if on > ctx.today():
            problems.append(Problem("consent_on",
                                    "Tanggal persetujuan tidak boleh di masa depan."))
        if problems:
            raise ValidationError(problems)
        case.consent_referral, case.consent_data_sharing = referral, data_sharing
        case.consent_given_by, case.consent_on = clean_name(given_by), on
        touch(ctx, case)
        log_entry(s, ctx, case_id, (f"Persetujuan dicatat (oleh {case.consent_given_by}): "
                                    f"rujukan {_yes_no(referral)}, "
                                    f"berbagi data {_yes_no(data_sharing)}"), on=on)
        return Change("case", (case_id,), "updated")


def consent_allows_referral(case: CaseFile) -> bool:
    """Both consents given: only then may the case (and its data) go to an institution."""
    return case.consent_referral is True and case.consent_data_sharing is True


def set_confidential(ctx: ServiceContext, case_id: str, marked: bool) -> Change:
    """Mark (or unmark) a case confidential; confidential types stay confidential."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        case = load_case(s, ctx, case_id)
        case.marked_confidential = marked
        case.confidential = case_access.is_confidential(case.types, marked)
        touch(ctx, case)
        summary = ("Kasus ditandai rahasia" if marked else
                   "Tanda rahasia dicabut; kasus tetap rahasia karena jenis kasusnya"
                   if case.confidential else "Tanda rahasia dicabut")
        log_entry(s, ctx, case_id, summary)
        return Change("case", (case_id,), "updated")


def assign_case(ctx: ServiceContext, case_id: str, officer_id: str) -> Change:
    """Hand the case to another officer (who then reads it, confidential or not)."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        case = load_case(s, ctx, case_id)
        problem = officer_problem(s, officer_id, "assigned_officer_id")
        if problem is not None:
            raise ValidationError([problem])
        case.assigned_officer_id = officer_id
        touch(ctx, case)
        log_entry(s, ctx, case_id,
                  f"Petugas yang menangani: {s.get(Officer, officer_id).full_name}")
        return Change("case", (case_id,), "updated")


def _set_deleted(ctx: ServiceContext, case_id: str, deleted: bool) -> Change:
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        case = load_case(s, ctx, case_id, live=deleted)
        (tombstone if deleted else revive)(ctx, case)
        return Change("case", (case_id,), "deleted" if deleted else "restored")


def delete_case(ctx: ServiceContext, case_id: str) -> Change:
    return _set_deleted(ctx, case_id, True)


def restore_case(ctx: ServiceContext, case_id: str) -> Change:
    return _set_deleted(ctx, case_id, False)


# --- reading -----------------------------------------------------------------------------
