"""Checking, issuing and printing one official letter.

The services draft the letter (addressee, subject, body from the case or the
person); the officer reads and corrects it here, looks at a preview on the
letterhead, and issues it. Issuing gives the number and the signature, puts
the letter in the register and freezes it: a mistake found later is put
right by voiding and reissuing, never by editing, so a printed copy always
matches the register. After issuing the same window prints and saves it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from desa_desktop.domain.case_reference import LETTER_KIND
from desa_desktop.domain.letter_number import place_date
from desa_desktop.reports import letter_pdf
from desa_desktop.services import drafts, letterhead, letters
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem
from desa_desktop.services.letters import LetterDraft, LetterView
from desa_desktop.ui import dialogs
from desa_desktop.ui.form_base import FieldError, RecordForm
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf
from desa_desktop.ui.widgets import CodeCombo

PAPER = {"A4": "A4", "F4": "F4 (Folio)"}
#: Printed where the number goes on a preview: a draft must never pass as issued.
DRAFT_NUMBER = "KONSEP - nomor diberikan saat surat diterbitkan"


def pdf_file_name(number: str) -> str:
    """``045/SR/DESMIG/XI/2026`` -> ``045-SR-DESMIG-XI-2026.pdf`` (no folders in a name)."""
    return number.replace("/", "-") + ".pdf"


def preview_document(ctx: ServiceContext, draft: LetterDraft, paper: str
                     ) -> letter_pdf.LetterDocument:
    """The draft on the letterhead, unnumbered and unsigned (no QR code)."""
    head = letterhead.get_letterhead(ctx)
    return letter_pdf.LetterDocument(
        regency_line=head.regency_line, district_line=head.district_line,
        village_line=head.village_line, address=head.address,
        logo_path=letterhead.logo_for_print(head), number=DRAFT_NUMBER,
        place_date=place_date(head.place, draft.issued_on or ctx.today()),
        addressee=draft.addressee, addressee_address=draft.addressee_address,
        subject=draft.subject, attachments=draft.attachments, body=draft.body,
        signer_title=draft.signer_title, signer_name=draft.signer_name, qr_text="",
        paper=paper)


def draft_of(view: LetterView) -> LetterDraft:
    """An issued letter's contents, to show them in the same fields."""
    return LetterDraft(kind=view.kind, addressee=view.addressee,
                       addressee_address=view.addressee_address, subject=view.subject,
                       body=view.body, attachments=view.attachments,
                       signer_name=view.signer_name, signer_title=view.signer_title,
                       issued_on=view.issued_on)


def temp_pdf() -> Path:
    """A fresh temporary file for a PDF shown once (deleted by ``show_pdf``)."""
    handle, name = tempfile.mkstemp(prefix="desa-surat-", suffix=".pdf")
    os.close(handle)
    return Path(name)


def show_pdf(path: Path, paper: str, parent: QWidget | None) -> None:
    """The print preview (with its print button); the temporary file goes afterwards,
    as letters carry personal data."""
    from desa_desktop.reports import letter_print

    try:
        letter_print.preview_dialog(Path(path), paper, parent).exec()
    except letter_print.PrintUnavailable as err:
        dialogs.warn(parent, tr("Tidak dapat mencetak"), tr(str(err)))
    finally:
        Path(path).unlink(missing_ok=True)


def print_issued(parent: QWidget, ctx: ServiceContext, runner: TaskRunner, letter_id: str,
                 paper: str, on_error: Callable[[Exception], None]) -> None:
    """Render the issued letter on the worker, then show it ready to print."""
    target = temp_pdf()
    runner.run(lambda: letters.render_letter_pdf(ctx, letter_id, target, paper),
               lambda path: show_pdf(Path(path), paper, parent), on_error)


def save_issued_pdf(parent: QWidget, ctx: ServiceContext, runner: TaskRunner,
                    letter: LetterView, paper: str, on_done: Callable[[Path], None],
                    on_error: Callable[[Exception], None]) -> None:
    """Ask where, then write the issued letter's PDF there (named after its number)."""
    start = Path.home() / pdf_file_name(letter.number)
    name, _filter = QFileDialog.getSaveFileName(
        parent, tr("Simpan surat sebagai PDF"), str(start), tr("Berkas PDF (*.pdf)"))
    if not name:
        return
    target = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
    runner.run(lambda: letters.render_letter_pdf(ctx, letter.id, target, paper),
               on_done, on_error)


