"""Switching the language live, remembering it, and no untranslated texts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desa_desktop.db.engine import Database
from desa_desktop.services.context import ServiceContext
from desa_desktop.ui import settings as keys
from desa_desktop.ui.bin_page import BinPage
from desa_desktop.ui.login_dialog import LoginDialog
from desa_desktop.ui.settings import Settings
from desa_desktop.ui.settings_dialog import SettingsDialog
from desa_desktop.ui.setup_wizard import SetupWizard
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import LanguageManager


def ini_settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


def test_saving_english_switches_live_and_is_remembered(
        qtbot: QtBot, tmp_path: Path, languages: LanguageManager) -> None:
    languages.apply("id")
    dialog = SettingsDialog(ini_settings(tmp_path), languages)
    qtbot.addWidget(dialog)
    dialog.show()
    label = dialog.language_label
    assert label.text() == "Bahasa"
    assert dialog.language.currentData() == "id"

    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert languages.lang == "en"
    qtbot.waitUntil(lambda: label.text() == "Language")
    assert dialog.language_label is label  # same widget, retranslated in place
    assert dialog.save_button.text() == "Save"
    assert ini_settings(tmp_path).get(keys.LANGUAGE) == "en"  # read back from the file


def test_close_keeps_the_language(qtbot: QtBot, tmp_path: Path,
                                  languages: LanguageManager) -> None:
    settings = ini_settings(tmp_path)
    dialog = SettingsDialog(settings, languages)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert languages.lang == "id"
    assert settings.get(keys.LANGUAGE) == "id"


def test_english_leaves_no_missing_strings(
        qtbot: QtBot, qapp: QApplication, tmp_path: Path, db: Database, ctx: ServiceContext,
        languages: LanguageManager, runner: TaskRunner) -> None:
    languages.apply("en")
    wizard = SetupWizard(db)
    login = LoginDialog(lambda u, p: None, "Pos Layanan Desmigratif Karyamukti")
    page = BinPage(ctx, runner)
    dialog = SettingsDialog(ini_settings(tmp_path), languages)
    widgets: list[QWidget] = [wizard, login, page, dialog]
    for widget in widgets:
        qtbot.addWidget(widget)
        widget.show()
    page.refresh()
    qtbot.waitUntil(lambda: not page.loading)
    # Every variant of the texts: password shown, empty fields, busy note, a selection hint.
    login.show_password.click()
    login.submit()
    assert login.error.text() == "Fill in the user name and the password."
    login.set_busy(True)
    page.restore_selected()
    wizard.account_page.show_password.click()
    for widget in (wizard, wizard.village_page, wizard.account_page, login, page, dialog):
        widget.retranslate()  # type: ignore[attr-defined]
    qapp.processEvents()

    assert languages.translator is not None
    assert languages.translator.missing == set()
    assert wizard.village_page.title() == "Village identity"
    assert wizard.buttonText(wizard.WizardButton.NextButton) == "Next >"
    assert login.login_button.text() == "Log in"
    assert page.title.text() == "Bin"
    assert page.empty.text() == "The bin is empty."
    assert page.message.text() == "First select the record to restore."
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Type"


def test_switching_language_retranslates_open_screens(
        qtbot: QtBot, db: Database, languages: LanguageManager) -> None:
    """A wizard with a shown problem switches both its labels and the message."""
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.fields["province_code"].setText("3")
    wizard.next()
    error = wizard.village_page.errors["province_code"]
    assert error.text() == "Kode wilayah harus seperti 32."
    languages.apply("en")
    qtbot.waitUntil(lambda: wizard.village_page.title() == "Village identity")
    assert wizard.fields["province_code"].text() == "3"  # nothing typed is lost
    assert error.isVisibleTo(wizard)
    languages.apply("id")
    qtbot.waitUntil(lambda: wizard.village_page.title() == "Identitas desa")
    assert error.text() == "Kode wilayah harus seperti 32."


def test_lock_time_is_saved_within_its_range(qtbot: QtBot, tmp_path: Path,
                                             languages: LanguageManager) -> None:
    settings = ini_settings(tmp_path)
    assert keys.lock_minutes(settings) == 5
    dialog = SettingsDialog(settings, languages)
    qtbot.addWidget(dialog)
    spin = dialog.lock_minutes
    assert (spin.value(), spin.minimum(), spin.maximum()) == (5, 1, 120)  # 0 is not offered
    spin.setValue(0)
    assert spin.value() == 1
    spin.setValue(15)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert ini_settings(tmp_path).get(keys.LOCK_MINUTES) == 15


def test_a_hand_edited_lock_time_is_kept_in_range(tmp_path: Path) -> None:
    settings = ini_settings(tmp_path)
    settings.set(keys.LOCK_MINUTES, 0)
    assert keys.lock_minutes(settings) == 1
    settings.set(keys.LOCK_MINUTES, 9999)
    assert keys.lock_minutes(settings) == 120


def test_only_an_admin_changes_the_lock_time(qtbot: QtBot, tmp_path: Path,
                                             languages: LanguageManager) -> None:
    settings = ini_settings(tmp_path)
    dialog = SettingsDialog(settings, languages, lock_editable=False)
    qtbot.addWidget(dialog)
    assert not dialog.lock_minutes.isEnabled()
    assert dialog.lock_note.text() == "Hanya admin yang dapat mengubah waktu kunci layar."
    dialog.lock_minutes.setValue(60)
    dialog.save()
    assert settings.get(keys.LOCK_MINUTES) == 5
