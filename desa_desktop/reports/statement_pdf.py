"""The monthly statement of a group's cash book (laporan bulanan buku kas) as PDF.

This is the sheet the district receives and the group's members read at their
meeting, so it is laid out the way a village treasurer reports by hand: the
kop, the group and the month, then the summary (opening balance, income and
expense by category, closing balance), the loans still outstanding with their
arrears, every line of the month with its running balance, whether the month
is closed (with the closing's check code, so a reader can compare two copies)
and room for the chair's and the treasurer's signatures.

Amounts in tables are written without "Rp" (the column header says Rupiah) so
nine-digit sums fit a portrait A4 column; a negative figure (a reversal of an
earlier month's line) is written with a minus sign.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from desa_desktop.domain.formatting import long_date, rupiah, short_date, thousands
from desa_desktop.domain.ledger_reference import CATEGORY, FEE_METHOD, GROUP_KIND
from desa_desktop.reports.pdf_base import (
    CONTENT_WIDTH,
    LINE,
    SHADE,
    build_pdf,
    field_table,
    fonts,
    markup,
    section,
    styles,
    table_style,
    text,
)

if TYPE_CHECKING:  # only the shape: reports/ never calls services
    from desa_desktop.services.cashbook import EntryRow
    from desa_desktop.services.statements import CategoryTotal, ReportHeader, StatementData

TITLE = "LAPORAN BULANAN BUKU KAS"
LOGO_SIZE = 18 * mm
_LINE_WIDTHS = (9 * mm, 22 * mm, 57 * mm, 15 * mm, 22 * mm, 22 * mm, 23 * mm)
_LOAN_WIDTHS = (9 * mm, 44 * mm, 20 * mm, 23 * mm, 23 * mm, 23 * mm, 28 * mm)


# ---------------------------------------------------------------------------
# Pieces shared with the passbook
# ---------------------------------------------------------------------------


def amount(value: int) -> str:
    """``1.250.000`` / ``-100.000`` for a table cell under a "(Rp)" header."""
    return f"-{thousands(-value)}" if value < 0 else thousands(value)


def rate_text(fee_rate_bp: int, fee_method: str) -> str:
    """``1,5 %, tetap (flat) dari pokok awal`` from basis points, without a float."""
    whole, part = divmod(fee_rate_bp, 100)
    number = f"{whole},{part:02d}".rstrip("0") if part else str(whole)
    method = FEE_METHOD.get(fee_method, fee_method)
    return f"{number} %, {method[:1].lower()}{method[1:]}"


def footer_note(*parts: str, limit: int = 60) -> str:
    """The left footer's note, short enough to leave room for "Halaman N dari M"."""
    note = f" {fonts().dash} ".join(p for p in parts if p)
    return note if len(note) <= limit else note[:limit - 1].rstrip() + "…"


def cell_style(*, bold: bool = False, right: bool = False,
               indent: float = 0) -> ParagraphStyle:
    """The dense cell style of ledger tables: 8.5 pt so a date or a nine-digit sum fits."""
    base = styles()["cell_label" if bold else "cell"]
    return ParagraphStyle(f"ledger_{bold}_{right}_{indent}", parent=base, fontSize=8.5,
                          leading=10.5, alignment=TA_RIGHT if right else base.alignment,
                          leftIndent=indent)


def indented(value: str, bold: bool = False) -> Flowable:
    """A category under its side's caption in the summary."""
    return _para(value, cell_style(bold=bold, indent=4 * mm))


def _logo(path: str) -> Flowable | None:
    if not path or not Path(path).is_file():
        return None
    try:
        image = Image(path)
        scale = min(LOGO_SIZE / image.imageWidth, LOGO_SIZE / image.imageHeight)
        return Image(path, width=image.imageWidth * scale, height=image.imageHeight * scale)
    except Exception:  # a damaged logo must not stop the report
        return None


def kop(header: ReportHeader) -> list[Flowable]:
    """The village's kop (as on its letters) with the post's name, over a double rule."""
    lines: list[Flowable] = [text(line.upper(), "center") for line in
                             (header.regency_line, header.district_line) if line.strip()]
    if header.village_line.strip():
        lines.append(markup(f"<b>{escape(header.village_line.upper())}</b>", "center"))
    if header.post_name.strip():
        lines.append(markup(f"<b>{escape(header.post_name)}</b>", "center"))
    if header.address.strip():
        lines.append(text(header.address, "subtitle"))
    logo = _logo(header.logo_path)
    side = LOGO_SIZE + 2 * mm
    block = Table([[logo or "", lines, ""]], colWidths=[side, CONTENT_WIDTH - 2 * side, side])
    block.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [block, HRFlowable(width="100%", thickness=1.8, spaceBefore=1, spaceAfter=1),
            HRFlowable(width="100%", thickness=0.5, spaceAfter=5 * mm)]


