"""The readable Excel workbook of a bundle, for the district officer.

It is written **from the bundle's own data files**, not from the database, so
what the district reads in Excel is row for row what it merges (same ids,
same tombstones, the same redaction), and a 100,000-person village is
streamed from file to sheet without being held in memory.

One sheet per register (``bundle.registers``) with Indonesian headers, real
dates and amounts, a frozen header row and filters (``xlsx_base``), labels
instead of codes, and the name of a person, family, group or officer instead
of an id where the id points to one; every sheet starts with the record's
ID and ends with its revision, times (UTC) and, for a deleted record, when it
was deleted. The first sheet, "Ringkasan", names the village and the period
and counts the rows of every register, changed and deleted ones too.
Anything typed by a person is text, never a formula.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

from desa_desktop.bundle.records import read_data_file, utc_bounds
from desa_desktop.bundle.registers import REGISTERS, TRAILING_COLUMNS, Register, SheetColumn
from desa_desktop.domain.formatting import MONTHS_ID, long_date, short_date
from desa_desktop.reports import xlsx_base
from desa_desktop.reports.xlsx_base import Column

__all__ = ["SUMMARY_TITLE", "TallyRow", "period_text", "write_workbook"]

SUMMARY_TITLE = "Ringkasan"
ID_COLUMN = SheetColumn("id", "ID", width=38)
#: Excel refuses to open a file with a longer text cell.
EXCEL_CELL_LIMIT = 32767
_QUARTERS = ("I", "II", "III", "IV")
#: Text shown in the workbook where a confidential case's text was withheld.
REDACTED_NOTE = "[rahasia: tidak dikirim]"
_REDACTED_COLUMNS = frozenset({"description", "reporter_name"})


class PeriodLike(Protocol):
    kind: str
    start: date
    end: date
    label: str


def period_text(period: PeriodLike) -> str:
    """``November 2026``, ``Triwulan IV 2026`` or ``1 Oktober 2026 – 15 November 2026``."""
    if period.kind == "month":
        return f"{MONTHS_ID[period.start.month - 1]} {period.start.year}"
    if period.kind == "quarter":
        quarter = _QUARTERS[(period.start.month - 1) // 3]
        return (f"Triwulan {quarter} {period.start.year} "
                f"({MONTHS_ID[period.start.month - 1]}–{MONTHS_ID[period.end.month - 1]})")
    return f"{long_date(period.start)} – {long_date(period.end)}"


# -- names instead of ids ----------------------------------------------------------------
def _activity_name(row: dict[str, Any], _names: dict[str, dict[str, str]]) -> str:
    return f"{row['topic']} ({short_date(row['activity_date'])})"


def _member_name(row: dict[str, Any], names: dict[str, dict[str, str]]) -> str:
    person = names.get("person", {}).get(row["person_id"], "")
    return f"{person} (No. {row['member_no']})"


#: How a referenced record is named, in the order the maps are built (members need persons).
DISPLAY: dict[str, Callable[[dict[str, Any], dict[str, dict[str, str]]], str]] = {
    "officer": lambda r, _: r["full_name"],
    "household": lambda r, _: r["head_name"],
    "person": lambda r, _: r["full_name"],
    "institution": lambda r, _: r["name"],
    "case_file": lambda r, _: r["number"],
    "warning_report": lambda r, _: r["number"],
    "letter": lambda r, _: r["number"],
    "business_group": lambda r, _: r["name"],
    "group_member": _member_name,
    "loan": lambda r, _: f"No. {r['no']}",
    "activity": _activity_name,
}


def _name_maps(data_dir: Path, registers: Iterable[Register]) -> dict[str, dict[str, str]]:
    """id -> display name of every register some column points to (only those)."""
    wanted = {c.ref for r in registers for c in r.columns if c.ref}
    if "group_member" in wanted:
        wanted.add("person")
    names: dict[str, dict[str, str]] = {}
    for table, display in DISPLAY.items():
        if table in wanted:
            names[table] = {row["id"]: display(row, names)
                            for row in read_data_file(data_dir / f"{table}.jsonl")}
    return names


# -- values ------------------------------------------------------------------------------
def _label(labels: Mapping[Any, str], value: Any) -> str | None:
    if value is None and None not in labels:
        return None
    if isinstance(value, list):
        return "; ".join(str(labels.get(v, v)) for v in value)
    return str(labels.get(value, value))


def _converter(column: SheetColumn, names: dict[str, dict[str, str]]) -> Callable[[Any], Any]:
    if column.ref:
        known = names.get(column.ref, {})
        return lambda v: None if v is None else known.get(v, v)
    if column.labels is not None:
        labels = column.labels
        return lambda v: _label(labels, v)
    if column.kind == "date":
        return lambda v: None if v is None else date.fromisoformat(v)
    if column.kind == "datetime":
        return lambda v: None if v is None else datetime.fromisoformat(v)
    if column.kind in ("int", "money"):
        return lambda v: v
    return lambda v: None if v is None else (
        "; ".join(map(str, v)) if isinstance(v, list) else str(v))[:EXCEL_CELL_LIMIT]


class TallyRow:
    """Counts of one sheet, for the summary: rows, changed in the period, deleted."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self.rows = self.changed = self.deleted = 0


