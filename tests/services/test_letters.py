"""Letters: drafts from the case, numbers that never repeat, void and reissue, the PDF."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desa_desktop.reports.letter_pdf import LetterDocument
from desa_desktop.services import (
    cases,
    households,
    institutions,
    letters,
    placements,
    referrals,
    signing,
)
from desa_desktop.services.case_access import REDACTED
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import PermissionDenied, ValidationError
from desa_desktop.services.households import HouseholdInput
from desa_desktop.services.letterhead import Letterhead, get_letterhead, save_letterhead
from desa_desktop.services.letters import LetterDraft
from desa_desktop.services.placements import PlacementInput
from tests.conftest import TODAY, VILLAGE
from tests.reports.helpers import pdf_text
from tests.services.case_helpers import make_case
from tests.services.helpers import add_person, count_rows, kk_for, row

SIGNER = "H. Dedi Supriadi"


@pytest.fixture
def signed_ctx(ctx: ServiceContext) -> ServiceContext:
    """The admin, with the village head's name on the letterhead."""
    save_letterhead(ctx, dataclasses.replace(get_letterhead(ctx), signer_name=SIGNER))
    return ctx


def _euis_at_home(ctx: ServiceContext) -> tuple[str, str]:
    hh = households.create_household(ctx, HouseholdInput(
        kk_for(), "Ahmad Sobari", dusun="Cikupa", rw="002", rt="001")).ids[0]
    pid = add_person(ctx, "Euis Komariah", sex="P", birth=date(1990, 3, 4), household_id=hh)
    plid = placements.add_placement(ctx, pid, PlacementInput(
        "TW", departure_date=date(2025, 2, 1), agency_name="PT Maju Jaya")).ids[0]
    return pid, plid


def _referral(ctx: ServiceContext, *, consent: bool = True, **fields: object) -> str:
    pid, plid = _euis_at_home(ctx)
    values: dict[str, object] = {"description": "Gaji tidak dibayar sejak Mei. " * 40,
                                 "employer": "Mr. Chen Wei"}
    values.update(fields)
    case_id = make_case(ctx, pid, plid, **values)
    cases.change_status(ctx, case_id, "diverifikasi")
    if consent:
        cases.record_consent(ctx, case_id, referral=True, data_sharing=True,
                             given_by="Ahmad Sobari", on=TODAY)
    inst = next(r.id for r in institutions.list_institutions(ctx) if r.code == "bp3mi")
    return referrals.refer_case(ctx, case_id, inst, referred_on=TODAY,
                                reason="Perlu mediasi dengan agensi",
                                consent_override="" if consent else "Korban dalam bahaya").ids[0]


def _plain_draft(**fields: object) -> LetterDraft:
    values: dict[str, object] = dict(
        kind="SR", addressee="Kepala Dinas Sosial", addressee_address="Ciamis",
        subject="Rujukan", body="Dengan hormat,\n\nIsi surat.", attachments=(),
        signer_name=SIGNER, signer_title="Kepala Desa Karyamukti")
    values.update(fields)
    return LetterDraft(**values)  # type: ignore[arg-type]


def _issue(ctx: ServiceContext, draft: LetterDraft) -> letters.LetterView:
    return letters.get_letter(ctx, letters.issue_letter(ctx, draft).ids[0])


def test_the_referral_draft_is_filled_from_the_case(signed_ctx: ServiceContext) -> None:
    rid = _referral(signed_ctx)
    draft = letters.referral_letter_draft(signed_ctx, rid)
    assert draft.kind == "SR"
    assert draft.addressee.startswith("Kepala BP3MI")
    assert draft.signer_name == SIGNER and draft.signer_title == "Kepala Desa Karyamukti"
    for text in ("Euis Komariah", "Dusun Cikupa RT 001/RW 002, Desa Karyamukti", "Taiwan",
                 "PT Maju Jaya", "Mr. Chen Wei", "Gaji tidak dibayar", "KS-2026-0001",
                 "Perlu mediasi dengan agensi"):
        assert text in draft.body, text
    # The long description is summarised, not copied whole.
    assert len(draft.body) < 2000 and "..." in draft.body