def money_table(header: list[str], rows: list[list[object]], widths: tuple[float, ...],
                numeric: set[int], *, bold_rows: set[int] | None = None,
                shaded_rows: set[int] | None = None) -> Table:
    """A grid whose ``numeric`` columns are right-aligned; header repeated on each page.

    Cells are strings (escaped, never markup) or ready flowables. ``bold_rows`` and
    ``shaded_rows`` count data rows from 0 (totals, section captions).
    """
    bold_rows, shaded_rows = bold_rows or set(), shaded_rows or set()
    data: list[list[object]] = [[_para(h, cell_style(bold=True, right=c in numeric))
                                 for c, h in enumerate(header)]]
    for r, row in enumerate(rows):
        bold = r in bold_rows
        data.append([cell if not isinstance(cell, str) else
                     _para(cell, cell_style(bold=bold, right=c in numeric))
                     for c, cell in enumerate(row)])
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.4, LINE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("BACKGROUND", (0, r + 1), (-1, r + 1), SHADE) for r in shaded_rows]
    table.setStyle(table_style(commands))
    return table


def _para(value: str, style: ParagraphStyle) -> Flowable:
    """Plain text (escaped) in a given style; an empty cell keeps its height."""
    return Paragraph(escape(value).replace("\n", "<br/>") or "&nbsp;", style)


def signatures(place: str, day_text: str, left: tuple[str, str],
               right: tuple[str, str], note: str = "") -> Flowable:
    """Two signature columns: (title, name) each, the place and date above the right one.

    ``note`` (who printed the sheet) stays on the same page as the signatures.
    """
    half = CONTENT_WIDTH / 2
    rows = [
        ["", text(f"{place}, {day_text}" if place else day_text, "center")],
        [text(left[0], "center"), text(right[0], "center")],
        [Spacer(1, 16 * mm), Spacer(1, 16 * mm)],
        [text(f"( {left[1] or '.' * 30} )", "center"),
         text(f"( {right[1] or '.' * 30} )", "center")],
    ]
    table = Table(rows, colWidths=[half, half])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    tail = [text(note, "small")] if note else []
    return KeepTogether([Spacer(1, 6 * mm), table, *tail])


# ---------------------------------------------------------------------------
# The statement
# ---------------------------------------------------------------------------


def closing_text(data: StatementData) -> str:
    """What the statement says about the month's closing, in one sentence."""
    if data.closing is None:
        if data.month_running:
            return (f"Belum ditutup: bulan masih berjalan; angka per "
                    f"{long_date(data.as_of)}.")
        return "Belum ditutup: angka masih dapat berubah oleh entri pembalik."
    by = f" oleh {data.closing.closed_by_name}" if data.closing.closed_by_name else ""
    said = f"Ditutup pada {long_date(data.closing.closed_on)}{by}."
    if data.hash_matches is False:
        said += (" PERINGATAN: isi buku bulan ini tidak lagi cocok dengan kode penutupan; "
                 "ada entri yang diubah di luar aplikasi.")
    return said


def _category_rows(items: tuple[CategoryTotal, ...]) -> list[list[object]]:
    rows: list[list[object]] = []
    for item in items:
        label = item.label
        if item.reversed_amount:
            label += f"\n(setelah pembatalan {rupiah(item.reversed_amount)})"
        rows.append([indented(label), amount(item.amount)])
    return rows or [[indented("Tidak ada"), "0"]]


def summary_table(data: StatementData) -> Table:
    """Opening, income by category, expense by category, closing: the statement's core."""
    rows: list[list[object]] = [[f"Saldo awal ({short_date(data.first_day)})",
                                 amount(data.opening_balance)], ["Pemasukan", ""]]
    bold, shaded = {0, 1}, {0}
    rows += _category_rows(data.income)
    bold.add(len(rows))
    rows += [["Jumlah pemasukan", amount(data.total_in)], ["Pengeluaran", ""]]
    bold.add(len(rows) - 1)
    rows += _category_rows(data.expense)
    bold.add(len(rows))
    rows.append(["Jumlah pengeluaran", amount(data.total_out)])
    bold.add(len(rows))
    shaded.add(len(rows))
    rows.append([f"Saldo akhir ({short_date(data.as_of)})", amount(data.closing_balance)])
    return money_table(["Uraian", "Jumlah (Rp)"], rows, (CONTENT_WIDTH - 40 * mm, 40 * mm),
                       {1}, bold_rows=bold, shaded_rows=shaded)


def line_text(line: EntryRow) -> str:
    """The "Uraian" of a line: category, member or loan, description, reversal marks."""
    parts = [CATEGORY.get(line.category, line.category)]
    if line.member_name:
        parts[0] += f" {fonts().dash} {line.member_name}"
    if line.loan_no is not None:
        parts[0] += f" (pinjaman no. {line.loan_no})"
    if line.description:
        parts.append(line.description)
    if line.reverses_no is not None:
        parts.append(f"[Membatalkan entri no. {line.reverses_no}]")
    if line.reversed_by_no is not None:
        parts.append(f"[Dibatalkan oleh entri no. {line.reversed_by_no}]")
    return "\n".join(parts)


