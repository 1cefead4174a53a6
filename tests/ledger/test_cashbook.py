"""The cash book (Buku Kas Umum): posting, reversing, balances (services.cashbook)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from desa_desktop import i18n
from desa_desktop.db.ledger_models import BusinessGroup, Loan
from desa_desktop.services import cashbook, groups, loan_state, month_closing
from desa_desktop.services.cashbook import EntryInput
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from tests.conftest import TODAY
from tests.ledger.conftest import grant, make_group, post
from tests.services.helpers import count_rows


def _problems(err: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str | None, str]]:
    return [(p.field, p.text) for p in err.value.problems]


def _refused(ctx: ServiceContext, group_id: str, **fields: object) -> list[tuple[str | None, str]]:
    values: dict[str, object] = {"entry_date": date(2026, 3, 2), "direction": "masuk",
                                 "category": "penjualan", "amount": 100_000}
    values.update(fields)
    with pytest.raises(ValidationError) as err:
        cashbook.post_entry(ctx, group_id, EntryInput(**values))  # type: ignore[arg-type]
    return _problems(err)


# ---------------------------------------------------------------------------
# Posting
# ---------------------------------------------------------------------------


def test_posted_lines_read_back_with_running_balance(ctx: ServiceContext, group_id: str,
                                                     members: list[str]) -> None:
    grant(ctx, group_id, 5_000_000, date(2026, 1, 15))
    post(ctx, group_id, date(2026, 1, 20), "keluar", "peralatan", 1_750_000,
         receipt_no=" KW-001 ", description="  Penggorengan dan spinner ")
    post(ctx, group_id, date(2026, 2, 1), "masuk", "simpanan_pokok", 50_000, members[2])
    post(ctx, group_id, date(2026, 2, 3), "masuk", "penjualan", 425_000)
    rows = cashbook.entries(ctx, group_id)
    assert [(r.no, r.direction, r.category, r.amount, r.balance) for r in rows] == [
        (1, "masuk", "hibah", 5_000_000, 5_000_000),
        (2, "keluar", "peralatan", 1_750_000, 3_250_000),
        (3, "masuk", "simpanan_pokok", 50_000, 3_300_000),
        (4, "masuk", "penjualan", 425_000, 3_725_000),
    ]
    assert (rows[1].receipt_no, rows[1].description) == ("KW-001", "Penggorengan dan spinner")
    assert rows[1].signed == -1_750_000
    assert (rows[2].member_id, rows[2].member_name) == (members[2], "Ahmad Sobari")
    assert rows[0].member_name == "" and rows[0].loan_id is None and rows[0].loan_no is None
    assert all(type(r.amount) is int and type(r.balance) is int for r in rows)
    assert cashbook.balance(ctx, group_id) == 3_725_000
    assert cashbook.balance(ctx, group_id, until=date(2026, 1, 31)) == 3_250_000
    assert cashbook.balance(ctx, group_id, until=date(2026, 1, 14)) == 0
    assert count_rows(ctx.db, "audit_log", "entity = 'cash_entry'") == 4


def test_an_empty_book(ctx: ServiceContext, group_id: str) -> None:
    assert cashbook.balance(ctx, group_id) == 0
    assert cashbook.entries(ctx, group_id) == []
    assert cashbook.entries(ctx, group_id, month="2026-03") == []
    assert cashbook.months_with_entries(ctx, group_id) == ["2026-11"]


def test_line_numbers_run_per_group(ctx: ServiceContext, group_id: str) -> None:
    other = make_group(ctx, "Koperasi Purna Sejahtera")
    grant(ctx, group_id)
    grant(ctx, other)
    grant(ctx, group_id)
    assert [r.no for r in cashbook.entries(ctx, group_id)] == [1, 2]
    assert [r.no for r in cashbook.entries(ctx, other)] == [1]
    assert cashbook.balance(ctx, other) == 10_000_000


@pytest.mark.parametrize(("amount", "says"), [
    (0, "Jumlah uang harus lebih dari nol."),
    (-5_000, "Jumlah uang harus lebih dari nol."),
    (12_500.0, "Jumlah uang harus bilangan Rupiah bulat, tanpa sen."),
    (12_500.5, "Jumlah uang harus bilangan Rupiah bulat, tanpa sen."),
    (True, "Jumlah uang harus bilangan Rupiah bulat, tanpa sen."),
    ("12500", "Jumlah uang harus bilangan Rupiah bulat, tanpa sen."),
    (10_000_000_001, "Jumlah Rp 10.000.000.001 terlalu besar; periksa lagi angka nolnya "
                     "(paling banyak Rp 10.000.000.000)."),
])
def test_only_whole_positive_sensible_rupiah_reach_the_book(ctx: ServiceContext, group_id: str,
                                                            amount: object, says: str) -> None:
    assert _refused(ctx, group_id, amount=amount) == [("amount", says)]
    assert count_rows(ctx.db, "cash_entry") == 0


def test_direction_and_category_must_fit(ctx: ServiceContext, group_id: str) -> None:
    assert _refused(ctx, group_id, direction="naik") == [
        ("direction", "Pilih pemasukan atau pengeluaran.")]
    assert _refused(ctx, group_id, category="gaji") == [("category", "Pilih kategori entri.")]
    assert _refused(ctx, group_id, direction="keluar", category="penjualan") == [
        ("category", "Penjualan tidak dapat dicatat sebagai pengeluaran.")]
    assert _refused(ctx, group_id, direction="masuk", category="bahan_baku") == [
        ("category", "Bahan baku tidak dapat dicatat sebagai pemasukan.")]


def test_loan_lines_are_not_posted_by_hand(ctx: ServiceContext, group_id: str,
                                           members: list[str]) -> None:
    for category, direction in (("pinjaman_keluar", "keluar"), ("angsuran_pinjaman", "masuk"),
                                ("jasa_pinjaman", "masuk")):
        assert _refused(ctx, group_id, category=category, direction=direction,
                        member_id=members[0]) == [
            ("category", "Pinjaman dan angsurannya dicatat di halaman Pinjaman.")]


def test_entry_dates_are_checked(ctx: ServiceContext, group_id: str) -> None:
    assert _refused(ctx, group_id, entry_date=date(2026, 11, 23)) == [
        ("entry_date", "Tanggal entri tidak boleh di masa depan.")]
    assert _refused(ctx, group_id, entry_date=date(2026, 1, 4)) == [
        ("entry_date", "Tanggal entri tidak boleh sebelum kelompok berdiri (05/01/2026).")]
    post(ctx, group_id, TODAY, "masuk", "penjualan", 1)
    post(ctx, group_id, date(2026, 1, 5), "masuk", "penjualan", 1)


def test_every_problem_is_listed_at_once(ctx: ServiceContext, group_id: str) -> None:
    problems = _refused(ctx, group_id, entry_date=date(2027, 1, 1), direction="?",
                        category="simpanan_wajib", amount=-1)
    assert {field for field, _ in problems} == {"amount", "direction", "entry_date",
                                                "member_id"}


def test_member_lines_need_a_member_of_the_group_on_that_day(
        ctx: ServiceContext, group_id: str, members: list[str]) -> None:
    assert _refused(ctx, group_id, category="simpanan_wajib") == [
        ("member_id", "Pilih anggota untuk simpanan wajib.")]
    other = make_group(ctx, "Koperasi Purna Sejahtera")
    assert _refused(ctx, other, category="simpanan_wajib", member_id=members[0]) == [
        ("member_id", "Anggota tidak ditemukan di kelompok ini.")]
    assert _refused(ctx, group_id, category="simpanan_wajib", member_id="tidak-ada") == [
        ("member_id", "Anggota tidak ditemukan di kelompok ini.")]
    assert _refused(ctx, group_id, category="simpanan_wajib", member_id=members[0],
                    entry_date=date(2026, 1, 9)) == [
        ("member_id", "Pada 09/01/2026 orang ini bukan anggota kelompok.")]
    groups.member_leaves(ctx, members[3], left_on=date(2026, 6, 30))
    post(ctx, group_id, date(2026, 6, 30), "masuk", "simpanan_wajib", 10_000, members[3])
    assert _refused(ctx, group_id, category="simpanan_wajib", member_id=members[3],
                    entry_date=date(2026, 7, 1)) == [
        ("member_id", "Pada 01/07/2026 orang ini bukan anggota kelompok.")]


def test_a_member_named_on_a_non_member_line_is_not_kept(ctx: ServiceContext, group_id: str,
                                                         members: list[str]) -> None:
    post(ctx, group_id, date(2026, 3, 2), "masuk", "penjualan", 100_000, members[0])
    assert cashbook.entries(ctx, group_id)[0].member_id is None


def test_money_cannot_leave_an_empty_cash_box(ctx: ServiceContext, group_id: str) -> None:
    assert _refused(ctx, group_id, direction="keluar", category="bahan_baku") == [
        ("amount", "Kas kelompok hanya Rp 0; tidak cukup untuk mengeluarkan Rp 100.000.")]
    grant(ctx, group_id, 300_000, date(2026, 2, 1))
    post(ctx, group_id, date(2026, 2, 2), "keluar", "bahan_baku", 300_000)
    assert cashbook.balance(ctx, group_id) == 0
    grant(ctx, group_id, 300_000, date(2026, 3, 1))
    assert _refused(ctx, group_id, direction="keluar", category="bahan_baku",
                    amount=300_001) == [
        ("amount", "Kas kelompok hanya Rp 300.000; tidak cukup untuk mengeluarkan "
                   "Rp 300.001.")]


def test_a_back_dated_expense_is_checked_against_the_cash_held_today(
        ctx: ServiceContext, group_id: str) -> None:
    """The documented rule: the whole book must hold the money, not the day's balance."""
    grant(ctx, group_id, 1_000_000, date(2026, 3, 1))
    post(ctx, group_id, date(2026, 2, 10), "keluar", "bahan_baku", 400_000)
    rows = cashbook.entries(ctx, group_id)
    assert [(r.no, r.entry_date, r.balance) for r in rows] == [
        (2, date(2026, 2, 10), -400_000), (1, date(2026, 3, 1), 600_000)]
    assert cashbook.balance(ctx, group_id) == 600_000


