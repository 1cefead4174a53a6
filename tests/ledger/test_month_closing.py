"""Closing months of a group's book: locked balances, fingerprints, admin-only reopening."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from sqlalchemy import text

from desa_desktop import i18n
from desa_desktop.services import cashbook, month_closing
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from tests.conftest import TODAY
from tests.ledger.conftest import grant, make_group, post
from tests.services.helpers import count_rows


def _refused_close(ctx: ServiceContext, group_id: str, month: str) -> list[tuple[str | None, str]]:
    with pytest.raises(ValidationError) as err:
        month_closing.close_month(ctx, group_id, month)
    return [(p.field, p.text) for p in err.value.problems]


def _refused_reopen(ctx: ServiceContext, group_id: str, month: str,
                    reason: str = "salah catat") -> list[tuple[str | None, str]]:
    with pytest.raises(ValidationError) as err:
        month_closing.reopen_month(ctx, group_id, month, reason=reason)
    return [(p.field, p.text) for p in err.value.problems]


@pytest.fixture
def book(ctx: ServiceContext, group_id: str, members: list[str]) -> str:
    """January: grant 1.000.000; February: sales 200.000 and 30.000, rice 50.000; March empty;
    April: a member's savings 25.000. Returns the group id."""
    grant(ctx, group_id, 1_000_000, date(2026, 1, 15))
    post(ctx, group_id, date(2026, 2, 14), "masuk", "penjualan", 200_000, receipt_no="N-1")
    post(ctx, group_id, date(2026, 2, 3), "keluar", "bahan_baku", 50_000)
    post(ctx, group_id, date(2026, 2, 28), "masuk", "penjualan", 30_000)
    post(ctx, group_id, date(2026, 4, 2), "masuk", "simpanan_wajib", 25_000, members[1])
    return group_id


def _close(ctx: ServiceContext, group_id: str, *months: str) -> None:
    for month in months:
        month_closing.close_month(ctx, group_id, month)


# ---------------------------------------------------------------------------
# Closing
# ---------------------------------------------------------------------------


def test_closing_stores_the_months_figures(ctx: ServiceContext, book: str) -> None:
    change = month_closing.close_month(ctx, book, "2026-01")
    assert (change.entity, change.action) == ("ledger_closing", "created")
    month_closing.close_month(ctx, book, "2026-02")
    rows = month_closing.closings(ctx, book)
    assert [(c.month, c.opening_balance, c.total_in, c.total_out, c.closing_balance,
             c.entry_count) for c in rows] == [
        ("2026-01", 0, 1_000_000, 0, 1_000_000, 1),
        ("2026-02", 1_000_000, 230_000, 50_000, 1_180_000, 3)]
    feb = rows[1]
    assert (feb.closed_on, feb.closed_by_name, feb.status, feb.active) == (
        TODAY, "Admin Desa", "ditutup", True)
    assert (feb.reopened_at, feb.reopened_by_name, feb.reopen_reason) == (None, "", "")
    # The stored figures are those of the month as the book shows it.
    lines = cashbook.entries(ctx, book, month="2026-02")
    assert feb.opening_balance == lines[0].balance - lines[0].signed
    assert feb.closing_balance == lines[-1].balance
    assert all(type(v) is int for v in (feb.opening_balance, feb.total_in, feb.total_out,
                                        feb.closing_balance))
    assert month_closing.month_is_closed(ctx, book, "2026-02")
    assert not month_closing.month_is_closed(ctx, book, "2026-03")
    assert count_rows(ctx.db, "audit_log", "entity = 'ledger_closing'") == 2


def test_the_hash_covers_every_line_of_the_month_in_line_order(ctx: ServiceContext,
                                                               book: str) -> None:
    month_closing.close_month(ctx, book, "2026-01")
    month_closing.close_month(ctx, book, "2026-02")
    with ctx.db.engine.connect() as conn:
        lines = conn.execute(text(
            "SELECT id, no, entry_date, direction, category, amount, member_id, loan_id, "
            "receipt_no, description, reverses_id FROM cash_entry WHERE group_id = :g AND "
            "entry_date BETWEEN '2026-02-01' AND '2026-02-28' ORDER BY no"), {"g": book}).all()
    canonical = "\n".join(json.dumps([*line[:2], str(line[2]), *line[3:]], ensure_ascii=False,
                                     separators=(",", ":")) for line in lines)
    expected = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert [line[1] for line in lines] == [2, 3, 4]
    assert month_closing.closings(ctx, book)[1].entries_hash == expected
    with ctx.db.sessions() as s:
        assert month_closing.entries_hash(s, book, "2026-02") == expected
        assert month_closing.entries_hash(s, book, "2026-03") == hashlib.sha256(b"").hexdigest()
        # Another group's lines in the same month do not count.
        other = make_group(ctx, "Koperasi Purna Sejahtera")
        grant(ctx, other, 5, date(2026, 2, 14))
        assert month_closing.entries_hash(s, book, "2026-02") == expected


