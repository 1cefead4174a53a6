"""Balance and monthly statement of a group with 50,000 cash-book lines.

Issue 5 asks for the balance and the statement of a big group's book as a
ratio to a plain SQL aggregate over the same rows. One encrypted village
file (``bench/out/ledger-<n>.sqlite3``, rebuilt each run in a few seconds) holds one group
with ``--entries`` lines over two years (sales, purchases, members' savings,
reversals) inserted in bulk; then, alternately and ``--runs`` times each:

* ``cashbook.balance`` against ``SELECT SUM(CASE ...)`` on the same connection;
* ``statements.monthly_statement`` (opening balance, category totals, the
  month's lines with running balance, loans, closing state) against the
  plain SQL it cannot do without: the sum before the month, the category
  totals of the month and a fetch of the month's rows;
* ``statements.group_overview`` (balances, members, loans, 12 months of
  income/expense) against one ``GROUP BY`` month query.
Writing the statement's PDF and XLSX for the busiest month is timed too
(absolute: a renderer has no SQL baseline). Medians; result as JSON.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from _common import OUT_DIR, emit, peak_rss_mb, remove_database
from sqlalchemy import insert, text

from desa_desktop.db.base import new_id, utcnow
from desa_desktop.db.ledger_models import CashEntry
from desa_desktop.domain.months import month_key
from desa_desktop.services import accounts, cashbook, groups, statements
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.groups import GroupInput
from desa_desktop.services.unlock import create_database

TODAY = date(2026, 11, 22)
START = date(2024, 12, 1)
VILLAGE = accounts.VillageInfo(
    code="32.07.12.2001", name="Karyamukti", district_code="32.07.12",
    district_name="Banjaranyar", regency_code="32.07", regency_name="Ciamis",
    province_code="32", province_name="Jawa Barat",
    post_name="Pos Layanan Desmigratif Karyamukti", address="Jl. Raya Karyamukti No. 1")
MEMBERS = 40


def build(path: Path, entries: int, seed: int) -> tuple[ServiceContext, str]:
    """A fresh village with one group and ``entries`` lines, inserted in bulk."""
    remove_database(path)
    db = create_database(path)
    officer = accounts.set_up(db, VILLAGE, "admin", "Admin Desa", "bench-rahasia-1")
    ctx = ServiceContext(db, VILLAGE.code, officer, today=lambda: TODAY)
    group_id = groups.create_group(ctx, GroupInput("KUP Opak Singkong", "kup", "Opak",
                                                   START - timedelta(days=30))).ids[0]
    from desa_desktop.services.persons import PersonInput, create_person

    members = []
    for n in range(MEMBERS):
        person = create_person(ctx, PersonInput(nik="", full_name=f"Anggota {n + 1}",
                                                sex="P" if n % 2 else "L",
                                                birth_date=date(1985, 1, 1 + n % 28)),
                               confirmed=True).ids[0]
        members.append(groups.add_member(ctx, group_id, person,
                                         joined_on=START - timedelta(days=30)).ids[0])
    rng = random.Random(seed)
    days = (TODAY - START).days
    dates = sorted(START + timedelta(days=rng.randrange(days)) for _ in range(entries))
    rows, now = [], utcnow()
    kinds = (("masuk", "penjualan", None), ("keluar", "bahan_baku", None),
             ("masuk", "simpanan_wajib", "m"), ("masuk", "simpanan_sukarela", "m"),
             ("keluar", "lainnya", None))
    for no, day in enumerate(dates, start=1):
        direction, category, who = kinds[rng.randrange(len(kinds))]
        amount = rng.randrange(10, 200) * 5_000 if direction == "masuk" else \
            rng.randrange(5, 120) * 5_000
        rows.append({"id": new_id(), "village_code": VILLAGE.code, "created_at": now,
                     "updated_at": now, "revision": 1, "changed_by": officer.id,
                     "group_id": group_id, "no": no, "entry_date": day,
                     "direction": direction, "category": category, "amount": amount,
                     "member_id": rng.choice(members) if who else None,
                     "receipt_no": f"NJ-{no}", "description": "bench"})
    with db.sessions.begin() as s:
        for start in range(0, len(rows), 5_000):
            s.execute(insert(CashEntry), rows[start:start + 5_000])
    return ctx, group_id


def timed(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"ledger-{args.entries}.sqlite3"
    t0 = time.perf_counter()
    ctx, group_id = build(path, args.entries, args.seed)
    build_seconds = time.perf_counter() - t0
    engine = ctx.db.engine
    signed = "CASE WHEN direction = 'masuk' THEN amount ELSE -amount END"

    with engine.connect() as conn:
        busiest = conn.execute(text(
            "SELECT substr(entry_date, 1, 7) AS m, count(*) FROM cash_entry "
            "GROUP BY m ORDER BY count(*) DESC LIMIT 1")).first()[0]
    month = busiest
    first = date.fromisoformat(f"{month}-01")
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)

    def plain_balance() -> int:
        with engine.connect() as conn:
            return conn.execute(text(f"SELECT SUM({signed}) FROM cash_entry "
                                     "WHERE group_id = :g"), {"g": group_id}).scalar()

    def plain_statement() -> tuple:
        with engine.connect() as conn:
            opening = conn.execute(text(
                f"SELECT SUM({signed}) FROM cash_entry WHERE group_id = :g "
                "AND entry_date < :d"), {"g": group_id, "d": first}).scalar()
            totals = conn.execute(text(
                "SELECT category, direction, SUM(amount) FROM cash_entry WHERE group_id = :g "
                "AND entry_date >= :a AND entry_date < :b GROUP BY category, direction"),
                {"g": group_id, "a": first, "b": following}).all()
            lines = conn.execute(text(
                "SELECT * FROM cash_entry WHERE group_id = :g AND entry_date >= :a "
                "AND entry_date < :b ORDER BY entry_date, no"),
                {"g": group_id, "a": first, "b": following}).all()
            return opening, totals, len(lines)

    def plain_overview() -> list:
        with engine.connect() as conn:
            return conn.execute(text(
                "SELECT substr(entry_date, 1, 7) AS m, "
                "SUM(CASE WHEN direction = 'masuk' THEN amount ELSE 0 END), "
                "SUM(CASE WHEN direction = 'keluar' THEN amount ELSE 0 END) "
                "FROM cash_entry WHERE group_id = :g GROUP BY m ORDER BY m"),
                {"g": group_id}).all()

    pairs = {
        "balance": (lambda: cashbook.balance(ctx, group_id), plain_balance),
        "statement": (lambda: statements.monthly_statement(ctx, group_id, month),
                      plain_statement),
        "overview": (lambda: statements.group_overview(ctx, group_id), plain_overview),
    }
    result: dict = {"entries": args.entries, "runs": args.runs, "month": month,
                    "build_seconds": round(build_seconds, 1)}
    for name, (ours, plain) in pairs.items():
        ours(), plain()  # warm the page cache and the import of every module
        our_times, plain_times = [], []
        for _ in range(args.runs):
            our_times.append(timed(ours, 1)[0])
            plain_times.append(timed(plain, 1)[0])
        mine, base = statistics.median(our_times), statistics.median(plain_times)
        result[name] = {"ms": round(mine * 1000, 2), "plain_ms": round(base * 1000, 2),
                        "ratio": round(mine / base, 2)}
    assert cashbook.balance(ctx, group_id) == plain_balance()
    data = statements.monthly_statement(ctx, group_id, month)
    result["statement"]["lines"] = len(data.lines)
    from desa_desktop.reports.statement_pdf import render_statement_pdf
    from desa_desktop.reports.statement_xlsx import render_statement_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        pdf_s, _ = timed(lambda: render_statement_pdf(Path(tmp) / "s.pdf", data), 3)
        xlsx_s, _ = timed(lambda: render_statement_xlsx(Path(tmp) / "s.xlsx", data), 3)
    result["pdf_seconds"] = round(pdf_s, 2)
    result["xlsx_seconds"] = round(xlsx_s, 2)
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    result["busiest_month"] = month_key(first)
    ctx.db.close()
    emit(result)


if __name__ == "__main__":
    main()