def test_savings_withdrawals_stay_within_the_kind(ctx: ServiceContext, group_id: str,
                                                  members: list[str]) -> None:
    grant(ctx, group_id)
    post(ctx, group_id, date(2026, 2, 1), "masuk", "simpanan_sukarela", 200_000, members[2])
    post(ctx, group_id, date(2026, 2, 1), "masuk", "simpanan_wajib", 500_000, members[2])
    post(ctx, group_id, date(2026, 2, 1), "masuk", "simpanan_sukarela", 900_000, members[3])
    assert _refused(ctx, group_id, direction="keluar", category="simpanan_sukarela",
                    amount=200_001, member_id=members[2]) == [
        ("amount", "Penarikan Rp 200.001 melebihi simpanan sukarela anggota ini "
                   "(Rp 200.000).")]
    post(ctx, group_id, date(2026, 3, 1), "keluar", "simpanan_sukarela", 200_000, members[2])
    with ctx.db.sessions() as s:
        assert cashbook.savings_balance(s, members[2], "simpanan_sukarela") == 0
        assert cashbook.savings_balance(s, members[2], "simpanan_wajib") == 500_000
        assert cashbook.savings_balance(s, members[3], "simpanan_sukarela") == 900_000


def test_the_village_head_cannot_post_or_reverse(ctx: ServiceContext,
                                                 head_ctx: ServiceContext,
                                                 group_id: str) -> None:
    entry = grant(ctx, group_id)
    with pytest.raises(PermissionDenied):
        post(head_ctx, group_id, TODAY, "masuk", "penjualan", 1_000)
    with pytest.raises(PermissionDenied):
        cashbook.reverse_entry(head_ctx, entry, on=TODAY, reason="salah")
    assert cashbook.balance(head_ctx, group_id) == 10_000_000
    assert len(cashbook.entries(head_ctx, group_id)) == 1