def test_a_month_closes_only_after_it_has_ended(ctx: ServiceContext, book: str) -> None:
    _close(ctx, book, "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
           "2026-07", "2026-08", "2026-09", "2026-10")
    assert _refused_close(ctx, book, "2026-11") == [
        ("month", "Bulan November 2026 belum berakhir; bulan ini dapat ditutup mulai "
                  "01/12/2026.")]
    assert _refused_close(ctx, book, "2026-12")[0][1].startswith("Bulan Desember 2026 belum")
    assert [c.month for c in month_closing.closings(ctx, book)][-1] == "2026-10"
    # On 1 December November may close.
    later = ServiceContext(ctx.db, ctx.village_code, ctx.officer, today=lambda: date(2026, 12, 1))
    month_closing.close_month(later, book, "2026-11")
    assert month_closing.month_is_closed(ctx, book, "2026-11")


def test_months_close_in_order(ctx: ServiceContext, book: str) -> None:
    assert _refused_close(ctx, book, "2026-02") == [
        ("month", "Tutup dulu bulan Januari 2026; bulan-bulan buku kas ditutup berurutan.")]
    _close(ctx, book, "2026-01", "2026-02")
    # March had no lines, and still closes before April.
    assert _refused_close(ctx, book, "2026-04") == [
        ("month", "Tutup dulu bulan Maret 2026; bulan-bulan buku kas ditutup berurutan.")]
    _close(ctx, book, "2026-03", "2026-04")
    march, april = month_closing.closings(ctx, book)[2:]
    assert (march.opening_balance, march.entry_count, march.closing_balance) == (
        1_180_000, 0, 1_180_000)
    assert (april.opening_balance, april.total_in, april.closing_balance) == (
        1_180_000, 25_000, 1_205_000)
    assert _refused_close(ctx, book, "2026-04") == [("month", "Bulan April 2026 sudah ditutup.")]
    assert _refused_close(ctx, book, "2026-01") == [
        ("month", "Bulan Januari 2026 sudah ditutup.")]


def test_next_month_to_close(ctx: ServiceContext, group_id: str) -> None:
    assert month_closing.next_month_to_close(ctx, group_id) is None
    post(ctx, group_id, date(2026, 9, 10), "masuk", "penjualan", 10_000)
    assert month_closing.next_month_to_close(ctx, group_id) == "2026-09"
    month_closing.close_month(ctx, group_id, "2026-09")
    assert month_closing.next_month_to_close(ctx, group_id) == "2026-10"
    month_closing.close_month(ctx, group_id, "2026-10")
    # November is still running: nothing to close yet.
    assert month_closing.next_month_to_close(ctx, group_id) is None


def test_an_empty_book_may_close_months_since_the_founding(ctx: ServiceContext,
                                                           group_id: str) -> None:
    """A group that started its book on paper closes the months it had nothing in the app."""
    assert _refused_close(ctx, group_id, "2025-12") == [
        ("month", "Kelompok baru berdiri pada 05/01/2026; bulan Desember 2025 tidak ada di "
                  "bukunya.")]
    month_closing.close_month(ctx, group_id, "2026-01")
    assert month_closing.next_month_to_close(ctx, group_id) == "2026-02"
    january = month_closing.closings(ctx, group_id)[0]
    assert (january.opening_balance, january.total_in, january.total_out,
            january.closing_balance, january.entry_count) == (0, 0, 0, 0, 0)
    with pytest.raises(ValidationError):
        post(ctx, group_id, date(2026, 1, 20), "masuk", "penjualan", 10_000)


def test_closing_checks_every_rule_at_once_and_bad_keys(ctx: ServiceContext,
                                                        group_id: str) -> None:
    assert [f for f, _ in _refused_close(ctx, group_id, "2025-11")] == ["month"]
    assert _refused_close(ctx, group_id, "2026-13") == [
        (None, "Bulan 2026-13 tidak dikenal (contoh: 2026-11).")]
    assert _refused_close(ctx, group_id, "november") == [
        (None, "Bulan november tidak dikenal (contoh: 2026-11).")]
    with pytest.raises(NotFoundError):
        month_closing.close_month(ctx, "tidak-ada", "2026-01")
    with pytest.raises(NotFoundError):
        month_closing.closings(ctx, "tidak-ada")


