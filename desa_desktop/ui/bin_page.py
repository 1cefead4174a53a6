"""The bin (tempat sampah): deleted persons and families, and bringing them back.

Deletes are tombstones, so an officer who deleted the wrong person can
always undo it here; the page says so in plain words. Loading and restoring
run on the worker thread; a restore the service refuses (the NIK was
registered again meanwhile) is explained on the page, not in a popup.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.errors import DomainError
from desa_desktop.services import trash
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import DuplicateError
from desa_desktop.services.trash import BinItem
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr, trf

KINDS = {"person": "Orang", "household": "Keluarga"}
HEADERS = ("Jenis", "Nama", "NIK / No. KK", "Dihapus pada", "Dihapus oleh")

_Index = QModelIndex | QPersistentModelIndex


def local_time(moment: datetime) -> str:
    """A stored UTC moment (naive) as the post's local dd/mm/yyyy HH:MM."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


class BinModel(QAbstractTableModel):
    """The bin's rows; the service caps the list, so all rows are held at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[BinItem] = []

    def set_items(self, items: list[BinItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self.items[index.row()]
        column = index.column()
        if column == 0:
            return tr(KINDS.get(item.kind, item.kind))
        if column == 3:
            return local_time(item.deleted_at)
        return (item.label, item.detail, None, item.deleted_by)[column - 1]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return tr(HEADERS[section])
        return None

    def retranslate(self) -> None:
        """Kind and headers are translated when drawn; tell the view to draw again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, 0))


class BinPage(QWidget):
    """Main-window page listing the bin, with "Pulihkan" (Ctrl+R, double-click)."""

    sig_restored = Signal(object)  # the service's Change

    def __init__(self, ctx: ServiceContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.loading = False
        self.restoring = False
        self._message: tuple[Callable[[], str], bool] | None = None  # (text, is_error)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        self.model = BinModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((110, 320, 200, 160)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #666; font-size: 12pt;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(self.restore_selected)
        QShortcut(QKeySequence("Ctrl+R"), self, activated=self.restore_selected,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self._show_list()

    # -- language --------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(tr("Tempat sampah"))
        self.explanation.setText(tr(
            "Data yang dihapus tidak hilang: data itu disimpan di sini dan dapat dipulihkan. "
            "Pilih satu baris, lalu tekan Pulihkan (atau Ctrl+R, atau klik dua kali)."))
        self._render_empty()
        self.restore_button.setText(tr("Pulihkan"))
        self.restore_button.setToolTip(tr("Pulihkan data yang dipilih (Ctrl+R)"))
        self.model.retranslate()
        self._render_message()

    def _render_empty(self) -> None:
        self.empty.setText(tr("Memuat...") if self.loading else tr("Tempat sampah kosong."))

    # -- messages --------------------------------------------------------------------
    def show_message(self, text: Callable[[], str] | None, *, error: bool = False) -> None:
        """Show a line above the list; ``text`` is re-run on language change."""
        self._message = None if text is None else (text, error)
        self._render_message()

    def _render_message(self) -> None:
        if self._message is None:
            self.message.hide()
            return
        text, error = self._message
        self.message.setText(text())
        self.message.setProperty("role", "error" if error else "info")
        self.message.setStyleSheet(
            "padding: 6px; border-radius: 4px; background: %s;"
            % ("#fde7e9; color: #8b0000" if error else "#e8f4ea; color: #1d5b2a"))
        self.message.show()

    # -- loading ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the bin again (on the worker thread)."""
        ctx = self.ctx
        self.loading = True
        self._render_empty()
        self.runner.run(lambda: trash.list_bin(ctx), self._loaded, self._load_failed)

    def _loaded(self, items: list[BinItem]) -> None:
        self.loading = False
        self.model.set_items(items)
        self._render_empty()
        self._show_list()

    def _load_failed(self, err: Exception) -> None:
        self.loading = False
        self._render_empty()
        self.show_message(lambda: trf("Gagal memuat tempat sampah: {error}",
                                      error=_text(err)), error=True)

    def _show_list(self) -> None:
        self.stack.setCurrentWidget(self.table if self.model.items else self.empty)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self.model.items) and not self.restoring)

    def selected_item(self) -> BinItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.items[rows[0].row()] if rows else None

    # -- restoring -------------------------------------------------------------------
    def restore_selected(self) -> None:
        """Bring the selected record back; the result shows on the page."""
        if self.restoring or self.loading:
            return
        item = self.selected_item()
        if item is None:
            self.show_message(lambda: tr("Pilih dulu data yang ingin dipulihkan."), error=True)
            return
        self.restoring = True
        self._update_buttons()
        self.show_message(None)
        ctx = self.ctx
        self.runner.run(lambda: trash.restore(ctx, item.kind, item.id),
                        lambda change: self._restored(item, change),
                        self._restore_failed)

    def _restored(self, item: BinItem, change: object) -> None:
        self.restoring = False
        self.show_message(lambda: trf("{name} sudah dipulihkan.", name=item.label))
        self.sig_restored.emit(change)
        self.refresh()

    def _restore_failed(self, err: Exception) -> None:
        self.restoring = False
        self._update_buttons()
        if isinstance(err, DuplicateError):  # the NIK was registered again meanwhile
            self.show_message(lambda: err.translated(lookup) + " " + tr(
                "Data di tempat sampah tidak dapat dipulihkan selama NIK atau nomor KK-nya "
                "dipakai data lain."), error=True)
        elif isinstance(err, DomainError):
            self.show_message(lambda: err.translated(lookup), error=True)
        else:
            self.show_message(lambda: trf("Gagal memulihkan: {error}", error=err), error=True)


def _text(err: Exception) -> str:
    return err.translated(lookup) if isinstance(err, DomainError) else str(err)