def test_posting_to_an_unknown_group_is_not_found(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError):
        post(ctx, "tidak-ada", TODAY, "masuk", "penjualan", 1_000)
    with pytest.raises(NotFoundError):
        cashbook.entries(ctx, "tidak-ada")
    with pytest.raises(NotFoundError):
        cashbook.reverse_entry(ctx, "tidak-ada", on=TODAY, reason="salah")


def test_a_message_reads_in_english_too(ctx: ServiceContext, group_id: str) -> None:
    with pytest.raises(ValidationError) as err:
        post(ctx, group_id, TODAY, "keluar", "bahan_baku", 1_000)
    english = err.value.problems[0].translated(lambda t: i18n.translate(t, "en"))
    assert english == "The group's cash is only Rp 0; not enough to pay out Rp 1.000."


# ---------------------------------------------------------------------------
# Append-only, reversals
# ---------------------------------------------------------------------------


def test_the_database_refuses_to_change_or_delete_a_line(ctx: ServiceContext,
                                                         group_id: str) -> None:
    entry = grant(ctx, group_id)
    with pytest.raises(DatabaseError, match="append-only"), ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE cash_entry SET amount = 1 WHERE id = :id"), {"id": entry})
    with pytest.raises(DatabaseError, match="append-only"), ctx.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM cash_entry WHERE id = :id"), {"id": entry})
    assert cashbook.balance(ctx, group_id) == 10_000_000


