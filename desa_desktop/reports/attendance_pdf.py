"""The attendance sheet (daftar hadir) printed before a meeting and signed during it.

It looks like the sheets every Indonesian village office passes around: the
kop, the activity's details, then numbered rows with name, address and a
signature column where odd numbers sign on the left and even numbers on the
right (the zigzag keeps neighbours' signatures from running into each
other). Invited persons are printed by name; empty numbered rows follow for
those who come without being on the list, who write their own name.

What it leaves out on purpose: the sheet goes from hand to hand around the
room, so the NIK is masked to its last four digits (enough for the officer
to tell two Siti Aminah apart when ticking the list afterwards, not enough
to copy anyone's identity number).
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from desa_desktop.domain.formatting import long_date
from desa_desktop.domain.ledger_reference import ACTIVITY_KIND
from desa_desktop.reports.pdf_base import (
    CONTENT_WIDTH,
    LINE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_SIZE,
    SHADE,
    build_pdf,
    field_table,
    fonts,
    markup,
    styles,
    table_style,
    text,
)

if TYPE_CHECKING:  # only the shapes: reports/ sits below services/ and never calls it
    from desa_desktop.services.activities import ActivityView, AttendeeView
    from desa_desktop.services.activity_reports import AttendanceSheet, Masthead

TITLE = "DAFTAR HADIR"
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
ROW_HEIGHT = 9.5 * mm  # room for a signature
SIGN_WIDTH = 40 * mm
#: At most this many empty rows are added to fill the last page.
MAX_FILL = 40
_WIDTHS = (9 * mm, 47 * mm, 29 * mm, 8 * mm, CONTENT_WIDTH - 93 * mm - SIGN_WIDTH, SIGN_WIDTH)
_PADDING = 2
_HEADER = ("No", "Nama", "NIK", "L/P", "Alamat (dusun, RT/RW)", "Tanda tangan")


def day_and_date(day: date) -> str:
    """``Kamis, 10 Desember 2026``: the day is what people remember a meeting by."""
    return f"{DAYS[day.weekday()]}, {long_date(day)}"


def masked_nik(nik: str) -> str:
    """``************1234``; "-" when the person has no NIK on record."""
    return "*" * (len(nik) - 4) + nik[-4:] if len(nik) > 4 else "-"


def kind_label(kind: str) -> str:
    return ACTIVITY_KIND.get(kind, kind)


class _Rule(Flowable):
    """The thick-over-thin rule under a kop."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width, self.height = width, 2.2 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(colors.black)
        c.setLineWidth(2)
        c.line(0, self.height - 1, self.width, self.height - 1)
        c.setLineWidth(0.6)
        c.line(0, self.height - 3.4, self.width, self.height - 3.4)


def variant(style: ParagraphStyle, name: str, **changes: Any) -> ParagraphStyle:
    """A named variant of a shared paragraph style."""
    return ParagraphStyle(name, parent=style, **changes)


def kop(head: Masthead) -> list[Flowable]:
    """The letterhead lines (the village largest), the post's name and address, the rule."""
    base = styles()["center"]
    bold = variant(base, "kop", fontName=fonts().bold, fontSize=12, leading=15, spaceAfter=0)
    last = variant(bold, "kop_last", fontSize=14, leading=18)
    small = variant(base, "kop_small", fontSize=8.5, leading=11, spaceAfter=0)
    lines = [line.upper() for line in head.lines if line.strip()]
    story: list[Flowable] = [Paragraph(escape(line), bold) for line in lines[:-1]]
    if lines:
        story.append(Paragraph(escape(lines[-1]), last))
    if head.post_name:
        story.append(Paragraph(escape(head.post_name), bold))
    if head.address:
        story.append(Paragraph(escape(head.address), small))
    return [*story, Spacer(1, 1.5 * mm), _Rule(CONTENT_WIDTH), Spacer(1, 4 * mm)]


def details(activity: ActivityView) -> Table:
    """What, when, where and with whom, as the label/value block of every printout."""
    when = activity.start_time.replace(":", ".") if activity.start_time else ""
    rows = [("Kegiatan", kind_label(activity.kind)), ("Topik", activity.topic),
            ("Hari, tanggal", day_and_date(activity.activity_date)),
            ("Jam", f"{when} s.d. selesai" if when else ""), ("Tempat", activity.place),
            ("Fasilitator / narasumber", activity.facilitator),
            ("Lembaga mitra", activity.partner)]
    if activity.group_name:
        rows.append(("Kelompok usaha", activity.group_name))
    return field_table(rows, label_width=50 * mm)


def _signature_cell(number: int) -> list[Flowable]:
    """The number on the left half for odd rows, on the right half for even rows; the
    spacer keeps the row tall enough to sign (a long name may make it taller)."""
    style = variant(styles()["cell"], f"sign_{number % 2}",
                    leftIndent=0 if number % 2 else SIGN_WIDTH / 2 - 2 * mm)
    return [Paragraph(f"{number}.", style),
            Spacer(1, ROW_HEIGHT - style.leading - 2 * _PADDING)]


