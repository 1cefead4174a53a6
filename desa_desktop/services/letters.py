"""Issued letters: the outgoing-letter register (buku agenda surat keluar).

A letter is an official act of the village: once issued it is never edited.
A mistake is corrected by voiding the letter (with a reason; its number is
never handed out again) and issuing a new one that points at it. Each letter
is numbered ``045/SR/DESMIG/XI/2026`` from a counter per kind and year and
signed with the post's Ed25519 key (``services.signing``), so a changed
printout or PDF is caught by ``desa-desktop letter verify``.
Drafts are made in ``services.letter_drafts``; the letterhead is in
``services.letterhead``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desa_desktop.db.case_models import CaseFile, Letter, Referral
from desa_desktop.db.models import Person
from desa_desktop.domain.case_reference import LETTER_KIND
from desa_desktop.domain.formatting import long_date
from desa_desktop.domain.letter_number import format_letter_number, place_date
from desa_desktop.services import case_access, referrals, signing
from desa_desktop.services.case_timeline import log_entry
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.letter_drafts import (
    LetterDraft,
    case_person_names,
    introduction_letter_draft,
    referral_letter_draft,
)
from desa_desktop.services.letterhead import Letterhead, get_letterhead, logo_for_print
from desa_desktop.services.letterhead import save_letterhead as save_letterhead
from desa_desktop.services.numbering import take_number
from desa_desktop.services.records import load, stamp_new, touch

__all__ = [
    "LetterDraft", "LetterView", "get_letter", "introduction_letter_draft", "issue_letter",
    "letter_document", "letter_register", "letterhead", "referral_letter_draft",
    "reissue_letter", "render_letter_pdf", "save_letterhead", "void_letter",
]

PAPERS = ("A4", "F4")


@dataclass(frozen=True)
class LetterView:
    id: str
    number: str
    kind: str
    issued_on: date
    addressee: str
    addressee_address: str
    subject: str
    body: str
    attachments: tuple[str, ...]
    signer_name: str
    signer_title: str
    status: str
    void_reason: str
    voided_on: date | None
    replaces_number: str
    case_number: str
    person_name: str
    payload: str
    signature: str
    key_id: str


def letterhead(ctx: ServiceContext) -> Letterhead:
    """The kop surat, signer and unit code letters are issued with."""
    return get_letterhead(ctx)


def _names(s: Session, case_id: str | None, person_id: str | None) -> list[str]:
    names = case_person_names(s, case_id) if case_id else []
    person = s.get(Person, person_id) if person_id else None
    if person is not None and person.full_name not in names:
        names.append(person.full_name)
    return names


def _validate(draft: LetterDraft, issued_on: date, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if draft.kind not in LETTER_KIND:
        problems.append(Problem("kind", "Pilih jenis surat."))
    for name, label_limit in (("addressee", 200), ("subject", 300)):
        value = getattr(draft, name).strip()
        if not value:
            problems.append(Problem(name, "Isi tujuan surat (Kepada Yth.)." if name ==
                                    "addressee" else "Isi perihal surat."))
        elif len(value) > label_limit:
            problems.append(Problem(name, "Teks terlalu panjang (paling banyak {n} huruf).",
                                    {"n": label_limit}))
    if not draft.body.strip():
        problems.append(Problem("body", "Isi surat tidak boleh kosong."))
    if not draft.signer_name.strip():
        problems.append(Problem("signer_name", "Isi nama penanda tangan surat."))
    if not draft.signer_title.strip():
        problems.append(Problem("signer_title", "Isi jabatan penanda tangan."))
    if issued_on > today:
        problems.append(Problem("issued_on", "Tanggal surat tidak boleh di masa depan."))
    return problems


def _check_links(ctx: ServiceContext, s: Session, draft: LetterDraft) -> LetterDraft:
    """The case, referral, person and replaced letter must exist and may be used."""
    case_id = draft.case_id
    if draft.referral_id:
        referral = load(s, Referral, draft.referral_id)
        if case_id and case_id != referral.case_id:
            raise ValidationError([Problem(None, "Rujukan ini bukan milik kasus tersebut.")])
        case_id = referral.case_id
        case = referrals.readable_case(ctx, s, case_id)
        if not referrals.consent_ok(case, referral.consent_override):
            raise ValidationError([Problem(None, referrals.CONSENT_MESSAGE)])
    elif case_id:
        referrals.readable_case(ctx, s, case_id)
    if draft.person_id:
        load(s, Person, draft.person_id)
    if draft.replaces_id:
        old = load(s, Letter, draft.replaces_id)
        if old.status != "batal":
            raise ValidationError([Problem(None, "Surat {number} belum dibatalkan; batalkan "
                                                 "dulu sebelum menerbitkan penggantinya.",
                                           {"number": old.number})])
        newer = _replacement(s, old.id)
        if newer is not None:
            raise ValidationError([Problem(None, "Surat {number} sudah diganti dengan surat "
                                                 "{new}.",
                                           {"number": old.number, "new": newer.number})])
    return replace(draft, case_id=case_id)


def _require_read(ctx: ServiceContext, s: Session, letter: Letter) -> None:
    """A letter of a confidential case is for the case's readers (also once the case is
    deleted: the letter stays in the register)."""
    case = s.get(CaseFile, letter.case_id) if letter.case_id else None
    if case is not None:
        case_access.require_read(ctx, case)


def _replacement(s: Session, letter_id: str) -> Letter | None:
    return s.scalars(select(Letter).where(Letter.replaces_id == letter_id,
                                          Letter.deleted_at.is_(None))).first()


def _timeline(ctx: ServiceContext, s: Session, case_id: str | None, day: date,
              summary: str) -> None:
    """The case's timeline says which letters went out (and which were voided)."""
    if case_id:
        log_entry(s, ctx, case_id, summary, on=day, kind="surat")


