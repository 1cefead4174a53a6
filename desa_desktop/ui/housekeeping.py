"""What the app does around a working session: check the file, back it up.

After login, on the worker: ``PRAGMA quick_check`` (a damaged file found now,
while good backups exist, costs a restore, not the data) and the daily
backup. On exit: the exit backup. A full disk never stops the app from
opening or closing; it becomes a note in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from desa_desktop.ui import dialogs
from desa_desktop.ui.translator import lookup, tr, trf


def _text(err: Any) -> str:
    return err.translated(lookup) if hasattr(err, "translated") else str(err)


class Housekeeping(QObject):
    """Start-up check, daily and exit backups for one open database."""

    def __init__(self, runner: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner

    def after_login(self, window: QWidget, ctx: Any, note: Callable[[str], None],
                    restored: Callable[[], None]) -> None:
        """Check the file and make the daily backup; offer the newest good backup
        if the file is damaged (``restored`` is called once it is in place)."""
        from desa_desktop.services import backup

        db = ctx.db

        def job() -> tuple[Any, Any]:
            check = backup.startup_check(db)
            return check, backup.automatic_backup(db, "daily") if check.ok else None

        def done(result: tuple[Any, Any]) -> None:
            check, auto = result
            if not check.ok:
                self._offer_backup(window, db, check, restored)
            elif auto is not None and auto.problem is not None:
                note(trf("Cadangan harian tidak dibuat: {reason}", reason=_text(auto.problem)))

        self.runner.run(job, done, lambda _e: None)

    def _offer_backup(self, window: QWidget, db: Any, check: Any,
                      restored: Callable[[], None]) -> None:
        newest = check.newest_good
        title = tr("Database rusak")
        if newest is None:
            dialogs.warn(window, title, trf(
                "Pemeriksaan menemukan kerusakan pada database ({detail}). Tidak ada "
                "cadangan yang baik. Jangan menambah data; hubungi admin atau dinas.",
                detail=check.detail))
            return
        when = newest.created.strftime("%d/%m/%Y %H.%M")
        answer = dialogs.choose(window, title, trf(
            "Pemeriksaan menemukan kerusakan pada database ({detail}). Pulihkan dari "
            "cadangan terbaru yang baik ({when})? Berkas yang rusak disimpan di samping, "
            "tidak dihapus.", detail=check.detail, when=when),
            [tr("Pulihkan dari cadangan"), tr("Nanti saja")])
        if answer != 0:
            return
        from desa_desktop.services.restore import restore_file

        path, key = db.path, db.key
        db.close()
        self.runner.run_with_progress(
            lambda progress, cancel: restore_file(path, key, newest.path, progress=progress,
                                                  cancel=cancel),
            None, tr("Memulihkan dari cadangan…"), lambda _aside: restored(),
            lambda err: dialogs.warn(window, title, _text(err)))

    def on_exit(self, db: Any) -> None:
        """The exit backup, before the file is closed (blocking: the windows are gone)."""
        if db is None or db.key is None:
            return
        from desa_desktop.services import backup

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            backup.automatic_backup(db, "exit")
        finally:
            QApplication.restoreOverrideCursor()
            db.close()
