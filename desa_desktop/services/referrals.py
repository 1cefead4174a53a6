"""Referrals: a case sent to an institution, and whether the institution answered.

The post cannot solve unpaid wages abroad or a trafficking case itself; it
refers. What matters afterwards is that no referral is forgotten: each has
an answer date, and a referral still "dikirim" after that date is flagged
overdue so the officer calls again. The person's data leaves the village
only with consent (UU 27/2022): both consents of the case, or a written
reason to override (e.g. a life in danger).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desa_desktop.db.case_models import CaseFile, Institution, Letter, Referral
from desa_desktop.domain import case_workflow
from desa_desktop.domain.case_reference import CASE_STATUS, OPEN_STATUSES, REFERRAL_STATUS
from desa_desktop.domain.formatting import short_date
from desa_desktop.services import case_access, cases
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.records import load, stamp_new, touch

#: Allowed moves of a referral's status. A late answer after "no response" is
#: still recorded (the institution did answer, only late).
TRANSITIONS: dict[str, frozenset[str]] = {
    "dikirim": frozenset({"diterima", "tidak_ada_tanggapan"}),
    "diterima": frozenset({"ditindaklanjuti", "tidak_ada_tanggapan"}),
    "tidak_ada_tanggapan": frozenset({"diterima", "ditindaklanjuti"}),
    "ditindaklanjuti": frozenset(),
}


@dataclass(frozen=True)
class ReferralView:
    id: str
    case_id: str
    institution_id: str
    institution_name: str
    referred_on: date
    reason: str
    status: str
    answer_due: date | None
    acknowledged_on: date | None
    acted_on: date | None
    response_notes: str
    overdue: bool  # still "dikirim" after answer_due
    letter_id: str | None
    letter_number: str  # newest issued (not voided) letter


def consent_ok(case: CaseFile, override: str) -> bool:
    """Both consents recorded, or a written reason to refer without them."""
    return cases.consent_allows_referral(case) or bool(override.strip())


CONSENT_MESSAGE = ("Rujukan memerlukan persetujuan rujukan dan persetujuan berbagi data "
                   "dari yang bersangkutan. Catat persetujuannya di berkas kasus, atau tulis "
                   "alasan merujuk tanpa persetujuan.")


def readable_case(ctx: ServiceContext, s: Session, case_id: str) -> CaseFile:
    """The case, if the caller may read it (confidential cases: assigned officer, admin)."""
    case = load(s, CaseFile, case_id)
    case_access.require_read(ctx, case)
    return case


def current_letter(s: Session, referral_id: str) -> Letter | None:
    """The referral's letter: the newest one with this referral that is not voided."""
    return s.scalars(
        select(Letter).where(Letter.referral_id == referral_id, Letter.status != "batal",
                             Letter.deleted_at.is_(None))
        .order_by(Letter.issued_on.desc(), Letter.created_at.desc())
    ).first()


def _view(s: Session, r: Referral, today: date) -> ReferralView:
    inst = s.get(Institution, r.institution_id)
    letter = current_letter(s, r.id)
    overdue = r.status == "dikirim" and r.answer_due is not None and today > r.answer_due
    return ReferralView(
        r.id, r.case_id, r.institution_id, inst.name if inst else "", r.referred_on, r.reason,
        r.status, r.answer_due, r.acknowledged_on, r.acted_on, r.response_notes, overdue,
        letter.id if letter else None, letter.number if letter else "")


