"""Running database work off the GUI thread, one job at a time.

All writes (and slow reads) go through one worker thread, so SQLite sees a
single writer and the window never freezes; results come back to the GUI
thread by signal (the Anki ``taskman`` pattern). A progress dialog appears
only when a job runs longer than half a second, and long jobs can be
cancelled through the ``cancelled`` flag they receive.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desa_desktop.ui.translator import tr

PROGRESS_DELAY_MS = 500


class CancelFlag:
    """Checked by long jobs between steps; set by the progress dialog's Cancel."""

    def __init__(self) -> None:
        self.is_set = False


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object, str)
    progress = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], with_progress: bool) -> None:
        super().__init__()
        self.fn = fn
        self.with_progress = with_progress
        self.signals = _Signals()
        self.cancel = CancelFlag()

    def run(self) -> None:
        try:
            if self.with_progress:
                result = self.fn(lambda done, total: self.signals.progress.emit(done, total),
                                 self.cancel)
            else:
                result = self.fn()
        except Exception as err:
            self.signals.failed.emit(err, traceback.format_exc())
        else:
            self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Single-threaded job queue with success/failure callbacks on the GUI thread."""

    sig_busy = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running = 0
        self._jobs: set[_Job] = set()

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[Exception], None] | None = None) -> None:
        """Run ``fn()`` on the worker; call ``on_done(result)`` or ``on_error(err)`` after."""
        self._start(_Job(fn, False), on_done, on_error, None)

    def run_with_progress(self, fn: Callable[[Callable[[int, int], None], CancelFlag], Any],
                          parent: QWidget | None, label: str,
                          on_done: Callable[[Any], None] | None = None,
                          on_error: Callable[[Exception], None] | None = None) -> None:
        """Like ``run`` for long work: ``fn(progress, cancel)``, with a delayed progress bar."""
        dialog = QProgressDialog(label, tr("Batal"), 0, 0, parent)
        dialog.setWindowTitle(tr("Mohon tunggu"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        job = _Job(fn, True)
        dialog.canceled.connect(lambda: setattr(job.cancel, "is_set", True))

        def on_progress(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))

        job.signals.progress.connect(on_progress)
        QTimer.singleShot(0, lambda: dialog.setValue(0))
        self._start(job, on_done, on_error, dialog)

    def _start(self, job: _Job, on_done: Callable[[Any], None] | None,
               on_error: Callable[[Exception], None] | None,
               dialog: QProgressDialog | None) -> None:
        self._jobs.add(job)
        job.setAutoDelete(False)

        def finish() -> None:
            self._jobs.discard(job)
            if dialog is not None:
                dialog.reset()
                dialog.deleteLater()
            self._running -= 1
            if self._running == 0:
                self.sig_busy.emit(False)

        def done(result: Any) -> None:
            finish()
            if on_done is not None:
                on_done(result)

        def failed(err: Exception, trace: str) -> None:
            finish()
            if on_error is not None:
                on_error(err)
            else:
                raise err

        job.signals.finished.connect(done, Qt.ConnectionType.QueuedConnection)
        job.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        self._running += 1
        if self._running == 1:
            self.sig_busy.emit(True)
        self.pool.start(job)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the worker is idle (for shutdown and tests)."""
        return self.pool.waitForDone(msecs)