def lines_table(data: StatementData) -> Table:
    rows: list[list[object]] = [["", short_date(data.first_day), "Saldo awal", "", "", "",
                                 amount(data.opening_balance)]]
    for line in data.lines:
        money_in = amount(line.amount) if line.direction == "masuk" else ""
        money_out = amount(line.amount) if line.direction == "keluar" else ""
        rows.append([str(line.no), short_date(line.entry_date), line_text(line),
                     line.receipt_no, money_in, money_out, amount(line.balance)])
    gross_in = sum(x.amount for x in data.lines if x.direction == "masuk")
    gross_out = sum(x.amount for x in data.lines if x.direction == "keluar")
    rows.append(["", "", "Jumlah bulan ini", "", amount(gross_in), amount(gross_out),
                 amount(data.closing_balance)])
    return money_table(["No", "Tanggal", "Uraian", "Bukti", "Masuk (Rp)", "Keluar (Rp)",
                        "Saldo (Rp)"], rows, _LINE_WIDTHS, {4, 5, 6},
                       bold_rows={0, len(rows) - 1}, shaded_rows={len(rows) - 1})


def loans_table(data: StatementData) -> Table:
    rows: list[list[object]] = []
    for loan in data.loans:
        late = loan.arrears
        rows.append([str(loan.no), loan.member_name, short_date(loan.disbursed_on),
                     amount(loan.principal), amount(loan.outstanding_principal),
                     amount(late.amount_overdue),
                     f"{late.days_late} hari" if late.amount_overdue else "-"])
    rows.append(["", "Jumlah", "", amount(sum(x.principal for x in data.loans)),
                 amount(data.loans_outstanding), amount(data.arrears_total),
                 f"{data.arrears_count} pinjaman"])
    return money_table(["No", "Anggota", "Dicairkan", "Pokok (Rp)", "Sisa pokok (Rp)",
                        "Tunggakan (Rp)", "Terlambat"], rows, _LOAN_WIDTHS, {3, 4, 5, 6},
                       bold_rows={len(rows) - 1}, shaded_rows={len(rows) - 1})


def _story(data: StatementData) -> list[Flowable]:
    group = data.group
    mono = ParagraphStyle("hash", parent=styles()["small"], fontName=fonts().mono)
    story: list[Flowable] = [
        *kop(data.header),
        markup(TITLE, "title"),
        text(f"{group.name} {fonts().dash} {data.month_label}", "subtitle"),
        field_table([
            ("Kelompok", group.name),
            ("Jenis / usaha", f"{GROUP_KIND.get(group.kind, group.kind)}"
                              + (f" {fonts().dash} {group.business_type}"
                                 if group.business_type else "")),
            ("Bulan", f"{data.month_label} ({short_date(data.first_day)} s.d. "
                      f"{short_date(data.last_day)})"),
            ("Keadaan buku", closing_text(data)),
        ], label_width=38 * mm),
    ]
    if data.closing is not None:
        story += [Spacer(1, 1.5 * mm),
                  _para(f"Kode penutupan (SHA-256): {data.closing.entries_hash}", mono)]
    story += [*section("1. Ringkasan"), summary_table(data)]
    if any(c.reversed_amount for c in data.income + data.expense):
        story.append(text("Entri pembalik dikurangkan dari kategori entri yang dibatalkannya; "
                          "karena itu jumlah di atas dapat lebih kecil daripada jumlah kolom "
                          "Masuk dan Keluar pada buku kas di bawah.", "small"))
    story += section(f"2. Pinjaman anggota per {long_date(data.as_of)}")
    if data.loans:
        story.append(loans_table(data))
    else:
        story.append(text("Tidak ada pinjaman yang masih berjalan."))
    story += section("3. Buku kas bulan ini")
    if data.lines:
        story.append(lines_table(data))
    else:
        story.append(text(f"Tidak ada entri pada bulan ini. Saldo tetap "
                          f"{rupiah(data.opening_balance)}."))
    place = data.header.village_name
    story.append(signatures(place, long_date(data.printed_at.date()),
                            ("Mengetahui,\nKetua kelompok", data.chair_name),
                            ("Bendahara", data.treasurer_name),
                            f"Dicetak oleh {data.printed_by}." if data.printed_by else ""))
    return story


def render_statement_pdf(path: Path, data: StatementData) -> Path:
    """Write the monthly statement as an A4 PDF at ``path`` (atomically); returns ``path``."""
    return build_pdf(
        Path(path), _story(data),
        title=f"Laporan buku kas {data.group.name} {data.month_label}",
        subject="Laporan bulanan buku kas kelompok", printed_at=data.printed_at,
        footer_note=footer_note(data.group.name, data.month_label))
