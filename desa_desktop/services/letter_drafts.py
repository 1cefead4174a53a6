"""Drafts of the letters the post prints, filled from the case or the person.

A draft is only text the officer reads and edits in the issue dialog;
nothing is stored until ``letters.issue_letter``. The rules that protect
the person apply already here: a referral letter needs the case's consents
(or a written override on the referral), a confidential case's letter is
drafted only by those who may read the case, and introduction letters are
for CPMI only (a letter "introducing a registered, procedural candidate"
for someone who is not one would be false).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desa_desktop.db.case_models import CaseAttachment, CaseFile, CasePerson, Institution, Referral
from desa_desktop.db.models import Household, Person, Placement
from desa_desktop.domain.case_reference import CASE_TYPES
from desa_desktop.domain.formatting import long_date
from desa_desktop.domain.reference import COUNTRIES, SEX, STATUS_SHORT
from desa_desktop.services import referrals
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.services.letterhead import Letterhead, get_letterhead
from desa_desktop.services.records import load

#: The description is summarised in the letter; the full file stays at the post.
SUMMARY_CHARS = 600

#: Institution kinds headed by a "Kepala" (the others by a "Pimpinan").
_GOVERNMENT = frozenset({"disnaker", "bp3mi", "dinsos", "uptd_ppa", "kesehatan", "imigrasi",
                         "polisi"})


@dataclass(frozen=True)
class LetterDraft:
    """What the issue dialog shows and lets the officer edit."""

    kind: str  # "SR" | "SP" | "SK"
    addressee: str
    addressee_address: str
    subject: str
    body: str
    attachments: tuple[str, ...]
    signer_name: str
    signer_title: str
    case_id: str | None = None
    referral_id: str | None = None
    person_id: str | None = None
    issued_on: date | None = None  # None -> today
    replaces_id: str | None = None  # the voided letter this one replaces


def summarise(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The first ``limit`` characters of a description, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " ..."


def address_of(s: Session, person: Person, head: Letterhead) -> str:
    """``Dusun Cikupa RT 001/RW 002, Desa Karyamukti`` from the person's household.

    A typed household address is used as it is (it often holds the RT/RW and
    the village already), with the village added only when it is missing.
    """
    hh = s.get(Household, person.household_id) if person.household_id else None
    village = village_name(head)
    if hh is not None and hh.address.strip():
        typed = hh.address.strip()
        place = head.place.strip().lower()
        return typed if place and place in typed.lower() else f"{typed}, {village}"
    parts: list[str] = []
    if hh is not None:
        dusun = hh.dusun.strip()
        if dusun:  # some villages type "Dusun Cikupa", others just "Cikupa"
            parts.append(dusun if dusun.lower().startswith("dusun") else f"Dusun {dusun}")
        if hh.rt or hh.rw:
            parts.append(f"RT {hh.rt or '-'}/RW {hh.rw or '-'}")
    return ", ".join(x for x in (" ".join(parts), village) if x)


def village_name(head: Letterhead) -> str:
    """``Desa Karyamukti`` as written inside a letter's text."""
    return f"Desa {head.place}" if head.place else head.village_line.title()


def _addressee(inst: Institution) -> str:
    return f"{'Kepala' if inst.kind in _GOVERNMENT else 'Pimpinan'} {inst.name}"


def _person_block(s: Session, case: CaseFile, link: CasePerson, head: Letterhead) -> str:
    person = s.get(Person, link.person_id)
    if person is None:
        return ""
    placement = (s.get(Placement, link.placement_id) if link.placement_id
                 else _latest_placement(s, person.id))
    code = placement.country if placement is not None else case.country
    lines = [f"Nama: {person.full_name}", f"NIK: {person.nik or '-'}",
             f"Alamat: {address_of(s, person, head) or '-'}",
             f"Negara penempatan: {COUNTRIES.get(code, code) or '-'}"]
    if placement is not None and placement.agency_name:
        lines.append(f"Perusahaan penempatan (P3MI): {placement.agency_name}")
    if case.employer:
        lines.append(f"Pengguna/majikan: {case.employer}")
    return "\n".join(lines)


def _latest_placement(s: Session, person_id: str) -> Placement | None:
    """The person's newest live departure, for a case typed without choosing one."""
    return s.scalars(select(Placement).where(Placement.person_id == person_id,
                                             Placement.deleted_at.is_(None))
                     .order_by(Placement.departure_date.desc().nulls_first(),
                               Placement.created_at.desc())).first()


def case_person_names(s: Session, case_id: str) -> list[str]:
    links = s.scalars(select(CasePerson).where(CasePerson.case_id == case_id,
                                               CasePerson.deleted_at.is_(None))
                      .order_by(CasePerson.created_at)).all()
    names = [s.get(Person, link.person_id) for link in links]
    return [p.full_name for p in names if p is not None]


