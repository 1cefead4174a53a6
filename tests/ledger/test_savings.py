"""Members' savings by kind: deposits, withdrawals, balances and passbook lines."""

from __future__ import annotations

from datetime import date

import pytest

from desa_desktop.services import cashbook, groups, month_closing, savings
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from tests.conftest import TODAY
from tests.ledger.conftest import grant, make_group, post

POKOK, WAJIB, SUKARELA = "simpanan_pokok", "simpanan_wajib", "simpanan_sukarela"


@pytest.fixture
def saved(ctx: ServiceContext, group_id: str, members: list[str]) -> list[str]:
    """Siti: pokok 100.000, wajib 3 x 20.000, sukarela 500.000 less 150.000 withdrawn;
    Dewi: pokok 100.000; the others nothing."""
    siti, dewi = members[0], members[1]
    savings.deposit(ctx, siti, POKOK, 100_000, on=date(2026, 1, 10), receipt_no="S-1")
    savings.deposit(ctx, dewi, POKOK, 100_000, on=date(2026, 1, 10))
    for month in (2, 3, 4):
        savings.deposit(ctx, siti, WAJIB, 20_000, on=date(2026, month, 5))
    savings.deposit(ctx, siti, SUKARELA, 500_000, on=date(2026, 3, 10),
                    description="Hasil panen")
    savings.withdraw(ctx, siti, SUKARELA, 150_000, on=date(2026, 6, 1),
                     description="Biaya sekolah anak")
    return members


def test_deposits_and_withdrawals_are_cash_book_lines(ctx: ServiceContext, group_id: str,
                                                      saved: list[str]) -> None:
    rows = cashbook.entries(ctx, group_id)
    assert [(r.direction, r.category, r.amount, r.member_name) for r in rows
            if r.category == SUKARELA] == [
        ("masuk", SUKARELA, 500_000, "Siti Aminah"),
        ("keluar", SUKARELA, 150_000, "Siti Aminah")]
    assert rows[0].receipt_no == "S-1"
    assert cashbook.balance(ctx, group_id) == 100_000 * 2 + 60_000 + 350_000


def test_balances_per_member_and_kind(ctx: ServiceContext, group_id: str,
                                      saved: list[str]) -> None:
    siti, dewi, ahmad, _ = saved
    assert savings.member_savings(ctx, siti) == {POKOK: 100_000, WAJIB: 60_000,
                                                 SUKARELA: 350_000}
    assert savings.member_savings(ctx, ahmad) == {POKOK: 0, WAJIB: 0, SUKARELA: 0}
    assert savings.member_savings(ctx, siti, as_of=date(2026, 3, 31)) == {
        POKOK: 100_000, WAJIB: 40_000, SUKARELA: 500_000}
    assert savings.member_savings(ctx, dewi, as_of=date(2026, 1, 9)) == {
        POKOK: 0, WAJIB: 0, SUKARELA: 0}
    rows = savings.savings_by_member(ctx, group_id)
    assert [(r.member_no, r.full_name, r.pokok, r.wajib, r.sukarela, r.total, r.active)
            for r in rows] == [
        (1, "Siti Aminah", 100_000, 60_000, 350_000, 510_000, True),
        (2, "Dewi Lestari", 100_000, 0, 0, 100_000, True),
        (3, "Ahmad Sobari", 0, 0, 0, 0, True),
        (4, "Nur Hasanah", 0, 0, 0, 0, True)]
    march = savings.savings_by_member(ctx, group_id, as_of=date(2026, 3, 31))
    assert (march[0].wajib, march[0].sukarela, march[0].total) == (40_000, 500_000, 640_000)
    assert all(type(v) is int for r in rows for v in (r.pokok, r.wajib, r.sukarela, r.total))


