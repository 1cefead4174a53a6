"""Baseline for the cold start: the cheapest possible PySide6 window.

Creates a QApplication and a QMainWindow, shows it and quits from the event
loop as soon as it runs (``QTimer.singleShot(0, app.quit)`` after ``show``):
the same exit the app takes with ``DESA_DESKTOP_EXIT_AFTER_SHOW=1``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare window")
    window.resize(640, 480)
    window.show()
    QTimer.singleShot(0, app.quit)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
