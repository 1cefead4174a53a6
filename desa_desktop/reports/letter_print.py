"""Printing a rendered letter PDF through Qt: a print preview and the print itself.

The letter is laid out once, by ReportLab, into a PDF (the archived original
and what ``letter verify`` checks). Printing paints *that* PDF's pages onto the
printer, as images, so the paper is the file, not a second layout that could
drift from it.

This module is the one place in ``reports/`` that imports Qt, because printers
are reached through ``QPrinter``.

Turning a PDF page into pixels needs a PDF renderer. The app depends on
``pypdfium2`` (PDFium, the renderer of Chrome, in small wheels for Windows and
Linux), so printing works on a village laptop with nothing else installed.
``PySide6.QtPdf`` (PDFium too, but in the large ``PySide6-Addons`` wheel) and
poppler's ``pdftoppm`` are used when pypdfium2 is somehow missing. Without
any, :class:`PrintUnavailable` says so in plain words and the officer prints
the PDF from a PDF viewer instead.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from desa_desktop.ui.translator import tr

#: Rendering above this is wasted on a village inkjet and costs ~35 MB per A4 page at 300.
MAX_DPI = 300
#: Below this, text on paper looks fuzzy.
MIN_DPI = 150
PDFTOPPM_TIMEOUT = 120

NO_RENDERER = ("Pratinjau dan cetak langsung tidak tersedia di komputer ini. Buka berkas "
               "PDF surat, lalu cetak dari pembaca PDF.")
UNREADABLE = "Berkas PDF surat tidak dapat dibaca."
PRINTER_FAILED = "Printer tidak dapat dipakai. Periksa apakah printer menyala dan terhubung."
PREVIEW_TITLE = "Pratinjau cetak surat"


class PrintUnavailable(RuntimeError):
    """Printing cannot go ahead; the message (Indonesian) is for the officer."""


def _qtpdf_available() -> bool:
    try:
        from PySide6.QtPdf import QPdfDocument  # noqa: F401
    except ImportError:
        return False
    return True


def _pdfium_available() -> bool:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


def renderer() -> str | None:
    """Which PDF renderer this computer has: ``"pdfium"``, ``"qtpdf"``, ``"pdftoppm"``
    or ``None``."""
    if _pdfium_available():
        return "pdfium"
    if _qtpdf_available():
        return "qtpdf"
    if shutil.which("pdftoppm"):
        return "pdftoppm"
    return None


def can_print() -> bool:
    """Whether preview and direct printing work here (the UI may hide the buttons if not)."""
    return renderer() is not None


def set_paper(printer: QPrinter, paper: str) -> None:
    """Portrait A4 or F4 (folio, 215 x 330 mm) with no margins: the PDF page has its own.

    F4 is given as an exact custom size; Qt would otherwise snap it to the
    nearest US size (German legal fanfold, 8.5 x 13 inches).
    """
    if paper == "A4":
        size = QPageSize(QPageSize.PageSizeId.A4)
    elif paper == "F4":
        size = QPageSize(QSizeF(215, 330), QPageSize.Unit.Millimeter, "F4",
                         QPageSize.SizeMatchPolicy.ExactMatch)
    else:
        raise ValueError(f"unknown paper {paper!r}; expected 'A4' or 'F4'")
    printer.setPageSize(size)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def _dpi_for(printer: QPrinter) -> int:
    return max(MIN_DPI, min(MAX_DPI, printer.resolution()))


def _qtpdf_pages(pdf_path: Path, dpi: int) -> Iterator[QImage]:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument(None)
    try:
        if document.load(str(pdf_path)) != QPdfDocument.Error.None_:
            raise PrintUnavailable(UNREADABLE)
        for page in range(document.pageCount()):
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, size)
            if image.isNull():
                raise PrintUnavailable(UNREADABLE)
            yield image
    finally:
        document.close()


def _pdfium_pages(pdf_path: Path, dpi: int) -> Iterator[QImage]:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(pdf_path))
    except pypdfium2.PdfiumError as exc:
        raise PrintUnavailable(UNREADABLE) from exc
    try:
        for page in document:
            bitmap = page.render(scale=dpi / 72)
            if bitmap.n_channels != 3:
                raise PrintUnavailable(UNREADABLE)
            # Copy: the QImage must not outlive PDFium's buffer.
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_BGR888).copy()
            bitmap.close()
            page.close()
            yield image
    finally:
        document.close()


def _page_number(path: Path) -> int:
    match = re.search(r"-(\d+)\.png$", path.name)
    return int(match.group(1)) if match else 0


def _pdftoppm_pages(pdf_path: Path, dpi: int) -> Iterator[QImage]:
    """Pages rendered to PNG files in a temporary folder, loaded one at a time (a
    letter of many pages then never sits in memory all at once)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise PrintUnavailable(NO_RENDERER)
    with tempfile.TemporaryDirectory(prefix="desa-print-") as folder:
        try:
            subprocess.run([tool, "-png", "-r", str(dpi), str(pdf_path), str(Path(folder) / "p")],
                           check=True, capture_output=True, timeout=PDFTOPPM_TIMEOUT)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise PrintUnavailable(UNREADABLE) from exc
        files = sorted(Path(folder).glob("p-*.png"), key=_page_number)
        if not files:
            raise PrintUnavailable(UNREADABLE)
        for file in files:
            image = QImage(str(file))
            if image.isNull():
                raise PrintUnavailable(UNREADABLE)
            yield image