def test_no_referral_letter_without_consent_or_an_override(signed_ctx: ServiceContext) -> None:
    rid = _referral(signed_ctx, consent=False)  # referred with an override
    assert letters.referral_letter_draft(signed_ctx, rid).referral_id == rid
    pid, plid = _euis_at_home(signed_ctx)
    case_id = make_case(signed_ctx, pid, plid)
    cases.record_consent(signed_ctx, case_id, referral=True, data_sharing=True,
                         given_by="Ahmad", on=TODAY)
    inst = institutions.list_institutions(signed_ctx)[0].id
    rid2 = referrals.refer_case(signed_ctx, case_id, inst, referred_on=TODAY,
                                reason="Mediasi").ids[0]
    cases.record_consent(signed_ctx, case_id, referral=False, data_sharing=True,
                         given_by="Ahmad", on=TODAY)  # consent withdrawn afterwards
    with pytest.raises(ValidationError) as err:
        letters.referral_letter_draft(signed_ctx, rid2)
    assert "persetujuan" in err.value.problems[0].text
    draft = dataclasses.replace(letters.referral_letter_draft(signed_ctx, rid), referral_id=rid2,
                                case_id=None)
    with pytest.raises(ValidationError):
        letters.issue_letter(signed_ctx, draft)


def test_a_confidential_case_letter_is_for_its_readers_only(
        signed_ctx: ServiceContext, other_ctx: ServiceContext) -> None:
    rid = _referral(signed_ctx, types=("tppo",))
    with pytest.raises(PermissionDenied):
        letters.referral_letter_draft(other_ctx, rid)
    letter_id = letters.issue_letter(
        signed_ctx, letters.referral_letter_draft(signed_ctx, rid)).ids[0]
    with pytest.raises(PermissionDenied):
        letters.get_letter(other_ctx, letter_id)
    with pytest.raises(PermissionDenied):
        letters.void_letter(other_ctx, letter_id, "Salah")
    [row] = letters.letter_register(other_ctx)
    assert row.number == "001/SR/DESMIG/XI/2026" and row.status == "terbit"
    assert (row.addressee, row.subject, row.body, row.person_name) == (REDACTED,) * 4
    assert row.payload == "" and row.attachments == ()
    assert letters.letter_register(signed_ctx)[0].person_name == "Euis Komariah"


def test_an_introduction_letter_is_only_for_a_cpmi(signed_ctx: ServiceContext) -> None:
    cpmi = add_person(signed_ctx, "Siti Aminah", sex="P", birth=date(1998, 5, 6),
                      birth_place="Ciamis")
    placements.add_placement(signed_ctx, cpmi, PlacementInput("HK", agency_name="PT Sejahtera"))
    sp = letters.introduction_letter_draft(signed_ctx, cpmi)
    assert sp.kind == "SP" and sp.person_id == cpmi
    assert sp.addressee == "Kepala Dinas Tenaga Kerja"  # no directory entry yet
    for text in ("Siti Aminah", "Ciamis, 6 Mei 1998", "Perempuan", "Hong Kong",
                 "PT Sejahtera", "calon pekerja migran Indonesia (CPMI)"):
        assert text in sp.body, text
    institutions.list_institutions(signed_ctx)  # the directory now has Disnaker
    sk = letters.introduction_letter_draft(signed_ctx, cpmi, "SK")
    assert sk.kind == "SK" and "izin dari keluarga/wali" in sk.body
    assert sk.addressee == "Kepala Dinas Tenaga Kerja Kabupaten"
    abroad = add_person(signed_ctx, "Dede Kurnia")
    placements.add_placement(signed_ctx, abroad, PlacementInput(
        "MY", departure_date=date(2025, 1, 1)))
    with pytest.raises(ValidationError) as err:
        letters.introduction_letter_draft(signed_ctx, abroad)
    assert err.value.problems[0].text == ("Surat pengantar dan surat keterangan ke Disnaker "
                                          "hanya untuk CPMI; Dede Kurnia tercatat sebagai PMI.")
    with pytest.raises(ValidationError):
        letters.introduction_letter_draft(signed_ctx, cpmi, "SR")


