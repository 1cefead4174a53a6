"""What a bundle holds: the period it reports on and the rows of every register.

The data files are a **full snapshot** of the village's synced records, not
the changes of the period: a bundle lost on the way then loses nothing (the
next one carries everything again) and the district's merge stays "newer
revision wins". The period decides what the readable files call "changed in
this period" and what the summary counts.

Rows are read with SQLAlchemy Core, a partition at a time, and handed on one
by one, so a 100,000-person village is never in memory whole; redaction of
confidential cases (``bundle.registers``) is applied to every row on the way
out, never later. ``BundleContent`` reads all registers inside one read
transaction, so the files of one bundle agree with each other even if an
officer saves something meanwhile.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Any, NamedTuple

from sqlalchemy import Connection, and_, func, select

from desa_desktop.bundle.records import utc_bounds
from desa_desktop.bundle.registers import REGISTERS, Register, Scope
from desa_desktop.db import models  # noqa: F401 - every table in the metadata
from desa_desktop.db.base import Base
from desa_desktop.domain.errors import DomainError
from desa_desktop.services.context import ServiceContext

__all__ = ["BundleContent", "Period", "PreviewRow", "confidential_case_count", "export_rows",
           "period_of", "preview_counts", "read_scope"]

#: Rows fetched from SQLite per step: small enough to keep memory flat, large enough
#: that the per-fetch cost disappears.
PARTITION = 2000
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_CUSTOM = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
_FIRST_YEAR, _LAST_YEAR = 2000, 2099


@dataclass(frozen=True)
class Period:
    """The period a bundle reports on: a month, a quarter, or chosen dates.

    ``label`` is what the file names, the manifest and the signature's
    trusted comment carry ("2026-11", "2026-Q4", "2026-10-01..2026-11-15").
    Build one with ``month``, ``quarter``, ``custom`` or ``parse``.
    """

    kind: str
    start: date
    end: date
    label: str

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        _check_year(year)
        if not 1 <= month <= 12:
            raise DomainError("Bulan harus antara 1 dan 12.", field="period")
        last = calendar.monthrange(year, month)[1]
        return cls("month", date(year, month, 1), date(year, month, last),
                   f"{year:04d}-{month:02d}")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        _check_year(year)
        if not 1 <= quarter <= 4:
            raise DomainError("Triwulan harus antara 1 dan 4.", field="period")
        first = 3 * quarter - 2
        end = date(year, first + 2, calendar.monthrange(year, first + 2)[1])
        return cls("quarter", date(year, first, 1), end, f"{year:04d}-Q{quarter}")

    @classmethod
    def custom(cls, start: date, end: date) -> Period:
        _check_year(start.year)
        _check_year(end.year)
        if start > end:
            raise DomainError("Tanggal awal periode ({start}) sesudah tanggal akhirnya ({end}).",
                              field="period", start=start.isoformat(), end=end.isoformat())
        return cls("custom", start, end, f"{start.isoformat()}..{end.isoformat()}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2026-11``, ``2026-Q4`` or ``2026-10-01..2026-11-15`` (the command line's form)."""
        value = text.strip()
        if match := _MONTH.match(value):
            return cls.month(int(match[1]), int(match[2]))
        if match := _QUARTER.match(value):
            return cls.quarter(int(match[1]), int(match[2]))
        if match := _CUSTOM.match(value):
            try:
                start, end = date.fromisoformat(match[1]), date.fromisoformat(match[2])
            except ValueError:
                raise DomainError("Tanggal pada periode {text} tidak ada di kalender.",
                                  field="period", text=value) from None
            return cls.custom(start, end)
        raise DomainError("Periode {text} tidak dikenali. Tulis bulan (2026-11), triwulan "
                          "(2026-Q4) atau rentang tanggal (2026-10-01..2026-11-15).",
                          field="period", text=value)

    def check_started(self, today: date) -> None:
        """Refuse a period that has not begun: its report would be empty and misleading."""
        if self.start > today:
            raise DomainError("Periode {label} belum dimulai; bundelnya belum dapat dibuat.",
                              field="period", label=self.label)


def _check_year(year: int) -> None:
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise DomainError("Tahun {year} di luar rentang yang dapat dipilih.", field="period",
                          year=year)


class PreviewRow(NamedTuple):
    """One line of the export screen: a register, how many rows go, how many changed."""

    register: Register
    title: str
    total: int
    changed: int


