"""The official letter (surat dinas) the post prints: a referral to an institution
or an introduction letter for a villager.

It follows the layout every Indonesian office expects, so the letter is taken
seriously at the Dinas, the BP3MI or the police: the kop surat (emblem,
regency/district/village lines, address, a thick and a thin rule), the
Nomor/Lampiran/Perihal block with place and date opposite, "Kepada Yth.",
justified paragraphs, the signer on the right with room for the wet
signature and the stamp.

What the post adds: a QR code next to the signature holding the signed
payload, also stored in the PDF keywords, so ``desa-desktop letter verify``
can tell a genuine letter from an altered one from the paper or the file;
the number in the footer of every page of a long letter, so a loose second
page still says which letter it belongs to; and a large "DIBATALKAN" across a
voided letter, so a reprint of a cancelled letter cannot pass as valid.

Folio (F4, 215 x 330 mm) is what most Indonesian offices keep in their
printers, hence the paper choice.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desa_desktop.reports.pdf_base import AUTHOR, GREY, fonts, table_style, write_atomically

#: Paper the letter can be printed on: width and height in points.
PAPER_SIZES: dict[str, tuple[float, float]] = {
    "A4": (210 * mm, 297 * mm),
    "F4": (215 * mm, 330 * mm),
}
#: Typical surat dinas margins: wider on the left for the binder holes.
MARGIN_LEFT = 25 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 20 * mm
LOGO_SIZE = 24 * mm
QR_SIZE = 30 * mm
SIGNATURE_SPACE = 24 * mm
QR_CAPTION = "Pindai untuk memeriksa keaslian surat (desa-desktop letter verify)"
VOID_MARK = "DIBATALKAN"
VOID_COLOR = colors.HexColor("#e53935")


@dataclass(frozen=True)
class LetterDocument:
    """Everything printed on the letter, already worded; the renderer decides nothing."""

    regency_line: str
    district_line: str
    village_line: str
    address: str
    logo_path: str
    number: str
    place_date: str
    addressee: str
    addressee_address: str
    subject: str
    attachments: tuple[str, ...]
    body: str
    signer_title: str
    signer_name: str
    qr_text: str
    paper: str = "A4"
    voided: bool = False
    lampiran_label: str = ""


def _style(name: str, **kw: Any) -> ParagraphStyle:
    f = fonts()
    base: dict[str, Any] = dict(fontName=f.regular, fontSize=11, leading=15, alignment=TA_LEFT)
    base.update(kw)
    return ParagraphStyle(name, **base)


def _styles() -> dict[str, ParagraphStyle]:
    """Letter styles: 11 pt like a typed letter, bigger than the reports' 10 pt."""
    f = fonts()
    return {
        "kop": _style("kop", fontName=f.bold, fontSize=13, leading=16, alignment=TA_CENTER),
        "kop_village": _style("kop_village", fontName=f.bold, fontSize=16, leading=20,
                              alignment=TA_CENTER),
        "kop_address": _style("kop_address", fontSize=8.5, leading=11, alignment=TA_CENTER),
        "text": _style("text"),
        "right": _style("right", alignment=TA_LEFT),
        "body": _style("body", alignment=TA_JUSTIFY, spaceAfter=7),
        "center": _style("center", alignment=TA_CENTER),
        "caption": _style("caption", fontSize=7, leading=8.5, textColor=GREY),
    }


def _plain(value: str) -> str:
    """Typed text as safe markup: escaped, line breaks kept."""
    return escape(value.strip()).replace("\n", "<br/>")


def paragraphs(body: str) -> list[str]:
    """The body split at blank lines; single line breaks stay inside a paragraph."""
    blocks: list[list[str]] = [[]]
    for line in body.replace("\r\n", "\n").split("\n"):
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return ["\n".join(block) for block in blocks if block]


def lampiran_text(doc: LetterDocument) -> str:
    """What follows "Lampiran :": the label given, else "<n> berkas", else "-"."""
    if doc.lampiran_label.strip():
        return doc.lampiran_label.strip()
    count = len([a for a in doc.attachments if a.strip()])
    return f"{count} berkas" if count else "-"


