"""Printing a letter PDF through Qt: to a PDF-file printer, read back with pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from desa_desktop.reports import letter_print
from desa_desktop.reports.letter_pdf import render_letter
from desa_desktop.reports.letter_print import (
    NO_RENDERER,
    PREVIEW_TITLE,
    UNREADABLE,
    PrintUnavailable,
    preview_dialog,
    print_pdf,
    set_paper,
)
from tests.reports.helpers import render_first_page
from tests.reports.test_letter_pdf import LONG_BODY, dark_fraction, make_doc

needs_renderer = pytest.mark.skipif(letter_print.renderer() is None,
                                    reason="no PDF renderer (pypdfium2, QtPdf, pdftoppm)")


@pytest.fixture(autouse=True)
def low_dpi(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paint at 100 dpi: the same code path as 300, a fraction of the time on CI."""
    monkeypatch.setattr(letter_print, "MIN_DPI", 100)
    monkeypatch.setattr(letter_print, "MAX_DPI", 100)


def pdf_printer(output: Path, paper: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(output))
    set_paper(printer, paper)
    return printer


def page_sizes(path: Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height))
            for p in PdfReader(str(path)).pages]


def test_set_paper_gives_a4_or_exact_folio(qapp: object) -> None:
    printer = QPrinter()
    set_paper(printer, "F4")
    size = printer.pageLayout().pageSize()
    assert size.size(QPageSize.Unit.Millimeter) == QSizeF(215, 330)
    assert printer.fullPage()
    set_paper(printer, "A4")
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    with pytest.raises(ValueError):
        set_paper(printer, "Legal")


@needs_renderer
@pytest.mark.parametrize(("paper", "expected"), [("A4", (595, 842)), ("F4", (609, 935))])
def test_printing_a_long_letter_gives_every_page_on_the_chosen_paper(
        qapp: object, tmp_path: Path, paper: str, expected: tuple[int, int]) -> None:
    letter = render_letter(make_doc(body=LONG_BODY, paper=paper), tmp_path / "surat.pdf")
    out = tmp_path / "printed.pdf"
    assert print_pdf(letter, pdf_printer(out, paper)) == 2
    sizes = page_sizes(out)
    assert len(sizes) == 2
    for width, height in sizes:
        assert width == pytest.approx(expected[0], abs=1.5)
        assert height == pytest.approx(expected[1], abs=1.5)
    # the pages carry the letter, not blank paper
    (tmp_path / "png").mkdir()
    assert dark_fraction(render_first_page(out, tmp_path / "png", dpi=40)) > 0.02


def test_printing_needs_nothing_beyond_the_app_own_dependencies() -> None:
    """pypdfium2 is a dependency, so a Windows laptop without poppler prints too."""
    assert letter_print.renderer() == "pdfium"


@pytest.mark.skipif(letter_print.shutil.which("pdftoppm") is None, reason="no pdftoppm")
def test_the_poppler_fallback_prints_the_same_pages(
        qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(letter_print, "_pdfium_available", lambda: False)
    monkeypatch.setattr(letter_print, "_qtpdf_available", lambda: False)
    assert letter_print.renderer() == "pdftoppm"
    letter = render_letter(make_doc(body=LONG_BODY), tmp_path / "surat.pdf")
    assert print_pdf(letter, pdf_printer(tmp_path / "printed.pdf", "A4")) == 2


@needs_renderer
def test_one_page_letter_prints_one_page(qapp: object, tmp_path: Path) -> None:
    letter = render_letter(make_doc(), tmp_path / "surat.pdf")
    out = tmp_path / "printed.pdf"
    assert print_pdf(letter, pdf_printer(out, "A4")) == 1
    assert len(page_sizes(out)) == 1


@needs_renderer
def test_missing_or_damaged_pdf_is_refused_in_plain_words(qapp: object, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    with pytest.raises(PrintUnavailable, match="tidak dapat dibaca"):
        print_pdf(tmp_path / "hilang.pdf", pdf_printer(out, "A4"))
    damaged = tmp_path / "rusak.pdf"
    damaged.write_bytes(b"%PDF-1.4\nthis is not a pdf")
    with pytest.raises(PrintUnavailable) as caught:
        print_pdf(damaged, pdf_printer(out, "A4"))
    assert str(caught.value) == UNREADABLE
    assert not out.exists()  # no half-printed job


def test_without_any_renderer_printing_says_to_use_a_pdf_reader(
        qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(letter_print, "_pdfium_available", lambda: False)
    monkeypatch.setattr(letter_print, "_qtpdf_available", lambda: False)
    monkeypatch.setattr(letter_print.shutil, "which", lambda name: None)
    assert not letter_print.can_print()
    letter = render_letter(make_doc(), tmp_path / "surat.pdf")
    with pytest.raises(PrintUnavailable) as caught:
        print_pdf(letter, pdf_printer(tmp_path / "out.pdf", "A4"))
    assert str(caught.value) == NO_RENDERER
    with pytest.raises(PrintUnavailable):
        preview_dialog(letter, "A4")


@needs_renderer
def test_preview_dialog_paints_the_letter_on_the_printer_it_is_given(
        qtbot: QtBot, tmp_path: Path) -> None:
    letter = render_letter(make_doc(body=LONG_BODY, paper="F4"), tmp_path / "surat.pdf")
    dialog = preview_dialog(letter, "F4")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == PREVIEW_TITLE
    size = dialog.printer_ref.pageLayout().pageSize().size(QPageSize.Unit.Millimeter)
    assert size == QSizeF(215, 330)
    out = tmp_path / "from-preview.pdf"
    dialog.paintRequested.emit(pdf_printer(out, "F4"))
    assert len(page_sizes(out)) == 2
    assert page_sizes(out)[0] == pytest.approx((609, 935), abs=1.5)


@needs_renderer
def test_preview_of_a_missing_file_is_refused_before_the_dialog_opens(
        qapp: object, tmp_path: Path) -> None:
    with pytest.raises(PrintUnavailable, match="tidak dapat dibaca"):
        preview_dialog(tmp_path / "hilang.pdf", "A4")
