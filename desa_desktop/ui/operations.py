"""User actions that change data, with undo.

Every action runs its service call on the worker thread and announces the
resulting ``Change`` through one signal (``changed``) that every open view
listens to. Deletes go on a ``QUndoStack``: Ctrl+Z restores what was just
deleted (the records are tombstones, so nothing is lost meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from desa_desktop.domain.errors import DomainError
from desa_desktop.services import households, persons, placements, visits
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.ui import dialogs
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr, trf


class _ServiceCommand(QUndoCommand):
    """An undoable pair of service calls (e.g. delete / restore)."""

    def __init__(self, ops: Operations, text: str, do: Callable[[], Change],
                 undo: Callable[[], Change]) -> None:
        super().__init__(text)
        self.ops, self.do, self.undo_fn = ops, do, undo

    def redo(self) -> None:
        self.ops.run(self.do)

    def undo(self) -> None:
        self.ops.run(self.undo_fn)


class Operations(QObject):
    """The actions of the main window, shared by its pages."""

    changed = Signal(object)  # Change
    sig_message = Signal(str)  # a line for the status bar

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.undo_stack = QUndoStack(self)
        self.window = parent

    def run(self, fn: Callable[[], Change]) -> None:
        self.runner.run(fn, self.changed.emit, self.show_error)

    def show_error(self, err: Exception) -> None:
        text = err.translated(lookup) if isinstance(err, DomainError) else str(err)
        dialogs.warn(self.window, tr("Tidak dapat dilakukan"), text)

    def _delete(self, label: str, do: Callable[[], Change], undo: Callable[[], Change]) -> None:
        self.undo_stack.push(_ServiceCommand(self, label, do, undo))
        self.sig_message.emit(trf("{what} dipindahkan ke tempat sampah. Tekan Ctrl+Z untuk "
                                  "membatalkan.", what=label))

    def delete_person(self, person_id: str, name: str) -> None:
        ctx = self.ctx
        self._delete(trf("Data {name}", name=name),
                     lambda: persons.delete_person(ctx, person_id),
                     lambda: persons.restore_person(ctx, person_id))

    def delete_household(self, household_id: str, head: str) -> None:
        ctx = self.ctx
        self._delete(trf("Keluarga {name}", name=head),
                     lambda: households.delete_household(ctx, household_id),
                     lambda: households.restore_household(ctx, household_id))

    def delete_placement(self, placement_id: str) -> None:
        ctx = self.ctx
        self._delete(tr("Penempatan"),
                     lambda: placements.delete_placement(ctx, placement_id),
                     lambda: placements.restore_placement(ctx, placement_id))

    def delete_visit(self, visit_id: str) -> None:
        ctx = self.ctx
        self._delete(tr("Kunjungan"),
                     lambda: visits.delete_visit(ctx, visit_id),
                     lambda: visits.restore_visit(ctx, visit_id))

    def announce(self, change: Change) -> None:
        """Forms call this after a save so every view refreshes."""
        self.changed.emit(change)