def test_issued_letters_are_numbered_and_signed(signed_ctx: ServiceContext) -> None:
    rid = _referral(signed_ctx)
    draft = dataclasses.replace(letters.referral_letter_draft(signed_ctx, rid),
                                attachments=("Kronologi", " "))
    view = _issue(signed_ctx, draft)
    assert view.number == "001/SR/DESMIG/XI/2026"
    assert view.issued_on == TODAY and view.status == "terbit"
    assert view.attachments == ("Kronologi",)
    assert view.case_number == "KS-2026-0001" and view.person_name == "Euis Komariah"
    qr = signing.qr_text(view.payload, view.signature)
    result = signing.verify_qr(qr, signing.trusted_keys(signed_ctx))
    assert result.verdict == "genuine"
    assert result.fields["no"] == view.number and result.fields["vil"] == VILLAGE.code
    assert result.fields["nama"] == ["Euis Komariah"]
    assert result.fields["h"] == signing.content_hash(view.body, view.attachments)
    assert count_rows(signed_ctx.db, "case_action",
                      "kind = 'surat' AND summary LIKE 'Surat 001/SR/DESMIG/XI/2026%'") == 1


def test_two_letters_in_one_day_and_kinds_count_apart(signed_ctx: ServiceContext) -> None:
    numbers = [_issue(signed_ctx, _plain_draft(kind=k)).number for k in ("SR", "SR", "SK")]
    assert numbers == ["001/SR/DESMIG/XI/2026", "002/SR/DESMIG/XI/2026",
                       "001/SK/DESMIG/XI/2026"]


def test_a_voided_number_is_never_used_again(signed_ctx: ServiceContext) -> None:
    first = _issue(signed_ctx, _plain_draft())
    letters.void_letter(signed_ctx, first.id, "Salah ketik alamat")
    second = _issue(signed_ctx, letters.reissue_letter(signed_ctx, first.id))
    assert second.number == "002/SR/DESMIG/XI/2026"
    assert second.replaces_number == first.number


def test_the_count_starts_again_on_the_first_of_january(signed_ctx: ServiceContext) -> None:
    old_year = dataclasses.replace(signed_ctx, today=lambda: date(2026, 12, 31))
    assert _issue(old_year, _plain_draft()).number == "001/SR/DESMIG/XII/2026"
    new_year = dataclasses.replace(signed_ctx, today=lambda: date(2027, 1, 1))
    assert _issue(new_year, _plain_draft()).number == "001/SR/DESMIG/I/2027"
    assert _issue(new_year, _plain_draft(issued_on=date(2026, 12, 31))).number == \
        "002/SR/DESMIG/XII/2026"
    assert [v.number for v in letters.letter_register(new_year, 2027)] == \
        ["001/SR/DESMIG/I/2027"]
    assert len(letters.letter_register(new_year)) == 3