def test_a_reversal_cancels_a_line_and_both_stay_visible(ctx: ServiceContext, group_id: str,
                                                         members: list[str]) -> None:
    grant(ctx, group_id, 2_000_000, date(2026, 2, 1))
    wrong = post(ctx, group_id, date(2026, 2, 5), "keluar", "bahan_baku", 350_000,
                 receipt_no="N-17", description="Singkong 100 kg")
    change = cashbook.reverse_entry(ctx, wrong, on=date(2026, 2, 6),
                                    reason="  jumlah salah ketik ")
    assert change.entity == "cash_entry" and change.action == "created"
    reversal_id, original_id = change.ids
    assert original_id == wrong
    rows = {r.id: r for r in cashbook.entries(ctx, group_id)}
    original, reversal = rows[wrong], rows[reversal_id]
    assert (reversal.no, reversal.direction, reversal.category, reversal.amount) == (
        3, "masuk", "bahan_baku", 350_000)
    assert reversal.entry_date == date(2026, 2, 6)
    assert reversal.receipt_no == "N-17"
    assert reversal.description == "Pembatalan entri no. 2: jumlah salah ketik"
    assert (reversal.reverses_id, reversal.reverses_no) == (wrong, 2)
    assert (original.reversed_by_no, original.reverses_no) == (3, None)
    assert reversal.balance == 2_000_000
    assert cashbook.balance(ctx, group_id) == 2_000_000
    # The right line is then posted as usual.
    post(ctx, group_id, date(2026, 2, 6), "keluar", "bahan_baku", 305_000)
    assert cashbook.balance(ctx, group_id) == 1_695_000


def test_reversal_rules(ctx: ServiceContext, group_id: str) -> None:
    grant(ctx, group_id, 2_000_000, date(2026, 2, 1))
    entry = post(ctx, group_id, date(2026, 2, 5), "keluar", "bahan_baku", 350_000)

    def refused(entry_id: str, on: date = date(2026, 2, 10), reason: str = "salah"
                ) -> list[tuple[str | None, str]]:
        with pytest.raises(ValidationError) as err:
            cashbook.reverse_entry(ctx, entry_id, on=on, reason=reason)
        return _problems(err)

    assert refused(entry, reason="  ") == [("reason", "Tulis alasan pembatalan entri.")]
    assert refused(entry, on=date(2026, 2, 4)) == [
        ("entry_date", "Tanggal pembalikan tidak boleh sebelum tanggal entri yang dibatalkan "
                       "(05/02/2026).")]
    assert refused(entry, on=date(2026, 11, 23)) == [
        ("entry_date", "Tanggal entri tidak boleh di masa depan.")]
    reversal = cashbook.reverse_entry(ctx, entry, on=date(2026, 2, 5), reason="dobel").ids[0]
    assert refused(entry) == [(None, "Entri no. 2 sudah dibatalkan oleh entri no. 3.")]
    assert refused(reversal) == [
        (None, "Entri ini adalah entri pembalik dan tidak dapat dibalik lagi; catat entri "
               "yang benar.")]
    assert count_rows(ctx.db, "cash_entry") == 3


def test_income_already_spent_cannot_be_reversed(ctx: ServiceContext, group_id: str) -> None:
    sale = post(ctx, group_id, date(2026, 2, 1), "masuk", "penjualan", 500_000)
    post(ctx, group_id, date(2026, 2, 2), "keluar", "bahan_baku", 300_000)
    with pytest.raises(ValidationError) as err:
        cashbook.reverse_entry(ctx, sale, on=date(2026, 2, 3), reason="bukan penjualan")
    assert _problems(err) == [
        ("amount", "Kas kelompok hanya Rp 200.000; tidak cukup untuk mengeluarkan "
                   "Rp 500.000.")]


