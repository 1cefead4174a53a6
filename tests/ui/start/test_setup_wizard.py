"""The first-run wizard: bad codes are refused in plain words; a full run sets up
and hands over the recovery-key sheet before it may finish."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QWizard
from pytestqt.qtbot import QtBot

from desa_desktop.db.engine import Database
from desa_desktop.domain import recovery_key
from desa_desktop.services import accounts
from desa_desktop.ui import dialogs
from desa_desktop.ui.setup_wizard import SetupWizard, dotted
from tests.conftest import VILLAGE

PASSWORD = "rahasia-desa-1"


def open_wizard(qtbot: QtBot, db: Database) -> SetupWizard:
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def type_village(qtbot: QtBot, wizard: SetupWizard, **overrides: str) -> None:
    values = {**VILLAGE.__dict__, **overrides}
    for name, value in values.items():
        wizard.fields[name].clear()
        qtbot.keyClicks(wizard.fields[name], value)


def type_account(qtbot: QtBot, wizard: SetupWizard, repeat: str = PASSWORD) -> None:
    for name, value in (("full_name", "Nining Kurniasih"), ("username", "nining"),
                        ("password", PASSWORD), ("repeat", repeat)):
        qtbot.keyClicks(wizard.fields[name], value)


def press(qtbot: QtBot, wizard: SetupWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def test_bad_code_is_refused_with_a_message_and_nothing_is_created(
        qtbot: QtBot, db: Database) -> None:
    wizard = open_wizard(qtbot, db)
    type_village(qtbot, wizard, regency_code="32.7")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)

    assert wizard.currentPage() is wizard.village_page
    error = wizard.village_page.errors["regency_code"]
    assert error.isVisible()
    assert error.text() == "Kode wilayah harus seperti 32.07."
    assert not wizard.village_page.errors["province_code"].isVisible()
    assert wizard.focusWidget() is wizard.fields["regency_code"]
    assert not accounts.is_set_up(db)
    assert accounts.get_village(db) is None

    # Fixing the field clears its message; Next now moves on.
    wizard.fields["regency_code"].clear()
    qtbot.keyClicks(wizard.fields["regency_code"], "32.07")
    assert not error.isVisible()
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.account_page


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the file dialog with ``path``; returns the suggested names it was shown."""
    suggested: list[str] = []

    def answer(_parent, _title, proposed, _filter):
        suggested.append(proposed)
        return str(path), "PDF"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return suggested


