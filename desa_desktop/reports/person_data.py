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

from desa_desktop.domain.formatting import long_date, rupiah
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
    from desa_desktop.services.subject_access_groups import LoanLine, MembershipBlock

TITLE = "DATA PRIBADI YANG TERSIMPAN"
_HISTORY_WIDTHS = (24 * mm, 28 * mm, 36 * mm, CONTENT_WIDTH - 88 * mm)
_VISIT_WIDTHS = (23 * mm, 27 * mm, 22 * mm, 28 * mm, 28 * mm, CONTENT_WIDTH - 128 * mm)
_LOAN_WIDTHS = (12 * mm, 24 * mm, 30 * mm, 30 * mm, 24 * mm, CONTENT_WIDTH - 120 * mm)
_ACTIVITY_WIDTHS = (23 * mm, 50 * mm, CONTENT_WIDTH - 101 * mm, 28 * mm)
LATE = "{amount} (terlambat {days} hari)"


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


def _loan_row(loan: LoanLine) -> list[str]:
    late = (LATE.format(amount=rupiah(loan.arrears), days=loan.days_late) if loan.arrears
            else "Tidak ada")
    return [str(loan.number), loan.disbursed_on, rupiah(loan.principal),
            rupiah(loan.outstanding_principal), loan.status, late]


def _membership(block: MembershipBlock) -> list[Flowable]:
    """One group: the membership and savings as label/value rows, then the loans."""
    rows = [("Peran", block.role), ("Nomor anggota", str(block.member_no)),
            ("Tanggal masuk", block.joined_on),
            ("Tanggal keluar", block.left_on or "Masih anggota"),
            *((kind, rupiah(amount)) for kind, amount in block.savings),
            ("Jumlah simpanan", rupiah(block.savings_total))]
    parts: list[Flowable] = [text(f"{block.group_name} ({block.group_kind})", "subheading"),
                             field_table(rows)]
    if block.loans:
        parts.append(Spacer(1, 2 * mm))
        parts.append(grid_table(["No.", "Tanggal cair", "Pokok pinjaman", "Sisa pokok",
                                 "Status", "Tunggakan"],
                                [_loan_row(loan) for loan in block.loans], _LOAN_WIDTHS))
    else:
        parts.append(text("Tidak ada pinjaman.", "small"))
    return parts


def _groups_and_activities(sheet: PersonDataSheet) -> list[Flowable]:
    blocks = [_membership(b) for b in sheet.memberships] or [
        [text("Tidak tercatat sebagai anggota kelompok usaha.")]]
    # As the departures: the heading travels with the first group, each group on one page.
    story: list[Flowable] = [KeepTogether([markup("5. Kelompok usaha", "heading"),
                                           *blocks[0]])]
    story += [KeepTogether(block) for block in blocks[1:]]
    story += section("6. Kegiatan yang diikuti")
    if sheet.activities:
        story.append(grid_table(
            ["Tanggal", "Jenis kegiatan", "Topik", "Kehadiran"],
            [[a.activity_date, a.kind,
              a.topic + ("\n(kegiatan sudah dihapus)" if a.in_bin else ""), a.attendance]
             for a in sheet.activities],
            _ACTIVITY_WIDTHS))
    else:
        story.append(text("Tidak tercatat dalam daftar hadir kegiatan."))
    return story


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
    story += _groups_and_activities(sheet)
    story += section("7. Riwayat perubahan data")
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
