"""Small dialogs of the accounts page (add an account, new password, role) and
saving the recovery-key sheet, which the setup wizard and the main window share.

Every dialog calls one service on the worker (a password costs an argon2id
hash, 50-100 ms, and writes a key slot) and shows the service's problems
under the field they are about, in plain Indonesian, keeping what was typed.
The services check the rights themselves; the dialogs only avoid offering
what would be refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QStandardPaths, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desa_desktop.domain.reference import ROLES
from desa_desktop.services import accounts
from desa_desktop.services.accounts import VillageInfo
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.services.errors import Problem, ValidationError
from desa_desktop.ui.login_dialog import error_text
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr, trf
from desa_desktop.ui.widgets import CodeCombo, ErrorLabel, with_error_line

#: What each role may do, in the words an officer uses.
ROLE_HELP = ("Admin: mengatur akun, waktu kunci layar dan lembar pemulihan.\n"
             "Petugas: mencatat dan mengubah data warga.\n"
             "Kepala desa: hanya melihat data.")


class _ServiceDialog(QDialog):
    """Fields with their own error line, and one service call on the worker."""

    sig_done = Signal(object)  # the service's result

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, title: str,
                 action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self._title, self._action = title, action
        self.busy = False
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.labels: list[tuple[QLabel, str]] = []
        self.problems: list[Problem] = []
        self.failure: Exception | None = None

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.page_error = ErrorLabel()
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(4)
        layout.addLayout(self.form)
        layout.addWidget(self.page_error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.show_passwords: QCheckBox | None = None

    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        label_widget = QLabel()
        label_widget.setBuddy(widget)
        column, error = with_error_line(widget)
        self.form.addRow(label_widget, column)
        self.fields[name], self.errors[name] = widget, error
        self.labels.append((label_widget, label))
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _t, n=name: self._clear_problem(n))
        return widget

    def add_password_fields(self, label: str = "Kata sandi") -> tuple[QLineEdit, QLineEdit]:
        """The password and "Ulangi kata sandi", hidden, with a "show" check box."""
        password = self.add_field("password", label, QLineEdit())
        repeat = self.add_field("repeat", "Ulangi kata sandi", QLineEdit())
        assert isinstance(password, QLineEdit) and isinstance(repeat, QLineEdit)
        for edit in (password, repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_passwords = QCheckBox()
        self.show_passwords.toggled.connect(self._toggle_echo)
        self.form.addRow("", self.show_passwords)
        return password, repeat

    def _toggle_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for name in ("password", "repeat"):
            widget = self.fields[name]
            assert isinstance(widget, QLineEdit)
            widget.setEchoMode(mode)

    def text(self, name: str) -> str:
        widget = self.fields[name]
        assert isinstance(widget, QLineEdit)
        return widget.text()

    # -- language ----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr(self._title))
        for label_widget, source in self.labels:
            label_widget.setText(tr(source))
        if self.show_passwords is not None:
            self.show_passwords.setText(tr("Tampilkan kata sandi"))
        if "password" in self.fields:
            edit = self.fields["password"]
            assert isinstance(edit, QLineEdit)
            edit.setPlaceholderText(trf("minimal {n} karakter", n=accounts.MIN_PASSWORD))
        self.cancel_button.setText(tr("Batal"))
        self.save_button.setText(tr(self._action))
        self.retranslate_texts()
        self._render_problems(focus=False)

    def retranslate_texts(self) -> None:
        """Subclasses set their intro and hints here."""

    # -- problems ----------------------------------------------------------------------
    def _clear_problem(self, name: str) -> None:
        self.problems = [p for p in self.problems if p.field != name]
        self.errors[name].show_message("")

    def _render_problems(self, *, focus: bool = True) -> None:
        for error in self.errors.values():
            error.show_message("")
        self.page_error.show_message(error_text(self.failure) if self.failure else "")
        for problem in self.problems:
            error = self.errors.get(problem.field or "")
            if error is None:
                self.page_error.show_message(problem.translated(lookup))
            elif error.isHidden():  # the first problem of a field is the one to fix first
                error.show_message(problem.translated(lookup))
        wrong = [name for name in self.fields if not self.errors[name].isHidden()]
        if wrong and focus:  # the topmost field at fault, as the officer reads
            self.fields[wrong[0]].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- running -----------------------------------------------------------------------
    def submit(self) -> None:
        raise NotImplementedError

    def run(self, call: Callable[[], Any]) -> None:
        """Run the service call on the worker; close on success, else show why."""
        if self.busy:
            return
        self.busy = True
        self.problems, self.failure = [], None
        self._render_problems(focus=False)
        self.save_button.setEnabled(False)
        self.runner.run(call, self._succeeded, self._failed)

    def _succeeded(self, result: Any) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        self.sig_done.emit(result)
        self.accept()

    def _failed(self, err: Exception) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        if isinstance(err, ValidationError):
            self.problems = list(err.problems)
        else:
            self.failure = err
        self._render_problems()

    def reject(self) -> None:
        if not self.busy:  # the answer is on its way: wait for it
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
        else:
            super().closeEvent(event)


def _role_hint() -> QLabel:
    hint = QLabel()
    hint.setWordWrap(True)
    hint.setStyleSheet("color: #555;")
    # As wide as the fields: a wrapped label in a form row otherwise keeps its narrow hint.
    hint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return hint


class AddAccountDialog(_ServiceDialog):
    """A new account: full name, user name, role, password twice."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, "Tambah akun petugas", "Simpan", parent)
        self.add_field("full_name", "Nama lengkap", QLineEdit())
        username = self.add_field("username", "Nama pengguna", QLineEdit())
        assert isinstance(username, QLineEdit)
        username.setMaxLength(50)
        self.role = CodeCombo(ROLES)
        self.role.set_code("petugas")
        self.add_field("role", "Peran", self.role)
        self.role_hint = _role_hint()
        self.form.addRow("", self.role_hint)
        self.add_password_fields()
        self.retranslate()
        self.resize(540, 440)

    def retranslate_texts(self) -> None:
        self.intro.setText(tr(
            "Setiap petugas masuk dengan akunnya sendiri, agar tercatat siapa mengubah data. "
            "Sampaikan kata sandi secara langsung, jangan lewat pesan."))
        username = self.fields["username"]
        assert isinstance(username, QLineEdit)
        username.setPlaceholderText(tr("huruf kecil tanpa spasi, contoh: budi"))
        self.role_hint.setText(tr(ROLE_HELP))

    def submit(self) -> None:
        ctx = self.ctx
        username = self.text("username").strip().lower()  # as the login compares it
        full_name, password, repeat = self.text("full_name"), self.text("password"), \
            self.text("repeat")
        role = str(self.role.code())
        self.run(lambda: accounts.create_officer(ctx, username, full_name, password, role,
                                                 repeat))