def page_images(pdf_path: Path, dpi: int = MAX_DPI) -> Iterator[QImage]:
    """Each page of the PDF as an image at ``dpi``, through the best renderer available."""
    pdf_path = Path(pdf_path)
    if not pdf_path.is_file():
        raise PrintUnavailable(UNREADABLE)
    kind = renderer()
    if kind == "pdfium":
        return _pdfium_pages(pdf_path, dpi)
    if kind == "qtpdf":
        return _qtpdf_pages(pdf_path, dpi)
    if kind == "pdftoppm":
        return _pdftoppm_pages(pdf_path, dpi)
    raise PrintUnavailable(NO_RENDERER)


def _paint(painter: QPainter, printer: QPrinter, image: QImage) -> None:
    """The page image fitted to the paper, aspect kept, centred (a PDF page and the
    paper are the same size, so this is a plain scale in practice)."""
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    scaled = QSizeF(image.size()).scaled(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
    x = (paper.width() - scaled.width()) / 2
    y = (paper.height() - scaled.height()) / 2
    painter.drawImage(QRectF(x, y, scaled.width(), scaled.height()), image)


def print_pdf(pdf_path: Path, printer: QPrinter) -> int:
    """Paint every page of ``pdf_path`` on ``printer``; returns the number of pages.

    The page size is the printer's (see :func:`set_paper`). Raises
    :class:`PrintUnavailable` when the PDF cannot be rendered or the printer
    cannot be opened.
    """
    pages = page_images(Path(pdf_path), _dpi_for(printer))
    try:
        first = next(pages, None)  # render before opening the printer: no blank job on failure
        if first is None:
            raise PrintUnavailable(UNREADABLE)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintUnavailable(PRINTER_FAILED)
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            _paint(painter, printer, first)
            count = 1
            for image in pages:
                if not printer.newPage():
                    raise PrintUnavailable(PRINTER_FAILED)
                _paint(painter, printer, image)
                count += 1
        finally:
            painter.end()
    finally:
        pages.close()  # removes pdftoppm's temporary folder now, not at garbage collection
    return count


def preview_dialog(pdf_path: Path, paper: str, parent: QWidget | None = None
                   ) -> QPrintPreviewDialog:
    """A print preview of the letter on ``paper``; its print button prints it.

    Raises :class:`PrintUnavailable` up front (not inside the dialog) when no
    renderer exists or the file is missing, so the caller can show the message.
    """
    pdf_path = Path(pdf_path)
    if not can_print():
        raise PrintUnavailable(NO_RENDERER)
    if not pdf_path.is_file():
        raise PrintUnavailable(UNREADABLE)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_paper(printer, paper)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(tr(PREVIEW_TITLE))
    dialog.printer_ref = printer  # the dialog does not own the printer; keep it alive

    def paint(target: QPrinter) -> None:
        try:
            print_pdf(pdf_path, target)
        except PrintUnavailable as exc:  # a slot must not raise; tell via the title
            dialog.setWindowTitle(f"{tr(PREVIEW_TITLE)} - {tr(str(exc))}")

    dialog.paintRequested.connect(paint)
    return dialog
