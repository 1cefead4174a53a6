"""The data-subject printout also shows the newer data: a placement's risk answers,
business-group memberships with savings and loans, and the activities attended.

Everything is built through the public services (today is 22 November 2026).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from desa_desktop.domain.formatting import rupiah
from desa_desktop.reports.person_data import render_person_data
from desa_desktop.services import activities, groups, loans, placements, savings, subject_access
from desa_desktop.services.activities import ActivityInput, AttendeeInput
from desa_desktop.services.audit import FieldChange
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.subject_access import gather_person_data
from tests.ledger.conftest import JOINED, grant, make_group
from tests.reports.helpers import pdf_text
from tests.services.helpers import add_person

GROUP = "Kelompok Keripik Singkong Mekar"
TOPIC = "Literasi keuangan keluarga PMI"
#: Siti's savings: pokok 100.000, wajib 20.000 + 20.000, sukarela 150.000 - 50.000.
SAVINGS_TOTAL = 240_000


@dataclass
class Siti:
    person_id: str
    member_id: str
    loan_id: str


@pytest.fixture
def siti(ctx: ServiceContext) -> Siti:
    """Siti: planned to leave on a tourist visa through a calo; ketua of a group with
    savings and a loan in arrears; at one training, absent from one, invited to one."""
    person_id = add_person(ctx, "Siti Aminah", sex="P", birth=date(1990, 5, 4))
    placements.add_placement(ctx, person_id, placements.PlacementInput(
        "MY", "informal", "plrt", "", "", visa_type="turis", agency_licensed=False,
        via_calo=True, recruiter_name="Pak Darto", recruiter_debt=True))
    # A second member, so the group has someone else on its books too.
    other = add_person(ctx, "Dewi Lestari", sex="P")
    group_id = make_group(ctx)
    member_id = groups.add_member(ctx, group_id, person_id, joined_on=JOINED,
                                  role="ketua").ids[0]
    groups.add_member(ctx, group_id, other, joined_on=JOINED)
    grant(ctx, group_id)
    savings.deposit(ctx, member_id, "simpanan_pokok", 100_000, on=date(2026, 1, 20))
    savings.deposit(ctx, member_id, "simpanan_wajib", 20_000, on=date(2026, 2, 10))
    savings.deposit(ctx, member_id, "simpanan_wajib", 20_000, on=date(2026, 3, 10))
    savings.deposit(ctx, member_id, "simpanan_sukarela", 150_000, on=date(2026, 3, 11))
    savings.withdraw(ctx, member_id, "simpanan_sukarela", 50_000, on=date(2026, 6, 1))
    # 1.200.000 over 12 months, 1 % flat: 112.000 a month from 1 April; one paid.
    loan_id = loans.create_loan(ctx, group_id, loans.LoanInput(
        member_id, 1_200_000, "flat", 100, 12, date(2026, 3, 1))).ids[0]
    loans.record_repayment(ctx, loan_id, amount=112_000, paid_on=date(2026, 4, 1))

    activities.create_activity(
        ctx, ActivityInput(date(2026, 10, 5), "pelatihan_keuangan", TOPIC),
        [AttendeeInput(person_id, True), AttendeeInput(other, True)])
    activities.create_activity(
        ctx, ActivityInput(date(2026, 8, 12), "sosialisasi", "Bahaya berangkat lewat calo"),
        [AttendeeInput(person_id, False)])
    activities.create_activity(
        ctx, ActivityInput(date(2026, 12, 3), "parenting", "Pengasuhan anak PMI"),
        [AttendeeInput(person_id)])
    # Put on a list and taken off again: no longer on it, so not shown.
    removed = activities.create_activity(
        ctx, ActivityInput(date(2026, 9, 1), "lainnya", "Rapat yang salah daftar"),
        [AttendeeInput(person_id, True), AttendeeInput(other, True)]).ids[0]
    activities.set_attendance(ctx, removed, [AttendeeInput(other, True)])
    return Siti(person_id, member_id, loan_id)


def test_placement_block_shows_the_risk_answers_with_the_form_labels(
        ctx: ServiceContext, siti: Siti) -> None:
    block = gather_person_data(ctx, siti.person_id).placements[0]
    fields = {row.label: row.value for row in block.fields}
    assert fields["Jenis visa"] == "Visa turis"
    assert fields["P3MI berizin?"] == "Tidak"
    assert fields["Lewat calo/sponsor?"] == "Ya"
    assert fields["Nama perekrut/calo"] == "Pak Darto"
    assert fields["Berutang ke perekrut?"] == "Ya"
    assert fields["Keluarga tahu tanggal berangkat?"] == "Belum diketahui"
    labels = [row.label for row in block.fields]
    # In the form's order: after the documents, before the notes.
    assert labels.index("Dokumen yang ada") < labels.index("Jenis visa")
    assert labels.index("Keluarga tahu tanggal berangkat?") < labels.index("Catatan")


def test_history_labels_the_risk_fields(ctx: ServiceContext, siti: Siti) -> None:
    created = next(line for line in gather_person_data(ctx, siti.person_id).history
                   if line.what == "Penempatan dibuat")
    text = created.changes_text()
    for expected in ("Jenis visa: Visa turis", "P3MI berizin?: Tidak",
                     "Lewat calo/sponsor?: Ya", "Nama perekrut/calo: Pak Darto",
                     "Berutang ke perekrut?: Ya"):
        assert expected in text, expected
    changes = subject_access.describe_changes([FieldChange("family_informed", None, "true")])
    assert changes[0].text() == "Keluarga tahu tanggal berangkat?: Belum diketahui → Ya"
    assert changes[0].coded


def test_sheet_holds_the_membership_with_savings_and_loans(ctx: ServiceContext,
                                                           siti: Siti) -> None:
    sheet = gather_person_data(ctx, siti.person_id)
    assert len(sheet.memberships) == 1
    block = sheet.memberships[0]
    assert (block.group_name, block.group_kind) == (GROUP, "Kelompok Usaha Produktif")
    assert (block.member_no, block.role) == (1, "Ketua")
    assert (block.joined_on, block.left_on) == ("10/01/2026", "")
    assert block.savings == (("Simpanan pokok", 100_000), ("Simpanan wajib", 40_000),
                             ("Simpanan sukarela", 100_000))
    assert block.savings_total == SAVINGS_TOTAL
    # The same figures as the group's own books.
    assert savings.member_savings(ctx, siti.member_id)["simpanan_sukarela"] == 100_000
    view = loans.get_loan(ctx, siti.loan_id)
    [loan] = block.loans
    assert (loan.number, loan.disbursed_on, loan.principal) == (1, "01/03/2026", 1_200_000)
    assert loan.outstanding_principal == view.outstanding_principal == 1_100_000
    assert loan.status == "Berjalan"
    assert loan.arrears == view.arrears.amount_overdue > 0
    assert loan.days_late == view.arrears.days_late > 0


def test_sheet_lists_the_activities_on_whose_list_the_person_is(ctx: ServiceContext,
                                                                siti: Siti) -> None:
    lines = gather_person_data(ctx, siti.person_id).activities
    assert [(a.activity_date, a.kind, a.topic, a.attendance) for a in lines] == [
        ("03/12/2026", "Community parenting", "Pengasuhan anak PMI", "Diundang"),
        ("05/10/2026", "Pelatihan literasi keuangan", TOPIC, "Hadir"),
        ("12/08/2026", "Sosialisasi migrasi aman", "Bahaya berangkat lewat calo",
         "Tidak hadir"),
    ]
    assert not any(a.in_bin for a in lines)


def test_a_deleted_activity_is_still_shown_and_marked(ctx: ServiceContext, siti: Siti,
                                                      tmp_path: Path) -> None:
    activity_id = next(a.id for a in activities.list_activities(ctx) if a.topic == TOPIC)
    activities.delete_activity(ctx, activity_id)
    sheet = gather_person_data(ctx, siti.person_id)
    assert [a.in_bin for a in sheet.activities if a.topic == TOPIC] == [True]
    text = pdf_text(render_person_data(tmp_path / "siti.pdf", sheet))
    assert "(kegiatan sudah dihapus)" in text


def test_pdf_states_group_savings_loan_activity_and_risk(ctx: ServiceContext, siti: Siti,
                                                         tmp_path: Path) -> None:
    path = render_person_data(tmp_path / "siti.pdf", gather_person_data(ctx, siti.person_id))
    text = pdf_text(path)
    for expected in ("5. Kelompok usaha", GROUP, "Ketua", "Jumlah simpanan",
                     rupiah(SAVINGS_TOTAL), "Simpanan wajib", rupiah(40_000),
                     "Pokok pinjaman", rupiah(1_200_000), rupiah(1_100_000), "Berjalan",
                     "6. Kegiatan yang diikuti", TOPIC, "Hadir", "Tidak hadir", "Diundang",
                     "7. Riwayat perubahan data", "Jenis visa", "Visa turis",
                     "Lewat calo/sponsor?", "Pak Darto"):
        assert expected in text, expected
    assert "Rapat yang salah daftar" not in text


def test_a_person_without_groups_or_activities_says_so(ctx: ServiceContext,
                                                      tmp_path: Path) -> None:
    person_id = add_person(ctx, "Dedi Supriatna", with_nik=False)
    sheet = gather_person_data(ctx, person_id)
    assert sheet.memberships == () and sheet.activities == ()
    text = pdf_text(render_person_data(tmp_path / "dedi.pdf", sheet))
    assert "Tidak tercatat sebagai anggota kelompok usaha." in text
    assert "Tidak tercatat dalam daftar hadir kegiatan." in text


def test_a_member_who_left_shows_the_leaving_date(ctx: ServiceContext, tmp_path: Path) -> None:
    person_id = add_person(ctx, "Nur Hasanah", sex="P")
    group_id = make_group(ctx, "Koperasi Purna Sejahtera")
    member_id = groups.add_member(ctx, group_id, person_id, joined_on=JOINED).ids[0]
    groups.member_leaves(ctx, member_id, left_on=date(2026, 6, 30))
    [block] = gather_person_data(ctx, person_id).memberships
    assert (block.role, block.left_on, block.savings_total, block.loans) == (
        "Anggota", "30/06/2026", 0, ())
    text = pdf_text(render_person_data(tmp_path / "nur.pdf",
                                       gather_person_data(ctx, person_id)))
    assert "30/06/2026" in text and "Tidak ada pinjaman." in text
