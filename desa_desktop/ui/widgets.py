"""Small input widgets shared by the forms.

``DateField`` takes dates the way officers write them (22/11/2026) and may
stay empty (unlike ``QDateEdit``); ``CodeCombo`` shows translated labels for
the codes of ``domain.reference`` and gives back the code.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desa_desktop.ui.translator import tr


class DateField(QLineEdit):
    """A dd/mm/yyyy field that may be left empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(10)
        self.setPlaceholderText(tr("hh/bb/tttt"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setPlaceholderText(tr("hh/bb/tttt"))
        super().changeEvent(event)

    def value(self) -> date | None:
        """The typed date, None when empty; ValueError when it is not a date."""
        text = self.text().strip().replace("-", "/").replace(".", "/")
        if not text:
            return None
        try:
            return datetime.strptime(text, "%d/%m/%Y").date()
        except ValueError:
            raise ValueError(tr("Tanggal harus ditulis hh/bb/tttt, contoh 22/11/2026.")) from None

    def set_value(self, value: date | None) -> None:
        self.setText(value.strftime("%d/%m/%Y") if value else "")


class CodeCombo(QComboBox):
    """A choice among reference codes, showing their (translated) labels."""

    def __init__(self, choices: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = dict(choices)
        for code, label in self.choices.items():
            self.addItem(tr(label), code)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for index, label in enumerate(self.choices.values()):
                self.setItemText(index, tr(label))
        super().changeEvent(event)

    def code(self) -> object:
        return self.currentData()

    def set_code(self, code: object) -> None:
        index = self.findData(code)
        self.setCurrentIndex(max(index, 0))


class ErrorLabel(QLabel):
    """The red line under a field that says, in plain words, what is wrong."""

    sig_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.setProperty("role", "error")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
        if text:
            self.sig_shown.emit(text)


def with_error_line(widget: QWidget, error: ErrorLabel | None = None
                    ) -> tuple[QWidget, ErrorLabel]:
    """The field and its error line below it, as one form cell (every form uses this).

    Returns the cell to put in a ``QFormLayout`` row and the error label.
    """
    error = error if error is not None else ErrorLabel()
    column = QWidget()
    box = QVBoxLayout(column)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(widget)
    box.addWidget(error)
    return column, error


class WarningLabel(ErrorLabel):
    """An amber note: worth a second look, does not block saving."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("color: #8a5300;")
        self.setProperty("role", "warning")