# -- reading -----------------------------------------------------------------------------
def read_scope(conn: Connection, village_code: str) -> Scope:
    """The confidential cases (and their referrals) whose content must not leave."""
    case = Base.metadata.tables["case_file"]
    referral = Base.metadata.tables["referral"]
    secret = frozenset(conn.execute(
        select(case.c.id).where(case.c.village_code == village_code,
                                case.c.confidential.is_(True))).scalars())
    referrals = frozenset(conn.execute(
        select(referral.c.id).where(referral.c.case_id.in_(secret))).scalars()) \
        if secret else frozenset()
    return Scope(village_code, secret, referrals)


def _statement(register: Register, village_code: str) -> Any:
    table = Base.metadata.tables[register.table]
    columns = [c for c in table.columns
               if register.only is None or c.name in register.only]
    query = select(*columns).order_by(table.c.id)
    if "village_code" in table.columns:
        query = query.where(table.c.village_code == village_code)
    return query


def _rows(conn: Connection, register: Register, scope: Scope) -> Iterator[dict[str, Any]]:
    result = conn.execution_options(yield_per=PARTITION).execute(
        _statement(register, scope.village_code))
    redact = register.redact
    try:
        for mapping in result.mappings():
            row = dict(mapping)
            if redact is not None:
                shaped = redact(row, scope)
                if shaped is None:
                    continue
                row = shaped
            yield row
    finally:
        result.close()


def export_rows(ctx: ServiceContext, register: Register) -> Iterator[dict[str, Any]]:
    """Every row of ``register`` for the village, tombstones included, redacted, by ``id``.

    A generator on its own connection (closed when it is exhausted or
    dropped). For several registers that must agree, use ``BundleContent``.
    """
    with BundleContent(ctx) as content:
        yield from content.rows(register)


class BundleContent:
    """All registers read inside one read transaction: one consistent snapshot.

    ``with BundleContent(ctx, period) as content: for row in content.rows(reg)``.
    """

    def __init__(self, ctx: ServiceContext, period: Period | None = None) -> None:
        self.ctx = ctx
        self.period = period
        self._conn: Connection | None = None
        self._scope: Scope | None = None

    def __enter__(self) -> BundleContent:
        conn = self.ctx.db.engine.connect()
        try:
            # The driver starts no transaction for reads by itself; without one each
            # SELECT would see the database as it is at that moment.
            conn.exec_driver_sql("BEGIN")
            self._scope = read_scope(conn, self.ctx.village_code)
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._conn is not None:
            self._conn.close()  # the pool rolls the read transaction back
            self._conn = None

    @property
    def scope(self) -> Scope:
        if self._scope is None:
            raise RuntimeError("BundleContent is used outside its with-block")
        return self._scope

    def rows(self, register: Register) -> Iterator[dict[str, Any]]:
        """The rows of ``register`` as they go into ``data/<table>.jsonl``."""
        if self._conn is None:
            raise RuntimeError("BundleContent is used outside its with-block")
        return _rows(self._conn, register, self.scope)

    def preview(self) -> list[PreviewRow]:
        """Rows per register and how many changed in the period (redaction applied)."""
        if self._conn is None or self.period is None:
            raise RuntimeError("preview needs an open BundleContent with a period")
        low, high = utc_bounds(self.period.start, self.period.end)
        lines = []
        for register in REGISTERS:
            if register.redact is None:
                total, changed = self._count(register, low, high)
            else:  # rows may be left out: count what really goes (these tables are small)
                total = changed = 0
                for row in self.rows(register):
                    total += 1
                    stamp = row.get("updated_at")
                    changed += stamp is not None and low <= stamp < high
            lines.append(PreviewRow(register, register.sheet_title, total, changed))
        return lines

    def _count(self, register: Register, low: Any, high: Any) -> tuple[int, int]:
        assert self._conn is not None
        table = Base.metadata.tables[register.table]
        where = [table.c.village_code == self.ctx.village_code] \
            if "village_code" in table.columns else []
        stamp = table.c.updated_at
        row = self._conn.execute(select(
            func.count(), func.count().filter(and_(stamp >= low, stamp < high)),
        ).select_from(table).where(*where)).one()
        return int(row[0]), int(row[1])


def preview_counts(ctx: ServiceContext, period: Period) -> list[PreviewRow]:
    """What the export screen shows before the officer presses Go."""
    with BundleContent(ctx, period) as content:
        return content.preview()


def confidential_case_count(ctx: ServiceContext) -> int:
    """Confidential cases of the village: they go as number, type and status only."""
    with BundleContent(ctx) as content:
        return len(content.scope.confidential_cases)


def period_of(ctx: ServiceContext, text: str) -> Period:
    """Parse ``text`` (command line, settings) and refuse a period that has not begun."""
    period = Period.parse(text)
    period.check_started(ctx.today())
    return period
