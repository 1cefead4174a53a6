"""The outgoing-letter register (buku agenda surat keluar) and its actions.

Every issued letter stays in the register, voided ones too (struck through,
with the reason), because the number was used and a paper copy may still
be out there. A mistake is corrected by voiding and reissuing under a new
number; the register then shows both.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.case_reference import LETTER_KIND, LETTER_STATUS
from desa_desktop.domain.formatting import short_date
from desa_desktop.domain.reference import STATUS_SHORT
from desa_desktop.services import letters, search
from desa_desktop.services.context import EDITOR_ROLES, Change, ServiceContext
from desa_desktop.services.letters import LetterDraft, LetterView
from desa_desktop.ui.letter_dialog import PAPER, LetterDialog, print_issued, save_issued_pdf
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.referrals_panel import make_table
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf
from desa_desktop.ui.widgets import CodeCombo, ErrorLabel

COLUMNS = ("Nomor", "Tanggal", "Jenis", "Kepada", "Perihal", "Kasus/Orang", "Status")
VOID_GREY = QColor("#8a8a8a")
PICK_LIMIT = 50


class ReasonDialog(QDialog):
    """Asks why a letter is voided; the reason is required and goes in the register."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        self.label.setBuddy(self.reason)
        self.error = ErrorLabel()
        self.ok_button, self.cancel_button = QPushButton(), QPushButton()
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        for widget in (self.label, self.reason, self.error):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.retranslate()
        self.resize(480, 240)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(trf("Batalkan surat {number}", number=self.number))
        self.label.setText(tr("&Alasan pembatalan (wajib; dicatat di buku agenda). Nomornya "
                              "tidak dipakai lagi dan surat tetap tercatat sebagai dibatalkan."))
        self.ok_button.setText(tr("Batalkan surat"))
        self.cancel_button.setText(tr("Kembali"))

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def confirm(self) -> None:
        if not self.text():
            self.error.show_message(tr("Tulis alasan pembatalan surat."))
            self.reason.setFocus()
            return
        self.accept()