def test_who_may_close(ctx: ServiceContext, head_ctx: ServiceContext, other_ctx: ServiceContext,
                       book: str) -> None:
    with pytest.raises(PermissionDenied):
        month_closing.close_month(head_ctx, book, "2026-01")
    month_closing.close_month(other_ctx, book, "2026-01")
    assert month_closing.closings(head_ctx, book)[0].closed_by_name == "Budi Santoso"
    assert month_closing.month_is_closed(head_ctx, book, "2026-01")
    assert month_closing.next_month_to_close(head_ctx, book) == "2026-02"
    assert month_closing.verify_closings(head_ctx, book) == []


# ---------------------------------------------------------------------------
# Reopening
# ---------------------------------------------------------------------------


def test_only_the_admin_reopens(ctx: ServiceContext, head_ctx: ServiceContext,
                                other_ctx: ServiceContext, book: str) -> None:
    _close(ctx, book, "2026-01")
    for who in (other_ctx, head_ctx):
        with pytest.raises(PermissionDenied) as err:
            month_closing.reopen_month(who, book, "2026-01", reason="salah")
        assert str(err.value) == "Hanya admin yang dapat membuka kembali bulan yang sudah ditutup."
        assert err.value.translated(lambda t: i18n.translate(t, "en")) == (
            "Only the admin can reopen a closed month.")
    assert month_closing.month_is_closed(ctx, book, "2026-01")


def test_reopening_rules(ctx: ServiceContext, book: str) -> None:
    _close(ctx, book, "2026-01", "2026-02")
    assert _refused_reopen(ctx, book, "2026-02", reason=" ") == [
        ("reason", "Tulis alasan membuka kembali bulan ini.")]
    assert _refused_reopen(ctx, book, "2026-03") == [
        ("month", "Bulan Maret 2026 belum ditutup.")]
    assert _refused_reopen(ctx, book, "2026-01") == [
        ("month", "Buka dulu bulan Februari 2026; hanya bulan terakhir yang ditutup dapat "
                  "dibuka kembali.")]
    assert _refused_reopen(ctx, book, "2026-1x") == [
        (None, "Bulan 2026-1x tidak dikenal (contoh: 2026-11).")]
    with pytest.raises(NotFoundError):
        month_closing.reopen_month(ctx, "tidak-ada", "2026-01", reason="x")


def test_reopen_correct_and_close_again_leaves_a_trace(ctx: ServiceContext, book: str) -> None:
    _close(ctx, book, "2026-01", "2026-02")
    with pytest.raises(ValidationError):
        post(ctx, book, date(2026, 2, 20), "masuk", "penjualan", 70_000)
    change = month_closing.reopen_month(ctx, book, "2026-02",
                                        reason="  Nota penjualan 20 Februari tertinggal ")
    assert (change.entity, change.action) == ("ledger_closing", "updated")
    assert not month_closing.month_is_closed(ctx, book, "2026-02")
    assert month_closing.next_month_to_close(ctx, book) == "2026-02"
    post(ctx, book, date(2026, 2, 20), "masuk", "penjualan", 70_000)
    month_closing.close_month(ctx, book, "2026-02")
    rows = month_closing.closings(ctx, book)
    assert [(c.month, c.status) for c in rows] == [
        ("2026-01", "ditutup"), ("2026-02", "dibuka_kembali"), ("2026-02", "ditutup")]
    old, new = rows[1], rows[2]
    assert (old.reopened_by_name, old.reopen_reason) == (
        "Admin Desa", "Nota penjualan 20 Februari tertinggal")
    assert old.reopened_at is not None and not old.active
    assert (old.total_in, old.closing_balance, old.entry_count) == (230_000, 1_180_000, 3)
    assert (new.total_in, new.closing_balance, new.entry_count) == (300_000, 1_250_000, 4)
    assert old.entries_hash != new.entries_hash
    assert month_closing.verify_closings(ctx, book) == []
    # The audit log holds the reopening with its reason.
    with ctx.db.engine.connect() as conn:
        audit_rows = conn.execute(text(
            "SELECT action, officer_name, new_values FROM audit_log WHERE entity = "
            "'ledger_closing' AND entity_id = :id ORDER BY seq"), {"id": old.id}).all()
    assert [a for a, _, _ in audit_rows] == ["create", "update"]
    assert audit_rows[1][1] == "Admin Desa"
    assert json.loads(audit_rows[1][2])["reopen_reason"] == (
        "Nota penjualan 20 Februari tertinggal")
    assert json.loads(audit_rows[1][2])["status"] == "dibuka_kembali"


