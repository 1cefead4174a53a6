"""What every PDF the post prints has in common: A4, a font with the letters
Indonesian text needs, one set of paragraph styles, a footer with page
numbers and the print time, metadata, and writing that survives a power cut.

Why each of these:

* The fonts are bundled in ``resources/fonts/`` (DejaVu, with its licence)
  because the village laptop runs Windows, where no DejaVu is installed, and
  ReportLab's built-in Helvetica cannot print characters outside Latin-1
  (``→``, ``–``, curly quotes typed into notes). A system DejaVu is the second
  choice; Helvetica/Courier the last, so printing never fails on fonts.
* "Halaman N dari M" needs the page count before the first page is drawn,
  so the canvas keeps every page and draws the footers when it is saved.
* The PDF is built in memory and written to a temporary name beside the
  target, flushed to disk, then renamed over it: a power cut leaves either
  the old file or the whole new one, never half a PDF under the real name.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from desa_desktop.domain.formatting import long_date
from desa_desktop.paths import resources_dir

PAGE_SIZE = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 20 * mm
#: Width the flowables may use between the side margins.
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X
AUTHOR = "desa-desktop"

#: Where a DejaVu may already be installed (Debian/Ubuntu, Fedora, Arch, macOS with it).
_SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/Library/Fonts"),
)
_FONT_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "mono": "DejaVuSansMono.ttf",
    "mono_bold": "DejaVuSansMono-Bold.ttf",
}

GREY = colors.HexColor("#555555")
LINE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#eeeeee")


@dataclass(frozen=True)
class Fonts:
    """The registered font names and whether they reach beyond Latin-1."""

    regular: str
    bold: str
    mono: str
    mono_bold: str
    unicode: bool

    @property
    def arrow(self) -> str:
        """"→" where the font has it; Helvetica's Latin-1 does not."""
        return "→" if self.unicode else "->"

    @property
    def dash(self) -> str:
        return "–" if self.unicode else "-"


def _font_dir() -> Path | None:
    """The first folder holding all four DejaVu files: bundled first, then the system's."""
    for folder in (resources_dir() / "fonts", *_SYSTEM_FONT_DIRS):
        if all((folder / name).is_file() for name in _FONT_FILES.values()):
            return folder
    return None


@cache
def fonts() -> Fonts:
    """Register the fonts once per process and return their names."""
    folder = _font_dir()
    if folder is None:
        return Fonts("Helvetica", "Helvetica-Bold", "Courier", "Courier-Bold", unicode=False)
    names = {"regular": "DesaSans", "bold": "DesaSans-Bold", "mono": "DesaMono",
             "mono_bold": "DesaMono-Bold"}
    try:
        for key, name in names.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / _FONT_FILES[key])))
    except Exception:  # a damaged font file must not stop printing
        return Fonts("Helvetica", "Helvetica-Bold", "Courier", "Courier-Bold", unicode=False)
    pdfmetrics.registerFontFamily("DesaSans", normal="DesaSans", bold="DesaSans-Bold",
                                  italic="DesaSans", boldItalic="DesaSans-Bold")
    pdfmetrics.registerFontFamily("DesaMono", normal="DesaMono", bold="DesaMono-Bold",
                                  italic="DesaMono", boldItalic="DesaMono-Bold")
    return Fonts(**names, unicode=True)


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles shared by every printout (sizes chosen for A4 at arm's length)."""
    f = fonts()
    body = ParagraphStyle("body", fontName=f.regular, fontSize=10, leading=13.5,
                          alignment=TA_LEFT, spaceAfter=3, bulletFontName=f.regular)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=f.bold, fontSize=15, leading=19,
                                alignment=TA_CENTER, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=9.5, leading=12.5,
                                   alignment=TA_CENTER, textColor=GREY, spaceAfter=8),
        "heading": ParagraphStyle("heading", parent=body, fontName=f.bold, fontSize=11.5,
                                  leading=15, spaceBefore=8, spaceAfter=4),
        "subheading": ParagraphStyle("subheading", parent=body, fontName=f.bold, fontSize=10,
                                     leading=13, spaceBefore=5, spaceAfter=3),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11,
                                textColor=GREY, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        "cell_label": ParagraphStyle("cell_label", parent=body, fontName=f.bold, fontSize=9,
                                     leading=11.5, spaceAfter=0),
        "bullet": ParagraphStyle("bullet", parent=body, fontSize=9.5, leading=12.5,
                                 leftIndent=14, bulletIndent=3, spaceAfter=2),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "key": ParagraphStyle("key", parent=body, fontName=f.mono_bold, fontSize=19,
                              leading=29, alignment=TA_LEFT, spaceAfter=0),
    }


