"""The shape every record form shares: fields with their own error lines,
drafts saved as the officer types, saving in the background, and a close
that never throws input away without asking.

A subclass declares its fields in ``build()`` with ``add_field``, turns the
typed values into a service input in ``make_input``, and saves it in
``save``. Everything else (drafts, errors, duplicates, warnings) lives here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.errors import DomainError
from desa_desktop.services import drafts
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import DuplicateError, Problem, ValidationError
from desa_desktop.ui import dialogs
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr
from desa_desktop.ui.widgets import CodeCombo, DateField, ErrorLabel, with_error_line

DRAFT_DELAY_MS = 700


class FieldError(Exception):
    """A field's text cannot even be read (e.g. a date that is not a date)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class RecordForm(QDialog):
    """Base dialog for registering or editing one record."""

    saved = Signal(object)  # the service's Change
    sig_open_existing = Signal(str)  # id of an existing record the officer wants to see

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, draft_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.draft_key = draft_key
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, tuple[QLabel, str]] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.dirty = False
        self.saving = False
        self._loading = False
        self._existing_id: str | None = None
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)

        outer = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setProperty("role", "banner")
        self.banner.hide()
        self.open_existing_button = QPushButton()
        self.open_existing_button.hide()
        self.open_existing_button.clicked.connect(self._open_existing)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.open_existing_button)
        outer.addLayout(banner_row)

        body = QWidget()
        self.form = QFormLayout(body)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton()
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.submit)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.submit)

        self.build()
        self.retranslate()
        self.resize(640, 620)

    # -- to be provided by subclasses ------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def title(self) -> str:
        raise NotImplementedError

    def make_input(self, values: dict[str, Any]) -> Any:
        """Turn ``read_values()`` into the service's input dataclass."""
        raise NotImplementedError

    def save(self, data: Any, confirmed: bool) -> Change:
        """Call the service (runs on the worker thread)."""
        raise NotImplementedError

    def retranslate_fields(self) -> None:
        """Hook for subclasses with extra texts to translate."""

    # -- building ----------------------------------------------------------------------
    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        """Add a labelled field with its own error line below it."""
        label_widget = QLabel()
        label_widget.setBuddy(widget)
        column, error = with_error_line(widget)
        self.form.addRow(label_widget, column)
        self.fields[name] = widget
        self.labels[name] = (label_widget, label)
        self.errors[name] = error
        self._watch(widget)
        return widget

    def finish_fields(self, order: list[QWidget] | None = None) -> None:
        """Tab through ``order`` (default: the fields as laid out), then Tutup and Simpan;
        keep date fields narrow (ten characters: full width looks like free text)."""
        chain = [*(order if order is not None else self.fields.values()),
                 self.cancel_button, self.save_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        for widget in self.fields.values():
            if isinstance(widget, DateField):
                widget.setMaximumWidth(160)

    def _watch(self, widget: QWidget) -> None:
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self.mark_dirty)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self.mark_dirty)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(self.mark_dirty)
            if widget.isEditable():
                widget.editTextChanged.connect(self.mark_dirty)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(self.mark_dirty)
        for child in widget.findChildren(QCheckBox):
            child.toggled.connect(self.mark_dirty)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.title())
        for label_widget, text in self.labels.values():
            label_widget.setText(tr(text))
        self.save_button.setText(tr("Simpan"))
        self.save_button.setToolTip(tr("Simpan (Ctrl+S)"))
        self.cancel_button.setText(tr("Tutup"))
        self.open_existing_button.setText(tr("Buka data yang ada"))
        self.retranslate_fields()

    # -- values and drafts -------------------------------------------------------------
    def read_values(self) -> dict[str, Any]:
        """The fields' raw contents (text, codes, flags), JSON-safe for drafts."""
        values: dict[str, Any] = {}
        for name, widget in self.fields.items():
            if isinstance(widget, CodeCombo):
                values[name] = widget.code()
            elif isinstance(widget, QComboBox):
                values[name] = widget.currentData() if not widget.isEditable() else \
                    widget.currentText()
            elif isinstance(widget, QLineEdit):
                values[name] = widget.text()
            elif isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText()
            elif isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
            elif hasattr(widget, "get_state"):
                values[name] = widget.get_state()
        return values

    def write_values(self, values: dict[str, Any]) -> None:
        """Fill the fields; filling is not typing, so it does not make the form dirty."""
        self._loading = True
        try:
            self._write_values(values)
        finally:
            self._loading = False

    def _write_values(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            widget = self.fields.get(name)
            if widget is None:
                continue
            if isinstance(widget, CodeCombo):
                widget.set_code(value)
            elif isinstance(widget, QComboBox):
                if widget.isEditable():
                    widget.setEditText(value or "")
                else:
                    widget.setCurrentIndex(max(widget.findData(value), 0))
            elif isinstance(widget, QLineEdit):
                widget.setText(value or "")
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif hasattr(widget, "set_state"):
                widget.set_state(value)

    def restore_draft(self) -> bool:
        """Put back what was typed last time this form was left unsaved."""
        payload = drafts.load_draft(self.ctx, self.draft_key)
        if not payload:
            return False
        self.write_values(payload)
        self.dirty = True
        self.show_banner(tr("Isian yang belum disimpan sebelumnya telah dipulihkan."))
        return True

    def mark_dirty(self, *_: object) -> None:
        if self._loading:
            return
        self.dirty = True
        self._draft_timer.start()

    def save_draft(self) -> None:
        if not self.dirty or self.saving:
            return
        payload, key, ctx = self.read_values(), self.draft_key, self.ctx
        self.runner.run(lambda: drafts.save_draft(ctx, key, payload), on_error=lambda _e: None)

    # -- saving ------------------------------------------------------------------------
    def date_value(self, name: str) -> date | None:
        widget = self.fields[name]
        assert isinstance(widget, DateField)
        try:
            return widget.value()
        except ValueError as err:
            raise FieldError(name, str(err)) from None

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.show_message("")
        self.banner.hide()
        self.open_existing_button.hide()
        self._existing_id = None

    def show_banner(self, text: str, *, error: bool = False) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(
            "padding: 6px; border-radius: 4px; background: %s;"
            % ("#fde7e9; color: #8b0000" if error else "#e8f4ea; color: #1d5b2a")
        )
        self.banner.show()

    def show_problems(self, problems: list[Problem]) -> None:
        first: QWidget | None = None
        for problem in problems:
            error = self.errors.get(problem.field or "")
            text = problem.translated(lookup)
            if error is not None:
                error.show_message(text)
                first = first or self.fields[problem.field or ""]
            else:
                self.show_banner(text, error=True)
        if first is not None:
            self.show_banner(tr("Data belum disimpan. Periksa kolom yang ditandai merah."),
                             error=True)
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        """Validate and save; errors are shown next to their fields."""
        if self.saving:
            return
        self.clear_errors()
        try:
            data = self.make_input(self.read_values())
        except FieldError as err:
            self.show_problems([Problem(err.field, err.message)])
            return
        self._run_save(data, confirmed=False)

    def _run_save(self, data: Any, confirmed: bool) -> None:
        self.saving = True
        self.save_button.setEnabled(False)
        self.runner.run(lambda: self.save(data, confirmed), self._saved,
                        lambda err: self._failed(err, data))

    def _saved(self, change: Change) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.dirty = False
        self._draft_timer.stop()
        key, ctx = self.draft_key, self.ctx
        self.runner.run(lambda: drafts.discard_draft(ctx, key), on_error=lambda _e: None)
        self.saved.emit(change)
        self.accept()

    def _failed(self, err: Exception, data: Any) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        if isinstance(err, ValidationError):
            self.show_problems(err.problems)
        elif isinstance(err, DuplicateError):
            self.show_problems([Problem.of(err)])
            self._existing_id = err.existing_id
            self.open_existing_button.show()
        elif self.handle_failure(err, data):
            return
        elif isinstance(err, DomainError):
            self.show_banner(err.translated(lookup), error=True)
        else:
            self.show_banner(tr("Gagal menyimpan: {error}").format(error=err), error=True)

    def handle_failure(self, err: Exception, data: Any) -> bool:
        """Subclasses handle their own errors (e.g. warnings to confirm); True if handled."""
        return False

    def confirm_and_save(self, data: Any) -> None:
        self._run_save(data, confirmed=True)

    def open_existing(self, record_id: str) -> None:
        self._existing_id = record_id
        self._open_existing()

    def _open_existing(self) -> None:
        if self._existing_id:
            self.save_draft()
            self.sig_open_existing.emit(self._existing_id)

    # -- closing -----------------------------------------------------------------------
    def reject(self) -> None:
        """Esc, "Tutup" and the window's X all ask before dropping typed input."""
        if not self.dirty or self._leave_confirmed():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty and self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            self.reject()
        else:
            super().closeEvent(event)

    def _leave_confirmed(self) -> bool:
        choice = dialogs.choose(
            self, tr("Isian belum disimpan"),
            tr("Isian di formulir ini belum disimpan. Apa yang ingin dilakukan?"),
            [tr("Simpan sekarang"), tr("Tutup, simpan sebagai draf"), tr("Buang isian"),
             tr("Kembali ke formulir")],
            default=0,
        )
        if choice == 0:
            self.submit()
            return False
        self._draft_timer.stop()
        if choice == 1:
            self.save_draft()
            self.dirty = False
            return True
        if choice == 2:
            key, ctx = self.draft_key, self.ctx
            self.runner.run(lambda: drafts.discard_draft(ctx, key), on_error=lambda _e: None)
            self.dirty = False
            return True
        return False


def labelled_checks(parent: QWidget, items: dict[str, str],
                    on_change: Callable[[], None] | None = None) -> dict[str, QCheckBox]:
    """Check boxes for a checklist (codes -> labels), for forms like the placement's."""
    boxes: dict[str, QCheckBox] = {}
    for code, label in items.items():
        box = QCheckBox(tr(label), parent)
        if on_change is not None:
            box.toggled.connect(on_change)
        boxes[code] = box
    return boxes