def test_reopening_every_month_backwards(ctx: ServiceContext, book: str) -> None:
    _close(ctx, book, "2026-01", "2026-02", "2026-03")
    for month in ("2026-03", "2026-02", "2026-01"):
        month_closing.reopen_month(ctx, book, month, reason="audit kabupaten")
    assert not any(c.active for c in month_closing.closings(ctx, book))
    assert month_closing.next_month_to_close(ctx, book) == "2026-01"
    post(ctx, book, date(2026, 1, 20), "keluar", "peralatan", 100_000)
    assert cashbook.balance(ctx, book, until=date(2026, 1, 31)) == 900_000


# ---------------------------------------------------------------------------
# Checking closed months against their lines
# ---------------------------------------------------------------------------


def _drop_triggers(ctx: ServiceContext) -> None:
    """What someone holding the key could do with any SQLCipher tool."""
    with ctx.db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER cash_entry_no_update"))
        conn.execute(text("DROP TRIGGER cash_entry_no_delete"))


def _texts(ctx: ServiceContext, group_id: str) -> list[tuple[str, str]]:
    return [(p.month, p.text) for p in month_closing.verify_closings(ctx, group_id)]


def test_an_amount_changed_behind_the_apps_back_is_reported(ctx: ServiceContext,
                                                            book: str) -> None:
    _close(ctx, book, "2026-01", "2026-02", "2026-03")
    assert month_closing.verify_closings(ctx, book) == []
    _drop_triggers(ctx)
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE cash_entry SET amount = 250000 WHERE group_id = :g AND "
                          "no = 2"), {"g": book})
    assert _texts(ctx, book) == [
        ("2026-02", "Isi buku kas bulan Februari 2026 tidak sama lagi dengan saat ditutup "
                    "pada 22/11/2026: ada entri yang diubah, ditambah atau dihapus di luar "
                    "aplikasi."),
        ("2026-02", "Pemasukan bulan Februari 2026 saat ditutup Rp 230.000, sekarang "
                    "Rp 280.000."),
        ("2026-02", "Saldo akhir bulan Februari 2026 saat ditutup Rp 1.180.000, sekarang "
                    "Rp 1.230.000."),
        ("2026-03", "Saldo awal bulan Maret 2026 saat ditutup Rp 1.180.000, sekarang "
                    "Rp 1.230.000."),
        ("2026-03", "Saldo akhir bulan Maret 2026 saat ditutup Rp 1.180.000, sekarang "
                    "Rp 1.230.000."),
    ]
    english = [p.template for p in month_closing.verify_closings(ctx, book)]
    assert all(i18n.translate(t, "en") != t for t in english)


def test_a_text_change_shows_in_the_hash_alone(ctx: ServiceContext, book: str) -> None:
    _close(ctx, book, "2026-01", "2026-02")
    _drop_triggers(ctx)
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE cash_entry SET receipt_no = 'N-9' WHERE group_id = :g AND "
                          "no = 2"), {"g": book})
    problems = month_closing.verify_closings(ctx, book)
    assert [p.month for p in problems] == ["2026-02"]
    assert "diubah, ditambah atau dihapus" in problems[0].text


def test_a_deleted_line_and_a_line_slipped_into_a_closed_month_are_reported(
        ctx: ServiceContext, book: str) -> None:
    _close(ctx, book, "2026-01", "2026-02")
    _drop_triggers(ctx)
    with ctx.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM cash_entry WHERE group_id = :g AND no = 3"), {"g": book})
        conn.execute(text(
            "INSERT INTO cash_entry (id, village_code, created_at, updated_at, revision, "
            "group_id, no, entry_date, direction, category, amount, receipt_no, description) "
            "VALUES ('x-1', :v, '2026-11-22', '2026-11-22', 1, :g, 99, '2026-01-31', "
            "'masuk', 'penjualan', 5000, '', '')"), {"g": book, "v": ctx.village_code})
    found = _texts(ctx, book)
    assert ("2026-01", "Jumlah entri bulan Januari 2026 saat ditutup 1, sekarang 2.") in found
    assert ("2026-02", "Jumlah entri bulan Februari 2026 saat ditutup 3, sekarang 2.") in found
    assert ("2026-02", "Pengeluaran bulan Februari 2026 saat ditutup Rp 50.000, sekarang "
                       "Rp 0.") in found
    assert ("2026-02", "Saldo awal bulan Februari 2026 saat ditutup Rp 1.000.000, sekarang "
                       "Rp 1.005.000.") in found
    assert {m for m, _ in found} == {"2026-01", "2026-02"}


def test_reopened_rows_are_not_rechecked(ctx: ServiceContext, book: str) -> None:
    _close(ctx, book, "2026-01", "2026-02")
    month_closing.reopen_month(ctx, book, "2026-02", reason="koreksi")
    post(ctx, book, date(2026, 2, 20), "masuk", "penjualan", 70_000)
    assert month_closing.verify_closings(ctx, book) == []
