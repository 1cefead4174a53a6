"""Search as you type and opening the registry list, on the encrypted file and its plain twin.

Five paths answer every keystroke:

- ``app``: ``search.search_page(db, PersonQuery(...))`` exactly as the registry
  view calls it, on the encrypted village (``open_database(path, key)``,
  SQLCipher): what the app runs now;
- ``plain``: the same call on the plain copy (``open_database(plain, None)``,
  the standard ``sqlite3`` module): what the app ran before encryption;
- ``raw``: the identical SQL and parameters (``search._statement``) with
  ``fetchall()`` on a bare ``sqlite3`` connection to the plain copy (the
  baseline of the 2x search target);
- ``cenc`` and ``cplain``: the identical SQL on bare SQLCipher connections, keyed
  on the encrypted file and without a key on the plain copy. Same library and
  SQLite version on both, so ``cenc / cplain`` is the cost of the encryption
  alone and ``cplain / raw`` that of SQLCipher's newer SQLite (and its larger
  default page cache).

All paths are warmed up over the whole list first (and must return the same
rows), then timed in interleaved rounds whose order rotates, so none profits
from running in a given place. ``--cache-sizes`` then repeats the keystrokes
with the app's encrypted engine at other ``PRAGMA cache_size`` values (what
raising it in ``db/engine.py`` would give) against the plain copy.
Run by ``run.py`` in its own process so the peak RSS reported is that of the
search loop alone.
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
from typing import Any

from _common import (
    current_rss_mb,
    database_key,
    emit,
    peak_rss_mb,
    percentile,
    plain_path,
)
from sqlalchemy import event

from desa_desktop.db.engine import Database
from desa_desktop.db.migrate import open_database, raw_connect
from desa_desktop.services import search
from desa_desktop.services.search import PersonQuery

#: ratio name -> (numerator path, denominator path)
RATIOS = {
    "ratio": ("app", "raw"),  # base issue: the app against bare SQLite (target 2x)
    "enc_ratio": ("app", "plain"),  # encryption issue: now against before (target 1.3x)
    "cipher_ratio": ("cenc", "cplain"),  # the encryption alone, same library
    "engine_ratio": ("cplain", "raw"),  # SQLCipher's SQLite against the system one
    "plain_ratio": ("plain", "raw"),  # the app path on the plain file
}

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


def _raw_rows(raw: Any, query: PersonQuery, count: bool = False,
              after: search.PersonRow | None = None) -> Callable[[], object]:
    """The app's SQL for ``query`` on a bare DB-API connection (sqlite3 or SQLCipher)."""
    statement = search._statement(query, after, count=count)
    assert statement is not None
    sql, params = statement
    if count:
        return lambda: raw.execute(sql, params).fetchone()[0]
    return lambda: raw.execute(sql, params).fetchall()


class Paths:
    """The databases and connections every keystroke runs on (see the module docstring)."""

    def __init__(self, encrypted: Path, plain: Path) -> None:
        self.key = database_key(encrypted)
        self.encrypted, self.plain = encrypted, plain
        self.app, _ = open_database(encrypted, self.key)
        self.plain_db, _ = open_database(plain, None)
        self.raw = sqlite3.connect(plain)
        self.cenc = raw_connect(encrypted, self.key)
        import sqlcipher3

        self.cplain = sqlcipher3.connect(str(plain))  # no key: SQLCipher reads a plain file
        for conn in (self.raw, self.cenc, self.cplain):
            conn.execute("PRAGMA busy_timeout=10000")

    def calls(self, query: PersonQuery, after: search.PersonRow | None = None,
              count: bool = False) -> dict[str, Callable[[], object]]:
        def app() -> object:
            if count:
                return search.count_matches(self.app, query)
            return search.search_page(self.app, query, after=after)

        def plain() -> object:
            if count:
                return search.count_matches(self.plain_db, query)
            return search.search_page(self.plain_db, query, after=after)

        return {"app": app, "plain": plain,
                "raw": _raw_rows(self.raw, query, count, after),
                "cenc": _raw_rows(self.cenc, query, count, after),
                "cplain": _raw_rows(self.cplain, query, count, after)}

    def close(self) -> None:
        for conn in (self.raw, self.cenc, self.cplain):
            conn.close()
        self.app.close()
        self.plain_db.close()


def _ids(result: object) -> list[str]:
    return [row[0] for row in result]  # type: ignore[attr-defined]


