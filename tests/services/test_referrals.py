"""Referrals: consent first, the case moves along, answers are followed up."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desa_desktop.services import cases, institutions, letters, referrals
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import PermissionDenied, ValidationError
from tests.conftest import TODAY
from tests.services.case_helpers import euis, make_case
from tests.services.helpers import count_rows, row


def _status(ctx: ServiceContext, case_id: str) -> str:
    return row(ctx.db, "SELECT status FROM case_file WHERE id = :id", id=case_id)[0]


def _institution(ctx: ServiceContext, code: str = "bp3mi") -> str:
    return next(r.id for r in institutions.list_institutions(ctx) if r.code == code)


def _verified_case(ctx: ServiceContext, *, consent: bool = True, **fields: object) -> str:
    pid, plid = euis(ctx)
    case_id = make_case(ctx, pid, plid, **fields)
    cases.change_status(ctx, case_id, "diverifikasi")
    if consent:
        cases.record_consent(ctx, case_id, referral=True, data_sharing=True,
                             given_by="Ahmad (suami)", on=TODAY)
    return case_id


def _refer(ctx: ServiceContext, case_id: str, **kwargs: object) -> str:
    values: dict[str, object] = {"referred_on": TODAY, "reason": "Gaji 6 bulan belum dibayar"}
    values.update(kwargs)
    return referrals.refer_case(ctx, case_id, _institution(ctx), **values).ids[0]  # type: ignore[arg-type]


def test_referring_with_consent_moves_the_case_to_referred(ctx: ServiceContext) -> None:
    case_id = _verified_case(ctx)
    referral_id = _refer(ctx, case_id, answer_due=TODAY + timedelta(days=14))
    assert _status(ctx, case_id) == "dirujuk"
    assert count_rows(ctx.db, "case_action",
                      f"case_id = '{case_id}' AND summary LIKE '%Dirujuk ke BP3MI%'") == 1
    [view] = referrals.referrals_for_case(ctx, case_id)
    assert view.id == referral_id
    assert view.status == "dikirim" and not view.overdue
    assert view.institution_name.startswith("BP3MI")
    assert (view.letter_id, view.letter_number) == (None, "")


def test_without_both_consents_the_referral_is_refused_in_plain_words(
        ctx: ServiceContext) -> None:
    case_id = _verified_case(ctx, consent=False)
    cases.record_consent(ctx, case_id, referral=True, data_sharing=False,
                         given_by="Ahmad", on=TODAY)
    with pytest.raises(ValidationError) as err:
        _refer(ctx, case_id)
    assert err.value.problems[0].text.startswith("Rujukan memerlukan persetujuan rujukan")
    assert referrals.referrals_for_case(ctx, case_id) == []
    assert _status(ctx, case_id) == "diverifikasi"


def test_a_written_reason_overrides_missing_consent(ctx: ServiceContext) -> None:
    case_id = _verified_case(ctx, consent=False)
    _refer(ctx, case_id, consent_override="Nyawa korban terancam, keluarga tidak dapat dihubungi")
    assert _status(ctx, case_id) == "dirujuk"


def test_a_reported_case_keeps_its_status_until_verified(ctx: ServiceContext) -> None:
    pid, plid = euis(ctx)
    case_id = make_case(ctx, pid, plid)
    cases.record_consent(ctx, case_id, referral=True, data_sharing=True, given_by="Ahmad",
                         on=TODAY)
    _refer(ctx, case_id)
    assert _status(ctx, case_id) == "dilaporkan"
    assert len(referrals.referrals_for_case(ctx, case_id)) == 1


def test_bad_input_and_closed_cases_are_refused(ctx: ServiceContext) -> None:
    case_id = _verified_case(ctx)
    with pytest.raises(ValidationError) as err:
        referrals.refer_case(ctx, case_id, "tidak-ada", referred_on=TODAY + timedelta(days=1),
                             reason=" ", answer_due=TODAY - timedelta(days=3))
    assert {p.field for p in err.value.problems} == {"institution_id", "reason",
                                                      "referred_on", "answer_due"}
    cases.change_status(ctx, case_id, "ditutup", closing_reason="Keluarga mencabut laporan")
    with pytest.raises(ValidationError) as err:
        _refer(ctx, case_id)
    assert "Ditutup" in err.value.problems[0].text


def test_the_answer_moves_received_then_acted_upon(ctx: ServiceContext) -> None:
    case_id = _verified_case(ctx)
    rid = _refer(ctx, case_id, referred_on=date(2026, 11, 10))
    referrals.update_referral_status(ctx, rid, "diterima", on=date(2026, 11, 12),
                                     notes="Diterima Pak Dedi")
    referrals.update_referral_status(ctx, rid, "ditindaklanjuti", on=date(2026, 11, 20))
    view = referrals.get_referral(ctx, rid)
    assert view.status == "ditindaklanjuti"
    assert view.acknowledged_on == date(2026, 11, 12)
    assert view.acted_on == date(2026, 11, 20)
    assert "Diterima Pak Dedi" in view.response_notes
    assert "20/11/2026 Ditindaklanjuti" in view.response_notes


def test_impossible_answers_are_refused_naming_both_statuses(ctx: ServiceContext) -> None:
    case_id = _verified_case(ctx)
    rid = _refer(ctx, case_id, referred_on=date(2026, 11, 10))
    with pytest.raises(ValidationError) as err:
        referrals.update_referral_status(ctx, rid, "ditindaklanjuti", on=TODAY)
    assert err.value.problems[0].text == \
        "Status rujukan tidak dapat berubah dari Dikirim ke Ditindaklanjuti."
    with pytest.raises(ValidationError) as err:
        referrals.update_referral_status(ctx, rid, "diterima", on=date(2026, 11, 9))
    assert err.value.problems[0].field == "on"
    with pytest.raises(ValidationError):
        referrals.update_referral_status(ctx, rid, "hilang", on=TODAY)
    assert referrals.get_referral(ctx, rid).status == "dikirim"


def test_no_answer_by_the_due_date_is_flagged_overdue(ctx: ServiceContext) -> None:
    case_id = _verified_case(ctx)
    rid = _refer(ctx, case_id, referred_on=date(2026, 11, 1), answer_due=date(2026, 11, 15))
    assert referrals.get_referral(ctx, rid).overdue
    referrals.update_referral_status(ctx, rid, "tidak_ada_tanggapan", on=TODAY)
    assert not referrals.get_referral(ctx, rid).overdue
    # A late answer is still recorded.
    referrals.update_referral_status(ctx, rid, "diterima", on=TODAY)
    assert referrals.get_referral(ctx, rid).acknowledged_on == TODAY


def test_due_today_is_not_yet_overdue(ctx: ServiceContext) -> None:
    case_id = _verified_case(ctx)
    rid = _refer(ctx, case_id, answer_due=TODAY)
    assert not referrals.get_referral(ctx, rid).overdue


def test_the_referral_shows_its_newest_letter_that_is_not_voided(ctx: ServiceContext) -> None:
    case_id = _verified_case(ctx)
    rid = _refer(ctx, case_id)
    draft = letters.referral_letter_draft(ctx, rid)
    draft = draft.__class__(**{**draft.__dict__, "signer_name": "H. Dedi Supriadi"})
    first = letters.issue_letter(ctx, draft).ids[0]
    assert referrals.get_referral(ctx, rid).letter_number == letters.get_letter(ctx,
                                                                                first).number
    letters.void_letter(ctx, first, "Salah alamat lembaga")
    assert referrals.get_referral(ctx, rid).letter_id is None
    second = letters.issue_letter(ctx, letters.reissue_letter(ctx, first)).ids[0]
    view = referrals.get_referral(ctx, rid)
    assert view.letter_id == second
    assert view.letter_number == letters.get_letter(ctx, second).number


def test_a_confidential_case_is_referred_only_by_its_readers(
        ctx: ServiceContext, other_ctx: ServiceContext) -> None:
    case_id = _verified_case(ctx, types=("tppo",))
    with pytest.raises(PermissionDenied):
        _refer(other_ctx, case_id)
    rid = _refer(ctx, case_id)
    with pytest.raises(PermissionDenied):
        referrals.referrals_for_case(other_ctx, case_id)
    with pytest.raises(PermissionDenied):
        referrals.update_referral_status(other_ctx, rid, "diterima", on=TODAY)


def test_the_village_head_cannot_refer(ctx: ServiceContext, head_ctx: ServiceContext) -> None:
    case_id = _verified_case(ctx)
    with pytest.raises(PermissionDenied):
        _refer(head_ctx, case_id)
    rid = _refer(ctx, case_id)
    assert referrals.get_referral(head_ctx, rid).status == "dikirim"
