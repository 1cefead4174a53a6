"""The registry list: a lazy table over paged search results.

It holds only the rows fetched so far; Qt asks for more (``canFetchMore`` /
``fetchMore``) as the officer scrolls, and each page is one keyset query,
so the list stays smooth at 100,000 persons (the Anki browser pattern).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desa_desktop.db.engine import Database
from desa_desktop.domain.formatting import short_date
from desa_desktop.domain.nik import format_nik
from desa_desktop.domain.reference import COUNTRIES, STATUS_SHORT
from desa_desktop.services.search import PAGE_SIZE, PersonQuery, PersonRow, search_page
from desa_desktop.ui.translator import tr

COLUMNS = ("Nama", "NIK", "L/P", "Tgl lahir", "Status", "Negara", "Dusun", "RT/RW", "No. KK")

Index = QModelIndex | QPersistentModelIndex


class PersonTableModel(QAbstractTableModel):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.query = PersonQuery()
        self.rows: list[PersonRow] = []
        self.exhausted = True

    # -- loading -----------------------------------------------------------------------
    def set_query(self, query: PersonQuery) -> None:
        """Show the first page for ``query`` (one query; more pages on scroll)."""
        self.beginResetModel()
        self.query = query
        self.rows = search_page(self.db, query)
        self.exhausted = len(self.rows) < PAGE_SIZE
        self.endResetModel()

    def reload(self) -> None:
        """Re-run the current query, keeping as many rows as were loaded."""
        wanted = max(len(self.rows), PAGE_SIZE)
        self.beginResetModel()
        rows: list[PersonRow] = []
        last_full = True
        while len(rows) < wanted and last_full:
            page = search_page(self.db, self.query, rows[-1] if rows else None)
            rows.extend(page)
            last_full = len(page) == PAGE_SIZE
        self.rows = rows
        self.exhausted = not last_full
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid() or self.exhausted or not self.rows:
            return
        page = search_page(self.db, self.query, self.rows[-1])
        self.exhausted = len(page) < PAGE_SIZE
        if page:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    # -- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _display(self, row: PersonRow, column: int) -> str:
        if column == 0:
            return row.full_name
        if column == 1:
            return format_nik(row.nik) if row.nik else ""
        if column == 2:
            return row.sex
        if column == 3:
            return short_date(row.birth_date)
        if column == 4:
            return tr(STATUS_SHORT.get(row.status, row.status))
        if column == 5:
            return tr(COUNTRIES[row.last_country]) if row.last_country in COUNTRIES else ""
        if column == 6:
            return row.dusun
        if column == 7:
            return f"{row.rt}/{row.rw}" if row.rt or row.rw else ""
        return row.kk_number

    def row_id(self, row: int) -> str | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, person_id: str) -> int:
        for i, row in enumerate(self.rows):
            if row.id == person_id:
                return i
        return -1

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1,
                                                               len(COLUMNS) - 1))
