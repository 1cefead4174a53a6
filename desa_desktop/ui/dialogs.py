"""Questions and messages to the officer, in one place.

Tests patch these functions instead of clicking real message boxes (the
Spyder practice), and every box gets translated, labelled buttons instead of
Qt's stock "OK"/"Cancel", which would stay in English.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desa_desktop.ui.translator import tr


def choose(parent: QWidget | None, title: str, text: str, options: list[str],
           default: int = 0, icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> int:
    """Ask with labelled buttons; returns the index chosen (the last one on Esc)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = [box.addButton(label, QMessageBox.ButtonRole.ActionRole) for label in options]
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else len(options) - 1


def inform(parent: QWidget | None, title: str, text: str) -> None:
    choose(parent, title, text, [tr("Tutup")], icon=QMessageBox.Icon.Information)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    choose(parent, title, text, [tr("Tutup")], icon=QMessageBox.Icon.Warning)