class PasswordDialog(_ServiceDialog):
    """A new password for one account (the admin for anyone, an officer for their own)."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, officer: OfficerInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, "Ganti kata sandi", "Simpan", parent)
        self.officer = officer
        self.add_password_fields("Kata sandi baru")
        self.retranslate()
        self.resize(500, 280)

    def retranslate_texts(self) -> None:
        self.intro.setText(trf(
            "Kata sandi baru untuk {name} ({username}). Kata sandi lama tidak berlaku lagi "
            "setelah disimpan.", name=self.officer.full_name, username=self.officer.username))

    def submit(self) -> None:
        ctx, officer_id = self.ctx, self.officer.id
        password, repeat = self.text("password"), self.text("repeat")
        self.run(lambda: accounts.reset_password(ctx, officer_id, password, repeat))


class RoleDialog(_ServiceDialog):
    """Another role for one account (admin only; the last admin stays admin)."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, officer: OfficerInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, "Ubah peran", "Simpan", parent)
        self.officer = officer
        self.role = CodeCombo(ROLES)
        self.role.set_code(officer.role)
        self.add_field("role", "Peran", self.role)
        self.role_hint = _role_hint()
        self.form.addRow("", self.role_hint)
        self.retranslate()
        self.resize(500, 240)

    def retranslate_texts(self) -> None:
        self.intro.setText(trf("Peran akun {name} ({username}).",
                               name=self.officer.full_name, username=self.officer.username))
        self.role_hint.setText(tr(ROLE_HELP))

    def submit(self) -> None:
        ctx, officer_id, role = self.ctx, self.officer.id, str(self.role.code())
        self.run(lambda: accounts.set_role(ctx, officer_id, role))


# -- the recovery-key sheet ------------------------------------------------------------
def recovery_sheet_file_name(village: VillageInfo) -> str:
    """``lembar-pemulihan-karyamukti.pdf``: says what it is and whose it is."""
    slug = re.sub(r"[^a-z0-9]+", "-", village.name.lower()).strip("-") or "desa"
    return f"lembar-pemulihan-{slug}.pdf"


def ask_recovery_sheet_path(parent: QWidget | None, village: VillageInfo) -> Path | None:
    """Where to save the sheet (a file dialog); None when the officer cancels."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = Path(folder or Path.home()) / recovery_sheet_file_name(village)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, tr("Simpan lembar pemulihan"), str(suggested), tr("Berkas PDF (*.pdf)"))
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def write_recovery_sheet(ctx: ServiceContext, village: VillageInfo, path: Path) -> Path:
    """Render the sheet with this database's recovery key (admin only, checked by
    ``unlock.recovery_key_text``); returns the written path."""
    from desa_desktop.reports.recovery_sheet import RecoverySheet, render_recovery_sheet
    from desa_desktop.services import bundle_keys, unlock

    sheet = RecoverySheet(
        village_name=village.name, village_code=village.code, post_name=village.post_name,
        district_name=village.district_name, regency_name=village.regency_name,
        province_name=village.province_name, database_file_name=ctx.db.path.name,
        recovery_key=unlock.recovery_key_text(ctx), created_at=datetime.now(),
        created_by=ctx.officer.full_name if ctx.officer else "-",
        # The district compares this with the key file the post hands over.
        signing_key_fingerprint=bundle_keys.ensure_post_keys(ctx).fingerprint,
    )
    return render_recovery_sheet(path, sheet)


def recovery_sheet_saved_text(path: Path) -> str:
    return trf("Lembar pemulihan disimpan di:\n{path}\n\nCetak lembar ini, simpan kertasnya "
               "di tempat aman, lalu hapus berkas PDF-nya dari laptop ini.", path=path)
