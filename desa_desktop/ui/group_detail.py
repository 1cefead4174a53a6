"""One business group: its details on top, its books in tabs below.

Tabs: Ringkasan (figures and chart), Anggota, Buku kas, Simpanan, Pinjaman.
Only the tab on screen reads its data; the others note that they are stale
and read when shown, so a change in the cash book costs one query set, not
five.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desa_desktop.domain.formatting import short_date
from desa_desktop.domain.ledger_reference import GROUP_KIND, GROUP_STATUS
from desa_desktop.services import groups
from desa_desktop.services.context import EDITOR_ROLES, Change, ServiceContext
from desa_desktop.services.groups import GroupView
from desa_desktop.ui.cashbook_tab import BookTab, CashbookTab
from desa_desktop.ui.group_dialog import GroupDialog
from desa_desktop.ui.loans_tab import LoansTab
from desa_desktop.ui.member_dialog import MembersTab
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.overview_tab import OverviewTab
from desa_desktop.ui.savings_tab import SavingsTab
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf

#: Changes that can alter what a group's tabs show.
LEDGER_ENTITIES = frozenset({"business_group", "group_member", "cash_entry", "ledger_closing",
                             "loan", "activity", "person"})
TAB_NAMES = ("Ringkasan", "Anggota kelompok", "Buku kas", "Simpanan", "Pinjaman")


class GroupDetail(QWidget):
    """The header and the tabs of the chosen group."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.ops = ctx, runner, ops
        self.group: GroupView | None = None
        self.group_id: str | None = None
        self.name_label = QLabel()
        self.name_label.setProperty("data", True)
        self.name_label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.edit_group)
        self.overview = OverviewTab(ctx, runner, ops)
        self.members = MembersTab(ctx, runner, ops)
        self.cashbook = CashbookTab(ctx, runner, ops)
        self.savings = SavingsTab(ctx, runner, ops)
        self.loans = LoansTab(ctx, runner, ops)
        self.tabs = QTabWidget()
        for tab in self.book_tabs:
            self.tabs.addTab(tab, "")
        self.tabs.currentChanged.connect(lambda _i: self._refresh_current())
        top = QHBoxLayout()
        text = QVBoxLayout()
        text.addWidget(self.name_label)
        text.addWidget(self.info_label)
        top.addLayout(text, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        ops.changed.connect(self.on_changed)
        self.retranslate()

    @property
    def book_tabs(self) -> tuple[BookTab, ...]:
        return (self.overview, self.members, self.cashbook, self.savings, self.loans)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for index, name in enumerate(TAB_NAMES):
            self.tabs.setTabText(index, tr(name))
        self.edit_button.setText(tr("&Ubah data kelompok…"))
        self._show_header()

    # -- the group -----------------------------------------------------------------------
    def set_group(self, group_id: str | None) -> None:
        """Show another group (None: nothing chosen)."""
        if group_id == self.group_id:
            return
        self.group_id = group_id
        self.group = None
        self._show_header()
        for tab in self.book_tabs:
            tab.set_group(group_id)
        self._load_header()
        self._refresh_current()

    def _load_header(self) -> None:
        if self.group_id is None:
            return
        ctx, group_id = self.ctx, self.group_id
        self.runner.run(lambda: groups.get_group(ctx, group_id),
                        lambda view: self._header_loaded(group_id, view), self.ops.show_error)

    def _header_loaded(self, group_id: str, view: GroupView) -> None:
        if group_id == self.group_id:
            self.group = view
            self._show_header()

    def _show_header(self) -> None:
        group = self.group
        editor = self.ctx.officer is not None and self.ctx.officer.role in EDITOR_ROLES
        self.edit_button.setEnabled(editor and group is not None)
        if group is None:
            self.name_label.setText("")
            self.info_label.setText("")
            return
        self.name_label.setText(group.name)
        parts = [tr(GROUP_KIND.get(group.kind, group.kind)), group.business_type,
                 trf("berdiri {day}", day=short_date(group.founded_on)),
                 tr(GROUP_STATUS.get(group.status, group.status))]
        self.info_label.setText(" · ".join(p for p in parts if p))

    def _refresh_current(self) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, BookTab) and tab.group_id is not None and tab.stale:
            tab.refresh()

    def show_tab(self, tab: BookTab) -> None:
        self.tabs.setCurrentWidget(tab)

    def on_changed(self, change: Change) -> None:
        if self.group_id is None or change.entity not in LEDGER_ENTITIES:
            return
        if change.entity == "business_group":
            self._load_header()
        for tab in self.book_tabs:
            tab.stale = True
        self._refresh_current()

    # -- actions -------------------------------------------------------------------------
    def edit_group(self) -> GroupDialog | None:
        if self.group is None or not self.edit_button.isEnabled():
            return None
        dialog = GroupDialog(self.ctx, self.runner, self.group, self)
        dialog.saved.connect(self.ops.announce)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_draft()
        self.dialog = dialog
        dialog.open()
        return dialog