def test_a_partly_withdrawn_deposit_cannot_be_reversed(ctx: ServiceContext, group_id: str,
                                                       members: list[str]) -> None:
    grant(ctx, group_id)
    deposit = post(ctx, group_id, date(2026, 2, 1), "masuk", "simpanan_sukarela", 300_000,
                   members[2])
    withdrawal = post(ctx, group_id, date(2026, 3, 1), "keluar", "simpanan_sukarela", 100_000,
                      members[2])
    with pytest.raises(ValidationError) as err:
        cashbook.reverse_entry(ctx, deposit, on=date(2026, 3, 2), reason="salah anggota")
    assert _problems(err) == [
        (None, "Simpanan ini sebagian sudah ditarik; sisa simpanan sukarela anggota hanya "
               "Rp 200.000.")]
    # Reversing the withdrawal first puts the savings back; then the deposit may go.
    cashbook.reverse_entry(ctx, withdrawal, on=date(2026, 3, 2), reason="tidak jadi")
    cashbook.reverse_entry(ctx, deposit, on=date(2026, 3, 2), reason="salah anggota")
    with ctx.db.sessions() as s:
        assert cashbook.savings_balance(s, members[2], "simpanan_sukarela") == 0
    assert cashbook.balance(ctx, group_id) == 10_000_000


def test_a_line_of_a_closed_month_is_reversed_in_an_open_month(ctx: ServiceContext,
                                                               group_id: str) -> None:
    entry = post(ctx, group_id, date(2026, 10, 5), "masuk", "penjualan", 80_000)
    month_closing.close_month(ctx, group_id, "2026-10")
    with pytest.raises(ValidationError) as err:
        cashbook.reverse_entry(ctx, entry, on=date(2026, 10, 31), reason="salah")
    assert _problems(err) == [
        ("entry_date", "Bulan Oktober 2026 sudah ditutup; entri tidak dapat dicatat pada "
                       "bulan itu. Catat dengan tanggal bulan yang masih terbuka.")]
    cashbook.reverse_entry(ctx, entry, on=date(2026, 11, 1), reason="salah")
    assert cashbook.balance(ctx, group_id) == 0
    assert cashbook.balance(ctx, group_id, until=date(2026, 10, 31)) == 80_000


def test_no_line_goes_into_a_closed_month_or_before_it(ctx: ServiceContext,
                                                       group_id: str) -> None:
    post(ctx, group_id, date(2026, 3, 5), "masuk", "penjualan", 80_000)
    month_closing.close_month(ctx, group_id, "2026-03")
    assert _refused(ctx, group_id, entry_date=date(2026, 3, 31)) == [
        ("entry_date", "Bulan Maret 2026 sudah ditutup; entri tidak dapat dicatat pada bulan "
                       "itu. Catat dengan tanggal bulan yang masih terbuka.")]
    # February was never closed (the book starts in March), but a line there would move
    # March's stored opening balance: the book is shut up to the last closing.
    assert _refused(ctx, group_id, entry_date=date(2026, 2, 27)) == [
        ("entry_date", "Buku kas sudah ditutup sampai bulan Maret 2026; entri tidak dapat "
                       "dicatat sebelum bulan itu.")]
    post(ctx, group_id, date(2026, 4, 1), "masuk", "penjualan", 1)
    with ctx.db.sessions() as s:
        assert cashbook.closed_month(s, group_id, date(2026, 3, 1))
        assert not cashbook.closed_month(s, group_id, date(2026, 4, 1))
        assert not cashbook.closed_month(s, group_id, date(2026, 2, 1))


# ---------------------------------------------------------------------------
# Reading by month
# ---------------------------------------------------------------------------