def test_an_incomplete_draft_names_every_field(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as err:
        letters.issue_letter(ctx, _plain_draft(
            kind="XX", addressee=" ", subject="", body="\n", signer_name="",
            signer_title=" ", issued_on=date(2026, 11, 23)))
    assert {p.field for p in err.value.problems} == {
        "kind", "addressee", "subject", "body", "signer_name", "signer_title", "issued_on"}
    assert count_rows(ctx.db, "letter") == 0
    assert count_rows(ctx.db, "number_counter") == 0


def test_voiding_needs_a_reason_and_happens_once(signed_ctx: ServiceContext) -> None:
    view = _issue(signed_ctx, _plain_draft())
    with pytest.raises(ValidationError) as err:
        letters.void_letter(signed_ctx, view.id, "  ")
    assert err.value.problems[0].field == "reason"
    letters.void_letter(signed_ctx, view.id, "Perihal keliru")
    with pytest.raises(ValidationError) as err:
        letters.void_letter(signed_ctx, view.id, "Lagi")
    assert err.value.problems[0].text == \
        "Surat 001/SR/DESMIG/XI/2026 sudah dibatalkan pada 22 November 2026."
    voided = letters.get_letter(signed_ctx, view.id)
    assert (voided.status, voided.void_reason, voided.voided_on) == ("batal", "Perihal keliru",
                                                                    TODAY)
    assert voided.body == view.body and voided.payload == view.payload  # never edited


def test_reissue_only_a_voided_letter_and_only_once(signed_ctx: ServiceContext) -> None:
    view = _issue(signed_ctx, _plain_draft(attachments=("Salinan KTP",)))
    with pytest.raises(ValidationError):
        letters.reissue_letter(signed_ctx, view.id)
    with pytest.raises(ValidationError):  # a replacement for a letter still valid
        letters.issue_letter(signed_ctx, _plain_draft(replaces_id=view.id))
    letters.void_letter(signed_ctx, view.id, "Salah tanggal")
    draft = letters.reissue_letter(signed_ctx, view.id)
    assert draft.replaces_id == view.id and draft.issued_on is None
    assert (draft.body, draft.attachments) == (view.body, ("Salinan KTP",))
    _issue(signed_ctx, dataclasses.replace(draft, subject="Rujukan (perbaikan)"))
    with pytest.raises(ValidationError) as err:
        letters.reissue_letter(signed_ctx, view.id)
    assert err.value.problems[0].text == ("Surat 001/SR/DESMIG/XI/2026 sudah diganti dengan "
                                          "surat 002/SR/DESMIG/XI/2026.")


def test_the_register_lists_every_letter_newest_first(signed_ctx: ServiceContext) -> None:
    a = _issue(signed_ctx, _plain_draft(issued_on=date(2026, 11, 2)))
    b = _issue(signed_ctx, _plain_draft(kind="SP", issued_on=date(2026, 11, 20)))
    c = _issue(signed_ctx, _plain_draft(issued_on=date(2026, 11, 20)))
    letters.void_letter(signed_ctx, a.id, "Dobel")
    register = letters.letter_register(signed_ctx)
    assert [v.id for v in register] == [c.id, b.id, a.id]
    assert [v.status for v in register] == ["terbit", "terbit", "batal"]


def test_the_village_head_reads_the_register_but_issues_nothing(
        signed_ctx: ServiceContext, head_ctx: ServiceContext) -> None:
    view = _issue(signed_ctx, _plain_draft())
    assert letters.letter_register(head_ctx)[0].number == view.number
    with pytest.raises(PermissionDenied):
        letters.issue_letter(head_ctx, _plain_draft())
    with pytest.raises(PermissionDenied):
        letters.void_letter(head_ctx, view.id, "Tidak")


def test_the_letterhead_comes_from_the_village_until_edited(ctx: ServiceContext,
                                                           tmp_path: Path) -> None:
    head = letters.letterhead(ctx)
    assert (head.regency_line, head.district_line, head.village_line) == (
        "PEMERINTAH KABUPATEN CIAMIS", "KECAMATAN BANJARANYAR", "DESA KARYAMUKTI")
    assert head.address == VILLAGE.address and head.place == "Karyamukti"
    assert head.signer_title == "Kepala Desa Karyamukti" and head.unit_code == "DESMIG"
    with pytest.raises(ValidationError) as err:
        letters.save_letterhead(ctx, Letterhead("", " ", "DESA X", "", str(tmp_path / "no.png"),
                                                "", "", "desa mig!", ""))
    assert {p.field for p in err.value.problems} == {
        "regency_line", "district_line", "signer_title", "place", "unit_code", "logo_path"}
    letters.save_letterhead(ctx, dataclasses.replace(head, unit_code="pem", signer_name=SIGNER))
    assert letters.letterhead(ctx).unit_code == "PEM"
    assert _issue(ctx, _plain_draft()).number == "001/SR/PEM/XI/2026"


def test_the_pdf_carries_number_addressee_names_and_the_signed_qr(
        signed_ctx: ServiceContext, tmp_path: Path) -> None:
    rid = _referral(signed_ctx)
    view = _issue(signed_ctx, letters.referral_letter_draft(signed_ctx, rid))
    fields = letters.letter_document(signed_ctx, view.id, "F4")
    doc = LetterDocument(**fields)
    assert doc.place_date == "Karyamukti, 22 November 2026" and doc.paper == "F4"
    assert doc.qr_text.startswith("DESA1.") and not doc.voided
    pdf = letters.render_letter_pdf(signed_ctx, view.id, tmp_path / "surat.pdf")
    text = pdf_text(pdf)
    for part in (view.number, "Euis Komariah", SIGNER):
        assert part in text, part
    assert " ".join(view.addressee.split()) in text
    assert signing.verify_pdf(pdf, signing.trusted_keys(signed_ctx)).verdict == "genuine"
    letters.void_letter(signed_ctx, view.id, "Salah lembaga")
    assert letters.letter_document(signed_ctx, view.id)["voided"]
    voided_pdf = letters.render_letter_pdf(signed_ctx, view.id, tmp_path / "batal.pdf")
    assert "DIBATALKAN" in pdf_text(voided_pdf)
    assert PdfReader(str(voided_pdf)).metadata.keywords == doc.qr_text
    with pytest.raises(ValidationError):
        letters.letter_document(signed_ctx, view.id, "Letter")


def test_a_deleted_case_leaves_its_letter_in_the_register(signed_ctx: ServiceContext) -> None:
    rid = _referral(signed_ctx)
    view = _issue(signed_ctx, letters.referral_letter_draft(signed_ctx, rid))
    cases.delete_case(signed_ctx, view_case_id(signed_ctx, view.id))
    assert letters.get_letter(signed_ctx, view.id).number == view.number
    letters.void_letter(signed_ctx, view.id, "Kasus dihapus")
    assert letters.letter_register(signed_ctx)[0].status == "batal"


def view_case_id(ctx: ServiceContext, letter_id: str) -> str:
    return row(ctx.db, "SELECT case_id FROM letter WHERE id = :id", id=letter_id)[0]


def test_issuing_and_voiding_are_in_the_audit_log(signed_ctx: ServiceContext) -> None:
    view = _issue(signed_ctx, _plain_draft())
    letters.void_letter(signed_ctx, view.id, "Salah ketik")
    where = f"entity = 'letter' AND entity_id = '{view.id}'"
    assert count_rows(signed_ctx.db, "audit_log", where) == 2
    new_values = row(signed_ctx.db, f"SELECT new_values FROM audit_log WHERE {where} "
                                    "ORDER BY seq DESC LIMIT 1")[0]
    assert '"status":"batal"' in new_values and "Salah ketik" in new_values


def test_the_bundled_logo_is_printed_unless_another_is_chosen(ctx: ServiceContext,
                                                              tmp_path: Path) -> None:
    from desa_desktop.services.letterhead import default_logo, logo_for_print

    head = letters.letterhead(ctx)
    assert head.logo_path == ""
    assert default_logo().endswith("logo-desa.png")
    assert logo_for_print(head) == default_logo()
    mine = tmp_path / "kabupaten.png"
    mine.write_bytes(b"\x89PNG")
    letters.save_letterhead(ctx, dataclasses.replace(head, logo_path=str(mine)))
    assert logo_for_print(letters.letterhead(ctx)) == str(mine)
    mine.unlink()  # moved away later: the letter still prints, with the bundled logo
    assert logo_for_print(letters.letterhead(ctx)) == default_logo()
