"""The recovery-key sheet: the one paper that opens the encrypted database
when every password is forgotten.

It is printed once, when encryption is switched on, and then lives in the
village office safe or in a sealed envelope at the kecamatan or the Dinas.
So it must say, to someone who finds it years later, which database it
opens, who made it, how to use it, and that it is as dangerous as the
laptop itself; and it carries signature lines so the handover is witnessed
by the kepala desa.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from desa_desktop.domain.formatting import long_date
from desa_desktop.reports.pdf_base import (
    CONTENT_WIDTH,
    build_pdf,
    field_table,
    fonts,
    format_moment,
    markup,
    styles,
    table_style,
    text,
)

TITLE = "LEMBAR KUNCI PEMULIHAN DATABASE"
#: Groups of the key per printed line: three short lines are easier to type than one long.
GROUPS_PER_LINE = 4


@dataclass(frozen=True)
class RecoverySheet:
    """What the sheet states; ``created_at`` is local time, ``recovery_key`` already grouped."""

    village_name: str
    village_code: str
    post_name: str
    district_name: str
    regency_name: str
    province_name: str
    database_file_name: str
    recovery_key: str
    created_at: datetime
    created_by: str
    signing_key_fingerprint: str | None = None


def key_lines(recovery_key: str, per_line: int = GROUPS_PER_LINE) -> list[str]:
    """Split ``ABCDE-FGHIJ-...`` into lines of ``per_line`` groups, continued lines ending
    in "-", so the lines read together are exactly the key."""
    groups = [g for g in recovery_key.strip().split("-") if g]
    if len(groups) <= 1:
        return [recovery_key.strip()]
    lines = ["-".join(groups[i:i + per_line]) for i in range(0, len(groups), per_line)]
    return [line + "-" for line in lines[:-1]] + lines[-1:]


def _key_box(recovery_key: str) -> Table:
    """The key, left-aligned in a monospaced font so the groups stand in columns."""
    style = styles()["key"]
    lines = key_lines(recovery_key)
    widest = max(stringWidth(line, style.fontName, style.fontSize) for line in lines)
    width = min(widest + 16 * mm, CONTENT_WIDTH)
    box = Table([[Paragraph(escape("\n".join(lines)).replace("\n", "<br/>"), style)]],
                colWidths=[width], hAlign="CENTER")
    box.setStyle(table_style([
        ("BOX", (0, 0), (-1, -1), 1.6, "#000000"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
    ]))
    return box


def _key_note(recovery_key: str) -> str:
    groups = [g for g in recovery_key.split("-") if g]
    sizes = {len(g) for g in groups}
    shape = (f"{len(groups)} kelompok, masing-masing {sizes.pop()} huruf/angka"
             if len(sizes) == 1 else f"{len(groups)} kelompok huruf/angka")
    return (f"Kunci terdiri atas {shape}. Baris yang berakhir dengan tanda hubung "
            "bersambung ke baris berikutnya.")


def _identity(sheet: RecoverySheet) -> Table:
    rows = [
        ("Desa", f"{sheet.village_name} (kode {sheet.village_code})"),
        ("Wilayah", f"Kecamatan {sheet.district_name}, {sheet.regency_name}, "
                    f"{sheet.province_name}"),
        ("Pos layanan", sheet.post_name),
        ("Berkas database", sheet.database_file_name),
        ("Kunci dibuat", f"{format_moment(sheet.created_at)} oleh {sheet.created_by}"),
    ]
    if sheet.signing_key_fingerprint:
        rows.append(("Sidik jari kunci tanda tangan", sheet.signing_key_fingerprint))
    return field_table(rows)


def _signatures(sheet: RecoverySheet) -> Flowable:
    """Place and date, then who made the key and the kepala desa who witnessed it."""
    half = CONTENT_WIDTH / 2
    blank = "(" + "." * 44 + ")"
    rows = [
        ["", text(f"{sheet.village_name}, {long_date(sheet.created_at.date())}", "center")],
        [text("Dibuat oleh,", "center"), text("Disaksikan oleh,", "center")],
        [text("Petugas pos layanan", "center"),
         text(f"Kepala Desa {sheet.village_name}", "center")],
        [Spacer(1, 14 * mm), Spacer(1, 14 * mm)],
        [text(f"( {sheet.created_by} )", "center"), text(blank, "center")],
    ]
    table = Table(rows, colWidths=[half, half])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def _story(sheet: RecoverySheet) -> list[Flowable]:
    bullet = "•" if fonts().unicode else "-"
    warnings = [
        "Kunci ini <b>membuka database bila semua kata sandi lupa</b> atau akun admin "
        "tidak dapat dipakai lagi.",
        "<b>Siapa pun yang memegang lembar ini dan laptop pos dapat membaca seluruh data "
        "warga</b> di dalamnya. Jagalah seperti kunci brankas.",
        "Simpan di <b>brankas kantor desa</b>, atau serahkan ke <b>kantor kecamatan/dinas "
        "dalam amplop tertutup</b> yang diparaf di atas lipatannya.",
        "<b>Jangan difoto, jangan dipindai, jangan dikirim lewat WhatsApp</b> atau surel, "
        "dan jangan disimpan di dalam laptop pos.",
        "Bila lembar ini hilang atau mungkin dilihat orang lain, segera laporkan kepada "
        "kepala desa dan admin aplikasi.",
    ]
    steps = [
        "Nyalakan laptop pos dan buka aplikasi desa-desktop.",
        "Di layar masuk pilih <b>\u201cLupa kata sandi? Pakai kunci pemulihan\u201d</b>.",
        "Ketik kunci di atas persis seperti tertulis (huruf, angka dan tanda hubung).",
        "Buat kata sandi baru, lalu kembalikan lembar ini ke tempat penyimpanannya.",
    ]
    story: list[Flowable] = [
        markup("<b>RAHASIA</b>", "center"),
        markup(TITLE, "title"),
        Spacer(1, 2 * mm),
        markup("Database yang dibuka dengan kunci ini", "heading"),
        _identity(sheet),
        markup("Kunci pemulihan", "heading"),
        _key_box(sheet.recovery_key),
        Spacer(1, 2 * mm),
        text(_key_note(sheet.recovery_key), "small"),
        markup("Penting", "heading"),
        *[markup(w, "bullet", bulletText=bullet) for w in warnings],
        markup("Cara memakai", "heading"),
        *[markup(s, "bullet", bulletText=f"{n}.") for n, s in enumerate(steps, start=1)],
        Spacer(1, 3 * mm),
        KeepTogether([_signatures(sheet)]),
    ]
    return story


def render_recovery_sheet(path: Path, sheet: RecoverySheet) -> Path:
    """Write the sheet as a one-page A4 PDF at ``path`` (atomically); returns ``path``."""
    return build_pdf(
        Path(path), _story(sheet), title=TITLE,
        subject=f"Kunci pemulihan database pos layanan Desa {sheet.village_name}",
        footer_note="RAHASIA", printed_at=datetime.now(),
    )
