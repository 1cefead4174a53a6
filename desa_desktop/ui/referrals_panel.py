"""The "Rujukan" tab of a case: where the case was referred and what came back.

An institution that has not answered by the due date shows in red, so the
officer knows whom to call; the letter number sits on the same line, because
the institution will quote it on the phone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.case_reference import REFERRAL_STATUS
from desa_desktop.domain.formatting import short_date
from desa_desktop.services import letters, referrals
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import NotFoundError, PermissionDenied
from desa_desktop.services.referrals import ReferralView
from desa_desktop.ui.form_base import RecordForm
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf

COLUMNS = ("Lembaga", "Tanggal", "Status", "Batas jawaban", "Surat")
OVERDUE = QColor("#b00020")


def make_table(columns: int) -> QTableWidget:
    """A read-only list with whole-row selection (the look of the other pages)."""
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


class ReferralsPanel(QWidget):
    """The referrals of one case, with the actions on them."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations, case_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.ops, self.case_id = ctx, runner, ops, case_id
        self.rows: list[ReferralView] = []
        self.table = make_table(len(COLUMNS))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.refer_button, self.status_button, self.letter_button, self.view_button = (
            QPushButton() for _ in range(4))
        buttons = QHBoxLayout()
        for button in (self.refer_button, self.status_button, self.letter_button,
                       self.view_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

        self.refer_button.clicked.connect(self.refer)
        self.status_button.clicked.connect(self.change_status)
        self.letter_button.clicked.connect(self.issue_letter)
        self.view_button.clicked.connect(self.view_letter)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.view_letter())
        ops.changed.connect(self.on_changed)
        self.retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.refer_button.setText(tr("&Rujuk ke lembaga…"))
        self.status_button.setText(tr("Ubah &status…"))
        self.status_button.setToolTip(tr("Catat jawaban lembaga: diterima, ditindaklanjuti "
                                         "atau tidak ada tanggapan"))
        self.letter_button.setText(tr("&Terbitkan surat rujukan…"))
        self.view_button.setText(tr("&Lihat surat"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self._fill()

    # -- the list ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the case's referrals again (a quick read: a case has few)."""
        try:
            self.rows = referrals.referrals_for_case(self.ctx, self.case_id)
        except (NotFoundError, PermissionDenied):
            self.rows = []
        self._fill()

    def _fill(self) -> None:
        selected = self.selected()
        self.table.setRowCount(len(self.rows))
        for r, ref in enumerate(self.rows):
            cells = [ref.institution_name, short_date(ref.referred_on),
                     tr(REFERRAL_STATUS.get(ref.status, ref.status)),
                     short_date(ref.answer_due), ref.letter_number]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, ref.id)
                if ref.overdue and c in (2, 3):
                    item.setForeground(QBrush(OVERDUE))
                    item.setToolTip(tr("Lembaga belum menjawab sampai batas waktu."))
                if c == 0 and ref.reason:
                    item.setToolTip(ref.reason)
                self.table.setItem(r, c, item)
            if selected is not None and ref.id == selected.id:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        overdue = sum(1 for ref in self.rows if ref.overdue)
        if not self.rows:
            self.note.setText(tr("Kasus ini belum dirujuk ke lembaga mana pun."))
        elif overdue:
            self.note.setText(trf("{n} rujukan belum dijawab melewati batas waktu.",
                                  n=overdue))
        else:
            self.note.setText(trf("{n} rujukan", n=len(self.rows)))
        self._update_buttons()

    def selected(self) -> ReferralView | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None or not self.table.selectionModel().hasSelection():
            return None
        ref_id = item.data(Qt.ItemDataRole.UserRole)
        return next((ref for ref in self.rows if ref.id == ref_id), None)

    def _update_buttons(self) -> None:
        ref = self.selected()
        self.status_button.setEnabled(
            ref is not None and bool(referrals.TRANSITIONS.get(ref.status)))
        self.letter_button.setEnabled(ref is not None)
        self.view_button.setEnabled(ref is not None and ref.letter_id is not None)

    def on_changed(self, change: Change) -> None:
        if change.entity in ("referral", "letter", "case", "institution"):
            self.refresh()

    # -- actions -------------------------------------------------------------------------
    def _open_form(self, form: RecordForm) -> None:
        form.saved.connect(self.ops.announce)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.restore_draft()
        form.open()
        self.form = form

    def refer(self) -> None:
        from desa_desktop.ui.referral_dialog import ReferralDialog

        try:
            dialog = ReferralDialog(self.ctx, self.runner, self.case_id, self)
        except (NotFoundError, PermissionDenied) as err:
            self.ops.show_error(err)
            return
        self._open_form(dialog)

    def change_status(self) -> None:
        if (ref := self.selected()) is None:
            return
        from desa_desktop.ui.referral_dialog import ReferralStatusDialog

        self._open_form(ReferralStatusDialog(self.ctx, self.runner, ref, self))

    def issue_letter(self) -> None:
        """Draft the referral letter on the worker, then let the officer check it."""
        if (ref := self.selected()) is None:
            return
        ctx, referral_id = self.ctx, ref.id
        self.runner.run(lambda: letters.referral_letter_draft(ctx, referral_id),
                        self._open_letter, self.ops.show_error)

    def _open_letter(self, draft: letters.LetterDraft) -> None:
        from desa_desktop.ui.letter_dialog import LetterDialog

        dialog = LetterDialog(self.ctx, self.runner, self.ops, draft, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_draft()
        dialog.open()
        self.letter_dialog = dialog

    def view_letter(self) -> None:
        if (ref := self.selected()) is None or ref.letter_id is None:
            return
        from desa_desktop.ui.letter_dialog import LetterDialog

        dialog = LetterDialog.for_issued(self.ctx, self.runner, self.ops, ref.letter_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.letter_dialog = dialog