def test_the_passbook_lines_carry_the_balance_of_their_kind(ctx: ServiceContext,
                                                           saved: list[str]) -> None:
    lines = savings.savings_lines(ctx, saved[0])
    assert [(line.entry_date, line.category, line.deposit, line.withdrawal, line.balance_of_kind)
            for line in lines] == [
        (date(2026, 1, 10), POKOK, 100_000, 0, 100_000),
        (date(2026, 2, 5), WAJIB, 20_000, 0, 20_000),
        (date(2026, 3, 5), WAJIB, 20_000, 0, 40_000),
        (date(2026, 3, 10), SUKARELA, 500_000, 0, 500_000),
        (date(2026, 4, 5), WAJIB, 20_000, 0, 60_000),
        (date(2026, 6, 1), SUKARELA, 0, 150_000, 350_000)]
    assert lines[0].receipt_no == "S-1"
    assert lines[-1].description == "Biaya sekolah anak"
    # Book order is by date: the sukarela of 10 March (line 6) precedes wajib of April (5).
    assert [line.no for line in lines] == [1, 3, 4, 6, 5, 7]
    assert savings.savings_lines(ctx, saved[2]) == []


def test_other_lines_of_the_member_are_not_savings(ctx: ServiceContext, group_id: str,
                                                   saved: list[str]) -> None:
    post(ctx, group_id, date(2026, 7, 1), "masuk", "penjualan", 80_000, saved[0])
    assert len(savings.savings_lines(ctx, saved[0])) == 6
    assert savings.member_savings(ctx, saved[0])[SUKARELA] == 350_000


def test_a_reversed_deposit_leaves_the_passbook_balance(ctx: ServiceContext, group_id: str,
                                                        saved: list[str]) -> None:
    dewi = saved[1]
    wrong = savings.deposit(ctx, dewi, SUKARELA, 75_000, on=date(2026, 7, 1)).ids[0]
    cashbook.reverse_entry(ctx, wrong, on=date(2026, 7, 2), reason="salah anggota")
    lines = savings.savings_lines(ctx, dewi)
    assert [(line.deposit, line.withdrawal, line.balance_of_kind) for line in lines[-2:]] == [
        (75_000, 0, 75_000), (0, 75_000, 0)]
    assert lines[-1].description == f"Pembatalan entri no. {lines[-2].no}: salah anggota"
    assert savings.member_savings(ctx, dewi)[SUKARELA] == 0


def test_withdrawal_rules(ctx: ServiceContext, group_id: str, saved: list[str]) -> None:
    siti, _, ahmad, _ = saved
    with pytest.raises(ValidationError) as err:
        savings.withdraw(ctx, siti, SUKARELA, 350_001, on=TODAY)
    assert err.value.problems[0].text == ("Penarikan Rp 350.001 melebihi simpanan sukarela "
                                          "anggota ini (Rp 350.000).")
    with pytest.raises(ValidationError) as err:
        savings.withdraw(ctx, ahmad, WAJIB, 1, on=TODAY)
    assert err.value.problems[0].text == ("Penarikan Rp 1 melebihi simpanan wajib anggota "
                                          "ini (Rp 0).")
    savings.withdraw(ctx, siti, SUKARELA, 350_000, on=TODAY)
    assert savings.member_savings(ctx, siti)[SUKARELA] == 0


def test_a_withdrawal_needs_cash_in_the_box(ctx: ServiceContext, group_id: str,
                                            members: list[str]) -> None:
    siti = members[0]
    savings.deposit(ctx, siti, SUKARELA, 400_000, on=date(2026, 2, 1))
    grant(ctx, group_id, 100_000, date(2026, 2, 2))
    post(ctx, group_id, date(2026, 2, 3), "keluar", "peralatan", 450_000)
    with pytest.raises(ValidationError) as err:
        savings.withdraw(ctx, siti, SUKARELA, 100_000, on=date(2026, 2, 4))
    assert err.value.problems[0].text == ("Kas kelompok hanya Rp 50.000; tidak cukup untuk "
                                          "mengeluarkan Rp 100.000.")


@pytest.mark.parametrize("kind", ["simpanan", "penjualan", "simpanan_khusus", ""])
def test_the_kind_must_be_a_savings_kind(ctx: ServiceContext, members: list[str],
                                         kind: str) -> None:
    for action in (savings.deposit, savings.withdraw):
        with pytest.raises(ValidationError) as err:
            action(ctx, members[0], kind, 10_000, on=TODAY)
        assert [(p.field, p.text) for p in err.value.problems] == [
            ("kind", "Pilih jenis simpanan.")]