def referral_letter_draft(ctx: ServiceContext, referral_id: str) -> LetterDraft:
    """A surat rujukan for the referral, from the case and its persons (editable)."""
    head = get_letterhead(ctx)
    with ctx.db.sessions() as s:
        referral = load(s, Referral, referral_id)
        case = referrals.readable_case(ctx, s, referral.case_id)
        if not referrals.consent_ok(case, referral.consent_override):
            raise ValidationError([Problem(None, referrals.CONSENT_MESSAGE)])
        inst = s.get(Institution, referral.institution_id)
        links = s.scalars(select(CasePerson).where(CasePerson.case_id == case.id,
                                                   CasePerson.deleted_at.is_(None))
                          .order_by(CasePerson.created_at)).all()
        persons = "\n\n".join(b for b in (_person_block(s, case, link, head) for link in links)
                              if b)
        kinds = ", ".join(CASE_TYPES.get(t, t) for t in case.types)
        attachments = tuple(a.description.strip() or a.file_name for a in s.scalars(
            select(CaseAttachment).where(CaseAttachment.case_id == case.id,
                                         CaseAttachment.deleted_at.is_(None))
            .order_by(CaseAttachment.created_at)))
        paragraphs = [
            "Dengan hormat,",
            f"Bersama ini kami merujuk kasus warga {village_name(head)} "
            f"(nomor kasus {case.number}) untuk mendapat penanganan lebih lanjut, "
            "dengan data sebagai berikut:",
            persons,
            f"Jenis permasalahan: {kinds}.",
            f"Ringkasan: {summarise(case.description) or '-'}",
            f"Alasan rujukan: {referral.reason}",
            "Demikian surat rujukan ini kami sampaikan. Atas perhatian dan kerja sama "
            "Bapak/Ibu kami ucapkan terima kasih.",
        ]
        return LetterDraft(
            kind="SR", addressee=_addressee(inst) if inst else "",
            addressee_address=(inst.address if inst else ""),
            subject=f"Rujukan penanganan kasus {case.number}",
            body="\n\n".join(p for p in paragraphs if p), attachments=attachments,
            signer_name=head.signer_name, signer_title=head.signer_title,
            case_id=case.id, referral_id=referral.id)


def _planned_placement(s: Session, person_id: str) -> Placement | None:
    rows = s.scalars(select(Placement).where(Placement.person_id == person_id,
                                             Placement.deleted_at.is_(None),
                                             Placement.return_date.is_(None))
                     .order_by(Placement.created_at.desc())).all()
    return rows[0] if rows else None


def _disnaker(s: Session) -> Institution | None:
    return s.scalars(select(Institution).where(Institution.kind == "disnaker",
                                               Institution.deleted_at.is_(None))
                     .order_by(Institution.created_at)).first()


def introduction_letter_draft(ctx: ServiceContext, person_id: str,
                              kind: str = "SP") -> LetterDraft:
    """A surat pengantar (SP) or keterangan (SK) to Disnaker for a CPMI."""
    if kind not in ("SP", "SK"):
        raise ValidationError([Problem("kind", "Pilih jenis surat: pengantar atau keterangan.")])
    head = get_letterhead(ctx)
    with ctx.db.sessions() as s:
        person = load(s, Person, person_id)
        if person.status != "cpmi":
            raise ValidationError([Problem(None, "Surat pengantar dan surat keterangan ke "
                                                 "Disnaker hanya untuk CPMI; {name} tercatat "
                                                 "sebagai {status}.",
                                           {"name": person.full_name,
                                            "status": STATUS_SHORT.get(person.status,
                                                                       person.status)})])
        placement = _planned_placement(s, person_id)
        inst = _disnaker(s)
        born = (f"{person.birth_place or '-'}, "
                f"{long_date(person.birth_date) if person.birth_date else '-'}")
        identity = "\n".join([
            f"Nama: {person.full_name}", f"NIK: {person.nik or '-'}",
            f"Tempat/tanggal lahir: {born}", f"Jenis kelamin: {SEX.get(person.sex, '-')}",
            f"Alamat: {address_of(s, person, head) or '-'}"])
        country = COUNTRIES.get(placement.country, placement.country) if placement else ""
        plan = f" dengan rencana penempatan ke {country}" if country else ""
        if placement is not None and placement.agency_name:
            plan += f" melalui {placement.agency_name}"
        if kind == "SP":
            subject = "Pengantar calon pekerja migran Indonesia"
            middle = (f"adalah benar warga {village_name(head)} yang terdaftar di pos "
                      f"layanan migrasi desa sebagai calon pekerja migran Indonesia (CPMI)"
                      f"{plan}. Surat pengantar ini diberikan untuk keperluan pendaftaran dan "
                      "pengurusan dokumen penempatan secara prosedural.")
        else:
            subject = "Keterangan izin keluarga calon pekerja migran Indonesia"
            middle = (f"adalah benar warga {village_name(head)} dan telah mendapat "
                      f"izin dari keluarga/wali untuk bekerja ke luar negeri{plan}. Surat "
                      "izin keluarga/wali tersebut telah diketahui oleh kepala desa.")
        paragraphs = [
            "Dengan hormat,",
            f"Yang bertanda tangan di bawah ini, {head.signer_title}, menerangkan bahwa:",
            identity, middle,
            "Demikian surat ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana "
            "mestinya.",
        ]
        return LetterDraft(
            kind=kind,
            addressee=_addressee(inst) if inst else "Kepala Dinas Tenaga Kerja",
            addressee_address=(inst.address if inst else ""),
            subject=subject, body="\n\n".join(paragraphs), attachments=(),
            signer_name=head.signer_name, signer_title=head.signer_title,
            person_id=person.id)