def timed(call: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def interleaved(calls: dict[str, Callable[[], object]], turn: int
                ) -> dict[str, tuple[float, object]]:
    """Time each call once, starting with a different one on every turn."""
    names = list(calls)
    start = turn % len(names)
    return {name: timed(calls[name]) for name in names[start:] + names[:start]}


def summarise(series: dict[str, list[float]]) -> dict:
    """p50, p95 and maximum of every path, and the ratios of ``RATIOS`` between them."""
    result: dict = {"n": len(next(iter(series.values())))}
    for name, values in series.items():
        result[f"{name}_p50"] = percentile(values, 50)
        result[f"{name}_p95"] = percentile(values, 95)
        result[f"{name}_max"] = max(values)
    for ratio, (top, bottom) in RATIOS.items():
        if top in series and bottom in series:
            for q in ("p50", "p95"):
                result[f"{ratio}_{q}"] = result[f"{top}_{q}"] / result[f"{bottom}_{q}"]
    return result


def _queries(typed: list[tuple[str, str]], with_status: bool) -> list[tuple[str, PersonQuery]]:
    return [
        (kind, PersonQuery(text=text, status=STATUSES[i % len(STATUSES)] if with_status else ""))
        for i, (kind, text) in enumerate(typed)
    ]


def typing_bench(paths: Paths, typed: list[tuple[str, str]], rounds: int,
                 with_status: bool) -> dict:
    """Time every keystroke of ``typed`` ``rounds`` times on every path."""
    queries = _queries(typed, with_status)
    mismatches = 0
    for _kind, query in queries:  # warm-up, and every path must return the same rows
        answers = [_ids(call()) for call in paths.calls(query).values()]
        if any(ids != answers[0] for ids in answers[1:]):
            mismatches += 1
    per_kind: dict[str, dict[str, list[float]]] = {}
    every: dict[str, list[float]] = {}
    samples: list[tuple[dict[str, float], PersonQuery]] = []
    turn = 0
    for _ in range(rounds):
        for kind, query in queries:
            times = {name: ms for name, (ms, _) in interleaved(paths.calls(query), turn).items()}
            turn += 1
            samples.append((times, query))
            for name, ms in times.items():
                every.setdefault(name, []).append(ms)
                per_kind.setdefault(kind, {}).setdefault(name, []).append(ms)
    result = summarise(every)
    result["mismatches"] = mismatches
    # The app path's own cost: the app against the identical SQL on the same file and library.
    result["overhead_p50"] = percentile(
        [t["app"] - t["cenc"] for t, _ in samples], 50)
    result["kinds"] = {kind: summarise(series) for kind, series in per_kind.items()}
    slowest = sorted(samples, key=lambda s: -s[0]["raw"])[:5]
    result["slowest"] = [{"text": q.text, "status": q.status, "app_ms": t["app"],
                          "plain_ms": t["plain"], "raw_ms": t["raw"]} for t, q in slowest]
    return result


def repeat_bench(calls: dict[str, Callable[[], object]], repeats: int) -> dict:
    for _ in range(3):
        for call in calls.values():
            call()
    series: dict[str, list[float]] = {name: [] for name in calls}
    for turn in range(repeats):
        for name, (ms, _) in interleaved(calls, turn).items():
            series[name].append(ms)
    return summarise(series)


def what_if(raw: sqlite3.Connection, typed: list[tuple[str, str]]) -> dict:
    """Raw SQLite cost of two possible changes to ``search.py`` (not what the app runs).

    - counting the unfiltered list without the ``LEFT JOIN household`` that only
      the dusun filter and the row columns need;
    - NIK keystrokes answered from the NIK's b-tree index in NIK order
      (``nik >= :digits AND nik < :digits || ':'``) instead of the FTS index in
      name order.
    """
    count_sql = "SELECT count(*) FROM person p WHERE p.deleted_at IS NULL"
    # "app" is the candidate SQL here, "raw" the current one, both on bare sqlite3.
    count = repeat_bench({"app": lambda: raw.execute(count_sql).fetchone()[0],
                          "raw": _raw_rows(raw, PersonQuery(), count=True)}, 15)
    columns = search.build_sql(False, False, False, False, False).split(" FROM ")[0]
    range_sql = (f"{columns} FROM person p LEFT JOIN household h ON h.id = p.household_id "
                 "WHERE p.deleted_at IS NULL AND p.nik >= :d AND p.nik < :d || ':' "
                 "ORDER BY p.nik LIMIT 200")
    now_ms: list[float] = []
    range_ms: list[float] = []
    for turn, (kind, text) in enumerate(typed):
        if kind != "nik":
            continue
        times = interleaved({"range": lambda t=text: raw.execute(range_sql, {"d": t}).fetchall(),
                             "now": _raw_rows(raw, PersonQuery(text=text))}, turn)
        range_ms.append(times["range"][0])
        now_ms.append(times["now"][0])
    return {
        "count_without_join": count,
        "nik_by_range": {"n": len(now_ms), "now_p50": percentile(now_ms, 50),
                         "now_p95": percentile(now_ms, 95),
                         "range_p50": percentile(range_ms, 50),
                         "range_p95": percentile(range_ms, 95)},
    }


def table_mb(raw: sqlite3.Connection, table: str) -> float:
    """Size of one table's b-tree in MB (``dbstat``; NaN where SQLite lacks it)."""
    try:
        size = raw.execute("SELECT sum(pgsize) FROM dbstat WHERE name = ?", (table,)).fetchone()[0]
    except sqlite3.Error:
        return float("nan")
    return (size or 0) / 1e6


def with_cache_size(db: Database, cache_size: int) -> Database:
    """``db`` with ``PRAGMA cache_size`` on every connection, as ``engine._set_pragmas`` would."""

    @event.listens_for(db.engine, "connect")
    def _cache(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA cache_size={int(cache_size)}")
        cursor.close()

    db.engine.dispose()
    return db


def cache_sweep(paths: Paths, typed: list[tuple[str, str]], sizes: list[int],
                rounds: int) -> list[dict]:
    """The app on the encrypted file with other page-cache sizes, against the plain copy.

    Each size gets a fresh engine (its own connection and cache), is warmed up
    over the keystrokes and timed interleaved with the app on the plain copy
    (whose cache stays the standard module's default). ``cache_mb`` is how much
    the process grew (freed memory trimmed before both readings) while that
    connection's cache filled.
    """
    rows = []
    everyone = PersonQuery()
    for size in sizes:
        before = current_rss_mb()
        db = with_cache_size(open_database(paths.encrypted, paths.key)[0], size)
        try:
            row: dict = {"cache_size": size}
            for label, with_status in (("typing", False), ("typing_status", True)):
                queries = [q for _, q in _queries(typed, with_status)]
                for query in queries:
                    search.search_page(db, query)
                series: dict[str, list[float]] = {"app": [], "plain": []}
                turn = 0
                for _ in range(rounds):
                    for query in queries:
                        times = interleaved(
                            {"app": lambda q=query, d=db: search.search_page(d, q),
                             "plain": lambda q=query: search.search_page(paths.plain_db, q)},
                            turn)
                        turn += 1
                        for name, (ms, _) in times.items():
                            series[name].append(ms)
                row[label] = summarise(series)
            row["cache_mb"] = current_rss_mb() - before
            row["list_count"] = repeat_bench(
                {"app": lambda d=db: search.count_matches(d, everyone),
                 "plain": lambda: search.count_matches(paths.plain_db, everyone)}, 15)
            rows.append(row)
        finally:
            db.close()
    return rows


def profile_typing(db: Database, typed: list[tuple[str, str]]) -> str:
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
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True,
                        help="the encrypted village (its plain copy is found beside it)")
    parser.add_argument("--plain", type=Path, help="the plain copy (default: beside --db)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--names", type=int, default=40)
    parser.add_argument("--two-words", type=int, default=20)
    parser.add_argument("--niks", type=int, default=8)
    parser.add_argument("--cache-sizes", default="-16000,-32000,-48000,-64000",
                        help="PRAGMA cache_size values to try on the encrypted file ('' for none)")
    parser.add_argument("--cache-rounds", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of search_page")
    args = parser.parse_args()

    paths = Paths(args.db, args.plain or plain_path(args.db))
    try:
        typed = choose_prefixes(paths.raw, args.seed, args.names, args.two_words, args.niks)
        if args.profile:
            print(profile_typing(paths.app, typed))
        result: dict = {"keystrokes": len(typed)}
        with paths.app.engine.connect() as conn:
            result["app_cache_size"] = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        with paths.plain_db.engine.connect() as conn:
            result["plain_cache_size"] = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        result["typing"] = typing_bench(paths, typed, args.rounds, with_status=False)
        result["typing_status"] = typing_bench(paths, typed, args.rounds, with_status=True)
        everyone = PersonQuery()
        first_page = search.search_page(paths.app, everyone)
        result["list_first_page"] = repeat_bench(paths.calls(everyone), 30)
        result["list_next_page"] = repeat_bench(paths.calls(everyone, after=first_page[-1]), 30)
        result["list_count"] = repeat_bench(paths.calls(everyone, count=True), 15)
        result["persons"] = search.count_matches(paths.app, everyone)
        result["plain_persons"] = search.count_matches(paths.plain_db, everyone)
        result["what_if"] = what_if(paths.raw, typed)
        result["person_table_mb"] = table_mb(paths.raw, "person")
        result["peak_rss_mb"] = peak_rss_mb()
        sizes = [int(s) for s in args.cache_sizes.split(",") if s.strip()]
        if sizes and result["app_cache_size"] not in sizes:  # the current size, measured alike
            sizes.insert(0, result["app_cache_size"])
        result["cache_sweep"] = cache_sweep(paths, typed, sizes, args.cache_rounds)
    finally:
        paths.close()
    emit(result)


if __name__ == "__main__":
    main()