def test_bad_amounts_and_dates_come_back_from_the_book(ctx: ServiceContext,
                                                       members: list[str]) -> None:
    with pytest.raises(ValidationError) as err:
        savings.deposit(ctx, members[0], WAJIB, 20_000.0, on=TODAY)  # type: ignore[arg-type]
    assert err.value.problems[0].field == "amount"
    with pytest.raises(ValidationError) as err:
        savings.deposit(ctx, members[0], WAJIB, 20_000, on=date(2026, 1, 9))
    assert err.value.problems[0].text == "Pada 09/01/2026 orang ini bukan anggota kelompok."
    with pytest.raises(ValidationError) as err:
        savings.deposit(ctx, members[0], WAJIB, 20_000, on=date(2026, 11, 23))
    assert err.value.problems[0].field == "entry_date"


def test_no_deposit_into_a_closed_month(ctx: ServiceContext, group_id: str,
                                        saved: list[str]) -> None:
    for month in ("2026-01", "2026-02", "2026-03"):
        month_closing.close_month(ctx, group_id, month)
    with pytest.raises(ValidationError) as err:
        savings.deposit(ctx, saved[2], WAJIB, 20_000, on=date(2026, 3, 31))
    assert err.value.problems[0].text.startswith("Bulan Maret 2026 sudah ditutup")
    savings.deposit(ctx, saved[2], WAJIB, 20_000, on=date(2026, 4, 1))


def test_members_who_left_are_listed_as_inactive(ctx: ServiceContext, group_id: str,
                                                 saved: list[str]) -> None:
    dewi = saved[1]
    savings.withdraw(ctx, dewi, POKOK, 100_000, on=date(2026, 10, 1))
    groups.member_leaves(ctx, dewi, left_on=date(2026, 10, 1))
    rows = {r.member_id: r for r in savings.savings_by_member(ctx, group_id)}
    assert (rows[dewi].active, rows[dewi].total) == (False, 0)
    with pytest.raises(ValidationError):
        savings.deposit(ctx, dewi, WAJIB, 20_000, on=date(2026, 10, 2))
    # Her passbook keeps its history.
    assert [line.balance_of_kind for line in savings.savings_lines(ctx, dewi)] == [100_000, 0]


def test_groups_do_not_mix(ctx: ServiceContext, group_id: str, saved: list[str],
                           person_ids: list[str]) -> None:
    other = make_group(ctx, "Koperasi Purna Sejahtera")
    in_other = groups.add_member(ctx, other, person_ids[0], joined_on=date(2026, 2, 1)).ids[0]
    savings.deposit(ctx, in_other, WAJIB, 99_000, on=date(2026, 2, 1))
    assert savings.member_savings(ctx, saved[0])[WAJIB] == 60_000
    assert [r.total for r in savings.savings_by_member(ctx, other)] == [99_000]
    assert cashbook.balance(ctx, other) == 99_000


def test_permissions_and_unknown_members(ctx: ServiceContext, head_ctx: ServiceContext,
                                         saved: list[str]) -> None:
    with pytest.raises(PermissionDenied):
        savings.deposit(head_ctx, saved[0], WAJIB, 20_000, on=TODAY)
    with pytest.raises(PermissionDenied):
        savings.withdraw(head_ctx, saved[0], WAJIB, 20_000, on=TODAY)
    assert savings.member_savings(head_ctx, saved[0])[WAJIB] == 60_000
    for call in (lambda: savings.member_savings(ctx, "tidak-ada"),
                 lambda: savings.savings_lines(ctx, "tidak-ada"),
                 lambda: savings.savings_by_member(ctx, "tidak-ada"),
                 lambda: savings.deposit(ctx, "tidak-ada", WAJIB, 1, on=TODAY)):
        with pytest.raises(NotFoundError):
            call()
