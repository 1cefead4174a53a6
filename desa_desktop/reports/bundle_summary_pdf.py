"""The PDF summary of a bundle: the page the district head reads before any spreadsheet.

Laid out like the post's other reports (the village's kop, the title, who
and which period), then the figures a district compares across villages:
residents by status, migrant workers abroad by country, how many departures
were procedural, cases by type and status (confidential ones counted, never
named), referrals, business groups with their cash, activities with their
attendance, and what the bundle holds. Two bar charts make the first two
readable at a glance. Every figure is counted from the bundle's own data
files (``bundle_figures``), so the district can redo it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from desa_desktop.bundle.registers import REGISTERS, Register
from desa_desktop.domain import case_reference as cr
from desa_desktop.domain import ledger_reference as lr
from desa_desktop.domain import reference as ref
from desa_desktop.domain.formatting import long_date, thousands
from desa_desktop.reports.bundle_figures import Figures, count_figures
from desa_desktop.reports.bundle_workbook import PeriodLike, period_text
from desa_desktop.reports.pdf_base import (
    CONTENT_WIDTH,
    build_pdf,
    field_table,
    fonts,
    format_moment,
    section,
    text,
)
from desa_desktop.reports.statement_pdf import amount, footer_note, kop, money_table

__all__ = ["TITLE", "KopLines", "write_summary"]

TITLE = "LAPORAN RINGKAS DATA DESA"
BAR = colors.HexColor("#4a7ab0")
_CHART_HEIGHT = 55 * mm
_MAX_COUNTRIES = 10


@dataclass(frozen=True)
class KopLines:
    """The kop's lines (the shape of ``services.statements.ReportHeader``)."""

    post_name: str
    village_name: str
    regency_line: str
    district_line: str
    village_line: str
    address: str = ""
    logo_path: str = ""


def kop_from_village(village: Mapping[str, str]) -> KopLines:
    """The kop as the letterhead's defaults write it, from the manifest's village fields."""
    return KopLines(
        post_name=village.get("post_name", ""), village_name=village.get("name", ""),
        regency_line=f"Pemerintah Kabupaten {village.get('regency_name', '')}",
        district_line=f"Kecamatan {village.get('district_name', '')}",
        village_line=f"Desa {village.get('name', '')}")


def pct(part: int, whole: int) -> str:
    """``12,5 %`` (Indonesian decimal comma); ``-`` when there is nothing to divide."""
    if not whole:
        return "-"
    tenths = round(part * 1000 / whole)
    return f"{tenths // 10},{tenths % 10} %"


# -- charts ------------------------------------------------------------------------------
def _style_axis(chart: Any, size: float = 7.5) -> None:
    f = fonts()
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = f.regular
        axis.labels.fontSize = size
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabels.fontName = f.regular
    chart.barLabels.fontSize = size
    chart.barLabelFormat = _whole
    chart.valueAxis.labelTextFormat = _whole


def _whole(value: float) -> str:
    """``84.003``: chart numbers grouped like the tables' numbers."""
    return thousands(round(value))


def _value_step(top: int) -> int:
    """A round grid step (1, 2, 5, 10, 20, 50...) so the value axis shows at most six lines."""
    scale = 1
    while True:
        for base in (1, 2, 5):
            if top <= 6 * base * scale:
                return base * scale
        scale *= 10


def status_chart(counts: Counter[str]) -> Drawing:
    """Residents by status, one bar per status in the register's order."""
    drawing = Drawing(CONTENT_WIDTH, _CHART_HEIGHT)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 10 * mm
    chart.width, chart.height = CONTENT_WIDTH - 20 * mm, _CHART_HEIGHT - 16 * mm
    values = [counts.get(code, 0) for code in ref.STATUS_SHORT]
    chart.data = [values]
    chart.categoryAxis.categoryNames = list(ref.STATUS_SHORT.values())
    _style_axis(chart)
    chart.barLabels.nudge = 5
    chart.valueAxis.valueStep = _value_step(max(values, default=1))
    drawing.add(chart)
    return drawing


