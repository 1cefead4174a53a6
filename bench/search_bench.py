"""Search as you type and opening the registry list: the app's path against raw SQLite.

For every keystroke the app path is ``search.search_page(db, PersonQuery(...))``
exactly as the registry view calls it; the baseline runs the identical SQL
and parameters (``search._statement``) with ``fetchall()`` on a separate,
plain ``sqlite3`` connection to the same file. Both paths are warmed up
first, then timed in interleaved pairs whose order alternates, so neither
profits from running second. Run by ``run.py`` in its own process so the
peak RSS reported is that of the search loop alone.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from _common import emit, peak_rss_mb, percentile

from desa_desktop.db.migrate import open_database
from desa_desktop.services import search
from desa_desktop.services.search import PersonQuery

STATUSES = ("pmi", "cpmi", "purna", "keluarga")


def choose_prefixes(raw: sqlite3.Connection, seed: int, names: int, two_words: int,
                    niks: int) -> list[tuple[str, str]]:
    """Keystroke sequences typed by an officer, as ``(kind, text so far)``.

    ``names`` first names typed letter by letter (1 to 6 letters), ``two_words``
    full first word plus 1-3 letters of the second, ``niks`` NIKs typed digit
    by digit (1 to 16 digits). Persons are drawn at random from the file.
    """
    rng = random.Random(seed)
    top = raw.execute("SELECT max(rowid) FROM person").fetchone()[0]

    def some_person(need: Callable[[str, str], bool]) -> tuple[str, str]:
        while True:
            row = raw.execute("SELECT full_name, coalesce(nik, '') FROM person "
                              "WHERE rowid = ? AND deleted_at IS NULL",
                              (rng.randint(1, top),)).fetchone()
            if row is not None and need(*row):
                return row

    typed: list[tuple[str, str]] = []
    for _ in range(names):
        first = some_person(lambda _n, _k: True)[0].split()[0].lower()
        typed += [("nama", first[:n]) for n in range(1, min(6, len(first)) + 1)]
    for _ in range(two_words):
        first, second = some_person(lambda n, _k: " " in n)[0].lower().split()[:2]
        typed += [("dua kata", f"{first} {second[:n]}") for n in range(1, min(3, len(second)) + 1)]
    for _ in range(niks):
        nik = some_person(lambda _n, k: len(k) == 16)[1]
        typed += [("nik", nik[:n]) for n in range(1, 17)]
    return typed


def _raw_rows(raw: sqlite3.Connection, query: PersonQuery, count: bool = False,
              after: search.PersonRow | None = None) -> Callable[[], object]:
    statement = search._statement(query, after, count=count)
    assert statement is not None
    sql, params = statement
    if count:
        return lambda: raw.execute(sql, params).fetchone()[0]
    return lambda: raw.execute(sql, params).fetchall()


def timed(call: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def interleaved(app: Callable[[], object], base: Callable[[], object], turn: int
                ) -> tuple[float, float, object, object]:
    """Time both once, the app first on even turns and the baseline first on odd ones."""
    if turn % 2 == 0:
        app_ms, app_result = timed(app)
        base_ms, base_result = timed(base)
    else:
        base_ms, base_result = timed(base)
        app_ms, app_result = timed(app)
    return app_ms, base_ms, app_result, base_result


def summarise(app: list[float], base: list[float]) -> dict:
    app50, app95 = percentile(app, 50), percentile(app, 95)
    base50, base95 = percentile(base, 50), percentile(base, 95)
    return {
        "n": len(app), "app_p50": app50, "app_p95": app95, "raw_p50": base50,
        "raw_p95": base95, "ratio_p50": app50 / base50, "ratio_p95": app95 / base95,
        "app_max": max(app), "raw_max": max(base),
    }


def typing_bench(db, raw: sqlite3.Connection, typed: list[tuple[str, str]], rounds: int,
                 with_status: bool) -> dict:
    """Time every keystroke of ``typed`` ``rounds`` times on both paths."""
    queries = [
        (kind, PersonQuery(text=text, status=STATUSES[i % len(STATUSES)] if with_status else ""))
        for i, (kind, text) in enumerate(typed)
    ]
    mismatches = 0
    for _kind, query in queries:  # warm-up, and both paths must return the same rows
        app_rows = search.search_page(db, query)
        base_rows = _raw_rows(raw, query)()
        if [r.id for r in app_rows] != [r[0] for r in base_rows]:
            mismatches += 1
    per_kind: dict[str, tuple[list[float], list[float]]] = {}
    app_all: list[float] = []
    base_all: list[float] = []
    turn = 0
    for _ in range(rounds):
        for kind, query in queries:
            base = _raw_rows(raw, query)
            app_ms, base_ms, _, _ = interleaved(lambda q=query: search.search_page(db, q),
                                                base, turn)
            turn += 1
            app_all.append(app_ms)
            base_all.append(base_ms)
            per_kind.setdefault(kind, ([], []))
            per_kind[kind][0].append(app_ms)
            per_kind[kind][1].append(base_ms)
    result = summarise(app_all, base_all)
    result["mismatches"] = mismatches
    result["overhead_p50"] = percentile([a - b for a, b in zip(app_all, base_all, strict=True)],
                                        50)
    result["kinds"] = {kind: summarise(a, b) for kind, (a, b) in per_kind.items()}
    slowest = sorted(zip(app_all, base_all, [q for _ in range(rounds) for q in queries],
                         strict=True), key=lambda x: -x[1])[:5]
    result["slowest"] = [{"text": q.text, "status": q.status, "app_ms": a, "raw_ms": b}
                         for a, b, (_, q) in slowest]
    return result


def repeat_bench(app: Callable[[], object], base: Callable[[], object], repeats: int) -> dict:
    for _ in range(3):
        app()
        base()
    app_ms: list[float] = []
    base_ms: list[float] = []
    for turn in range(repeats):
        a, b, _, _ = interleaved(app, base, turn)
        app_ms.append(a)
        base_ms.append(b)
    return summarise(app_ms, base_ms)


def what_if(raw: sqlite3.Connection, typed: list[tuple[str, str]]) -> dict:
    """Raw SQLite cost of two possible changes to ``search.py`` (not what the app runs).

    - counting the unfiltered list without the ``LEFT JOIN household`` that only
      the dusun filter and the row columns need;
    - NIK keystrokes answered from the NIK's b-tree index in NIK order
      (``nik >= :digits AND nik < :digits || ':'``) instead of the FTS index in
      name order.
    """
    count_now = _raw_rows(raw, PersonQuery(), count=True)
    count_sql = "SELECT count(*) FROM person p WHERE p.deleted_at IS NULL"
    count = repeat_bench(lambda: raw.execute(count_sql).fetchone()[0], count_now, 15)
    columns = search.build_sql(False, False, False, False, False).split(" FROM ")[0]
    range_sql = (f"{columns} FROM person p LEFT JOIN household h ON h.id = p.household_id "
                 "WHERE p.deleted_at IS NULL AND p.nik >= :d AND p.nik < :d || ':' "
                 "ORDER BY p.nik LIMIT 200")
    now_ms: list[float] = []
    range_ms: list[float] = []
    for turn, (kind, text) in enumerate(typed):
        if kind != "nik":
            continue
        a, b, _, _ = interleaved(lambda t=text: raw.execute(range_sql, {"d": t}).fetchall(),
                                 _raw_rows(raw, PersonQuery(text=text)), turn)
        range_ms.append(a)
        now_ms.append(b)
    return {
        "count_without_join": count,
        "nik_by_range": {"n": len(now_ms), "now_p50": percentile(now_ms, 50),
                         "now_p95": percentile(now_ms, 95),
                         "range_p50": percentile(range_ms, 50),
                         "range_p95": percentile(range_ms, 95)},
    }


def profile_typing(db, typed: list[tuple[str, str]]) -> str:
    """Where ``search_page`` spends its time over the whole keystroke list."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _, text in typed:
        search.search_page(db, PersonQuery(text=text))
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--names", type=int, default=40)
    parser.add_argument("--two-words", type=int, default=20)
    parser.add_argument("--niks", type=int, default=8)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of search_page")
    args = parser.parse_args()

    db, _ = open_database(args.db)
    raw = sqlite3.connect(args.db)
    raw.execute("PRAGMA busy_timeout=10000")
    try:
        typed = choose_prefixes(raw, args.seed, args.names, args.two_words, args.niks)
        if args.profile:
            print(profile_typing(db, typed))
        result: dict = {"keystrokes": len(typed)}
        result["typing"] = typing_bench(db, raw, typed, args.rounds, with_status=False)
        result["typing_status"] = typing_bench(db, raw, typed, args.rounds, with_status=True)
        everyone = PersonQuery()
        first_page = search.search_page(db, everyone)
        result["list_first_page"] = repeat_bench(lambda: search.search_page(db, everyone),
                                                 _raw_rows(raw, everyone), 30)
        after = first_page[-1]
        result["list_next_page"] = repeat_bench(
            lambda: search.search_page(db, everyone, after=after),
            _raw_rows(raw, everyone, after=after), 30)
        result["list_count"] = repeat_bench(lambda: search.count_matches(db, everyone),
                                            _raw_rows(raw, everyone, count=True), 15)
        result["persons"] = search.count_matches(db, everyone)
        result["what_if"] = what_if(raw, typed)
        result["peak_rss_mb"] = peak_rss_mb()
    finally:
        raw.close()
        db.close()
    emit(result)


if __name__ == "__main__":
    main()