def test_complete_run_creates_village_and_admin_and_emits_completed(
        qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = open_wizard(qtbot, db)
    type_village(qtbot, wizard)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.account_page
    type_account(qtbot, wizard)
    with qtbot.assertNotEmitted(wizard.completed):
        press(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentPage() is wizard.recovery_page
    assert accounts.is_set_up(db)  # stored before the sheet page: the key exists now
    save_to(monkeypatch, tmp_path / "lembar.pdf")
    qtbot.mouseClick(wizard.recovery_page.save_button, Qt.MouseButton.LeftButton)
    wizard.recovery_page.confirm.setChecked(True)
    with qtbot.waitSignal(wizard.completed, timeout=10_000) as blocker:
        press(qtbot, wizard, QWizard.WizardButton.FinishButton)

    officer = blocker.args[0]
    assert officer.username == "nining"
    assert officer.role == "admin"
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert accounts.is_set_up(db)
    assert accounts.get_village(db) == VILLAGE
    assert accounts.login(db, "nining", PASSWORD).id == officer.id


def test_account_problems_keep_the_wizard_open(qtbot: QtBot, db: Database) -> None:
    wizard = open_wizard(qtbot, db)
    type_village(qtbot, wizard)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    type_account(qtbot, wizard, repeat="rahasia-desa-2")
    with qtbot.assertNotEmitted(wizard.completed):
        press(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.isVisible()
    assert wizard.currentPage() is wizard.account_page
    assert wizard.account_page.errors["repeat"].text() == "Kedua kata sandi tidak sama."
    assert not accounts.is_set_up(db)


def test_codes_typed_without_dots_get_them() -> None:
    assert dotted("3207", "32.07") == "32.07"
    assert dotted(" 3207122001 ", "32.07.12.2001") == "32.07.12.2001"
    assert dotted("32.7", "32.07") == "32.7"  # left as typed; the check explains it


@pytest.mark.parametrize(("choice", "closed"), [(1, False), (0, True)])
def test_closing_with_typed_input_asks_first(qtbot: QtBot, db: Database,
                                             monkeypatch: pytest.MonkeyPatch,
                                             choice: int, closed: bool) -> None:
    asked: list[list[str]] = []
    monkeypatch.setattr(dialogs, "choose",
                        lambda _p, _t, _x, options, **_k: asked.append(options) or choice)
    wizard = open_wizard(qtbot, db)
    qtbot.keyClicks(wizard.fields["province_name"], "Jawa Barat")
    wizard.close()
    assert asked == [["Buang isian dan tutup", "Kembali mengisi"]]
    assert wizard.isVisible() is not closed


def test_closing_an_empty_wizard_does_not_ask(qtbot: QtBot, db: Database,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "choose", lambda *a, **k: pytest.fail("asked"))
    wizard = open_wizard(qtbot, db)
    press(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert not wizard.isVisible()


def test_already_set_up_is_said_on_the_page(qtbot: QtBot, db: Database,
                                            officer: accounts.OfficerInfo) -> None:
    wizard = open_wizard(qtbot, db)
    type_village(qtbot, wizard)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    type_account(qtbot, wizard)
    with qtbot.assertNotEmitted(wizard.completed):
        press(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentPage() is wizard.account_page
    assert wizard.account_page.page_error.isVisible()
    assert wizard.account_page.page_error.text() == "Desa ini sudah disiapkan sebelumnya."
    assert [o.username for o in accounts.list_officers(db)] == ["admin"]


def run_to_recovery_page(qtbot: QtBot, db: Database) -> SetupWizard:
    wizard = open_wizard(qtbot, db)
    type_village(qtbot, wizard)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    type_account(qtbot, wizard)
    press(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentPage() is wizard.recovery_page
    return wizard


def test_recovery_page_refuses_to_finish_until_saved_and_ticked(
        qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = run_to_recovery_page(qtbot, db)
    page = wizard.recovery_page
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible() and not finish.isEnabled()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()  # already stored
    assert not page.confirm.isEnabled()  # nothing printed yet: nothing to confirm

    target = tmp_path / "lembar-pemulihan"
    suggested = save_to(monkeypatch, target)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "lembar-pemulihan.pdf"  # the extension is added when left out
    assert written.exists() and page.saved_path == written
    assert suggested and suggested[0].endswith("lembar-pemulihan-karyamukti.pdf")
    assert str(written) in page.status.text()
    assert page.confirm.isEnabled() and not finish.isEnabled()

    with qtbot.assertNotEmitted(wizard.completed):
        wizard.accept()  # Enter or a stray click: still refused
    assert wizard.isVisible()

    page.confirm.setChecked(True)
    assert finish.isEnabled()
    with qtbot.waitSignal(wizard.completed, timeout=10_000):
        press(qtbot, wizard, QWizard.WizardButton.FinishButton)

    text = pdf_text(written)
    key = recovery_key.encode(db.key)
    assert all(group in text for group in key.split("-"))
    assert "Karyamukti" in text


def test_closing_before_the_sheet_is_confirmed_asks_first(
        qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = run_to_recovery_page(qtbot, db)
    asked: list[list[str]] = []
    monkeypatch.setattr(dialogs, "choose",
                        lambda _p, _t, _x, options, **_k: asked.append(options) or 1)
    wizard.close()
    assert asked == [["Tutup tanpa lembar", "Kembali ke lembar pemulihan"]]
    assert wizard.isVisible()


def test_a_sheet_that_cannot_be_written_is_said_on_the_page(
        qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = run_to_recovery_page(qtbot, db)
    save_to(monkeypatch, tmp_path / "no-such-folder" / "x" / "lembar.pdf")
    (tmp_path / "no-such-folder").write_text("a file, not a folder")
    qtbot.mouseClick(wizard.recovery_page.save_button, Qt.MouseButton.LeftButton)
    page = wizard.recovery_page
    assert page.page_error.isVisible()
    assert page.page_error.text().startswith("Lembar pemulihan tidak dapat disimpan")
    assert page.saved_path is None and not page.confirm.isEnabled()