class _DoubleRule(Flowable):
    """The thick-over-thin rule that closes every kop surat."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width
        self.height = 2.2 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(colors.black)
        c.setLineWidth(2.2)
        c.line(0, self.height - 1.1, self.width, self.height - 1.1)
        c.setLineWidth(0.6)
        c.line(0, self.height - 3.6, self.width, self.height - 3.6)


def _logo(path: str) -> Flowable:
    """The emblem scaled into a square, or nothing when the file is missing or unreadable
    (a letter without a logo is still a letter; a crash is not)."""
    if path and Path(path).is_file():
        try:
            image = Image(path)
            scale = min(LOGO_SIZE / image.imageWidth, LOGO_SIZE / image.imageHeight)
            return Image(path, width=image.imageWidth * scale, height=image.imageHeight * scale)
        except Exception:  # a damaged image file must not stop the letter
            pass
    return Spacer(LOGO_SIZE, LOGO_SIZE)


def _kop(doc: LetterDocument, width: float, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Logo left, the lines centred on the page (an empty column mirrors the logo)."""
    lines = [Paragraph(_plain(line.upper()), st["kop"])
             for line in (doc.regency_line, doc.district_line) if line.strip()]
    if doc.village_line.strip():
        lines.append(Paragraph(_plain(doc.village_line.upper()), st["kop_village"]))
    if doc.address.strip():
        lines.append(Paragraph(_plain(doc.address), st["kop_address"]))
    side, mirror = LOGO_SIZE + 2 * mm, 12 * mm
    table = Table([[_logo(doc.logo_path), lines, ""]],
                  colWidths=[side, width - side - mirror, mirror])
    table.setStyle(_tight([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return [table, Spacer(1, 1.5 * mm), _DoubleRule(width), Spacer(1, 5 * mm)]


def _heading(doc: LetterDocument, width: float, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Nomor/Lampiran/Perihal on the left, place and date on the right, then the addressee."""
    date_w = max(60 * mm, stringWidth(doc.place_date.strip(), st["text"].fontName,
                                      st["text"].fontSize) + 2 * mm)
    date_w = min(date_w, width / 2)
    label_w, colon_w = 22 * mm, 4 * mm
    value_w = width - date_w - label_w - colon_w - 4 * mm
    rows = [("Nomor", _plain(doc.number)), ("Lampiran", _plain(lampiran_text(doc))),
            ("Perihal", f"<b>{_plain(doc.subject)}</b>")]
    fields = Table([[Paragraph(label, st["text"]), Paragraph(":", st["text"]),
                     Paragraph(value, st["text"])] for label, value in rows],
                   colWidths=[label_w, colon_w, value_w])
    fields.setStyle(_tight([("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    block = Table([[fields, Paragraph(_plain(doc.place_date), st["text"])]],
                  colWidths=[width - date_w, date_w])
    block.setStyle(_tight([]))
    to = ["Kepada Yth.", f"<b>{_plain(doc.addressee)}</b>"]
    if doc.addressee_address.strip():
        to.append(_plain(doc.addressee_address))
    to.append("di Tempat")
    return [block, Spacer(1, 7 * mm),
            KeepTogether([Paragraph(line, st["text"]) for line in to]), Spacer(1, 7 * mm)]


def _tight(commands: list[tuple]) -> TableStyle:
    """A layout-only table: no padding, cells aligned at the top."""
    return table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        *commands,
    ])


def _attachments(doc: LetterDocument, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    items = [a.strip() for a in doc.attachments if a.strip()]
    if not items:
        return []
    numbered = ParagraphStyle("numbered", parent=st["text"], leftIndent=7 * mm,
                              bulletIndent=1 * mm)
    flow: list[Flowable] = [Spacer(1, 2 * mm), Paragraph("Lampiran:", st["text"])]
    flow += [Paragraph(_plain(item), numbered, bulletText=f"{n}.")
             for n, item in enumerate(items, start=1)]
    return flow


def _qr(doc: LetterDocument, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """The QR code of the signed payload with its caption; nothing for an unsigned draft."""
    if not doc.qr_text:
        return []
    widget = QrCodeWidget(doc.qr_text, barLevel="M")
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE,
                      transform=[QR_SIZE / (x2 - x1), 0, 0, QR_SIZE / (y2 - y1), 0, 0])
    drawing.add(widget)
    caption = ParagraphStyle("qr_caption", parent=st["caption"], alignment=TA_LEFT)
    return [drawing, Spacer(1, 1 * mm), Paragraph(escape(QR_CAPTION), caption)]


def _signature(doc: LetterDocument, width: float,
               st: dict[str, ParagraphStyle]) -> Flowable:
    """QR bottom-left, signer right: one row kept together, so the signature never
    stands alone on a page and the QR always sits beside the signature it proves."""
    right_w = 75 * mm
    left_w = width - right_w
    signer = [Paragraph(_plain(doc.signer_title), st["center"]), Spacer(1, SIGNATURE_SPACE),
              Paragraph(f"<u><b>{_plain(doc.signer_name)}</b></u>", st["center"])]
    table = Table([[_qr(doc, st, left_w) or "", signer]], colWidths=[left_w, right_w])
    table.setStyle(_tight([("VALIGN", (0, 0), (0, 0), "BOTTOM"),
                           ("RIGHTPADDING", (0, 0), (0, 0), 18 * mm)]))
    return KeepTogether([Spacer(1, 6 * mm), table])


def letter_story(doc: LetterDocument, width: float) -> list[Flowable]:
    """The flowables of the letter in reading order, for a text column ``width`` wide."""
    st = _styles()
    body = [Paragraph(_plain(p), st["body"]) for p in paragraphs(doc.body)]
    return [*_kop(doc, width, st), *_heading(doc, width, st), *body,
            *_attachments(doc, st), _signature(doc, width, st)]


class _LetterCanvas(Canvas):
    """Holds every page back so the footer can say "halaman N dari M", and marks each
    page of a voided letter."""

    def __init__(self, *args: Any, number: str = "", voided: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._number = number
        self._voided = voided
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            if total > 1:
                self._footer(number, total)
            if self._voided:
                self._void_mark()
            super().showPage()
        super().save()

    def _footer(self, number: int, total: int) -> None:
        """Only a letter of several pages has one: a loose page still names its letter."""
        width = self._pagesize[0]
        dash = "—" if fonts().unicode else "-"
        self.saveState()
        self.setFillColor(GREY)
        self.setFont(fonts().regular, 7.5)
        self.drawCentredString(width / 2, MARGIN_BOTTOM - 10 * mm,
                               f"Nomor {self._number} {dash} halaman {number} dari {total}")
        self.restoreState()

    def _void_mark(self) -> None:
        """A translucent diagonal word: the text underneath stays readable for the archive."""
        width, height = self._pagesize
        self.saveState()
        self.setFillColor(VOID_COLOR)
        self.setFillAlpha(0.28)
        self.setStrokeColor(VOID_COLOR)
        self.setStrokeAlpha(0.28)
        self.translate(width / 2, height / 2)
        self.rotate(52)
        self.setFont(fonts().bold, 88 * width / PAPER_SIZES["A4"][0])
        self.drawCentredString(0, -30, VOID_MARK)
        self.restoreState()


def render_letter_bytes(doc: LetterDocument) -> bytes:
    """The letter as PDF bytes (for tests and previews that need no file)."""
    if doc.paper not in PAPER_SIZES:
        raise ValueError(f"unknown paper {doc.paper!r}; expected one of {sorted(PAPER_SIZES)}")
    page = PAPER_SIZES[doc.paper]
    width = page[0] - MARGIN_LEFT - MARGIN_RIGHT
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer, pagesize=page, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=doc.number, author=AUTHOR,
        subject=doc.subject, keywords=doc.qr_text, creator=AUTHOR, lang="id-ID",
        displayDocTitle=True, initialFontName=fonts().regular,
    )
    # No frame padding: the kop rule and the tables then span exactly the text column.
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, width, page[1] - MARGIN_TOP - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="letter")
    template.addPageTemplates([PageTemplate(id="letter", frames=[frame], pagesize=page)])
    maker: Callable[..., Canvas] = partial(_LetterCanvas, number=doc.number,
                                           voided=doc.voided)
    template.build(letter_story(doc, width), canvasmaker=maker)
    return buffer.getvalue()


def render_letter(doc: LetterDocument, target: Path) -> Path:
    """Write the letter to ``target`` atomically (a power cut never leaves half a letter
    under the real name); returns ``target``."""
    return write_atomically(Path(target), render_letter_bytes(doc))