def _sheet_rows(rows: Iterator[dict[str, Any]], columns: list[SheetColumn],
                names: dict[str, dict[str, str]], tally: TallyRow,
                bounds: tuple[str, str]) -> Iterator[list[Any]]:
    convert = [(c.key, _converter(c, names)) for c in columns]
    low, high = bounds
    secret_keys = _REDACTED_COLUMNS if tally.register.table == "case_file" else frozenset()
    for row in rows:
        tally.rows += 1
        stamp = row.get("updated_at") or ""
        tally.changed += low <= stamp < high
        tally.deleted += row.get("deleted_at") is not None
        values = [fn(row.get(key)) for key, fn in convert]
        if secret_keys and row.get("confidential"):
            values = [REDACTED_NOTE if key in secret_keys else value
                      for (key, _), value in zip(convert, values, strict=True)]
        yield values


def _columns(register: Register) -> list[SheetColumn]:
    return [ID_COLUMN, *register.columns, *TRAILING_COLUMNS]


def _summary(wb: Any, village: Mapping[str, str], period: PeriodLike, tallies: list[TallyRow],
             created_at: datetime) -> None:
    local = created_at.replace(tzinfo=UTC).astimezone()
    heading = [
        f"Bundel data Desa {village.get('name', '')} ({village.get('code', '')})",
        f"{village.get('post_name', '')}",
        f"Kecamatan {village.get('district_name', '')}, {village.get('regency_name', '')}, "
        f"{village.get('province_name', '')}",
        f"Periode: {period_text(period)} ({period.label})",
        f"Dibuat: {local:%d/%m/%Y %H:%M} (waktu laptop pos)",
        "Setiap lembar memuat semua data desa (juga yang dihapus, lihat kolom Dihapus). "
        "Kasus rahasia hanya dikirim nomor, jenis dan statusnya.",
    ]
    columns = [Column("Lembar", width=28), Column("Tabel data", width=20),
               Column("Jumlah baris", "int", 14), Column("Berubah dalam periode", "int", 22),
               Column("Dihapus", "int", 10)]
    rows = [[t.register.sheet_title, t.register.table, t.rows, t.changed, t.deleted]
            for t in tallies]
    xlsx_base.add_sheet(wb, SUMMARY_TITLE, columns, rows, heading=heading)
    wb.move_sheet(SUMMARY_TITLE, -(len(wb.sheetnames) - 1))
    wb.active = 0


def write_workbook(path: Path, *, village: Mapping[str, str], period: PeriodLike,
                   data_dir: Path, counts: Mapping[str, int] | None = None,
                   created_at: datetime | None = None,
                   registers: Iterable[Register] = REGISTERS) -> list[TallyRow]:
    """Write the workbook of the data files in ``data_dir`` to ``path`` (atomically).

    ``village`` holds the manifest's village fields; ``created_at`` is UTC
    (default now). ``counts`` (rows per table, as in the manifest) is checked
    against what the files hold: a difference means a bug, not a reader's
    problem, and stops the export. Returns the per-sheet counts.
    """
    registers = list(registers)
    created_at = created_at or datetime.now(UTC).replace(tzinfo=None)
    low, high = (moment.isoformat() for moment in utc_bounds(period.start, period.end))
    names = _name_maps(data_dir, registers)
    wb = xlsx_base.new_workbook()
    tallies = []
    try:
        for register in registers:
            tally = TallyRow(register)
            columns = _columns(register)
            rows = _sheet_rows(read_data_file(data_dir / f"{register.table}.jsonl"), columns,
                               names, tally, (low, high))
            xlsx_base.add_sheet(wb, register.sheet_title,
                                [Column(c.header, c.kind, c.width) for c in columns], rows)
            if counts is not None and counts.get(register.table, tally.rows) != tally.rows:
                raise ValueError(f"{register.table}: {tally.rows} rows in the file, "
                                 f"{counts[register.table]} counted")
            tallies.append(tally)
        _summary(wb, village, period, tallies, created_at)
    except BaseException:
        _discard(wb)
        raise
    xlsx_base.save_workbook(wb, Path(path))
    return tallies


def _discard(wb: Any) -> None:
    """Close the sheets of an abandoned workbook and remove their temporary files now.

    A write-only sheet streams into a temporary file that openpyxl removes only
    when the workbook is saved (or the process ends): a cancelled export of a
    large village would otherwise leave megabytes behind until the app closes.
    """
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            ws.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()