def refer_case(ctx: ServiceContext, case_id: str, institution_id: str, *, referred_on: date,
               reason: str, answer_due: date | None = None,
               consent_override: str = "") -> Change:
    """Record a referral; the case moves to "dirujuk" when its workflow allows."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        case = readable_case(ctx, s, case_id)
        problems: list[Problem] = []
        inst = s.get(Institution, institution_id)
        if inst is None or inst.deleted_at is not None:
            problems.append(Problem("institution_id", "Pilih lembaga tujuan rujukan."))
        if not reason.strip():
            problems.append(Problem("reason", "Tulis alasan rujukan."))
        if referred_on > ctx.today():
            problems.append(Problem("referred_on",
                                    "Tanggal rujukan tidak boleh di masa depan."))
        if answer_due is not None and answer_due < referred_on:
            problems.append(Problem("answer_due",
                                    "Batas jawaban tidak boleh sebelum tanggal rujukan."))
        if case.status not in OPEN_STATUSES:
            problems.append(Problem(None, "Kasus berstatus {status} tidak dapat dirujuk; buka "
                                          "kembali kasusnya dulu.",
                                    {"status": CASE_STATUS.get(case.status, case.status)}))
        if not consent_ok(case, consent_override):
            problems.append(Problem("consent_override", CONSENT_MESSAGE))
        if problems:
            raise ValidationError(problems)
        referral = stamp_new(ctx, Referral(
            case_id=case_id, institution_id=institution_id, referred_on=referred_on,
            reason=reason.strip(), status="dikirim", answer_due=answer_due,
            consent_override=consent_override.strip()))
        s.add(referral)
        s.flush()
        referral_id, status, inst_name = referral.id, case.status, inst.name  # type: ignore[union-attr]
    if "dirujuk" in case_workflow.allowed_transitions(status):
        cases.change_status(ctx, case_id, "dirujuk", note=f"Dirujuk ke {inst_name}.")
    return Change("referral", (referral_id, case_id), "created")


def update_referral_status(ctx: ServiceContext, referral_id: str, status: str, *, on: date,
                           notes: str = "") -> Change:
    """Record the institution's answer: received, acted upon, or no response."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        referral = load(s, Referral, referral_id)
        readable_case(ctx, s, referral.case_id)
        problems: list[Problem] = []
        if status not in REFERRAL_STATUS:
            problems.append(Problem("status", "Pilih status rujukan."))
        elif status not in TRANSITIONS.get(referral.status, frozenset()):
            problems.append(Problem("status", "Status rujukan tidak dapat berubah dari "
                                              "{old} ke {new}.",
                                    {"old": REFERRAL_STATUS.get(referral.status,
                                                                referral.status),
                                     "new": REFERRAL_STATUS[status]}))
        if on > ctx.today():
            problems.append(Problem("on", "Tanggal tidak boleh di masa depan."))
        elif on < referral.referred_on:
            problems.append(Problem("on", "Tanggal tidak boleh sebelum tanggal rujukan."))
        if problems:
            raise ValidationError(problems)
        referral.status = status
        if status == "diterima" or (status == "ditindaklanjuti"
                                    and referral.acknowledged_on is None):
            referral.acknowledged_on = on
        if status == "ditindaklanjuti":
            referral.acted_on = on
        line = f"{short_date(on)} {REFERRAL_STATUS[status]}" + (
            f": {notes.strip()}" if notes.strip() else "")
        referral.response_notes = "\n".join(
            x for x in (referral.response_notes.strip(), line) if x)
        touch(ctx, referral)
        return Change("referral", (referral_id, referral.case_id), "updated")


def referrals_for_case(ctx: ServiceContext, case_id: str) -> list[ReferralView]:
    """The case's referrals, newest first (confidential case: its readers only)."""
    today = ctx.today()
    with ctx.db.sessions() as s:
        readable_case(ctx, s, case_id)
        rows = s.scalars(select(Referral).where(Referral.case_id == case_id,
                                                Referral.deleted_at.is_(None))
                         .order_by(Referral.referred_on.desc(),
                                   Referral.created_at.desc())).all()
        return [_view(s, r, today) for r in rows]


def get_referral(ctx: ServiceContext, referral_id: str) -> ReferralView:
    with ctx.db.sessions() as s:
        referral = load(s, Referral, referral_id)
        readable_case(ctx, s, referral.case_id)
        return _view(s, referral, ctx.today())
