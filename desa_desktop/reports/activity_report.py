"""The participation report: who came to what over a period, as PDF and as XLSX.

The district counts people reached per pillar, and asks which villagers the
programme actually reached; so the report gives both sides: per activity how
many came (registered persons ticked present, plus the unregistered count),
and per registered person which activities they attended. Activities whose
attendance was never recorded are listed apart, because a zero there means
"not written down", not "nobody came".

The XLSX is for the district officer's Excel: real dates and whole numbers,
one sheet per view (summary, activities, participants, and a long
"Kehadiran" sheet, one row per attendance, ready for a pivot table). Totals
are written as numbers, never formulas. NIKs are masked as on the sheet:
names and addresses are what the report is for.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from desa_desktop.domain.formatting import long_date, short_date, thousands
from desa_desktop.reports.attendance_pdf import kind_label, kop, masked_nik, variant
from desa_desktop.reports.pdf_base import (
    CONTENT_WIDTH,
    LINE,
    SHADE,
    build_pdf,
    markup,
    section,
    styles,
    table_style,
    text,
)
from desa_desktop.reports.xlsx_base import Column, add_sheet, new_workbook, save_workbook

if TYPE_CHECKING:  # only the shapes: reports/ sits below services/ and never calls it
    from desa_desktop.services.activities import ActivityView
    from desa_desktop.services.activity_reports import ParticipationReport

TITLE = "LAPORAN KEHADIRAN KEGIATAN"
NOT_HELD = "belum berlangsung"
NOT_RECORDED = "belum dicatat"
RECORDED = "dicatat"


def period_text(report: ParticipationReport) -> str:
    """``1 Januari 2026 s.d. 31 Desember 2026``, or an open end said in words."""
    start, end = report.date_from, report.date_to
    if start and end:
        return f"{long_date(start)} s.d. {long_date(end)}"
    if start:
        return f"sejak {long_date(start)}"
    if end:
        return f"sampai {long_date(end)}"
    return "semua kegiatan yang tercatat"


def attendance_state(activity: ActivityView, today: date) -> str:
    if activity.activity_date > today:
        return NOT_HELD
    return RECORDED if activity.recorded else NOT_RECORDED


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------


def _grid(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
          numeric: Sequence[int], total: Sequence[str] | None = None,
          spans: Sequence[tuple[int, int, int]] = ()) -> Table:
    """A listing with the counts right-aligned and an optional bold total row;
    ``spans`` are (row, first column, last column) of data rows merged across."""
    cell = styles()["cell"]
    label = variant(styles()["cell_label"], "cell_label_small", fontSize=8.5, leading=11)
    right = variant(cell, "cell_right", alignment=TA_RIGHT)
    right_label = variant(label, "cell_label_right", alignment=TA_RIGHT)

    def line(values: Sequence[str], bold: bool) -> list[Paragraph]:
        return [Paragraph(escape(v or ("" if bold else "-")).replace("\n", "<br/>"),
                          (right_label if bold else right) if i in numeric
                          else (label if bold else cell))
                for i, v in enumerate(values)]

    data = [line(header, True), *(line(r, False) for r in rows)]
    if total is not None:
        data.append(line(total, True))
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands: list[tuple] = [("GRID", (0, 0), (-1, -1), 0.4, LINE),
                             ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                             ("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                             ("LEFTPADDING", (0, 0), (-1, -1), 3),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    commands += [("SPAN", (first, row + 1), (last, row + 1)) for row, first, last in spans]
    if total is not None:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), SHADE))
    table.setStyle(table_style(commands))
    return table


def _summary(report: ParticipationReport) -> list[Flowable]:
    rows = [[kind_label(k.kind), thousands(k.activities), thousands(k.registered_present),
             thousands(k.unregistered), thousands(k.total)] for k in report.by_kind]
    total = ["Jumlah", thousands(len(report.activities)), thousands(report.registered_present),
             thousands(report.unregistered), thousands(report.total_present)]
    widths = (CONTENT_WIDTH - 100 * mm, 22 * mm, 26 * mm, 26 * mm, 26 * mm)
    return [*section("1. Ringkasan menurut jenis kegiatan"),
            _grid(["Jenis kegiatan", "Kegiatan", "Hadir terdaftar", "Tidak terdaftar",
                   "Jumlah hadir"], rows, widths, (1, 2, 3, 4), total),
            Spacer(1, 2 * mm),
            text(f"{thousands(len(report.persons))} orang terdaftar hadir sekurang-kurangnya "
                 "sekali dalam periode ini.", "small")]


def _activities(report: ParticipationReport) -> list[Flowable]:
    today = report.printed_at.date()
    rows, spans = [], []
    for n, a in enumerate(report.activities, start=1):
        state = attendance_state(a, today)
        what = "\n".join(x for x in (kind_label(a.kind), a.topic, a.place, a.partner) if x)
        counts = [thousands(a.registered_present), thousands(a.unregistered_count),
                  thousands(a.total_present)]
        if state != RECORDED:
            counts = [f"kehadiran {state}", "", ""]
            spans.append((n - 1, 4, 6))
        rows.append([str(n), short_date(a.activity_date), what, thousands(a.invited), *counts])
    total = ["", "", "Jumlah", thousands(sum(a.invited for a in report.activities)),
             thousands(report.registered_present), thousands(report.unregistered),
             thousands(report.total_present)]
    widths = (8 * mm, 21 * mm, CONTENT_WIDTH - 105 * mm, 19 * mm, 19 * mm, 19 * mm, 19 * mm)
    story: list[Flowable] = [*section("2. Kegiatan dan jumlah peserta")]
    if not rows:
        return [*story, text("Tidak ada kegiatan dalam periode ini.")]
    story.append(_grid(["No", "Tanggal", "Kegiatan (jenis, topik, tempat, mitra)", "Diundang",
                        "Hadir terdaftar", "Tidak terdaftar", "Jumlah hadir"], rows, widths,
                       (3, 4, 5, 6), total, spans))
    missing = report.not_recorded
    if missing:
        story += [Spacer(1, 2 * mm), text(
            f"Perhatian: kehadiran {len(missing)} kegiatan yang sudah berlangsung belum "
            "dicatat (" + "; ".join(f"{short_date(a.activity_date)} {a.topic}"
                                    for a in missing) + "). Angka nol di sana berarti belum "
            "ditulis, bukan tidak ada yang hadir.", "small")]
    return story


def _persons(report: ParticipationReport) -> list[Flowable]:
    story: list[Flowable] = [*section("3. Peserta terdaftar dan kegiatan yang diikuti")]
    if not report.persons:
        return [*story, text("Belum ada peserta terdaftar yang tercatat hadir.")]
    rows = [[str(n), p.person.full_name, "\n".join(x for x in (p.person.dusun, p.person.rt_rw)
                                                    if x),
             thousands(len(p.attended)),
             "\n".join(f"{short_date(a.activity_date)} {a.topic}" for a in p.attended)]
            for n, p in enumerate(report.persons, start=1)]
    widths = (8 * mm, 44 * mm, 36 * mm, 14 * mm, CONTENT_WIDTH - 102 * mm)
    story.append(_grid(["No", "Nama", "Alamat", "Kali", "Kegiatan yang diikuti"], rows,
                       widths, (3,)))
    return story


def _closing(report: ParticipationReport) -> Flowable:
    place = report.masthead.place
    when = long_date(report.printed_at.date())
    half = CONTENT_WIDTH / 2
    rows = [["", text(f"{place}, {when}" if place else when, "center")],
            ["", text("Petugas pos,", "center")], ["", Spacer(1, 14 * mm)],
            ["", text(f"( {report.printed_by or '.' * 40} )", "center")]]
    table = Table(rows, colWidths=[half, half])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([Spacer(1, 6 * mm), table])


def report_story(report: ParticipationReport) -> list[Flowable]:
    subtitle = f"Periode {period_text(report)}"
    if report.kind:
        subtitle += f" · {kind_label(report.kind)}"
    return [*kop(report.masthead), markup(TITLE, "title"), text(subtitle, "subtitle"),
            *_summary(report), *_activities(report), *_persons(report), _closing(report)]


def render_participation_pdf(path: Path, report: ParticipationReport) -> Path:
    """Write the report as an A4 PDF at ``path`` (atomically); returns ``path``."""
    return build_pdf(Path(path), report_story(report), title=TITLE.capitalize(),
                     subject=f"Kehadiran kegiatan, {period_text(report)}",
                     printed_at=report.printed_at,
                     footer_note=f"Laporan kehadiran {period_text(report)}")


# ---------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------

_SUMMARY = (Column("Jenis kegiatan", width=36), Column("Jumlah kegiatan", "int", 16),
            Column("Hadir terdaftar", "int", 16), Column("Tidak terdaftar", "int", 16),
            Column("Jumlah hadir", "int", 14))
_ACTIVITIES = (Column("Tanggal", "date", 12), Column("Jam", width=7),
               Column("Jenis kegiatan", width=30), Column("Topik", width=44),
               Column("Fasilitator", width=26), Column("Lembaga mitra", width=30),
               Column("Tempat", width=24), Column("Kelompok usaha", width=24),
               Column("Diundang", "int", 10), Column("Hadir terdaftar", "int", 15),
               Column("Tidak terdaftar", "int", 15), Column("Jumlah hadir", "int", 13),
               Column("Kehadiran", width=18))
_PERSONS = (Column("Nama", width=28), Column("NIK (4 angka akhir)", width=20),
            Column("L/P", width=5), Column("Dusun", width=20), Column("RT", width=5),
            Column("RW", width=5), Column("Jumlah kegiatan", "int", 15),
            Column("Kegiatan yang diikuti", width=70))
_ATTENDANCE = (Column("Tanggal", "date", 12), Column("Jenis kegiatan", width=30),
               Column("Topik", width=44), Column("Nama", width=28), Column("Dusun", width=20),
               Column("RT", width=5), Column("RW", width=5))


def render_participation_xlsx(path: Path, report: ParticipationReport) -> Path:
    """Write the report as a workbook at ``path`` (atomically); returns ``path``."""
    today = report.printed_at.date()
    heading = [f"{TITLE} {report.masthead.post_name}".strip(),
               f"Periode {period_text(report)}"
               + (f" · {kind_label(report.kind)}" if report.kind else ""),
               f"Dicetak {long_date(today)} oleh {report.printed_by}"]
    wb = new_workbook()
    summary = [[kind_label(k.kind), k.activities, k.registered_present, k.unregistered,
                k.total] for k in report.by_kind]
    summary.append(["Jumlah", len(report.activities), report.registered_present,
                    report.unregistered, report.total_present])
    add_sheet(wb, "Ringkasan", _SUMMARY, summary, heading=heading)
    add_sheet(wb, "Kegiatan", _ACTIVITIES, (
        [a.activity_date, a.start_time, kind_label(a.kind), a.topic, a.facilitator, a.partner,
         a.place, a.group_name, a.invited, a.registered_present, a.unregistered_count,
         a.total_present, attendance_state(a, today)] for a in report.activities))
    add_sheet(wb, "Peserta", _PERSONS, (
        [p.person.full_name, masked_nik(p.person.nik), p.person.sex, p.person.dusun,
         p.person.rt, p.person.rw, len(p.attended),
         "; ".join(f"{short_date(a.activity_date)} {a.topic}" for a in p.attended)]
        for p in report.persons))
    attendances = sorted(((a, p.person) for p in report.persons for a in p.attended),
                         key=lambda ap: (ap[0].activity_date, ap[0].topic, ap[1].full_name))
    add_sheet(wb, "Kehadiran", _ATTENDANCE, (
        [a.activity_date, kind_label(a.kind), a.topic, person.full_name, person.dusun,
         person.rt, person.rw] for a, person in attendances))
    return save_workbook(wb, Path(path))
