"""The official letter PDF, read back with pypdf and drawn by poppler."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage

from desa_desktop.paths import resources_dir
from desa_desktop.reports import pdf_base
from desa_desktop.reports.letter_pdf import (
    PAPER_SIZES,
    QR_CAPTION,
    LetterDocument,
    paragraphs,
    render_letter,
)
from tests.reports.helpers import leftovers, page_count, pdf_text, render_first_page

NUMBER = "045/SR/DESMIG/XI/2026"
QR = ("DESA1.eyJudW1iZXIiOiIwNDUvU1IvREVTTUlHL1hJLzIwMjYifQ."
      "c2lnbmF0dXJlLWJ5dGVzLWhlcmUtYmFzZTY0dXJs_-+/=")
BODY = ("Dengan hormat,\n\n"
        "Bersama surat ini kami merujuk warga kami, Sdri. José Muñoz, pekerja migran di "
        "Hong Kong yang gajinya tidak dibayar selama empat bulan.\n\n"
        "Demikian surat ini kami sampaikan. Atas perhatian Bapak/Ibu kami ucapkan "
        "terima kasih.")
LONG_BODY = BODY + "\n\n" + "\n\n".join(
    f"Kronologi bagian {n}: " + "keterangan kejadian yang panjang untuk mengisi halaman. " * 7
    for n in range(1, 10))


def make_doc(**changes: object) -> LetterDocument:
    values: dict[str, object] = dict(
        regency_line="Pemerintah Kabupaten Indramayu", district_line="Kecamatan Juntinyuat",
        village_line="Desa Karyamukti", address="Jl. Raya Karyamukti No. 1, Indramayu 45282",
        logo_path=str(resources_dir() / "logo-desa.png"), number=NUMBER,
        place_date="Karyamukti, 22 November 2026",
        addressee="Kepala Dinas Tenaga Kerja Kabupaten Indramayu",
        addressee_address="Jl. Jenderal Sudirman No. 12, Indramayu",
        subject="Rujukan penanganan kasus pekerja migran",
        attachments=("Fotokopi KTP dan paspor", "Kronologi kejadian"), body=BODY,
        signer_title="Kepala Desa Karyamukti", signer_name="H. Darmanto Ñíguez", qr_text=QR,
    )
    values.update(changes)
    return LetterDocument(**values)  # type: ignore[arg-type]


def page_texts(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages]


def dark_fraction(png: Path, *, top: float = 0.0, bottom: float = 1.0,
                  left: float = 0.0, right: float = 1.0) -> float:
    """Share of clearly non-white pixels in a region (fractions of the page), sampled."""
    image = QImage(str(png))
    assert not image.isNull()
    xs = range(int(image.width() * left), int(image.width() * right), 2)
    ys = range(int(image.height() * top), int(image.height() * bottom), 2)
    dark = total = 0
    for y in ys:
        for x in xs:
            total += 1
            dark += image.pixelColor(x, y).lightness() < 160
    return dark / total


def reddish_pixels(png: Path) -> int:
    """Pixels of the translucent red "DIBATALKAN" mark, sampled."""
    image = QImage(str(png))
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            # pale red over white: red high, green and blue equally lower (the logo's
            # gold has far less blue than green, grey text has all three equal)
            count += (c.red() > 230 and c.red() - c.green() > 35
                      and abs(c.green() - c.blue()) < 20)
    return count


def test_letter_states_every_part_of_a_surat_dinas(tmp_path: Path) -> None:
    path = render_letter(make_doc(), tmp_path / "surat.pdf")
    assert path == tmp_path / "surat.pdf"
    assert page_count(path) == 1
    text = pdf_text(path)
    for expected in ("PEMERINTAH KABUPATEN INDRAMAYU", "KECAMATAN JUNTINYUAT", "DESA KARYAMUKTI",
                     "Jl. Raya Karyamukti No. 1, Indramayu 45282",
                     "Nomor", NUMBER, "Lampiran", "2 berkas", "Perihal",
                     "Rujukan penanganan kasus pekerja migran", "Karyamukti, 22 November 2026",
                     "Kepada Yth.", "Kepala Dinas Tenaga Kerja Kabupaten Indramayu",
                     "Jl. Jenderal Sudirman No. 12, Indramayu", "di Tempat", "Dengan hormat,",
                     "Sdri. José Muñoz", "tidak dibayar selama empat bulan",
                     "Atas perhatian Bapak/Ibu", "Lampiran:", "1. Fotokopi KTP dan paspor",
                     "2. Kronologi kejadian", "Kepala Desa Karyamukti", "H. Darmanto Ñíguez",
                     QR_CAPTION):
        assert expected in text, expected
    # a one-page letter needs no "page 1 of 1" footer, and is not voided
    assert "halaman" not in text
    assert "DIBATALKAN" not in text
    assert leftovers(tmp_path) == []


def test_the_parts_come_in_the_order_of_a_letter(tmp_path: Path) -> None:
    text = pdf_text(render_letter(make_doc(), tmp_path / "surat.pdf"))
    order = ["DESA KARYAMUKTI", NUMBER, "Perihal", "Kepada Yth.", "di Tempat", "Dengan hormat",
             "Demikian surat ini", "Lampiran:", "Kepala Desa Karyamukti", "H. Darmanto Ñíguez"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_metadata_carries_number_subject_and_the_qr_payload(tmp_path: Path) -> None:
    path = render_letter(make_doc(), tmp_path / "surat.pdf")
    meta = PdfReader(str(path)).metadata
    assert meta.title == NUMBER
    assert meta.subject == "Rujukan penanganan kasus pekerja migran"
    assert meta["/Keywords"] == QR  # what `letter verify --pdf` reads
    assert meta.author == "desa-desktop"


def test_unicode_names_are_set_in_the_embedded_dejavu(tmp_path: Path) -> None:
    path = render_letter(make_doc(signer_name="Ñoño Éléonore Ağustina"), tmp_path / "s.pdf")
    assert "Ñoño Éléonore Ağustina" in pdf_text(path)
    reader = PdfReader(str(path))
    names = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert pdf_base.fonts().unicode
    assert any(name.endswith("+DejaVuSans") for name in names), names


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_page_size_follows_the_paper(tmp_path: Path, paper: str) -> None:
    path = render_letter(make_doc(paper=paper), tmp_path / "surat.pdf")
    box = PdfReader(str(path)).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAPER_SIZES[paper], abs=0.5)


def test_f4_is_folio_and_taller_than_a4() -> None:
    assert PAPER_SIZES["F4"] == pytest.approx((609.45, 935.43), abs=0.05)
    assert PAPER_SIZES["A4"] == pytest.approx((595.28, 841.89), abs=0.05)


def test_unknown_paper_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Letter"):
        render_letter(make_doc(paper="Letter"), tmp_path / "surat.pdf")
    assert not (tmp_path / "surat.pdf").exists()


def test_long_letter_flows_to_a_second_page_with_the_number_in_the_footer(
        tmp_path: Path) -> None:
    path = render_letter(make_doc(body=LONG_BODY), tmp_path / "surat.pdf")
    pages = page_texts(path)
    assert len(pages) == 2
    assert f"Nomor {NUMBER} — halaman 1 dari 2" in pages[0]
    assert f"Nomor {NUMBER} — halaman 2 dari 2" in pages[1]
    # the kop is on the first page only; the signature, the QR and the last words on the last
    assert "DESA KARYAMUKTI" in pages[0] and "DESA KARYAMUKTI" not in pages[1]
    for last in ("Kronologi bagian 9", "H. Darmanto Ñíguez", QR_CAPTION):
        assert last in pages[1] and last not in pages[0], last
    # nothing lost between the pages
    text = " ".join(pages)
    for n in range(1, 10):
        assert f"Kronologi bagian {n}:" in text


def test_a_very_long_letter_numbers_all_its_pages(tmp_path: Path) -> None:
    path = render_letter(make_doc(body=LONG_BODY * 3, paper="F4"), tmp_path / "surat.pdf")
    pages = page_texts(path)
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert f"halaman {n} dari {len(pages)}" in page


def test_body_paragraphs_split_at_blank_lines_only() -> None:
    assert paragraphs("Satu\nbaris dua\n\n\n  \nTiga\r\n\r\nEmpat\n") == [
        "Satu\nbaris dua", "Tiga", "Empat"]
    assert paragraphs("  \n\n") == []


def test_typed_text_is_printed_as_typed_not_read_as_markup(tmp_path: Path) -> None:
    body = "Nilai <b>tebal</b> & gaji < 5 juta\n\n<para>bukan markup</para>"
    path = render_letter(make_doc(body=body, addressee="PT <Maju> & Co"), tmp_path / "s.pdf")
    text = pdf_text(path)
    assert "Nilai <b>tebal</b> & gaji < 5 juta" in text
    assert "<para>bukan markup</para>" in text
    assert "PT <Maju> & Co" in text


def test_without_attachments_lampiran_is_a_dash_and_no_list(tmp_path: Path) -> None:
    text = pdf_text(render_letter(make_doc(attachments=()), tmp_path / "s.pdf"))
    assert "Lampiran : -" in text
    assert "Lampiran:" not in text


def test_lampiran_label_overrides_the_count(tmp_path: Path) -> None:
    text = pdf_text(render_letter(make_doc(lampiran_label="1 (satu) bundel"),
                                  tmp_path / "s.pdf"))
    assert "Lampiran : 1 (satu) bundel" in text
    assert "2 berkas" not in text


def test_an_unsigned_draft_has_no_qr(tmp_path: Path) -> None:
    path = render_letter(make_doc(qr_text=""), tmp_path / "s.pdf")
    assert QR_CAPTION not in pdf_text(path)
    assert PdfReader(str(path)).metadata.get("/Keywords", "") == ""


def test_missing_or_broken_logo_still_gives_a_letter(tmp_path: Path) -> None:
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not an image")
    for logo in (str(tmp_path / "nowhere.png"), str(broken), ""):
        path = render_letter(make_doc(logo_path=logo), tmp_path / "s.pdf")
        assert NUMBER in pdf_text(path)
        resources = PdfReader(str(path)).pages[0]["/Resources"]
        assert "/XObject" not in resources or not any(
            "/Image" in str(x.get_object().get("/Subtype")) for x in
            resources["/XObject"].values())


def test_logo_is_placed_as_an_image(tmp_path: Path) -> None:
    assert (resources_dir() / "logo-desa.png").is_file()
    resources = PdfReader(str(render_letter(make_doc(), tmp_path / "s.pdf"))).pages[0][
        "/Resources"]
    subtypes = {str(x.get_object()["/Subtype"]) for x in resources["/XObject"].values()}
    assert "/Image" in subtypes


def test_voided_letter_is_marked_on_every_page(tmp_path: Path) -> None:
    path = render_letter(make_doc(body=LONG_BODY, voided=True), tmp_path / "s.pdf")
    pages = page_texts(path)
    assert len(pages) == 2
    assert all("DIBATALKAN" in page for page in pages)
    assert NUMBER in pages[0]  # the letter stays readable under the mark


def _first_page_png(doc: LetterDocument, folder: Path) -> Path:
    folder.mkdir()
    return render_first_page(render_letter(doc, folder / "s.pdf"), folder, dpi=60)


def test_rendered_page_shows_text_and_a_qr_block_bottom_left(tmp_path: Path) -> None:
    signed = _first_page_png(make_doc(), tmp_path / "signed")
    draft = _first_page_png(make_doc(qr_text=""), tmp_path / "draft")
    assert dark_fraction(signed) > 0.02  # not a blank page
    # left of the signature, below the text: the QR's dark modules, absent from a draft
    region = dict(top=0.5, bottom=0.9, left=0.0, right=0.45)
    assert dark_fraction(signed, **region) > dark_fraction(draft, **region) + 0.015
    assert dark_fraction(signed, top=0.5, bottom=0.9, left=0.55, right=1.0) == pytest.approx(
        dark_fraction(draft, top=0.5, bottom=0.9, left=0.55, right=1.0), abs=0.01)


def test_only_a_voided_letter_shows_red(tmp_path: Path) -> None:
    assert reddish_pixels(_first_page_png(make_doc(), tmp_path / "valid")) == 0
    assert reddish_pixels(_first_page_png(make_doc(voided=True), tmp_path / "void")) > 500


def test_rewriting_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "surat.pdf"
    target.write_bytes(b"old")
    render_letter(dataclasses.replace(make_doc(), number="046/SP/DESMIG/XI/2026"), target)
    assert PdfReader(str(target)).metadata.title == "046/SP/DESMIG/XI/2026"
    assert leftovers(tmp_path) == []