def _row(number: int, person: AttendeeView | None) -> list[Flowable | str | list[Flowable]]:
    small = variant(styles()["cell"], "cell_small", fontSize=8, leading=10)
    number_cell = text(str(number), "cell")
    if person is None:
        return [number_cell, "", "", "", "", _signature_cell(number)]
    return [number_cell, text(person.full_name, "cell"),
            Paragraph(escape(masked_nik(person.nik)), small), text(person.sex, "cell"),
            Paragraph("<br/>".join(escape(x) for x in (person.dusun, person.rt_rw) if x) or "-",
                      small), _signature_cell(number)]


def attendance_table(sheet: AttendanceSheet) -> Table:
    """Invited persons first, then the empty rows; the header repeats on every page."""
    rows: list[list] = [[text(h, "cell_label") for h in _HEADER]]
    rows += [_row(n, p) for n, p in enumerate(sheet.attendees, start=1)]
    start = len(sheet.attendees) + 1
    rows += [_row(n, None) for n in range(start, start + sheet.blank_rows)]
    table = Table(rows, colWidths=list(_WIDTHS), repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-2, -1), "MIDDLE"),
        ("VALIGN", (-1, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (-1, 1), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), _PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PADDING),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _signatures(sheet: AttendanceSheet) -> Table:
    """Facilitator on the left, the officer on the right, dated the day of the meeting."""
    half = CONTENT_WIDTH / 2
    activity = sheet.activity
    place = sheet.masthead.place
    when = long_date(activity.activity_date)
    facilitator = activity.facilitator or "." * 40
    rows = [["", text(f"{place}, {when}" if place else when, "center")],
            [text("Fasilitator / narasumber,", "center"), text("Petugas pos,", "center")],
            [Spacer(1, 14 * mm), Spacer(1, 14 * mm)],
            [text(f"( {facilitator} )", "center"), text(f"( {sheet.printed_by or '.' * 40} )",
                                                        "center")]]
    table = Table(rows, colWidths=[half, half])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def attendance_story(sheet: AttendanceSheet) -> list[Flowable]:
    activity = sheet.activity
    invited = len(sheet.attendees)
    note = ("Peserta yang tidak tercantum menulis nama dan alamatnya sendiri di baris kosong. "
            if sheet.blank_rows else "")
    return [
        *kop(sheet.masthead),
        markup(TITLE, "title"),
        Spacer(1, 2 * mm),
        details(activity),
        Spacer(1, 3 * mm),
        text(f"{note}Tanda tangan di kolom kanan: nomor ganjil di kiri, nomor genap di kanan. "
             f"Diundang: {invited} orang.", "small"),
        Spacer(1, 1 * mm),
        attendance_table(sheet),
        Spacer(1, 4 * mm),
        KeepTogether([
            text("Jumlah yang hadir: ........ orang (terdaftar ........ orang, tidak "
                 "terdaftar ........ orang).", "body"),
            Spacer(1, 4 * mm),
            _signatures(sheet),
        ]),
    ]


def _pages(story: list[Flowable]) -> int:
    """How many pages ``story`` takes on the sheet's paper (laid out, not written)."""
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=PAGE_SIZE, leftMargin=MARGIN_X,
                            rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                            bottomMargin=MARGIN_BOTTOM)
    doc.build(story)
    return doc.page


def fill_last_page(sheet: AttendanceSheet) -> AttendanceSheet:
    """As many empty rows as fit without another page (walk-ins are many at a village
    meeting, and paper left blank under the signatures is wasted).

    A binary search over the row count: the page count only grows with it.
    """
    if not sheet.fill_page:
        return sheet
    base = _pages(attendance_story(sheet))
    low, high = sheet.blank_rows, sheet.blank_rows + MAX_FILL
    while low < high:
        middle = (low + high + 1) // 2
        if _pages(attendance_story(replace(sheet, blank_rows=middle))) == base:
            low = middle
        else:
            high = middle - 1
    return replace(sheet, blank_rows=low)


def render_attendance_sheet(path: Path, sheet: AttendanceSheet) -> Path:
    """Write the sheet as an A4 PDF at ``path`` (atomically); returns ``path``.

    The footer of every page names the activity, so a loose second page is
    still known to belong to it. Unless the caller fixed the number of empty
    rows, the last page is filled with them (``fill_last_page``).
    """
    sheet = fill_last_page(sheet)
    activity = sheet.activity
    topic = activity.topic if len(activity.topic) <= 24 else activity.topic[:22].rstrip() + "…"
    return build_pdf(
        Path(path), attendance_story(sheet),
        title=f"Daftar hadir {activity.topic}",
        subject=f"{kind_label(activity.kind)}, {long_date(activity.activity_date)}",
        printed_at=sheet.printed_at,
        footer_note=f"Daftar hadir {activity.activity_date:%d/%m/%Y}, {topic}")


__all__ = [
    "attendance_story",
    "day_and_date",
    "details",
    "fill_last_page",
    "kind_label",
    "kop",
    "masked_nik",
    "render_attendance_sheet",
    "variant",
]