def _box(height: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return box


class LetterDialog(RecordForm):
    """Edit a letter draft, preview it, issue it; then print or save the issued letter.

    The dialog announces its own changes through ``ops`` (openers need not).
    """

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 draft: LetterDraft, parent: QWidget | None = None) -> None:
        self.ops = ops
        self.draft = draft
        self.letter: LetterView | None = None
        target = draft.referral_id or draft.person_id or draft.case_id or "baru"
        super().__init__(ctx, runner, f"letter:{draft.kind}:{target}", parent)
        self.write_values({
            "addressee": draft.addressee, "addressee_address": draft.addressee_address,
            "subject": draft.subject, "body": draft.body,
            "attachments": "\n".join(draft.attachments), "signer_title": draft.signer_title,
            "signer_name": draft.signer_name, "paper": "A4"})
        self.resize(780, 700)
        self.fields["subject"].setFocus()

    @classmethod
    def for_issued(cls, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                   letter_id: str, parent: QWidget | None = None) -> LetterDialog:
        """Show an issued letter (read-only) with its print and save buttons."""
        view = letters.get_letter(ctx, letter_id)
        dialog = cls(ctx, runner, ops, draft_of(view), parent)
        dialog.show_issued(view)
        return dialog

    # -- building ----------------------------------------------------------------------
    def title(self) -> str:
        kind = tr(LETTER_KIND.get(self.draft.kind, self.draft.kind))
        if self.letter is not None:
            return trf("{kind} {number}", kind=kind, number=self.letter.number)
        return trf("{kind} (konsep)", kind=kind)

    def build(self) -> None:
        self.number_label = QLabel()
        self.number_label.setProperty("data", True)
        self.add_field("number", "Nomor", self.number_label)
        self.add_field("addressee", "&Kepada Yth.", QLineEdit())
        self.add_field("addressee_address", "Alamat &tujuan", _box(48))
        self.add_field("subject", "&Perihal", QLineEdit())
        self.add_field("body", "&Isi surat", _box(320))
        self.add_field("attachments", "La&mpiran (satu per baris)", _box(54))
        self.add_field("signer_title", "&Jabatan penanda tangan", QLineEdit())
        self.add_field("signer_name", "&Nama penanda tangan", QLineEdit())
        self.add_field("paper", "&Kertas", CodeCombo(PAPER))
        self.preview_button, self.print_button, self.pdf_button = (
            QPushButton() for _ in range(3))
        row = self._button_row()
        for index, button in enumerate((self.preview_button, self.print_button,
                                        self.pdf_button)):
            row.insertWidget(index, button)
        self.print_button.hide()
        self.pdf_button.hide()
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_letter)
        self.pdf_button.clicked.connect(self.save_pdf)
        order = [w for name, w in self.fields.items() if name != "number"]
        self.finish_fields([*order, self.preview_button])

    def _button_row(self) -> QHBoxLayout:
        outer = self.layout()
        row = outer.itemAt(outer.count() - 1).layout()
        assert isinstance(row, QHBoxLayout)
        return row

    def retranslate_fields(self) -> None:
        issued = self.letter is not None
        self.number_label.setText(self.letter.number if self.letter else
                                  tr("(diberikan saat surat diterbitkan)"))
        self.save_button.setText(tr("&Terbitkan"))
        self.save_button.setToolTip(tr("Beri nomor, tandatangani secara digital dan catat "
                                       "di buku agenda (Ctrl+S)"))
        self.cancel_button.setText(tr("Tutup"))
        self.preview_button.setText(tr("P&ratinjau…"))
        self.preview_button.setToolTip(tr("Lihat konsep surat di kop surat sebelum terbit"))
        self.print_button.setText(tr("&Cetak…"))
        self.pdf_button.setText(tr("Simpan &PDF…"))
        if issued:
            self.save_button.hide()

    # -- the draft -----------------------------------------------------------------------
    def make_input(self, values: dict[str, Any]) -> LetterDraft:
        for name, message in (("addressee", "Isi tujuan surat (Kepada Yth.)."),
                              ("subject", "Isi perihal surat."),
                              ("body", "Isi surat tidak boleh kosong.")):
            if not values[name].strip():
                raise FieldError(name, tr(message))
        attachments = tuple(line.strip() for line in values["attachments"].splitlines()
                            if line.strip())
        return replace(self.draft, addressee=values["addressee"].strip(),
                       addressee_address=values["addressee_address"].strip(),
                       subject=values["subject"].strip(), body=values["body"].strip(),
                       attachments=attachments, signer_title=values["signer_title"].strip(),
                       signer_name=values["signer_name"].strip())

    def paper(self) -> str:
        return str(self.fields["paper"].code())  # type: ignore[attr-defined]

    def mark_dirty(self, *args: object) -> None:
        if self.letter is None:  # an issued letter cannot be edited: nothing to lose
            super().mark_dirty(*args)

    def preview_path(self) -> Path:
        """Render the current draft (unnumbered, marked KONSEP) to a temporary PDF."""
        data = self.make_input(self.read_values())
        document = preview_document(self.ctx, data, self.paper())
        return letter_pdf.render_letter(document, temp_pdf())

    def preview(self) -> None:
        if self.letter is not None:
            self.print_letter()
            return
        self.clear_errors()
        try:
            path = self.preview_path()
        except FieldError as err:
            self.show_problems([Problem(err.field, err.message)])
            return
        show_pdf(path, self.paper(), self)

    # -- issuing -------------------------------------------------------------------------
    def submit(self) -> None:
        """Issue after a clear warning that an issued letter is final."""
        if self.saving or self.letter is not None:
            return
        self.clear_errors()
        try:
            data = self.make_input(self.read_values())
        except FieldError as err:
            self.show_problems([Problem(err.field, err.message)])
            return
        choice = dialogs.choose(
            self, tr("Terbitkan surat"),
            tr("Surat yang sudah terbit mendapat nomor, ditandatangani secara digital dan "
               "dicatat di buku agenda. Setelah itu isinya tidak dapat diubah lagi; bila ada "
               "kesalahan, surat harus dibatalkan dan diterbitkan ulang dengan nomor baru."),
            [tr("Terbitkan"), tr("Kembali memeriksa")], default=1)
        if choice == 0:
            self._run_save(data, confirmed=True)

    def save(self, data: LetterDraft, confirmed: bool) -> Change:
        return letters.issue_letter(self.ctx, data)

    def _saved(self, change: Change) -> None:
        """Stay open on the issued letter: printing it is the next step."""
        self.saving = False
        self.save_button.setEnabled(True)
        self.dirty = False
        self._draft_timer.stop()
        key, ctx = self.draft_key, self.ctx
        self.runner.run(lambda: drafts.discard_draft(ctx, key), on_error=lambda _e: None)
        self.show_issued(letters.get_letter(self.ctx, change.ids[0]))
        self.show_banner(trf("Surat {number} telah terbit dan tercatat di buku agenda.",
                             number=self.letter.number if self.letter else ""))
        self.saved.emit(change)
        self.ops.announce(change)

    def show_issued(self, view: LetterView) -> None:
        """Freeze the fields and offer printing and saving instead of issuing."""
        self.letter = view
        for widget in self.fields.values():
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setReadOnly(True)
        self.save_button.hide()
        self.preview_button.hide()
        self.print_button.show()
        self.pdf_button.show()
        self.pdf_button.setDefault(True)
        self.retranslate()
        if view.status == "batal":
            self.show_banner(trf("Surat ini dibatalkan: {reason}", reason=view.void_reason),
                             error=True)

    # -- the issued letter ---------------------------------------------------------------
    def print_letter(self) -> None:
        if self.letter is not None:
            print_issued(self, self.ctx, self.runner, self.letter.id, self.paper(),
                         self.ops.show_error)

    def save_pdf(self) -> None:
        if self.letter is not None:
            save_issued_pdf(self, self.ctx, self.runner, self.letter, self.paper(),
                            lambda path: self.show_banner(trf("Surat disimpan: {path}",
                                                              path=path)),
                            self.ops.show_error)


