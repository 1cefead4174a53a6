"""Finding persons as the officer types: name, NIK or KK number, plus filters.

Each keystroke runs one query on the FTS5 index (``person_search``) and fetches
one page of rows; the registry list asks for further pages as the officer
scrolls (keyset paging on the name order, so page 500 costs what page 1 does).
The SQL is built once per filter combination and run on the raw driver
connection: at 100,000 persons a keystroke costs little more than the bare
SQLite query (see ``bench/`` and ``docs/performance.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from desa_desktop.db.engine import Database

PAGE_SIZE = 200

_WORD = re.compile(r"\w+", re.UNICODE)
_DIGITS_ONLY = re.compile(r"^[\d\s.\-]+$")


@dataclass(frozen=True)
class PersonQuery:
    """What the registry's search box and filters hold."""

    text: str = ""
    status: str = ""
    dusun: str = ""
    country: str = ""


class PersonRow(NamedTuple):
    """One line of the registry list (dates as ISO text, formatted by the view)."""

    id: str
    full_name: str
    nik: str
    sex: str
    birth_date: str
    status: str
    last_country: str
    dusun: str
    rt: str
    rw: str
    kk_number: str
    name_key: str


def match_expression(text: str) -> str:
    """Turn typed text into an FTS5 prefix query, or '' when nothing searchable was typed.

    Digits typed with spaces, dots or dashes (a NIK read off a KTP) are one
    number; words are ANDed prefixes, so "siti am" finds "Siti Aminah".
    """
    text = text.strip()
    if not text:
        return ""
    if _DIGITS_ONLY.match(text):
        digits = re.sub(r"\D", "", text)
        return f'"{digits}"*' if digits else ""
    words = _WORD.findall(text.lower())
    return " ".join(f'"{w}"*' for w in words)


_COLUMNS = (
    "p.id, p.full_name, coalesce(p.nik, ''), p.sex, coalesce(p.birth_date, ''), p.status, "
    "p.last_country, coalesce(h.dusun, ''), coalesce(h.rt, ''), coalesce(h.rw, ''), "
    "coalesce(h.kk_number, ''), p.name_key"
)


@lru_cache(maxsize=64)
def build_sql(has_text: bool, status: bool, dusun: bool, country: bool, after: bool,
              count: bool = False) -> str:
    """The SQL for one combination of filters (cached: a keystroke only binds values)."""
    where = ["p.deleted_at IS NULL"]
    if has_text:
        where.append("p.rowid IN (SELECT rowid FROM person_search WHERE person_search MATCH :m)")
    if status:
        where.append("p.status = :status")
    if dusun:
        where.append("h.dusun = :dusun")
    if country:
        where.append("p.last_country = :country")
    if after and not count:
        where.append("(p.name_key, p.id) > (:after_key, :after_id)")
    head = "SELECT count(*)" if count else f"SELECT {_COLUMNS}"
    # A count needs the household only to filter by dusun; the join would
    # otherwise cost a lookup per match (200+ ms at 100,000 persons).
    # A deleted household no longer gives its members a dusun or KK.
    join = "" if count and not dusun else (
        " LEFT JOIN household h ON h.id = p.household_id AND h.deleted_at IS NULL")
    sql = f"{head} FROM person p{join} WHERE {' AND '.join(where)}"
    if not count:
        sql += " ORDER BY p.name_key, p.id LIMIT :limit"
    return sql


def _statement(query: PersonQuery, after: PersonRow | None, count: bool
               ) -> tuple[str, dict] | None:
    m = match_expression(query.text)
    if query.text.strip() and not m:
        return None  # only punctuation typed: nothing can match
    params: dict = {"limit": PAGE_SIZE, "m": m, "status": query.status, "dusun": query.dusun,
                    "country": query.country}
    if after is not None:
        params["after_key"], params["after_id"] = after.name_key, after.id
    sql = build_sql(bool(m), bool(query.status), bool(query.dusun), bool(query.country),
                    after is not None, count)
    return sql, params


def search_page(db: Database, query: PersonQuery, after: PersonRow | None = None,
                limit: int = PAGE_SIZE) -> list[PersonRow]:
    """One page of matching persons in name order, starting after ``after``."""
    statement = _statement(query, after, count=False)
    if statement is None:
        return []
    sql, params = statement
    params["limit"] = limit
    raw = db.engine.raw_connection()
    try:
        rows = raw.execute(sql, params).fetchall()
    finally:
        raw.close()
    return [PersonRow._make(r) for r in rows]


def count_matches(db: Database, query: PersonQuery) -> int:
    """How many persons match (run off the GUI thread: it touches every match)."""
    statement = _statement(query, None, count=True)
    if statement is None:
        return 0
    sql, params = statement
    raw = db.engine.raw_connection()
    try:
        return int(raw.execute(sql, params).fetchone()[0])
    finally:
        raw.close()


def countries_in_use(db: Database) -> list[str]:
    """Destination countries that appear in the registry, for the filter."""
    raw = db.engine.raw_connection()
    try:
        rows = raw.execute(
            "SELECT DISTINCT country FROM placement WHERE deleted_at IS NULL ORDER BY country"
        ).fetchall()
    finally:
        raw.close()
    return [r[0] for r in rows]