class PersonPicker(QDialog):
    """Find the CPMI the introduction letter is for (search as in the registry)."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[search.PersonRow] = []
        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.only_cpmi = QComboBox()
        self.kind = CodeCombo({k: v for k, v in LETTER_KIND.items() if k != "SR"})
        self.kind_label = QLabel()
        self.kind_label.setBuddy(self.kind)
        self.table = make_table(3)
        self.ok_button, self.cancel_button = QPushButton(), QPushButton()
        self.ok_button.setDefault(True)
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.only_cpmi)
        bottom = QHBoxLayout()
        bottom.addWidget(self.kind_label)
        bottom.addWidget(self.kind)
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.search_box.textChanged.connect(lambda _t: self.run_search())
        self.only_cpmi.currentIndexChanged.connect(lambda _i: self.run_search())
        self.table.itemSelectionChanged.connect(self._update)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        self.ok_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        self.retranslate()
        self.resize(640, 440)
        self.search_box.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Surat pengantar CPMI"))
        self.search_box.setPlaceholderText(tr("Cari nama, NIK atau No. KK…"))
        index = max(self.only_cpmi.currentIndex(), 0)
        self.only_cpmi.blockSignals(True)
        self.only_cpmi.clear()
        self.only_cpmi.addItem(tr("Hanya CPMI"), "cpmi")
        self.only_cpmi.addItem(tr("Semua status"), "")
        self.only_cpmi.setCurrentIndex(index)
        self.only_cpmi.blockSignals(False)
        self.kind_label.setText(tr("&Jenis surat"))
        self.table.setHorizontalHeaderLabels([tr("Nama"), tr("NIK"), tr("Status")])
        self.ok_button.setText(tr("&Buat konsep surat"))
        self.cancel_button.setText(tr("Batal"))
        self.run_search()

    def run_search(self) -> None:
        query = search.PersonQuery(text=self.search_box.text(),
                                   status=self.only_cpmi.currentData() or "")
        self.rows = search.search_page(self.ctx.db, query, limit=PICK_LIMIT)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate((row.full_name, row.nik or "",
                                      tr(STATUS_SHORT.get(row.status, row.status)))):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if self.rows:
            self.table.selectRow(0)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(self.person_id() is not None)

    def person_id(self) -> str | None:
        row = self.table.currentRow()
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def letter_kind(self) -> str:
        return str(self.kind.code())


class LettersPage(QWidget):
    """Buku agenda surat keluar: find, print, void and reissue letters."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.ops = ctx, runner, ops
        self.rows: list[LetterView] = []
        self.years: list[int] = []
        self.year = ctx.today().year  # 0 = every year
        self.year_filter = QComboBox()
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year_filter)
        self.paper = CodeCombo(PAPER)
        self.paper_label = QLabel()
        self.paper_label.setBuddy(self.paper)
        self.table = make_table(len(COLUMNS))
        self.count_label = QLabel()
        (self.pdf_button, self.print_button, self.void_button, self.reissue_button,
         self.intro_button, self.letterhead_button) = (QPushButton() for _ in range(6))
        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year_filter)
        top.addSpacing(12)
        top.addWidget(self.paper_label)
        top.addWidget(self.paper)
        top.addStretch(1)
        top.addWidget(self.intro_button)
        top.addWidget(self.letterhead_button)
        actions = QHBoxLayout()
        for button in (self.pdf_button, self.print_button, self.void_button,
                       self.reissue_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)

        self.year_filter.currentIndexChanged.connect(self._year_chosen)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.pdf_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_selected)
        self.void_button.clicked.connect(self.void_selected)
        self.reissue_button.clicked.connect(self.reissue_selected)
        self.intro_button.clicked.connect(self.introduction_letter)
        self.letterhead_button.clicked.connect(self.edit_letterhead)
        ops.changed.connect(self.on_changed)
        self.retranslate()
        self.refresh()

    @property
    def editor(self) -> bool:
        return self.ctx.officer is not None and self.ctx.officer.role in EDITOR_ROLES

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.year_label.setText(tr("&Tahun"))
        self.paper_label.setText(tr("&Kertas"))
        self.pdf_button.setText(tr("Simpan &PDF…"))
        self.print_button.setText(tr("&Cetak…"))
        self.void_button.setText(tr("&Batalkan surat…"))
        self.reissue_button.setText(tr("Terbitkan &ulang…"))
        self.reissue_button.setToolTip(tr("Terbitkan pengganti surat yang dibatalkan, "
                                          "dengan nomor baru"))
        self.intro_button.setText(tr("Surat pe&ngantar CPMI…"))
        self.letterhead_button.setText(tr("Kop &surat…"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self._fill_years()
        self._fill()

    # -- the register --------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the years in use and the register of the chosen year again."""
        used = {view.issued_on.year for view in letters.letter_register(self.ctx)}
        self.years = sorted(used | {self.ctx.today().year}, reverse=True)
        self._fill_years()
        self.reload()

    def _fill_years(self) -> None:
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(tr("Semua tahun"), 0)
        for year in self.years:
            self.year_filter.addItem(str(year), year)
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(self.year), 0))
        self.year_filter.blockSignals(False)

    def _year_chosen(self, _index: int) -> None:
        self.year = int(self.year_filter.currentData() or 0)
        self.reload()

    def reload(self) -> None:
        self.rows = letters.letter_register(self.ctx, self.year or None)
        self._fill()

    def _fill(self) -> None:
        selected = self.selected()
        self.table.setRowCount(len(self.rows))
        for r, view in enumerate(self.rows):
            voided = view.status == "batal"
            cells = [view.number, short_date(view.issued_on),
                     tr(LETTER_KIND.get(view.kind, view.kind)), view.addressee, view.subject,
                     view.case_number or view.person_name,
                     tr(LETTER_STATUS.get(view.status, view.status))]
            if view.case_number and view.person_name:
                cells[5] = f"{view.case_number} - {view.person_name}"
            tip = (trf("Dibatalkan {day}: {reason}", day=short_date(view.voided_on),
                       reason=view.void_reason) if voided else "")
            if view.replaces_number:
                tip = "\n".join(t for t in (tip, trf("Pengganti surat {number}",
                                                     number=view.replaces_number)) if t)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, view.id)
                if voided:
                    font = item.font()
                    font.setStrikeOut(c != 6)
                    item.setFont(font)
                    item.setForeground(QBrush(VOID_GREY))
                item.setToolTip(tip or (text if c in (3, 4) else ""))
                self.table.setItem(r, c, item)
            if selected is not None and view.id == selected.id:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        for column, most in ((3, 260), (4, 300), (5, 220)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), most))
        voided = sum(1 for view in self.rows if view.status == "batal")
        self.count_label.setText(trf("{n} surat, {voided} dibatalkan", n=len(self.rows),
                                     voided=voided))
        self._update_buttons()

    def selected(self) -> LetterView | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None or not self.table.selectionModel().hasSelection():
            return None
        letter_id = item.data(Qt.ItemDataRole.UserRole)
        return next((view for view in self.rows if view.id == letter_id), None)

    def select_letter(self, letter_id: str) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == letter_id:
                self.table.selectRow(r)

    def _update_buttons(self) -> None:
        view = self.selected()
        self.pdf_button.setEnabled(view is not None)
        self.print_button.setEnabled(view is not None)
        self.void_button.setEnabled(self.editor and view is not None
                                    and view.status == "terbit")
        self.reissue_button.setEnabled(self.editor and view is not None
                                       and view.status == "batal")
        self.intro_button.setEnabled(self.editor)
        self.letterhead_button.setEnabled(self.editor)

    def on_changed(self, change: Change) -> None:
        if change.entity in ("letter", "letterhead", "case", "referral"):
            self.refresh()
            if change.entity == "letter" and change.ids:
                self.select_letter(change.ids[0])

    # -- actions -------------------------------------------------------------------------
    def save_pdf(self) -> None:
        if (view := self.selected()) is not None:
            save_issued_pdf(self, self.ctx, self.runner, view, str(self.paper.code()),
                            lambda path: self.ops.sig_message.emit(
                                trf("Surat disimpan: {path}", path=path)),
                            self.ops.show_error)

    def print_selected(self) -> None:
        if (view := self.selected()) is not None:
            print_issued(self, self.ctx, self.runner, view.id, str(self.paper.code()),
                         self.ops.show_error)

    def open_selected(self) -> None:
        if (view := self.selected()) is not None:
            dialog = LetterDialog.for_issued(self.ctx, self.runner, self.ops, view.id, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def void_selected(self) -> None:
        """Ask for the reason (required), then void on the worker."""
        if (view := self.selected()) is None or view.status != "terbit":
            return
        self.reason_dialog = ReasonDialog(view.number, self)
        self.reason_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog = self.reason_dialog
        dialog.accepted.connect(lambda: self._void(view.id, dialog.text()))
        dialog.open()

    def _void(self, letter_id: str, reason: str) -> None:
        ctx = self.ctx
        self.ops.run(lambda: letters.void_letter(ctx, letter_id, reason))

    def reissue_selected(self) -> None:
        if (view := self.selected()) is None or view.status != "batal":
            return
        ctx, letter_id = self.ctx, view.id
        self.runner.run(lambda: letters.reissue_letter(ctx, letter_id), self.open_draft,
                        self.ops.show_error)

    def open_draft(self, draft: LetterDraft) -> LetterDialog:
        """Let the officer check and issue a drafted letter."""
        dialog = LetterDialog(self.ctx, self.runner, self.ops, draft, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_draft()
        dialog.open()
        self.letter_dialog = dialog
        return dialog

    def introduction_letter(self) -> None:
        self.person_picker = PersonPicker(self.ctx, self)
        self.person_picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker = self.person_picker
        picker.accepted.connect(lambda: self._draft_introduction(picker.person_id(),
                                                                 picker.letter_kind()))
        picker.open()

    def _draft_introduction(self, person_id: str | None, kind: str) -> None:
        if person_id is None:
            return
        ctx = self.ctx
        self.runner.run(lambda: letters.introduction_letter_draft(ctx, person_id, kind),
                        self.open_draft, self.ops.show_error)

    def edit_letterhead(self) -> None:
        from desa_desktop.ui.letterhead_dialog import LetterheadDialog

        dialog = LetterheadDialog(self.ctx, self.runner, self)
        dialog.saved.connect(self.ops.announce)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_draft()
        dialog.open()
