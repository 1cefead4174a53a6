"""Loans to members through the services: disbursal, repayments, arrears, payoff, reversals.

Fixtures come from tests/ledger/conftest.py: the group (founded 5 January
2026) with four members (joined 10 January 2026), today = 22 November 2026.
The group gets Rp 5.000.000 of grant money on 15 January to lend from.
The standard loan: Rp 1.200.000 over 12 months at 1 % a month, given on
10 February 2026; instalments of 100.000 + 12.000 fall due on the 10th from
10 March 2026.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from desa_desktop.domain.loan_schedule import NO_ARREARS, Arrears
from desa_desktop.services import cashbook, groups, loans
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import PermissionDenied, ValidationError
from desa_desktop.services.loans import LoanInput
from tests.ledger.conftest import grant, make_group
from tests.services.helpers import add_person, count_rows

GIVEN = date(2026, 2, 10)
CASH = 5_000_000


@pytest.fixture
def member(ctx: ServiceContext, group_id: str, members: list[str]) -> str:
    """The borrower (Ahmad Sobari, member no. 3); the group holds Rp 5.000.000."""
    grant(ctx, group_id, CASH)
    return members[2]


def lend(ctx: ServiceContext, group_id: str, member_id: str, *, principal: int = 1_200_000,
         method: str = "flat", rate: int = 100, term: int = 12, given: date = GIVEN,
         **fields: object) -> str:
    data = LoanInput(member_id=member_id, principal=principal, fee_method=method,
                     fee_rate_bp=rate, term_months=term, disbursed_on=given,
                     **fields)  # type: ignore[arg-type]
    return loans.create_loan(ctx, group_id, data).ids[0]


def loan_lines(ctx: ServiceContext, group_id: str, loan_id: str) -> list[tuple]:
    return [(e.entry_date, e.direction, e.category, e.amount) for e in
            cashbook.entries(ctx, group_id) if e.loan_id == loan_id]


def problems_of(err: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str | None, str]]:
    return [(p.field, p.text) for p in err.value.problems]


# ---------------------------------------------------------------------------
# Disbursal
# ---------------------------------------------------------------------------


def test_a_loan_is_paid_out_of_the_cash_book(ctx: ServiceContext, group_id: str,
                                              member: str) -> None:
    loan_id = lend(ctx, group_id, member, purpose="Modal kerupuk", receipt_no="KW-01")
    lines = [e for e in cashbook.entries(ctx, group_id) if e.loan_id == loan_id]
    assert [(e.entry_date, e.direction, e.category, e.amount, e.member_id, e.loan_no,
             e.receipt_no, e.description) for e in lines] == [
        (GIVEN, "keluar", "pinjaman_keluar", 1_200_000, member, 1, "KW-01",
         "Pinjaman no. 1: Modal kerupuk")]
    assert cashbook.balance(ctx, group_id) == CASH - 1_200_000
    view = loans.get_loan(ctx, loan_id)
    assert (view.no, view.member_name, view.status, view.first_due_on, view.principal_paid,
            view.outstanding_principal) == (1, "Ahmad Sobari", "berjalan", date(2026, 3, 10),
                                            0, 1_200_000)
    assert view.remaining == 1_344_000
    # The second loan of the group is no. 2.
    assert loans.get_loan(ctx, lend(ctx, group_id, member, principal=300_000)).no == 2


def test_the_preview_is_the_schedule_the_loan_gets(ctx: ServiceContext, group_id: str,
                                                   member: str) -> None:
    data = LoanInput(member, 1_200_000, "menurun", 100, 12, GIVEN)
    preview = loans.preview_schedule(data)
    assert [i.fee for i in preview] == [12_000 - 1_000 * k for k in range(12)]
    loan_id = loans.create_loan(ctx, group_id, data).ids[0]
    assert [r.instalment for r in loans.schedule_rows(ctx, loan_id)] == preview
    with pytest.raises(ValidationError) as err:
        loans.preview_schedule(LoanInput(member, 0, "flat", 100, 0, GIVEN))
    assert [p.field for p in err.value.problems] == ["principal", "term_months"]


def test_a_loan_larger_than_the_cash_is_refused(ctx: ServiceContext, group_id: str,
                                                member: str) -> None:
    with pytest.raises(ValidationError) as err:
        lend(ctx, group_id, member, principal=CASH + 1)
    assert problems_of(err) == [("principal", "Kas kelompok hanya Rp 5.000.000; tidak cukup "
                                              "untuk mengeluarkan Rp 5.000.001.")]
    assert count_rows(ctx.db, "loan") == 0
    lend(ctx, group_id, member, principal=CASH)  # exactly what the box holds is fine
    assert cashbook.balance(ctx, group_id) == 0


def test_only_active_members_of_the_group_may_borrow(ctx: ServiceContext, group_id: str,
                                                     members: list[str], member: str) -> None:
    other_group = make_group(ctx, "Kelompok Abon Ikan")
    stranger = groups.add_member(ctx, other_group, add_person(ctx, "Rina Marlina", sex="P"),
                                 joined_on=date(2026, 2, 1)).ids[0]
    with pytest.raises(ValidationError) as err:
        lend(ctx, group_id, stranger)
    assert problems_of(err) == [("member_id", "Peminjam bukan anggota kelompok ini.")]
    with pytest.raises(ValidationError) as err:
        lend(ctx, group_id, "")
    assert problems_of(err) == [("member_id", "Pilih anggota yang meminjam.")]
    groups.member_leaves(ctx, members[3], left_on=date(2026, 6, 30))
    with pytest.raises(ValidationError) as err:  # even dated while she was still a member
        lend(ctx, group_id, members[3], given=date(2026, 3, 1))
    assert problems_of(err) == [("member_id", "Anggota ini sudah keluar dari kelompok pada "
                                              "30/06/2026; pinjaman hanya untuk anggota "
                                              "aktif.")]
    assert count_rows(ctx.db, "loan") == 0


def test_wrong_terms_and_dates_are_all_reported(ctx: ServiceContext, group_id: str,
                                                member: str) -> None:
    with pytest.raises(ValidationError) as err:
        lend(ctx, group_id, member, principal=1_000_000.0, method="bunga", rate=2000, term=0,
             first_due_on=GIVEN)
    assert [p.field for p in err.value.problems] == [
        "principal", "fee_method", "fee_rate_bp", "term_months", "first_due_on"]
    # A loan dated in the future: the cash book refuses the line, and no loan is left behind.
    with pytest.raises(ValidationError) as err:
        lend(ctx, group_id, member, given=date(2026, 11, 23))
    assert problems_of(err) == [("entry_date", "Tanggal entri tidak boleh di masa depan.")]
    assert count_rows(ctx.db, "loan") == 0
    assert count_rows(ctx.db, "cash_entry", "category = 'pinjaman_keluar'") == 0


def test_the_kepala_desa_can_read_loans_but_not_lend_or_collect(
        ctx: ServiceContext, head_ctx: ServiceContext, group_id: str, member: str) -> None:
    loan_id = lend(ctx, group_id, member)
    with pytest.raises(PermissionDenied):
        lend(head_ctx, group_id, member)
    with pytest.raises(PermissionDenied):
        loans.record_repayment(head_ctx, loan_id, amount=112_000, paid_on=date(2026, 3, 10))
    with pytest.raises(PermissionDenied):
        loans.pay_off(head_ctx, loan_id, paid_on=date(2026, 3, 10))
    assert loans.get_loan(head_ctx, loan_id).principal_paid == 0
    assert [v.id for v in loans.list_loans(head_ctx, group_id)] == [loan_id]
    assert loans.payoff_quote(head_ctx, loan_id, on=date(2026, 3, 1)) == (1_200_000, 0)


# ---------------------------------------------------------------------------
# Repayments and arrears
# ---------------------------------------------------------------------------


def test_a_repayment_is_split_into_principal_and_fee_lines(ctx: ServiceContext, group_id: str,
                                                           member: str) -> None:
    loan_id = lend(ctx, group_id, member)
    loans.record_repayment(ctx, loan_id, amount=112_000, paid_on=date(2026, 3, 10),
                           receipt_no="KW-02")
    loans.record_repayment(ctx, loan_id, amount=5_000, paid_on=date(2026, 4, 8))
    lines = [e for e in cashbook.entries(ctx, group_id) if e.loan_id == loan_id]
    assert [(e.entry_date, e.direction, e.category, e.amount, e.member_id, e.receipt_no)
            for e in lines[1:]] == [
        (date(2026, 3, 10), "masuk", "angsuran_pinjaman", 100_000, member, "KW-02"),
        (date(2026, 3, 10), "masuk", "jasa_pinjaman", 12_000, member, "KW-02"),
        # 5.000 only covers part of the next fee: no zero principal line is posted.
        (date(2026, 4, 8), "masuk", "jasa_pinjaman", 5_000, member, "")]
    view = loans.get_loan(ctx, loan_id, as_of=date(2026, 4, 8))
    assert (view.principal_paid, view.fee_paid, view.outstanding_principal) == (
        100_000, 17_000, 1_100_000)
    assert cashbook.balance(ctx, group_id) == CASH - 1_200_000 + 117_000


def test_a_declining_loan_collects_the_declining_fee(ctx: ServiceContext, group_id: str,
                                                     member: str) -> None:
    loan_id = lend(ctx, group_id, member, method="menurun")
    loans.record_repayment(ctx, loan_id, amount=112_000, paid_on=date(2026, 3, 10))
    loans.record_repayment(ctx, loan_id, amount=111_000, paid_on=date(2026, 4, 10))
    assert loan_lines(ctx, group_id, loan_id)[1:] == [
        (date(2026, 3, 10), "masuk", "angsuran_pinjaman", 100_000),
        (date(2026, 3, 10), "masuk", "jasa_pinjaman", 12_000),
        (date(2026, 4, 10), "masuk", "angsuran_pinjaman", 100_000),
        (date(2026, 4, 10), "masuk", "jasa_pinjaman", 11_000)]


def test_arrears_on_given_dates(ctx: ServiceContext, group_id: str, member: str) -> None:
    loan_id = lend(ctx, group_id, member)

    def arrears_on(day: date) -> Arrears:
        return loans.get_loan(ctx, loan_id, as_of=day).arrears

    assert arrears_on(date(2026, 3, 10)) == NO_ARREARS  # first instalment due today
    assert arrears_on(date(2026, 3, 25)) == Arrears(15, 112_000, 100_000, 12_000, 1)
    # Paid on the due date: on time. Then nothing on 10 April: 10 days late on 20 April.
    loans.record_repayment(ctx, loan_id, amount=112_000, paid_on=date(2026, 3, 10))
    assert arrears_on(date(2026, 3, 10)) == NO_ARREARS
    assert arrears_on(date(2026, 4, 10)) == NO_ARREARS
    assert arrears_on(date(2026, 4, 20)) == Arrears(10, 112_000, 100_000, 12_000, 1)
    # A partial payment (50.000: fee 12.000 + 38.000 principal) leaves 62.000 overdue.
    loans.record_repayment(ctx, loan_id, amount=50_000, paid_on=date(2026, 4, 15))
    assert arrears_on(date(2026, 4, 14)) == Arrears(4, 112_000, 100_000, 12_000, 1)
    assert arrears_on(date(2026, 4, 20)) == Arrears(10, 62_000, 62_000, 0, 1)
    # Today (22/11): instalments 1..9 are due (1.008.000), 162.000 paid -> 846.000 overdue
    # since 10 April (226 days), 8 instalments not fully covered.
    today = loans.get_loan(ctx, loan_id).arrears
    assert today == Arrears(226, 846_000, 762_000, 84_000, 8)
    listed = loans.list_loans(ctx, group_id)
    assert [v.arrears for v in listed] == [today]


def test_schedule_rows_show_what_each_instalment_got(ctx: ServiceContext, group_id: str,
                                                     member: str) -> None:
    loan_id = lend(ctx, group_id, member)
    loans.record_repayment(ctx, loan_id, amount=112_000, paid_on=date(2026, 3, 10))
    loans.record_repayment(ctx, loan_id, amount=50_000, paid_on=date(2026, 4, 5))

    def rows(day: date) -> list[tuple[int, str]]:
        return [(r.paid, r.state) for r in loans.schedule_rows(ctx, loan_id, as_of=day)][:3]

    assert rows(date(2026, 4, 6)) == [(112_000, "lunas"), (50_000, "sebagian"), (0, "belum")]
    assert rows(date(2026, 4, 11)) == [(112_000, "lunas"), (50_000, "terlambat"),
                                       (0, "belum")]
    assert rows(date(2026, 3, 1)) == [(0, "belum")] * 3  # lines after the day are left out
    assert loans.SCHEDULE_STATE["terlambat"] == "Terlambat"


def test_over_payment_is_refused_and_the_last_payment_settles(
        ctx: ServiceContext, group_id: str, member: str) -> None:
    loan_id = lend(ctx, group_id, member)
    loans.record_repayment(ctx, loan_id, amount=300_000, paid_on=date(2026, 5, 1))
    with pytest.raises(ValidationError) as err:
        loans.record_repayment(ctx, loan_id, amount=1_044_001, paid_on=date(2026, 6, 1))
    assert problems_of(err) == [("amount", "Pembayaran Rp 1.044.001 melebihi sisa pinjaman "
                                           "(Rp 1.044.000).")]
    with pytest.raises(ValidationError) as err:
        loans.record_repayment(ctx, loan_id, amount=0, paid_on=date(2026, 6, 1))
    assert problems_of(err) == [("amount", "Jumlah uang harus lebih dari nol.")]
    with pytest.raises(ValidationError) as err:
        loans.record_repayment(ctx, loan_id, amount=1_000, paid_on=date(2026, 2, 9))
    assert err.value.problems[0].field == "paid_on"
    assert len(loan_lines(ctx, group_id, loan_id)) == 3
    loans.record_repayment(ctx, loan_id, amount=1_044_000, paid_on=date(2026, 6, 1))
    view = loans.get_loan(ctx, loan_id)
    assert (view.status, view.settled_on, view.principal_paid, view.fee_paid,
            view.outstanding_principal, view.remaining, view.arrears) == (
        "lunas", date(2026, 6, 1), 1_200_000, 144_000, 0, 0, NO_ARREARS)
    assert {r.state for r in loans.schedule_rows(ctx, loan_id)} == {"lunas"}
    with pytest.raises(ValidationError, match="sudah lunas"):
        loans.record_repayment(ctx, loan_id, amount=1_000, paid_on=date(2026, 6, 2))
    assert loans.list_loans(ctx, group_id, include_settled=False) == []


def test_a_loan_with_a_remainder_and_month_end_due_dates(ctx: ServiceContext, group_id: str,
                                                         member: str) -> None:
    # First due 31 January: then 28/02 (clamped) and 31/03; 1.000.000 / 3 leaves 1 over.
    loan_id = lend(ctx, group_id, member, principal=1_000_000, rate=150, term=3,
                   given=date(2026, 1, 16), first_due_on=date(2026, 1, 31))
    rows = loans.schedule_rows(ctx, loan_id, as_of=date(2026, 1, 20))
    assert [(r.instalment.due_on, r.instalment.principal, r.instalment.fee, r.state)
            for r in rows] == [
        (date(2026, 1, 31), 333_333, 15_000, "belum"),
        (date(2026, 2, 28), 333_333, 15_000, "belum"),
        (date(2026, 3, 31), 333_334, 15_000, "belum")]
    loans.record_repayment(ctx, loan_id, amount=348_333, paid_on=date(2026, 1, 31))
    assert loans.get_loan(ctx, loan_id, as_of=date(2026, 2, 28)).arrears == NO_ARREARS
    assert loans.get_loan(ctx, loan_id, as_of=date(2026, 3, 1)).arrears == Arrears(
        1, 348_333, 333_333, 15_000, 1)
    for day, amount in ((date(2026, 2, 28), 348_333), (date(2026, 3, 31), 348_334)):
        loans.record_repayment(ctx, loan_id, amount=amount, paid_on=day)
    assert loan_lines(ctx, group_id, loan_id)[-2:] == [
        (date(2026, 3, 31), "masuk", "angsuran_pinjaman", 333_334),
        (date(2026, 3, 31), "masuk", "jasa_pinjaman", 15_000)]
    view = loans.get_loan(ctx, loan_id)
    assert (view.status, view.settled_on, view.principal_paid, view.fee_paid) == (
        "lunas", date(2026, 3, 31), 1_000_000, 45_000)


def test_the_default_first_due_date_is_a_month_after_the_loan(
        ctx: ServiceContext, group_id: str, member: str) -> None:
    # Given 31 January: first due 28 February (clamped); later ones keep that day.
    loan_id = lend(ctx, group_id, member, principal=300_000, term=3, given=date(2026, 1, 31))
    assert [r.instalment.due_on for r in loans.schedule_rows(ctx, loan_id)] == [
        date(2026, 2, 28), date(2026, 3, 28), date(2026, 4, 28)]


# ---------------------------------------------------------------------------
# Early payoff
# ---------------------------------------------------------------------------


def test_early_payoff_waives_the_fees_not_yet_due(ctx: ServiceContext, group_id: str,
                                                  member: str) -> None:
    loan_id = lend(ctx, group_id, member)
    for day in (date(2026, 3, 10), date(2026, 4, 10)):
        loans.record_repayment(ctx, loan_id, amount=112_000, paid_on=day)
    assert loans.payoff_quote(ctx, loan_id, on=date(2026, 5, 5)) == (1_000_000, 0)
    assert loans.payoff_quote(ctx, loan_id, on=date(2026, 5, 10)) == (1_000_000, 12_000)
    loans.pay_off(ctx, loan_id, paid_on=date(2026, 5, 5), receipt_no="KW-09")
    assert loan_lines(ctx, group_id, loan_id)[-1:] == [
        (date(2026, 5, 5), "masuk", "angsuran_pinjaman", 1_000_000)]  # no zero fee line
    view = loans.get_loan(ctx, loan_id)
    assert (view.status, view.settled_on, view.outstanding_principal, view.arrears) == (
        "lunas", date(2026, 5, 5), 0, NO_ARREARS)
    assert {r.state for r in loans.schedule_rows(ctx, loan_id)} == {"lunas"}
    # Before the payoff the loan was running, as a statement of April shows.
    assert loans.get_loan(ctx, loan_id, as_of=date(2026, 4, 30)).status == "berjalan"
    assert loans.payoff_quote(ctx, loan_id, on=date(2026, 6, 1)) == (0, 0)
    with pytest.raises(ValidationError, match="sudah lunas"):
        loans.pay_off(ctx, loan_id, paid_on=date(2026, 6, 1))


def test_a_late_payoff_collects_the_fees_already_due(ctx: ServiceContext, group_id: str,
                                                     member: str) -> None:
    loan_id = lend(ctx, group_id, member)
    # Nothing paid; on 20 May three instalments (10/03, 10/04, 10/05) have fallen due.
    assert loans.payoff_quote(ctx, loan_id, on=date(2026, 5, 20)) == (1_200_000, 36_000)
    loans.pay_off(ctx, loan_id, paid_on=date(2026, 5, 20))
    assert loan_lines(ctx, group_id, loan_id)[1:] == [
        (date(2026, 5, 20), "masuk", "angsuran_pinjaman", 1_200_000),
        (date(2026, 5, 20), "masuk", "jasa_pinjaman", 36_000)]
    assert loans.get_loan(ctx, loan_id).status == "lunas"


# ---------------------------------------------------------------------------
# Reversals through the cash book
# ---------------------------------------------------------------------------


def test_reversing_a_repayment_restores_the_arrears(ctx: ServiceContext, group_id: str,
                                                    member: str) -> None:
    loan_id = lend(ctx, group_id, member)
    loans.record_repayment(ctx, loan_id, amount=112_000, paid_on=date(2026, 3, 10))
    before = loans.get_loan(ctx, loan_id).arrears
    for entry in [e for e in cashbook.entries(ctx, group_id)
                  if e.loan_id == loan_id and e.direction == "masuk"]:
        cashbook.reverse_entry(ctx, entry.id, on=date(2026, 11, 20), reason="Salah anggota")
    view = loans.get_loan(ctx, loan_id)
    assert (view.principal_paid, view.fee_paid, view.outstanding_principal) == (0, 0, 1_200_000)
    # As if never paid: 9 instalments overdue since 10 March (257 days).
    assert view.arrears == Arrears(257, 1_008_000, 900_000, 108_000, 9)
    assert view.arrears.amount_overdue == before.amount_overdue + 112_000
    # History stays true: at the end of March the payment still counted.
    assert loans.get_loan(ctx, loan_id, as_of=date(2026, 3, 31)).arrears == NO_ARREARS


def test_reversing_the_last_repayment_reopens_a_settled_loan(
        ctx: ServiceContext, group_id: str, member: str) -> None:
    loan_id = lend(ctx, group_id, member, principal=300_000, term=3)
    loans.record_repayment(ctx, loan_id, amount=309_000, paid_on=date(2026, 3, 10))
    assert loans.get_loan(ctx, loan_id).status == "lunas"
    principal_line = next(e for e in cashbook.entries(ctx, group_id)
                          if e.loan_id == loan_id and e.category == "angsuran_pinjaman")
    cashbook.reverse_entry(ctx, principal_line.id, on=date(2026, 3, 12), reason="Uang palsu")
    view = loans.get_loan(ctx, loan_id)
    assert (view.status, view.settled_on, view.principal_paid, view.fee_paid) == (
        "berjalan", None, 0, 9_000)
    # Paying what is left again settles both parts to the Rupiah.
    assert view.remaining == 300_000
    loans.record_repayment(ctx, loan_id, amount=300_000, paid_on=date(2026, 3, 13))
    view = loans.get_loan(ctx, loan_id)
    assert (view.status, view.principal_paid, view.fee_paid) == ("lunas", 300_000, 9_000)


def test_a_fee_line_reversed_on_its_own_is_collected_again(
        ctx: ServiceContext, group_id: str, member: str) -> None:
    loan_id = lend(ctx, group_id, member)
    loans.record_repayment(ctx, loan_id, amount=112_000, paid_on=date(2026, 3, 10))
    fee_line = next(e for e in cashbook.entries(ctx, group_id)
                    if e.loan_id == loan_id and e.category == "jasa_pinjaman")
    cashbook.reverse_entry(ctx, fee_line.id, on=date(2026, 3, 11), reason="Salah catat")
    assert loans.get_loan(ctx, loan_id).remaining == 1_244_000
    loans.record_repayment(ctx, loan_id, amount=1_244_000, paid_on=date(2026, 4, 1))
    assert loan_lines(ctx, group_id, loan_id)[-2:] == [
        (date(2026, 4, 1), "masuk", "angsuran_pinjaman", 1_100_000),
        (date(2026, 4, 1), "masuk", "jasa_pinjaman", 144_000)]
    view = loans.get_loan(ctx, loan_id)
    assert (view.status, view.principal_paid, view.fee_paid) == ("lunas", 1_200_000, 144_000)


def test_reversing_a_disbursal_cancels_the_loan(ctx: ServiceContext, group_id: str,
                                                member: str) -> None:
    loan_id = lend(ctx, group_id, member)
    disbursal = loan_lines(ctx, group_id, loan_id)
    assert len(disbursal) == 1
    entry = next(e for e in cashbook.entries(ctx, group_id) if e.loan_id == loan_id)
    cashbook.reverse_entry(ctx, entry.id, on=date(2026, 2, 11), reason="Salah peminjam")
    view = loans.get_loan(ctx, loan_id)
    assert (view.status, view.outstanding_principal, view.arrears) == ("batal", 0, NO_ARREARS)
    assert cashbook.balance(ctx, group_id) == CASH
    assert loans.schedule_rows(ctx, loan_id) == []
    assert [v.status for v in loans.list_loans(ctx, group_id)] == ["batal"]
    assert loans.list_loans(ctx, group_id, include_settled=False) == []
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        loans.record_repayment(ctx, loan_id, amount=1_000, paid_on=date(2026, 3, 1))
    # Its number stays used.
    assert loans.get_loan(ctx, lend(ctx, group_id, member)).no == 2


def test_a_disbursal_with_repayments_cannot_be_reversed(ctx: ServiceContext, group_id: str,
                                                        member: str) -> None:
    loan_id = lend(ctx, group_id, member)
    loans.record_repayment(ctx, loan_id, amount=112_000, paid_on=date(2026, 3, 10))
    entry = next(e for e in cashbook.entries(ctx, group_id)
                 if e.loan_id == loan_id and e.category == "pinjaman_keluar")
    with pytest.raises(ValidationError, match="sudah ada angsurannya"):
        cashbook.reverse_entry(ctx, entry.id, on=date(2026, 3, 11), reason="Salah")
    assert loans.get_loan(ctx, loan_id).status == "berjalan"


# ---------------------------------------------------------------------------
# Views for statements and the passbook; integer money
# ---------------------------------------------------------------------------


def test_loan_views_see_the_loans_as_they_stood_at_a_month_end(
        ctx: ServiceContext, group_id: str, members: list[str], member: str) -> None:
    first = lend(ctx, group_id, member)
    loans.record_repayment(ctx, first, amount=112_000, paid_on=date(2026, 3, 10))
    loans.record_repayment(ctx, first, amount=112_000, paid_on=date(2026, 4, 10))
    second = lend(ctx, group_id, members[0], principal=600_000, term=6,
                  given=date(2026, 4, 2))
    with ctx.db.sessions() as s:
        march = loans.loan_views(s, group_id, date(2026, 3, 31))
        april = loans.loan_views(s, group_id, date(2026, 4, 30))
    assert [(v.id, v.principal_paid, v.outstanding_principal) for v in march] == [
        (first, 100_000, 1_100_000)]
    assert [(v.id, v.principal_paid, v.fee_paid) for v in april] == [
        (first, 200_000, 24_000), (second, 0, 0)]
    assert [v.member_name for v in april] == ["Ahmad Sobari", "Siti Aminah"]
    assert [v.id for v in loans.member_loans(ctx, member)] == [first]
    assert loans.member_loans(ctx, members[0], as_of=date(2026, 3, 31)) == []


def test_money_is_whole_rupiah_in_views_and_in_the_database(
        ctx: ServiceContext, group_id: str, member: str) -> None:
    loan_id = lend(ctx, group_id, member, method="menurun", rate=125)
    loans.record_repayment(ctx, loan_id, amount=123_457, paid_on=date(2026, 3, 10))
    view = loans.get_loan(ctx, loan_id)
    figures = (view.principal, view.principal_paid, view.fee_paid, view.outstanding_principal,
               view.remaining, *vars(view.arrears).values())
    assert all(type(v) is int for v in figures)
    assert all(type(v) is int for r in loans.schedule_rows(ctx, loan_id)
               for v in (r.paid, r.instalment.principal, r.instalment.fee))
    with ctx.db.engine.connect() as conn:
        kinds = {row[0] for row in conn.execute(text(
            "SELECT DISTINCT typeof(amount) FROM cash_entry UNION "
            "SELECT DISTINCT typeof(principal) FROM loan"))}
    assert kinds == {"integer"}