def issue_letter(ctx: ServiceContext, draft: LetterDraft) -> Change:
    """Number, sign and register the letter; from now on it is never edited."""
    ctx.require_editor()
    issued_on = draft.issued_on or ctx.today()
    problems = _validate(draft, issued_on, ctx.today())
    if problems:
        raise ValidationError(problems)
    head = get_letterhead(ctx)
    attachments = tuple(a.strip() for a in draft.attachments if a.strip())
    with ctx.db.sessions.begin() as s:
        draft = _check_links(ctx, s, draft)
        seq = take_number(s, draft.kind, issued_on.year)
        number = format_letter_number(seq, draft.kind, head.unit_code, issued_on)
        key = signing.own_key(s, ctx.village_code)
        payload = signing.build_payload(
            key_id=key.key_id, village_code=ctx.village_code, number=number,
            issued_on=issued_on, addressee=draft.addressee.strip(),
            subject=draft.subject.strip(), names=_names(s, draft.case_id, draft.person_id),
            body=draft.body.strip(), attachments=attachments)
        letter = stamp_new(ctx, Letter(
            number=number, kind=draft.kind, year=issued_on.year, seq=seq, issued_on=issued_on,
            addressee=draft.addressee.strip(), addressee_address=draft.addressee_address.strip(),
            subject=draft.subject.strip(), body=draft.body.strip(),
            attachments=list(attachments), signer_name=draft.signer_name.strip(),
            signer_title=draft.signer_title.strip(), case_id=draft.case_id,
            referral_id=draft.referral_id, person_id=draft.person_id, status="terbit",
            replaces_id=draft.replaces_id, payload=payload,
            signature=signing.sign_payload(key, payload), key_id=key.key_id))
        s.add(letter)
        _timeline(ctx, s, draft.case_id, issued_on,
                  f"Surat {number} diterbitkan: {draft.subject.strip()}")
        s.flush()
        return Change("letter", (letter.id,), "created")


def void_letter(ctx: ServiceContext, letter_id: str, reason: str) -> Change:
    """Cancel an issued letter; its number stays used and it stays in the register."""
    ctx.require_editor()
    if not reason.strip():
        raise ValidationError([Problem("reason", "Tulis alasan pembatalan surat.")])
    with ctx.db.sessions.begin() as s:
        letter = load(s, Letter, letter_id)
        _require_read(ctx, s, letter)
        if letter.status == "batal":
            raise ValidationError([Problem(None, "Surat {number} sudah dibatalkan pada {day}.",
                                           {"number": letter.number,
                                            "day": long_date(letter.voided_on)
                                            if letter.voided_on else "-"})])
        letter.status = "batal"
        letter.void_reason = reason.strip()
        letter.voided_on = ctx.today()
        touch(ctx, letter)
        _timeline(ctx, s, letter.case_id, ctx.today(),
                  f"Surat {letter.number} dibatalkan: {reason.strip()}")
        return Change("letter", (letter_id,), "updated")


