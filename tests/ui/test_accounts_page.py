"""The accounts page as the admin and a kepala desa use it; reprinting the recovery sheet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from desa_desktop.db.engine import Database
from desa_desktop.domain import recovery_key
from desa_desktop.services import accounts
from desa_desktop.services.accounts import LoginFailed
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.ui import dialogs
from desa_desktop.ui.account_dialogs import AddAccountDialog
from desa_desktop.ui.accounts_page import AccountsPage
from desa_desktop.ui.main_window import MainWindow
from desa_desktop.ui.settings import Settings
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import LanguageManager
from tests.conftest import VILLAGE
from tests.ui.helpers import left_in_indonesian, unknown_indonesian, visible_texts

PASSWORD = "budi-pos-2026"


class Answers:
    """Stands in for ``dialogs.choose``: records the question, answers ``index``."""

    def __init__(self) -> None:
        self.index = 0
        self.asked: list[tuple[str, list[str]]] = []

    def __call__(self, _parent, title: str, _text: str, options: list[str], **_kw) -> int:
        self.asked.append((title, list(options)))
        return self.index


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    fake = Answers()
    monkeypatch.setattr(dialogs, "choose", fake)
    return fake


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[LanguageManager]:
    manager = LanguageManager(qapp)
    manager.apply("id")
    yield manager
    manager.apply("id")


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    worker = TaskRunner()
    yield worker
    worker.wait()
    qapp.processEvents()


def open_page(qtbot: QtBot, ctx: ServiceContext, runner: TaskRunner) -> AccountsPage:
    page = AccountsPage(ctx, runner)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: not page.loading and page.table.rowCount() > 0)
    return page


@pytest.fixture
def page(qtbot: QtBot, ctx: ServiceContext, runner: TaskRunner) -> AccountsPage:
    return open_page(qtbot, ctx, runner)


def names(page: AccountsPage) -> list[str]:
    return [page.table.item(row, 0).text() for row in range(page.table.rowCount())]


def roles(page: AccountsPage) -> list[str]:
    return [page.table.item(row, 2).text() for row in range(page.table.rowCount())]


def fill(qtbot: QtBot, dialog: QDialog, **values: str) -> None:
    for name, value in values.items():
        edit = dialog.fields[name]  # type: ignore[attr-defined]
        assert isinstance(edit, QLineEdit)
        edit.clear()
        qtbot.keyClicks(edit, value)


def save(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not dialog.busy)  # type: ignore[attr-defined]


def add_budi(qtbot: QtBot, page: AccountsPage, role: str = "petugas") -> None:
    dialog = page.add_account()
    assert isinstance(dialog, AddAccountDialog)
    fill(qtbot, dialog, full_name="Budi Santoso", username="Budi", password=PASSWORD,
         repeat=PASSWORD)
    dialog.role.set_code(role)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: "Budi Santoso" in names(page))


def select(page: AccountsPage, full_name: str) -> None:
    page.table.selectRow([n.removesuffix(" (Anda)") for n in names(page)].index(full_name))


def test_admin_sees_everyone_and_every_action(page: AccountsPage) -> None:
    assert names(page) == ["Admin Desa (Anda)"]
    assert roles(page) == ["Admin"]
    for button in page.admin_buttons:
        assert button.isVisible()
    assert not page.own_password_button.isVisible()
    select(page, "Admin Desa")
    assert page.password_button.isEnabled()
    assert not page.deactivate_button.isEnabled()  # one's own account cannot be closed


def test_admin_adds_an_account_that_can_log_in(qtbot: QtBot, page: AccountsPage,
                                               db: Database) -> None:
    add_budi(qtbot, page)
    assert page.message.text() == "Akun budi ditambahkan."
    assert roles(page)[names(page).index("Budi Santoso")] == "Petugas"
    officer = accounts.login(db, "budi", PASSWORD)  # typed "Budi": stored lower case
    assert (officer.full_name, officer.role) == ("Budi Santoso", "petugas")


def test_problems_are_shown_under_their_fields(qtbot: QtBot, page: AccountsPage) -> None:
    dialog = page.add_account()
    assert dialog is not None
    fill(qtbot, dialog, full_name="Admin Kedua", username="admin", password=PASSWORD,
         repeat="lain-sekali")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors["repeat"].text() == "Kedua kata sandi tidak sama."  # type: ignore[attr-defined]
    fill(qtbot, dialog, repeat=PASSWORD)
    assert not dialog.errors["repeat"].isVisible()  # type: ignore[attr-defined]
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors["username"].text() == "Nama pengguna ini sudah dipakai."  # type: ignore[attr-defined]
    assert dialog.fields["full_name"].text() == "Admin Kedua"  # type: ignore[attr-defined]


def test_admin_resets_a_password(qtbot: QtBot, page: AccountsPage, db: Database) -> None:
    add_budi(qtbot, page)
    select(page, "Budi Santoso")
    dialog = page.reset_password()
    assert dialog is not None
    assert "Budi Santoso (budi)" in dialog.intro.text()  # type: ignore[attr-defined]
    fill(qtbot, dialog, password="sandi-baru-99", repeat="sandi-baru-99")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.dialog is None)  # closed (and deleted) on success
    with pytest.raises(LoginFailed):
        accounts.login(db, "budi", PASSWORD)
    assert accounts.login(db, "budi", "sandi-baru-99").username == "budi"
    assert page.message.text() == "Kata sandi budi sudah diganti."


def test_admin_changes_a_role(qtbot: QtBot, page: AccountsPage, db: Database) -> None:
    add_budi(qtbot, page)
    select(page, "Budi Santoso")
    dialog = page.change_role()
    assert dialog is not None
    dialog.role.set_code("kepala_desa")  # type: ignore[attr-defined]
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: "Kepala desa" in roles(page))
    assert {o.username: o.role for o in accounts.list_officers(db)}["budi"] == "kepala_desa"
    assert page.message.text() == "Peran budi sekarang Kepala desa."


def test_own_account_is_not_demoted_or_closed_here(page: AccountsPage) -> None:
    select(page, "Admin Desa")
    assert page.password_button.isEnabled()  # a new password for oneself is fine
    assert not page.role_button.isEnabled() and not page.deactivate_button.isEnabled()
    assert page.role_button.toolTip() == "Akun Anda sendiri hanya dapat diubah oleh admin lain."
    assert page.change_role() is None


def test_a_refusal_of_the_service_is_shown_in_the_dialog(
        qtbot: QtBot, page: AccountsPage, ctx: ServiceContext) -> None:
    add_budi(qtbot, page)
    select(page, "Budi Santoso")
    dialog = page.change_role()
    assert dialog is not None
    accounts.deactivate_officer(ctx, page.selected().id)  # meanwhile, elsewhere
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.page_error.text() == "Akun tidak ditemukan."  # type: ignore[attr-defined]


def test_admin_deactivates_after_confirming(qtbot: QtBot, page: AccountsPage, db: Database,
                                            answers: Answers) -> None:
    add_budi(qtbot, page)
    select(page, "Budi Santoso")
    answers.index = 1  # "Batal"
    page.deactivate()
    page.runner.wait()
    assert accounts.login(db, "budi", PASSWORD).username == "budi"
    answers.index = 0
    page.deactivate()
    qtbot.waitUntil(lambda: "Budi Santoso" not in names(page))
    assert [a[1] for a in answers.asked] == [["Nonaktifkan akun", "Batal"]] * 2
    assert page.message.text() == "Akun budi dinonaktifkan."
    with pytest.raises(LoginFailed):
        accounts.login(db, "budi", PASSWORD)


def test_kepala_desa_sees_the_list_without_edit_actions(
        qtbot: QtBot, ctx: ServiceContext, runner: TaskRunner, db: Database) -> None:
    head = accounts.create_officer(ctx, "kades", "Haji Oman", PASSWORD, "kepala_desa", PASSWORD)
    head_ctx = ServiceContext(db, VILLAGE.code, head)
    page = open_page(qtbot, head_ctx, runner)
    qtbot.waitUntil(lambda: len(names(page)) == 2)
    assert "Haji Oman (Anda)" in names(page)
    for button in page.admin_buttons:
        assert not button.isVisible()
    assert page.add_account() is None and page.change_role() is None
    select(page, "Admin Desa")
    assert page.reset_password() is None
    page.deactivate()
    assert page.dialog is None
    assert "Hanya admin" in page.explanation.text()

    # Their own password, though, they may change.
    assert page.own_password_button.isVisible()
    dialog = page.change_own_password()
    assert dialog is not None
    fill(qtbot, dialog, password="kades-baru-1", repeat="kades-baru-1")
    save(qtbot, dialog)
    assert accounts.login(db, "kades", "kades-baru-1").id == head.id


def test_accounts_page_and_dialogs_in_english(
        qtbot: QtBot, qapp: QApplication, page: AccountsPage, languages: LanguageManager) -> None:
    dialog = page.add_account()
    assert dialog is not None
    save(qtbot, dialog)  # every field's problem shown
    dialog.show_passwords.setChecked(True)  # type: ignore[attr-defined]
    texts = visible_texts(page) + visible_texts(dialog)
    assert unknown_indonesian(texts) == []
    languages.apply("en")
    qapp.processEvents()
    assert page.title.text() == "Officer accounts"
    assert page.add_button.text() == "Add account…"
    assert dialog.errors["full_name"].text() == "This field is required."  # type: ignore[attr-defined]
    assert roles(page) == ["Admin"]
    assert names(page) == ["Admin Desa (you)"]
    assert languages.translator is not None and languages.translator.missing == set()
    assert left_in_indonesian(visible_texts(page) + visible_texts(dialog)) == []


# -- in the main window -------------------------------------------------------------------
@pytest.fixture
def window(qtbot: QtBot, ctx: ServiceContext, runner: TaskRunner, tmp_path: Path,
           languages: LanguageManager) -> Iterator[MainWindow]:
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(ctx, runner, VILLAGE, settings, languages)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    runner.wait()


def test_the_accounts_page_is_in_the_navigation(qtbot: QtBot, window: MainWindow) -> None:
    texts = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert texts[-1] == "Akun petugas"
    window.nav.setCurrentRow(len(texts) - 1)
    assert window.stack.currentWidget() is window.accounts
    qtbot.waitUntil(lambda: names(window.accounts) == ["Admin Desa (Anda)"])


def test_admin_prints_the_recovery_sheet_again(
        qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, answers: Answers) -> None:
    target = tmp_path / "ulang.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(target), "PDF"))
    answers.index = 1  # "Tutup", not "Buka PDF"
    assert window.act_recovery_sheet.isVisible()
    window.act_recovery_sheet.trigger()
    qtbot.waitUntil(lambda: bool(answers.asked))
    assert answers.asked == [("Lembar pemulihan tersimpan", ["Buka PDF", "Tutup"])]
    text = "\n".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert all(group in text for group in recovery_key.encode(db.key).split("-"))


def test_no_recovery_sheet_for_an_officer(qtbot: QtBot, ctx: ServiceContext,
                                          runner: TaskRunner, tmp_path: Path, db: Database,
                                          languages: LanguageManager) -> None:
    officer: OfficerInfo = accounts.create_officer(ctx, "budi", "Budi", PASSWORD, "petugas",
                                                   PASSWORD)
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(ServiceContext(db, VILLAGE.code, officer), runner, VILLAGE, settings,
                     languages)
    qtbot.addWidget(win)
    assert not win.act_recovery_sheet.isVisible()
    assert not win.accounts.add_button.isVisible()
