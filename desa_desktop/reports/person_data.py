"""The data-subject access printout: everything the post holds about one person.

Handed to the person who asked (UU 27/2022 gives them the right to see
their data and to have it corrected), so it is written for them, not for
the officer: plain Indonesian labels, dates written out, the change history
with names, and a receipt line the person signs so the post can show the
request was answered.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from desa_desktop.domain.formatting import long_date
from desa_desktop.reports.pdf_base import (
    CONTENT_WIDTH,
    build_pdf,
    field_table,
    fonts,
    format_moment,
    grid_table,
    markup,
    section,
    table_style,
    text,
)

if TYPE_CHECKING:  # only the shape: reports/ sits below services/ and never calls it
    from desa_desktop.services.subject_access import HistoryLine, PersonDataSheet

TITLE = "DATA PRIBADI YANG TERSIMPAN"
_HISTORY_WIDTHS = (24 * mm, 28 * mm, 36 * mm, CONTENT_WIDTH - 88 * mm)
_VISIT_WIDTHS = (23 * mm, 27 * mm, 22 * mm, 28 * mm, 28 * mm, CONTENT_WIDTH - 128 * mm)


def _intro(sheet: PersonDataSheet) -> list[Flowable]:
    name = escape(sheet.person_name)
    parts: list[Flowable] = [markup(
        f"Lembar ini memuat seluruh data tentang <b>{name}</b> yang disimpan dalam aplikasi "
        "pos layanan migrasi desa. Lembar ini diberikan atas permintaan yang bersangkutan, "
        "sesuai hak subjek data menurut Undang-Undang Nomor 27 Tahun 2022 tentang "
        "Pelindungan Data Pribadi. Bila ada data yang keliru atau tidak lengkap, yang "
        "bersangkutan berhak meminta petugas memperbaikinya.")]
    if sheet.in_bin:
        parts.append(markup(
            "<b>Catatan:</b> data ini sudah dihapus dari daftar (berada di tempat sampah "
            "aplikasi), tetapi masih tersimpan dan karena itu tetap dicantumkan."))
    return parts


def _history_row(line: HistoryLine) -> list[str]:
    what = line.what
    if line.collection_method:
        what += f"\nSumber: {line.collection_method}"
    return [line.at.strftime("%d/%m/%Y %H.%M"), line.officer_name, what,
            line.changes_text(fonts().arrow) or "-"]


def _sections(sheet: PersonDataSheet) -> list[Flowable]:
    story: list[Flowable] = [*section("1. Identitas"),
                             field_table([(r.label, r.value) for r in sheet.identity])]
    story += section("2. Keluarga (Kartu Keluarga)")
    story.append(field_table([(r.label, r.value) for r in sheet.household])
                 if sheet.household else text("Belum terhubung ke data keluarga."))
    placements = [[text(b.title, "subheading"), field_table([(r.label, r.value)
                                                             for r in b.fields])]
                  for b in sheet.placements] or [[text("Tidak ada data penempatan.")]]
    # The heading travels with the first departure, each departure stays on one page.
    heading = markup("3. Penempatan (setiap keberangkatan)", "heading")
    story.append(KeepTogether([heading, *placements[0]]))
    story += [KeepTogether(block) for block in placements[1:]]
    story += section("4. Kunjungan petugas ke keluarga")
    if sheet.visits:
        story.append(grid_table(
            ["Tanggal", "Jenis", "Hasil", "Petugas", "Sumber data", "Catatan"],
            [[v.visit_date, v.kind, v.outcome, v.officer_name, v.collection_method,
              "\n".join(x for x in (v.notes, f"Kunjungan ulang: {v.follow_up}"
                                    if v.follow_up else "") if x)]
             for v in sheet.visits],
            _VISIT_WIDTHS))
    else:
        story.append(text("Tidak ada kunjungan yang tercatat."))
    story += section("5. Riwayat perubahan data")
    story.append(text("Siapa mengubah apa dan kapan, yang terbaru di atas. Waktu menurut jam "
                      "laptop pos.", "small"))
    if sheet.history:
        story.append(grid_table(["Waktu", "Petugas", "Tindakan", "Perubahan"],
                                [_history_row(h) for h in sheet.history], _HISTORY_WIDTHS))
    else:
        story.append(text("Belum ada riwayat perubahan yang tercatat."))
    return story


def _receipt(sheet: PersonDataSheet) -> Flowable:
    """Signature lines: the officer who printed it and the person who received it."""
    half = CONTENT_WIDTH / 2
    place = sheet.village_name or ""
    when = long_date(sheet.printed_at.date())
    rows = [
        ["", text(f"{place}, {when}" if place else when, "center")],
        [text("Yang menerima,", "center"), text("Petugas,", "center")],
        [Spacer(1, 15 * mm), Spacer(1, 15 * mm)],
        [text(f"( {sheet.person_name} )", "center"), text(f"( {sheet.printed_by} )", "center")],
    ]
    table = Table(rows, colWidths=[half, half])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _story(sheet: PersonDataSheet) -> list[Flowable]:
    subtitle = f"{sheet.post_name} {fonts().dash} Desa {sheet.village_name} " \
               f"(kode {sheet.village_code})"
    return [
        markup("<b>RAHASIA</b>", "center"),
        markup(TITLE, "title"),
        text(subtitle, "subtitle"),
        *_intro(sheet),
        *_sections(sheet),
        Spacer(1, 6 * mm),
        KeepTogether([
            text(f"Dicetak oleh {sheet.printed_by} pada {format_moment(sheet.printed_at)}.",
                 "small"),
            Spacer(1, 3 * mm),
            _receipt(sheet),
        ]),
    ]


def render_person_data(path: Path, sheet: PersonDataSheet) -> Path:
    """Write the printout as an A4 PDF at ``path`` (atomically); returns ``path``."""
    return build_pdf(
        Path(path), _story(sheet), title=f"Data pribadi {sheet.person_name}",
        subject="Salinan data pribadi untuk subjek data (UU 27/2022)",
        printed_at=sheet.printed_at.replace(tzinfo=None),
        footer_note=f"RAHASIA {fonts().dash} data pribadi {sheet.person_name}",
    )
