"""Case files: recording, correcting, the workflow, consent, assignment, lists."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from desa_desktop.db.case_models import CaseFile
from desa_desktop.services import audit, cases, persons
from desa_desktop.services.cases import CaseInput, CasePersonInput
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from tests.conftest import TODAY, VILLAGE
from tests.services.case_helpers import case_input, euis, make_case
from tests.services.helpers import add_person, count_rows, row


def problems_of(info: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str | None, str]]:
    return [(p.field, p.text) for p in info.value.problems]


# --- recording a case ------------------------------------------------------------------


def test_a_new_case_gets_a_number_an_officer_and_a_first_timeline_entry(
        ctx: ServiceContext) -> None:
    pid, plid = euis(ctx)
    change = cases.create_case(ctx, case_input(
        pid, plid, types=("pemulangan", "gaji"), reporter_name="  Ujang  Sopandi ",
        reporter_relation="suami_istri", reporter_phone="0812-3456-7890", channel="telepon",
        country="TW", employer="Mr. Lin", description=" Gaji 4 bulan belum dibayar ",
        priority="tinggi"))
    assert (change.entity, change.action) == ("case", "created")
    detail = cases.get_case(ctx, change.ids[0])
    assert detail.number == "KS-2026-0001"
    assert detail.status == "dilaporkan"
    assert detail.data.types == ("gaji", "pemulangan")  # in the order of the reference list
    assert detail.data.reporter_name == "Ujang Sopandi"
    assert detail.data.reporter_phone == "+6281234567890"
    assert detail.data.description == "Gaji 4 bulan belum dibayar"
    assert detail.data.assigned_officer_id == ctx.officer_id
    assert detail.assigned_officer_name == "Admin Desa"
    assert detail.confidential is False
    [person] = detail.persons
    assert (person.full_name, person.placement_id, person.role, person.country) == (
        "Euis Komariah", plid, "korban", "TW")
    assert person.status == persons.get_person(ctx, pid).status
    [first] = detail.actions
    assert (first.summary, first.kind, first.action_date) == (
        "Kasus dicatat", "catatan", date(2026, 11, 20))
    assert first.officer_name == "Admin Desa"
    assert detail.allowed_transitions == ("diverifikasi", "ditutup")
    assert detail.can_reopen is False
    assert detail.consent_referral is None and detail.consent_on is None
    sql = "SELECT village_code, changed_by, revision FROM case_file WHERE id = :id"
    assert row(ctx.db, sql, id=detail.id) == (VILLAGE.code, ctx.officer_id, 1)


def test_numbers_run_per_year_of_the_report(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    first = make_case(ctx, pid)
    second = make_case(ctx, pid, reported_on=date(2026, 1, 3))
    old = make_case(ctx, pid, reported_on=date(2025, 12, 30))
    numbers = [cases.get_case(ctx, i).number for i in (first, second, old)]
    assert numbers == ["KS-2026-0001", "KS-2026-0002", "KS-2025-0001"]


def test_every_problem_of_the_form_is_reported_and_nothing_is_saved(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    data = CaseInput(types=(), reported_on=date(2026, 11, 23), persons=(),
                     reporter_relation="mertua", reporter_phone="12345", channel="surat",
                     country="XX", priority="segera")
    with pytest.raises(ValidationError) as info:
        cases.create_case(ctx, data)
    assert problems_of(info) == [
        ("types", "Pilih minimal satu jenis kasus."),
        ("persons", "Pilih minimal satu orang yang bersangkutan."),
        ("reported_on", "Tanggal laporan tidak boleh di masa depan."),
        ("priority", "Pilihan tidak dikenal."),
        ("channel", "Pilihan tidak dikenal."),
        ("reporter_relation", "Pilihan tidak dikenal."),
        ("country", "Negara tidak dikenal: XX."),
        ("reporter_phone", "Nomor HP harus diawali 08 atau +628 (contoh 0812 3456 7890)."),
    ]
    assert count_rows(ctx.db, "case_file") == 0
    # The refused form took no number: the next case is still the first of the year.
    assert cases.get_case(ctx, make_case(ctx, pid)).number == "KS-2026-0001"


def test_unknown_case_type_is_named(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    with pytest.raises(ValidationError) as info:
        make_case(ctx, pid, types=("gaji", "santet"))
    assert problems_of(info) == [("types", "Jenis kasus tidak dikenal: santet.")]


def test_persons_must_exist_and_placements_must_be_theirs(ctx: ServiceContext) -> None:
    pid, plid = euis(ctx)
    other = add_person(ctx, "Dedi Kurniawan")
    gone = add_person(ctx, "Asep Saepudin")
    persons.delete_person(ctx, gone)
    for person_inputs, expected in [
        ((CasePersonInput(other, plid),),
         ("persons", "Penempatan yang dipilih bukan milik Dedi Kurniawan.")),
        ((CasePersonInput(gone),),
         ("persons", "Orang yang dipilih tidak ditemukan; mungkin sudah dihapus.")),
        ((CasePersonInput("no-such-id"),),
         ("persons", "Orang yang dipilih tidak ditemukan; mungkin sudah dihapus.")),
        ((CasePersonInput(pid), CasePersonInput(pid, plid)),
         ("persons", "Orang yang sama dipilih lebih dari sekali.")),
        ((CasePersonInput(pid, role="pelaku"),), ("persons", "Pilihan tidak dikenal.")),
    ]:
        data = CaseInput(types=("gaji",), reported_on=TODAY, persons=person_inputs)
        with pytest.raises(ValidationError) as info:
            cases.create_case(ctx, data)
        assert problems_of(info) == [expected]
    assert count_rows(ctx.db, "case_file") == 0


def test_phone_country_and_relation_are_optional(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    detail = cases.get_case(ctx, make_case(ctx, pid))
    assert (detail.data.reporter_phone, detail.data.country,
            detail.data.reporter_relation) == ("", "", "")


def test_the_case_can_be_assigned_to_another_officer_but_not_the_village_head(
        ctx: ServiceContext, other_ctx: ServiceContext, head_ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    with pytest.raises(ValidationError) as info:
        make_case(ctx, pid, assigned_officer_id=head_ctx.officer_id)
    assert problems_of(info) == [("assigned_officer_id",
                                  "Pilih petugas atau admin yang masih aktif.")]
    case_id = make_case(ctx, pid, assigned_officer_id=other_ctx.officer_id)
    assert cases.get_case(ctx, case_id).assigned_officer_name == "Budi Santoso"


def test_the_village_head_reads_cases_but_cannot_record_or_change_them(
        ctx: ServiceContext, head_ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    case_id = make_case(ctx, pid)
    assert cases.get_case(head_ctx, case_id).number == "KS-2026-0001"
    assert [c.number for c in cases.list_cases(head_ctx)] == ["KS-2026-0001"]
    for attempt in (
        lambda: cases.create_case(head_ctx, case_input(pid)),
        lambda: cases.update_case(head_ctx, case_id, case_input(pid)),
        lambda: cases.change_status(head_ctx, case_id, "diverifikasi"),
        lambda: cases.record_consent(head_ctx, case_id, referral=True, data_sharing=True,
                                     given_by="Euis", on=TODAY),
        lambda: cases.delete_case(head_ctx, case_id),
    ):
        with pytest.raises(PermissionDenied, match="hanya dapat membaca"):
            attempt()
    assert cases.get_case(ctx, case_id).status == "dilaporkan"


def test_warning_report_link_must_point_at_a_report(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    with pytest.raises(ValidationError):
        cases.create_case(ctx, case_input(pid), warning_report_id="no-such-report")
    assert count_rows(ctx.db, "case_file") == 0


# --- correcting a case -----------------------------------------------------------------


def test_update_changes_the_form_and_recomputes_confidentiality(ctx: ServiceContext) -> None:
    pid, plid = euis(ctx)
    case_id = make_case(ctx, pid, plid)
    data = cases.get_case(ctx, case_id).data
    change = cases.update_case(ctx, case_id, dataclasses.replace(
        data, types=("gaji", "tppo"), description="Dijual ke agen lain"))
    assert (change.entity, change.ids, change.action) == ("case", (case_id,), "updated")
    detail = cases.get_case(ctx, case_id)
    assert detail.confidential is True
    assert detail.data.description == "Dijual ke agen lain"
    assert detail.number == "KS-2026-0001"  # the number never changes
    cases.update_case(ctx, case_id, dataclasses.replace(detail.data, types=("gaji",)))
    assert cases.get_case(ctx, case_id).confidential is False
    cases.update_case(ctx, case_id, dataclasses.replace(detail.data, types=("gaji",),
                                                        marked_confidential=True))
    assert cases.get_case(ctx, case_id).confidential is True


def test_update_replaces_the_persons_concerned(ctx: ServiceContext) -> None:
    pid, plid = euis(ctx)
    husband = add_person(ctx, "Ujang Sopandi")
    case_id = make_case(ctx, pid, plid)
    data = cases.get_case(ctx, case_id).data
    cases.update_case(ctx, case_id, dataclasses.replace(data, persons=(
        CasePersonInput(husband, role="terkait"), CasePersonInput(pid))))
    listed = [(p.full_name, p.role, p.placement_id) for p in cases.get_case(ctx, case_id).persons]
    assert listed == [("Euis Komariah", "korban", None), ("Ujang Sopandi", "terkait", None)]
    cases.update_case(ctx, case_id, dataclasses.replace(data, persons=(
        CasePersonInput(husband),)))
    assert [p.full_name for p in cases.get_case(ctx, case_id).persons] == ["Ujang Sopandi"]
    assert cases.cases_for_person(ctx, pid) == []
    with pytest.raises(ValidationError):
        cases.update_case(ctx, case_id, dataclasses.replace(data, persons=()))


def test_update_without_an_officer_keeps_the_assignment(
        ctx: ServiceContext, other_ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    case_id = make_case(ctx, pid, assigned_officer_id=other_ctx.officer_id)
    cases.update_case(ctx, case_id, case_input(pid, description="x"))
    assert cases.get_case(ctx, case_id).assigned_officer_name == "Budi Santoso"


# --- workflow ---------------------------------------------------------------------------


def test_status_changes_follow_the_workflow_and_leave_a_timeline_entry(
        ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    case_id = make_case(ctx, pid)
    change = cases.change_status(ctx, case_id, "diverifikasi", note="Sudah telepon keluarga")
    assert (change.entity, change.action) == ("case", "updated")
    detail = cases.get_case(ctx, case_id)
    assert detail.status == "diverifikasi"
    assert detail.allowed_transitions == ("dirujuk", "ditangani", "ditutup")
    newest = detail.actions[0]
    assert newest.kind == "catatan"
    assert newest.summary == "Status: Dilaporkan \u2192 Diverifikasi\nSudah telepon keluarga"
    assert newest.action_date == TODAY
    assert [a.summary.split("\n")[0] for a in detail.actions] == [
        "Status: Dilaporkan \u2192 Diverifikasi", "Kasus dicatat"]


def test_an_illegal_move_is_refused_naming_both_statuses(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    case_id = make_case(ctx, pid)
    with pytest.raises(ValidationError) as info:
        cases.change_status(ctx, case_id, "selesai", outcome="Gaji dibayar")
    assert problems_of(info) == [("status", "Status kasus tidak dapat diubah dari "
                                            "\u201cDilaporkan\u201d menjadi "
                                            "\u201cSelesai ditangani\u201d.")]
    detail = cases.get_case(ctx, case_id)
    assert detail.status == "dilaporkan"
    assert len(detail.actions) == 1


def test_resolving_needs_an_outcome_and_closing_a_reason(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    case_id = make_case(ctx, pid)
    cases.change_status(ctx, case_id, "diverifikasi")
    cases.change_status(ctx, case_id, "ditangani")
    with pytest.raises(ValidationError) as info:
        cases.change_status(ctx, case_id, "selesai", outcome="  ")
    assert problems_of(info) == [("outcome", "Isi hasil penanganan sebelum kasus "
                                             "dinyatakan selesai.")]
    cases.change_status(ctx, case_id, "selesai", outcome="Gaji dibayar agen")
    detail = cases.get_case(ctx, case_id)
    assert (detail.status, detail.outcome, detail.can_reopen) == (
        "selesai", "Gaji dibayar agen", True)
    assert detail.actions[0].summary == ("Status: Dalam penanganan \u2192 Selesai ditangani\n"
                                         "Hasil: Gaji dibayar agen")
    with pytest.raises(ValidationError) as info:
        cases.change_status(ctx, case_id, "ditutup")
    assert problems_of(info) == [("closing_reason", "Isi alasan kasus ditutup.")]
    cases.change_status(ctx, case_id, "ditutup", closing_reason="Pekerja sudah pulang")
    detail = cases.get_case(ctx, case_id)
    assert (detail.status, detail.closing_reason, detail.allowed_transitions) == (
        "ditutup", "Pekerja sudah pulang", ())


def test_reopening_needs_a_reason_and_returns_to_handling(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    case_id = make_case(ctx, pid)
    with pytest.raises(ValidationError) as info:
        cases.reopen_case(ctx, case_id, "Keluarga datang lagi")
    assert "hanya kasus yang selesai atau ditutup" in problems_of(info)[0][1]
    cases.change_status(ctx, case_id, "ditutup", closing_reason="Keluarga mencabut laporan")
    with pytest.raises(ValidationError) as info:
        cases.reopen_case(ctx, case_id, " ")
    assert problems_of(info) == [("reason", "Isi alasan kasus dibuka kembali.")]
    cases.reopen_case(ctx, case_id, "Keluarga datang lagi")
    detail = cases.get_case(ctx, case_id)
    assert (detail.status, detail.closing_reason, detail.can_reopen) == ("ditangani", "", False)
    assert detail.actions[0].summary == ("Kasus dibuka kembali. Status: Ditutup \u2192 "
                                         "Dalam penanganan\nAlasan: Keluarga datang lagi")
    # The earlier closing reason stays readable in the timeline.
    assert any("Keluarga mencabut laporan" in a.summary for a in detail.actions)


# --- consent ----------------------------------------------------------------------------


def test_consent_is_recorded_with_who_and_when(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    case_id = make_case(ctx, pid)
    cases.record_consent(ctx, case_id, referral=True, data_sharing=False,
                         given_by=" Euis  Komariah ", on=date(2026, 11, 21))
    detail = cases.get_case(ctx, case_id)
    assert (detail.consent_referral, detail.consent_data_sharing, detail.consent_given_by,
            detail.consent_on) == (True, False, "Euis Komariah", date(2026, 11, 21))
    assert detail.actions[0].summary == ("Persetujuan dicatat (oleh Euis Komariah): "
                                         "rujukan ya, berbagi data tidak")


def test_consent_date_and_giver_are_checked(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    case_id = make_case(ctx, pid)
    with pytest.raises(ValidationError) as info:
        cases.record_consent(ctx, case_id, referral=True, data_sharing=True, given_by="",
                             on=date(2026, 11, 23))
    assert problems_of(info) == [
        ("consent_given_by", "Isi nama orang yang memberi persetujuan."),
        ("consent_on", "Tanggal persetujuan tidak boleh di masa depan."),
    ]
    assert cases.get_case(ctx, case_id).consent_referral is None


@pytest.mark.parametrize(("referral", "sharing", "allowed"), [
    (None, None, False), (True, None, False), (True, False, False), (False, True, False),
    (True, True, True),
])
def test_referral_needs_both_consents(referral: bool | None, sharing: bool | None,
                                      allowed: bool) -> None:
    case = CaseFile(consent_referral=referral, consent_data_sharing=sharing)
    assert cases.consent_allows_referral(case) is allowed


# --- assignment, marking, deletion -----------------------------------------------------


def test_assigning_names_the_new_officer_in_the_timeline(
        ctx: ServiceContext, other_ctx: ServiceContext, head_ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    case_id = make_case(ctx, pid)
    with pytest.raises(ValidationError):
        cases.assign_case(ctx, case_id, head_ctx.officer_id or "")
    cases.assign_case(ctx, case_id, other_ctx.officer_id or "")
    detail = cases.get_case(ctx, case_id)
    assert detail.assigned_officer_name == "Budi Santoso"
    assert detail.actions[0].summary == "Petugas yang menangani: Budi Santoso"


def test_marking_confidential_and_unmarking(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    plain = make_case(ctx, pid)
    cases.set_confidential(ctx, plain, True)
    assert cases.get_case(ctx, plain).confidential is True
    cases.set_confidential(ctx, plain, False)
    assert cases.get_case(ctx, plain).confidential is False
    trafficking = make_case(ctx, pid, types=("tppo",))
    cases.set_confidential(ctx, trafficking, False)
    detail = cases.get_case(ctx, trafficking)
    assert detail.confidential is True  # confidential by its type, whatever the mark
    assert "tetap rahasia" in detail.actions[0].summary


def test_deleted_case_leaves_the_lists_and_comes_back_on_restore(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    case_id = make_case(ctx, pid)
    assert cases.delete_case(ctx, case_id).action == "deleted"
    assert cases.list_cases(ctx) == []
    assert cases.cases_for_person(ctx, pid) == []
    with pytest.raises(NotFoundError):
        cases.get_case(ctx, case_id)
    with pytest.raises(NotFoundError):
        cases.change_status(ctx, case_id, "diverifikasi")
    assert cases.restore_case(ctx, case_id).action == "restored"
    assert [c.id for c in cases.list_cases(ctx)] == [case_id]


# --- lists ------------------------------------------------------------------------------


def test_list_is_newest_first_and_filters(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    dedi = add_person(ctx, "Dedi Kurniawan")
    old = make_case(ctx, pid, reported_on=date(2026, 3, 1))
    new = make_case(ctx, dedi, reported_on=date(2026, 11, 2), priority="darurat")
    cases.change_status(ctx, old, "ditutup", closing_reason="Selesai sendiri")
    listed = cases.list_cases(ctx)
    assert [c.id for c in listed] == [new, old]
    top = listed[0]
    assert (top.number, top.status, top.priority, top.reported_on, top.types, top.title,
            top.readable, top.confidential, top.assigned_officer_name, top.next_due) == (
        "KS-2026-0002", "dilaporkan", "darurat", date(2026, 11, 2), ("gaji",),
        "Dedi Kurniawan", True, False, "Admin Desa", None)
    assert [c.id for c in cases.list_cases(ctx, open_only=True)] == [new]
    assert [c.id for c in cases.list_cases(ctx, status="ditutup")] == [old]
    assert [c.id for c in cases.list_cases(ctx, text="ks-2026-0001")] == [old]
    assert [c.id for c in cases.list_cases(ctx, text="komariah")] == [old]
    assert [c.id for c in cases.list_cases(ctx, text="Dedy Kurniawan")] == []
    assert [c.id for c in cases.list_cases(ctx, text="  ")] == [new, old]


def test_cases_for_person_lists_only_their_cases(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    dedi = add_person(ctx, "Dedi Kurniawan")
    mine = make_case(ctx, pid)
    both = cases.create_case(ctx, CaseInput(
        types=("hilang_kontak",), reported_on=TODAY,
        persons=(CasePersonInput(dedi), CasePersonInput(pid, role="terkait")))).ids[0]
    make_case(ctx, dedi)
    assert [c.id for c in cases.cases_for_person(ctx, pid)] == [both, mine]
    assert cases.cases_for_person(ctx, pid)[0].title == "Dedi Kurniawan, Euis Komariah"


# --- audit ------------------------------------------------------------------------------


def test_a_recorded_case_is_in_the_audit_history(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    case_id = make_case(ctx, pid)
    cases.change_status(ctx, case_id, "diverifikasi")
    entries = audit.history(ctx.db, [case_id])
    assert [(e.entity, e.action, e.officer_name) for e in entries][-1] == (
        "case_file", "create", "Admin Desa")
    assert len(entries) == 2
    assert any(c.field == "status" and (c.old, c.new) == ("dilaporkan", "diverifikasi")
               for c in entries[0].changes)


def test_a_person_deleted_from_the_registry_stays_on_the_case(ctx: ServiceContext) -> None:
    pid, _ = euis(ctx)
    case_id = make_case(ctx, pid)
    persons.delete_person(ctx, pid)
    assert [p.full_name for p in cases.get_case(ctx, case_id).persons] == ["Euis Komariah"]
    assert cases.list_cases(ctx)[0].title == "Euis Komariah"
