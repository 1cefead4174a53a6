"""What every workbook the post writes has in common, for the district officer's Excel.

* Real types: money is a number with a Rupiah format (``Rp 1.250.000`` on an
  Indonesian Excel, sums and filters work), dates are dates, counts are
  numbers; never numbers stored as text.
* A bold, frozen header row with filters, and column widths that fit.
* No formula injection: a text cell starting with ``=``, ``+``, ``-`` or ``@``
  (a name, a note typed by anyone) is written as a plain string, never a
  formula, so opening the file can never run anything.
* Write-only mode (streaming) so a sheet of 100,000 rows fits in memory.
* Saved through ``pdf_base.write_atomically``: a power cut leaves the old file
  or the whole new one.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desa_desktop.reports.pdf_base import write_atomically

#: Number formats: Excel shows the grouping with the reader's locale (dots in Indonesia).
RUPIAH_FORMAT = '"Rp" #,##0;[Red]-"Rp" #,##0'
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
INTEGER_FORMAT = "#,##0"

#: Column kinds: how a value is written and formatted.
KINDS = ("text", "money", "date", "datetime", "int")

_RISKY_START = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")


@dataclass(frozen=True)
class Column:
    """A column: header (Indonesian), kind (``KINDS``) and width in characters."""

    header: str
    kind: str = "text"
    width: float = 16


def _cell(ws: Worksheet, value: object, kind: str) -> WriteOnlyCell:
    if value is None or value == "":
        return WriteOnlyCell(ws, value=None)
    if kind in ("money", "int"):
        if isinstance(value, float | bool):
            raise TypeError(f"{kind} cells take int, not {type(value).__name__}")
        cell = WriteOnlyCell(ws, value=int(value))  # type: ignore[call-overload]
        cell.number_format = RUPIAH_FORMAT if kind == "money" else INTEGER_FORMAT
        return cell
    if kind == "date":
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if kind == "datetime":
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    return text_cell(ws, str(value))


def text_cell(ws: Worksheet, text: str) -> WriteOnlyCell:
    """A cell that is text whatever it starts with (never a formula)."""
    cell = WriteOnlyCell(ws, value=text)
    if text.startswith(_RISKY_START):
        # openpyxl would store "=..." as a formula; force the string type.
        cell.data_type = "s"
        cell.quotePrefix = True  # type: ignore[attr-defined]
    return cell


def add_sheet(wb: Workbook, title: str, columns: Sequence[Column],
              rows: Iterable[Sequence[object]], *, heading: Sequence[str] = ()) -> int:
    """Append a sheet: optional heading lines, then a frozen, filtered table.

    ``rows`` may be a generator (streamed). Returns the number of data rows.
    Values must match their column's kind: ``int`` for money and counts,
    ``date``/``datetime`` for dates, anything else is written as text.
    """
    ws = wb.create_sheet(title=title[:31])
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    header_row = len(heading) + (1 if heading else 0) + 1
    # Write-only sheets write their view with the first row: freeze before appending.
    ws.freeze_panes = f"A{header_row + 1}"
    for line in heading:
        first = text_cell(ws, line)
        first.font = Font(bold=True)
        ws.append([first])
    if heading:
        ws.append([])
    header = []
    for column in columns:
        cell = text_cell(ws, column.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        header.append(cell)
    ws.append(header)
    kinds = [c.kind for c in columns]
    count = 0
    for row in rows:
        ws.append([_cell(ws, value, kind) for value, kind in zip(row, kinds, strict=True)])
        count += 1
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(count, 1)}"
    return count


def new_workbook() -> Workbook:
    """A streaming workbook with no default sheet."""
    return Workbook(write_only=True)


def workbook_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def save_workbook(wb: Workbook, path: Path) -> Path:
    """Write the workbook to ``path`` atomically (temporary name, fsync, rename)."""
    return write_atomically(path, workbook_bytes(wb))


__all__ = ["DATE_FORMAT", "RUPIAH_FORMAT", "Column", "add_sheet", "new_workbook",
           "save_workbook", "text_cell", "workbook_bytes"]