def text(value: object, style: str = "body") -> Paragraph:
    """A paragraph of plain text: data typed by officers is escaped, never read as markup."""
    return Paragraph(escape(str(value)).replace("\n", "<br/>"), styles()[style])


def markup(source: str, style: str = "body", **kw: Any) -> Paragraph:
    """A paragraph of trusted ReportLab markup (``<b>``, ``<br/>``) written in our code."""
    return Paragraph(source, styles()[style], **kw)


def table_style(commands: list[tuple]) -> TableStyle:
    """A table style in our font: Qt-less ReportLab tables otherwise fall back to
    Helvetica for plain cells, which cannot print every character."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts().regular), *commands])


def section(title: str, min_space: float = 35 * mm) -> list[Flowable]:
    """A section heading that starts a new page rather than sit alone at the bottom.

    (``keepWithNext`` would glue the heading to a whole long table and push
    both to the next page, leaving half a page empty.)
    """
    return [CondPageBreak(min_space), markup(escape(title), "heading")]


def field_table(rows: Sequence[tuple[str, str]], label_width: float = 52 * mm,
                width: float = CONTENT_WIDTH) -> Table:
    """Label/value pairs as a two-column grid, the layout of every "who/what" block."""
    data = [[text(label, "cell_label"), text(value or "-", "cell")] for label, value in rows]
    table = Table(data, colWidths=[label_width, width - label_width], hAlign="LEFT")
    table.setStyle(table_style([
        ("GRID", (0, 0), (-1, -1), 0.4, LINE),
        ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def grid_table(header: Sequence[str], rows: Iterable[Sequence[str]],
               widths: Sequence[float]) -> Table:
    """A listing with a shaded header row repeated on every page it runs onto."""
    data = [[text(h, "cell_label") for h in header]]
    data += [[text(cell or "-", "cell") for cell in row] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style([
        ("GRID", (0, 0), (-1, -1), 0.4, LINE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]))
    return table


def format_moment(moment: datetime) -> str:
    """``22 November 2026 pukul 14.05``: how an Indonesian document states a time."""
    return f"{long_date(moment.date())} pukul {moment:%H.%M}"


def footer_text(printed_at: datetime, note: str = "") -> str:
    """The left part of the footer: an optional note and when the sheet was printed."""
    printed = f"Dicetak {format_moment(printed_at)}"
    if not note:
        return printed
    return f"{note} {'·' if fonts().unicode else '-'} {printed}"


class _NumberedCanvas(Canvas):
    """Holds back every page until the end, when "Halaman N dari M" can be written."""

    def __init__(self, *args: Any, footer_left: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer_left = footer_left
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        f = fonts()
        width = PAGE_SIZE[0]
        y = MARGIN_BOTTOM - 9 * mm
        self.saveState()
        self.setStrokeColor(LINE)
        self.setLineWidth(0.4)
        self.line(MARGIN_X, y + 4 * mm, width - MARGIN_X, y + 4 * mm)
        self.setFillColor(GREY)
        self.setFont(f.regular, 8)
        self.drawString(MARGIN_X, y, self._footer_left)
        self.drawRightString(width - MARGIN_X, y, f"Halaman {number} dari {total}")
        self.restoreState()


def render_pdf(story: list[Flowable], *, title: str, subject: str = "",
               printed_at: datetime | None = None, footer_note: str = "") -> bytes:
    """Lay out ``story`` on A4 pages with the common footer and metadata; return the bytes.

    ``printed_at`` is local time (default: now); it is also what the footer shows.
    """
    printed_at = printed_at or datetime.now()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=PAGE_SIZE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title, author=AUTHOR,
        subject=subject, creator=AUTHOR, lang="id-ID", displayDocTitle=True,
        initialFontName=fonts().regular,
    )
    maker: Callable[..., Canvas] = partial(
        _NumberedCanvas, footer_left=footer_text(printed_at, footer_note))
    doc.build(story, canvasmaker=maker)
    return buffer.getvalue()


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new, never half.

    The temporary file sits in the same folder (a rename across drives is not
    atomic) and is readable by its owner only, which also suits personal data.
    """
    path = Path(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def build_pdf(path: Path, story: list[Flowable], *, title: str, subject: str = "",
              printed_at: datetime | None = None, footer_note: str = "") -> Path:
    """Render ``story`` and write it atomically to ``path``; returns ``path``."""
    data = render_pdf(story, title=title, subject=subject, printed_at=printed_at,
                      footer_note=footer_note)
    return write_atomically(Path(path), data)