def country_chart(counts: Counter[str]) -> Drawing:
    """Workers abroad by country, largest first (at most ten bars)."""
    top = counts.most_common(_MAX_COUNTRIES)[::-1]  # the chart draws bottom-up
    height = max(30 * mm, (8 + 6 * len(top)) * mm)
    drawing = Drawing(CONTENT_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 38 * mm, 6 * mm
    chart.width, chart.height = CONTENT_WIDTH - 48 * mm, height - 10 * mm
    chart.data = [[n for _, n in top] or [0]]
    chart.categoryAxis.categoryNames = [ref.COUNTRIES.get(c, c) for c, _ in top] or ["-"]
    _style_axis(chart)
    chart.barLabels.nudge = 7
    chart.valueAxis.valueStep = _value_step(max((n for _, n in top), default=1))
    drawing.add(chart)
    return drawing


# -- tables ------------------------------------------------------------------------------
def _count_table(title: str, counts: Mapping[Any, int], labels: Mapping[Any, str],
                 *, keep_order: bool = True) -> Flowable:
    """Label | Jumlah | % with a total row; the label table's order, unknown codes last."""
    total = sum(counts.values())
    order = [code for code in labels if counts.get(code)] if keep_order else []
    order += [code for code, _ in Counter(counts).most_common() if code not in order]
    rows: list[list[object]] = [[str(labels.get(code, code) or "-"), thousands(counts[code]),
                                 pct(counts[code], total)] for code in order]
    rows.append(["Jumlah", thousands(total), pct(total, total) if total else "-"])
    widths = (CONTENT_WIDTH - 60 * mm, 30 * mm, 30 * mm)
    return money_table([title, "Jumlah", "%"], rows, widths, {1, 2},
                       bold_rows={len(rows) - 1}, shaded_rows={len(rows) - 1})


def _procedural_table(f: Figures) -> Flowable:
    period_total, all_total = sum(f.procedural_period.values()), sum(f.procedural_all.values())
    rows: list[list[object]] = []
    for code in (True, False, None):
        label = ref.PROCEDURAL[code]
        p, a = f.procedural_period.get(code, 0), f.procedural_all.get(code, 0)
        rows.append([label, thousands(p), pct(p, period_total), thousands(a), pct(a, all_total)])
    rows.append(["Jumlah keberangkatan", thousands(period_total), pct(period_total,
                 period_total), thousands(all_total), pct(all_total, all_total)])
    widths = (CONTENT_WIDTH - 100 * mm, 25 * mm, 25 * mm, 25 * mm, 25 * mm)
    return money_table(["Keberangkatan", "Dalam periode", "%", "Seluruh catatan", "%"], rows,
                       widths, {1, 2, 3, 4}, bold_rows={len(rows) - 1},
                       shaded_rows={len(rows) - 1})


def _groups_table(f: Figures) -> Flowable:
    groups = sorted(f.groups.values(), key=lambda g: g.name.casefold())
    rows: list[list[object]] = [[f"{g.name} ({lr.GROUP_KIND.get(g.kind, g.kind)})",
                                 thousands(g.members), amount(g.income), amount(g.expense),
                                 amount(g.balance), thousands(g.open_loans)] for g in groups]
    rows.append(["Jumlah", thousands(sum(g.members for g in groups)),
                 amount(sum(g.income for g in groups)), amount(sum(g.expense for g in groups)),
                 amount(sum(g.balance for g in groups)),
                 thousands(sum(g.open_loans for g in groups))])
    widths = (CONTENT_WIDTH - 120 * mm, 18 * mm, 26 * mm, 26 * mm, 29 * mm, 21 * mm)
    return money_table(["Kelompok (jenis)", "Anggota aktif", "Pemasukan (Rp)",
                        "Pengeluaran (Rp)", "Saldo akhir (Rp)", "Pinjaman berjalan"], rows,
                       widths, {1, 2, 3, 4, 5}, bold_rows={len(rows) - 1},
                       shaded_rows={len(rows) - 1})


def _activities_table(f: Figures) -> Flowable:
    kinds = [k for k in lr.ACTIVITY_KIND if k in f.activities] + \
        [k for k in f.activities if k not in lr.ACTIVITY_KIND]
    rows: list[list[object]] = [[lr.ACTIVITY_KIND.get(k, k),
                                 *(thousands(n) for n in f.activities[k]),
                                 pct(f.activities[k][2], f.activities[k][1] - f.activities[k][3])]
                                for k in kinds]
    totals = [sum(f.activities[k][i] for k in kinds) for i in range(5)]
    rows.append(["Jumlah", *(thousands(n) for n in totals), pct(totals[2],
                                                               totals[1] - totals[3])])
    widths = (CONTENT_WIDTH - 110 * mm, 18 * mm, 19 * mm, 16 * mm, 19 * mm, 22 * mm, 16 * mm)
    return money_table(["Jenis kegiatan", "Kegiatan", "Diundang", "Hadir", "Belum dicatat",
                        "Peserta tidak terdaftar", "Hadir %"], rows, widths,
                       {1, 2, 3, 4, 5, 6}, bold_rows={len(rows) - 1},
                       shaded_rows={len(rows) - 1})


def _contents_table(f: Figures) -> Flowable:
    rows: list[list[object]] = [[c.register.sheet_title, c.register.table, thousands(c.rows),
                                 thousands(c.changed), thousands(c.deleted)]
                                for c in f.registers]
    widths = (50 * mm, 40 * mm, 25 * mm, 30 * mm, 25 * mm)
    return money_table(["Data", "Berkas data", "Baris", "Berubah dalam periode", "Dihapus"],
                       rows, widths, {2, 3, 4})


def _story(village: Mapping[str, str], period: PeriodLike, f: Figures, created: datetime,
           header: Any) -> list[Flowable]:
    story: list[Flowable] = [*kop(header), text(TITLE, "title"),
                             text(f"Bundel data untuk kecamatan {fonts().dash} periode "
                                  f"{period_text(period)}", "subtitle")]
    story.append(field_table([
        ("Desa", f"{village.get('name', '')} ({village.get('code', '')})"),
        ("Kecamatan / kabupaten", f"{village.get('district_name', '')}, "
                                  f"{village.get('regency_name', '')}"),
        ("Provinsi", village.get("province_name", "")),
        ("Pos layanan", village.get("post_name", "")),
        ("Periode", f"{period_text(period)}: {long_date(period.start)} s.d. "
                    f"{long_date(period.end)} ({period.label})"),
        ("Bundel dibuat", format_moment(created)),
    ]))
    story += [*section("1. Warga terdaftar menurut status"),
              _count_table("Status", f.persons_by_status, ref.STATUS_SHORT),
              Spacer(1, 3 * mm), status_chart(f.persons_by_status)]
    countries: list[Flowable] = [_count_table("Negara", f.pmi_by_country, ref.COUNTRIES,
                                              keep_order=False)]
    if f.pmi_by_country:
        countries += [Spacer(1, 3 * mm), country_chart(f.pmi_by_country)]
    story += _kept("2. PMI yang sedang bekerja menurut negara tujuan", countries)
    story += [*section("3. Keberangkatan: prosedural atau tidak"), _procedural_table(f)]
    if f.departures_by_country:
        story += [Spacer(1, 3 * mm), _count_table("Berangkat dalam periode ke",
                                                  f.departures_by_country, ref.COUNTRIES,
                                                  keep_order=False)]
    story += [*section("4. Kasus"), text(
        f"{thousands(f.cases_total)} kasus tercatat, {thousands(f.cases_new)} dilaporkan dalam "
        f"periode ini. {thousands(f.cases_confidential)} kasus rahasia ikut dihitung menurut "
        f"jenis dan status; isi, pelapor dan orangnya tidak dikirim.", "body"),
        _count_table("Status kasus", f.cases_by_status, cr.CASE_STATUS), Spacer(1, 3 * mm),
        _count_table("Jenis kasus (satu kasus dapat berjenis lebih dari satu)",
                     f.cases_by_type, cr.CASE_TYPES)]
    story += [*section("5. Rujukan menurut status"),
              _count_table("Status rujukan", f.referrals_by_status, cr.REFERRAL_STATUS),
              text("Rujukan kasus rahasia tidak termasuk dalam bundel.", "small")]
    story += [*section("6. Kelompok usaha dan kasnya"), _groups_table(f)]
    story += [*section("7. Kegiatan dalam periode menurut jenis"), _activities_table(f)]
    story += _kept("8. Isi bundel", [_contents_table(f), Spacer(1, 2 * mm), text(
        "Angka dihitung dari berkas data dalam bundel ini. Data yang dihapus hanya dihitung "
        "pada tabel Isi bundel; berkas data memuatnya agar kecamatan ikut menghapusnya. "
        "Persentase hadir dihitung dari peserta yang kehadirannya sudah dicatat.", "small")])
    return story


def _kept(title: str, flowables: list[Flowable]) -> list[Flowable]:
    """A section whose heading, table and chart stay on one page (moved whole if need be)."""
    page_break, heading = section(title)
    return [page_break, KeepTogether([heading, *flowables])]


def write_summary(path: Path, *, village: Mapping[str, str], period: PeriodLike,
                  data_dir: Path, counts: Mapping[str, int] | None = None,
                  created_at: datetime | None = None, header: Any = None,
                  registers: Iterable[Register] = REGISTERS) -> Path:
    """Write the summary of the data files in ``data_dir`` to ``path`` (atomically).

    ``created_at`` is UTC (default now); ``header`` a ``ReportHeader`` for the
    post's own kop and logo (default: the kop made from ``village``).
    ``counts`` (rows per table) is checked against the files.
    """
    registers = list(registers)
    figures = count_figures(Path(data_dir), period.start, period.end, registers)
    for count in figures.registers:
        expected = (counts or {}).get(count.register.table, count.rows)
        if expected != count.rows:
            raise ValueError(f"{count.register.table}: {count.rows} rows in the file, "
                             f"{expected} counted")
    created = (created_at or datetime.now(UTC).replace(tzinfo=None)).replace(
        tzinfo=UTC).astimezone().replace(tzinfo=None)
    story = _story(village, period, figures, created, header or kop_from_village(village))
    return build_pdf(Path(path), story, title=f"{TITLE} {village.get('name', '')} "
                     f"{period.label}", subject="Bundel data desa untuk kecamatan",
                     printed_at=created,
                     footer_note=footer_note(f"Desa {village.get('name', '')}", period.label))