def reissue_letter(ctx: ServiceContext, letter_id: str) -> LetterDraft:
    """A draft of a voided letter, to correct and issue under a new number."""
    with ctx.db.sessions() as s:
        letter = load(s, Letter, letter_id)
        _require_read(ctx, s, letter)
        if letter.status != "batal":
            raise ValidationError([Problem(None, "Hanya surat yang sudah dibatalkan yang dapat "
                                                 "diterbitkan ulang.")])
        newer = _replacement(s, letter.id)
        if newer is not None:
            raise ValidationError([Problem(None, "Surat {number} sudah diganti dengan surat "
                                                 "{new}.",
                                           {"number": letter.number, "new": newer.number})])
        return LetterDraft(
            kind=letter.kind, addressee=letter.addressee,
            addressee_address=letter.addressee_address, subject=letter.subject,
            body=letter.body, attachments=tuple(letter.attachments or ()),
            signer_name=letter.signer_name, signer_title=letter.signer_title,
            case_id=letter.case_id, referral_id=letter.referral_id, person_id=letter.person_id,
            issued_on=None, replaces_id=letter.id)


def _view(ctx: ServiceContext, s: Session, letter: Letter) -> LetterView:
    case = s.get(CaseFile, letter.case_id) if letter.case_id else None
    old = s.get(Letter, letter.replaces_id) if letter.replaces_id else None
    person = s.get(Person, letter.person_id) if letter.person_id else None
    readable = case is None or case_access.can_read(ctx, case)
    hidden = case_access.REDACTED
    if person is not None:
        person_name = person.full_name
    elif case is not None:
        person_name = ", ".join(case_person_names(s, case.id))
    else:
        person_name = ""
    return LetterView(
        letter.id, letter.number, letter.kind, letter.issued_on,
        letter.addressee if readable else hidden,
        letter.addressee_address if readable else hidden,
        letter.subject if readable else hidden, letter.body if readable else hidden,
        tuple(letter.attachments or ()) if readable else (),
        letter.signer_name, letter.signer_title, letter.status,
        letter.void_reason if readable else hidden, letter.voided_on,
        old.number if old else "", case.number if case else "",
        person_name if readable else hidden,
        letter.payload if readable else "", letter.signature if readable else "",
        letter.key_id)


def get_letter(ctx: ServiceContext, letter_id: str) -> LetterView:
    """One letter in full (a confidential case's letter: its readers only)."""
    with ctx.db.sessions() as s:
        letter = load(s, Letter, letter_id)
        _require_read(ctx, s, letter)
        return _view(ctx, s, letter)


def letter_register(ctx: ServiceContext, year: int | None = None) -> list[LetterView]:
    """Buku agenda surat keluar: every letter, voided ones too, newest first.

    Letters of a confidential case the caller may not read keep their number,
    date and status; their content shows as ``[rahasia]``.
    """
    with ctx.db.sessions() as s:
        query = select(Letter).where(Letter.deleted_at.is_(None))
        if year is not None:
            query = query.where(Letter.year == year)
        rows = s.scalars(query.order_by(Letter.issued_on.desc(), Letter.year.desc(),
                                        Letter.created_at.desc(), Letter.seq.desc())).all()
        return [_view(ctx, s, letter) for letter in rows]


def letter_document(ctx: ServiceContext, letter_id: str, paper: str = "A4") -> dict:
    """The fields of ``reports.letter_pdf.LetterDocument`` for one letter."""
    if paper not in PAPERS:
        raise ValidationError([Problem("paper", "Pilih ukuran kertas A4 atau F4.")])
    head = get_letterhead(ctx)
    view = get_letter(ctx, letter_id)
    count = len(view.attachments)
    return {
        "regency_line": head.regency_line, "district_line": head.district_line,
        "village_line": head.village_line, "address": head.address,
        "logo_path": logo_for_print(head), "number": view.number,
        "place_date": place_date(head.place, view.issued_on), "addressee": view.addressee,
        "addressee_address": view.addressee_address, "subject": view.subject,
        "attachments": view.attachments, "body": view.body,
        "signer_title": view.signer_title, "signer_name": view.signer_name,
        "qr_text": signing.qr_text(view.payload, view.signature), "paper": paper,
        "voided": view.status == "batal",
        "lampiran_label": f"{count} berkas" if count else "",
    }


def render_letter_pdf(ctx: ServiceContext, letter_id: str, target: Path,
                      paper: str = "A4") -> Path:
    """Print the letter to PDF (with its QR code; a voided letter is marked DIBATALKAN)."""
    from desa_desktop.reports.letter_pdf import LetterDocument, render_letter

    return render_letter(LetterDocument(**letter_document(ctx, letter_id, paper)), Path(target))