def test_a_month_reads_like_the_hand_kept_book(ctx: ServiceContext, group_id: str) -> None:
    grant(ctx, group_id, 1_000_000, date(2026, 1, 15))
    post(ctx, group_id, date(2026, 2, 20), "masuk", "penjualan", 300_000)
    post(ctx, group_id, date(2026, 2, 3), "keluar", "bahan_baku", 200_000)
    post(ctx, group_id, date(2026, 3, 1), "masuk", "penjualan", 50_000)
    post(ctx, group_id, date(2026, 2, 3), "masuk", "penjualan", 10_000)
    feb = cashbook.entries(ctx, group_id, month="2026-02")
    # By date, then line number; the first balance carries January over.
    assert [(r.no, r.entry_date.day, r.balance) for r in feb] == [
        (3, 3, 800_000), (5, 3, 810_000), (2, 20, 1_110_000)]
    assert [r.balance for r in cashbook.entries(ctx, group_id, month="2026-03")] == [
        1_160_000]
    assert cashbook.entries(ctx, group_id, month="2026-04") == []
    assert cashbook.entries(ctx, group_id)[-1].balance == cashbook.balance(ctx, group_id)
    assert cashbook.months_with_entries(ctx, group_id) == [
        f"2026-{m:02d}" for m in range(1, 12)]


def test_cash_problems_and_balance_in_inside_a_session(ctx: ServiceContext,
                                                       group_id: str) -> None:
    grant(ctx, group_id, 500_000, date(2026, 4, 1))
    with ctx.db.sessions() as s:
        assert cashbook.cash_problems(s, group_id, 500_000) == []
        assert [p.field for p in cashbook.cash_problems(s, group_id, 500_001)] == ["amount"]
        assert cashbook.balance_in(s, group_id, before=date(2026, 4, 1)) == 0
        assert cashbook.balance_in(s, group_id, until=date(2026, 4, 1)) == 500_000


# ---------------------------------------------------------------------------
# Loan lines through the book (the loans service builds on write_entry)
# ---------------------------------------------------------------------------


def _loan_with_repayment(ctx: ServiceContext, group_id: str, member_id: str) -> tuple[str, str]:
    """A loan disbursed on 1 March and one repayment on 1 April, written as loans will."""
    with ctx.db.sessions.begin() as s:
        group = s.get(BusinessGroup, group_id)
        loan = Loan(group_id=group_id, member_id=member_id, no=1, principal=1_000_000,
                    fee_method="flat", fee_rate_bp=100, term_months=2,
                    disbursed_on=date(2026, 3, 1), first_due_on=date(2026, 4, 1))
        loan.village_code, loan.revision = ctx.village_code, 1
        s.add(loan)
        s.flush()
        cashbook.write_entry(ctx, s, group, EntryInput(date(2026, 3, 1), "keluar",
                                                       "pinjaman_keluar", 1_000_000, member_id),
                             loan_id=loan.id)
        repayment = cashbook.write_entry(ctx, s, group, EntryInput(
            date(2026, 4, 1), "masuk", "angsuran_pinjaman", 1_000_000, member_id),
            loan_id=loan.id)
        loan_state.refresh(ctx, s, loan.id)
        return loan.id, repayment.id


def test_reversing_a_repayment_reopens_the_loan(ctx: ServiceContext, group_id: str,
                                                members: list[str]) -> None:
    grant(ctx, group_id, 2_000_000, date(2026, 2, 1))
    loan_id, repayment = _loan_with_repayment(ctx, group_id, members[2])
    with ctx.db.sessions() as s:
        loan = s.get(Loan, loan_id)
        assert (loan.status, loan.settled_on) == ("lunas", date(2026, 4, 1))
    rows = cashbook.entries(ctx, group_id)
    assert [(r.category, r.loan_no) for r in rows[1:]] == [("pinjaman_keluar", 1),
                                                           ("angsuran_pinjaman", 1)]
    disbursal = rows[1].id
    with pytest.raises(ValidationError) as err:
        cashbook.reverse_entry(ctx, disbursal, on=date(2026, 4, 2), reason="salah")
    assert _problems(err) == [(None, "Pinjaman ini sudah ada angsurannya; batalkan dulu "
                                     "angsuran-angsurannya.")]
    cashbook.reverse_entry(ctx, repayment, on=date(2026, 4, 2), reason="uang palsu")
    with ctx.db.sessions() as s:
        loan = s.get(Loan, loan_id)
        assert (loan.status, loan.settled_on) == ("berjalan", None)
        assert loan_state.paid(s, loan_id) == loan_state.LoanPaid(1_000_000, 0, 0)
    # With no repayment left, the disbursal itself may be cancelled: the loan is void.
    cashbook.reverse_entry(ctx, disbursal, on=date(2026, 4, 2), reason="tidak jadi")
    with ctx.db.sessions() as s:
        assert s.get(Loan, loan_id).status == "batal"
    assert cashbook.balance(ctx, group_id) == 2_000_000
