"""The "Akun petugas" page: who may log in, and as what.

The admin adds accounts, sets a new password for an officer who forgot
theirs, changes roles and closes the accounts of officers who left (their
names stay in the change history). Everyone else sees the list read-only,
so a kepala desa knows whom to ask, and may only change their own password.
The services refuse anything else anyway; the page just does not offer it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.reference import ROLES
from desa_desktop.services import accounts
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.ui import dialogs
from desa_desktop.ui.account_dialogs import (
    ROLE_HELP,
    AddAccountDialog,
    PasswordDialog,
    RoleDialog,
)
from desa_desktop.ui.login_dialog import error_text
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import tr, trf

HEADERS = ("Nama lengkap", "Nama pengguna", "Peran")


class AccountsPage(QWidget):
    """Main-window page listing the active accounts, with the admin's actions."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.is_admin = ctx.officer is not None and ctx.officer.role == "admin"
        self.officers: list[OfficerInfo] = []
        self.loading = False
        self.busy = False
        self.dialog: QDialog | None = None
        self._message: tuple[Callable[[], str], bool] | None = None  # (text, is_error)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((360, 220)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_account)
        self.password_button = QPushButton()
        self.password_button.clicked.connect(self.reset_password)
        self.role_button = QPushButton()
        self.role_button.clicked.connect(self.change_role)
        self.deactivate_button = QPushButton()
        self.deactivate_button.clicked.connect(self.deactivate)
        self.own_password_button = QPushButton()
        self.own_password_button.clicked.connect(self.change_own_password)
        self.admin_buttons = (self.add_button, self.password_button, self.role_button,
                              self.deactivate_button)
        side = QVBoxLayout()
        for button in (*self.admin_buttons, self.own_password_button):
            button.setMinimumWidth(220)
            side.addWidget(button)
        side.addStretch(1)
        for button in self.admin_buttons:
            button.setVisible(self.is_admin)
        self.own_password_button.setVisible(not self.is_admin and ctx.officer is not None)

        self.roles_note = QLabel()
        self.roles_note.setWordWrap(True)
        self.roles_note.setStyleSheet("color: #555;")

        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)
        layout.addWidget(self.roles_note)
        self.retranslate()
        self._update_buttons()

    # -- language ----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(tr("Akun petugas"))
        self.explanation.setText(tr(
            "Setiap petugas masuk dengan akunnya sendiri, agar tercatat siapa mengubah data. "
            "Akun yang dinonaktifkan tidak dapat dipakai masuk lagi, tetapi namanya tetap "
            "tercatat di riwayat perubahan.") if self.is_admin else tr(
            "Hanya admin yang dapat menambah akun, mengubah peran atau menonaktifkan akun. "
            "Anda dapat mengganti kata sandi Anda sendiri."))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.add_button.setText(tr("Tambah akun…"))
        self.password_button.setText(tr("Ganti kata sandi…"))
        self.role_button.setText(tr("Ubah peran…"))
        self.deactivate_button.setText(tr("Nonaktifkan akun…"))
        self.own_password_button.setText(tr("Ganti kata sandi saya…"))
        self.roles_note.setText(tr(ROLE_HELP))
        self._fill(self.officers)
        self._render_message()
        self._update_buttons()

    # -- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the accounts on the worker (the page is shown, or an account changed)."""
        if self.loading:
            return
        self.loading = True
        db = self.ctx.db
        self.runner.run(lambda: accounts.list_officers(db), self._loaded, self._load_failed)

    def _loaded(self, officers: list[OfficerInfo]) -> None:
        self.loading = False
        self._fill(officers)

    def _load_failed(self, err: Exception) -> None:
        self.loading = False
        self.show_message(lambda: trf("Daftar akun tidak dapat dibaca: {error}",
                                      error=error_text(err)), error=True)

    def _fill(self, officers: list[OfficerInfo]) -> None:
        selected = self.selected()
        self.officers = list(officers)
        me = self.ctx.officer_id
        self.table.setRowCount(len(self.officers))
        for row, officer in enumerate(self.officers):
            name = trf("{name} (Anda)", name=officer.full_name) if officer.id == me \
                else officer.full_name
            for column, text in enumerate((name, officer.username,
                                           tr(ROLES.get(officer.role, officer.role)))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, officer.id)
                self.table.setItem(row, column, item)
        if selected is not None:
            self.select_officer(selected.id)
        self._update_buttons()

    def select_officer(self, officer_id: str) -> None:
        for row, officer in enumerate(self.officers):
            if officer.id == officer_id:
                self.table.selectRow(row)
                return

    def selected(self) -> OfficerInfo | None:
        row = self.table.currentRow()
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if row < 0 or row not in rows or row >= len(self.officers):
            return None
        return self.officers[row]

    def _update_buttons(self) -> None:
        officer = self.selected()
        chosen = officer is not None and not self.busy
        own = officer is not None and officer.id == self.ctx.officer_id
        self.password_button.setEnabled(chosen)
        # One's own account is closed or demoted by another admin: the service refuses
        # closing it, and a demotion would leave this session with rights it lost.
        self.role_button.setEnabled(chosen and not own)
        self.deactivate_button.setEnabled(chosen and not own)
        note = tr("Akun Anda sendiri hanya dapat diubah oleh admin lain.") if own else ""
        self.role_button.setToolTip(note)
        self.deactivate_button.setToolTip(note)
        self.add_button.setEnabled(not self.busy)

    # -- messages ----------------------------------------------------------------------
    def show_message(self, text: Callable[[], str], *, error: bool = False) -> None:
        self._message = (text, error)
        self._render_message()

    def _render_message(self) -> None:
        if self._message is None:
            self.message.hide()
            return
        text, error = self._message
        self.message.setText(text())
        self.message.setStyleSheet(
            "padding: 6px; border-radius: 4px; background: %s;"
            % ("#fde7e9; color: #8b0000" if error else "#e8f4ea; color: #1d5b2a"))
        self.message.show()

    # -- actions -----------------------------------------------------------------------
    def _open(self, dialog: QDialog, on_done: Callable[[object], None]) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_done.connect(on_done)  # type: ignore[attr-defined]
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def add_account(self) -> QDialog | None:
        if not self.is_admin:
            return None

        def added(officer: object) -> None:
            assert isinstance(officer, OfficerInfo)
            self.show_message(lambda: trf("Akun {username} ditambahkan.",
                                          username=officer.username))
            self.refresh()

        return self._open(AddAccountDialog(self.ctx, self.runner, self), added)

    def reset_password(self) -> QDialog | None:
        officer = self.selected()
        if officer is None or not self.is_admin:
            return None
        return self._open_password(officer)

    def change_own_password(self) -> QDialog | None:
        officer = self.ctx.officer
        return None if officer is None else self._open_password(officer)

    def _open_password(self, officer: OfficerInfo) -> QDialog:
        def done(_result: object) -> None:
            self.show_message(lambda: trf("Kata sandi {username} sudah diganti.",
                                          username=officer.username))

        return self._open(PasswordDialog(self.ctx, self.runner, officer, self), done)

    def change_role(self) -> QDialog | None:
        officer = self.selected()
        if officer is None or not self.is_admin or officer.id == self.ctx.officer_id:
            return None

        def done(changed: object) -> None:
            assert isinstance(changed, OfficerInfo)
            self.show_message(lambda: trf("Peran {username} sekarang {role}.",
                                          username=changed.username,
                                          role=tr(ROLES.get(changed.role, changed.role))))
            self.refresh()

        return self._open(RoleDialog(self.ctx, self.runner, officer, self), done)

    def deactivate(self) -> None:
        """Close the selected account after a plain-words question."""
        officer = self.selected()
        if officer is None or not self.is_admin or self.busy:
            return
        choice = dialogs.choose(
            self, tr("Nonaktifkan akun?"),
            trf("Akun {name} ({username}) tidak akan dapat dipakai masuk lagi. Namanya tetap "
                "tercatat di riwayat perubahan.", name=officer.full_name,
                username=officer.username),
            [tr("Nonaktifkan akun"), tr("Batal")], default=1)
        if choice != 0:
            return
        ctx, officer_id = self.ctx, officer.id
        self.busy = True
        self._update_buttons()

        def done(_result: object) -> None:
            self.busy = False
            self.show_message(lambda: trf("Akun {username} dinonaktifkan.",
                                          username=officer.username))
            self.refresh()

        def failed(err: Exception) -> None:
            self.busy = False
            self._update_buttons()
            self.show_message(lambda: error_text(err), error=True)

        self.runner.run(lambda: accounts.deactivate_officer(ctx, officer_id), done, failed)
