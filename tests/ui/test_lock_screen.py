"""Locking the shared laptop: nothing personal shows while locked, typed input
survives, a wrong password keeps it locked, another officer takes over."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desa_desktop.services import accounts, drafts, persons
from desa_desktop.services.context import OfficerInfo, ServiceContext
from desa_desktop.ui import dialogs
from desa_desktop.ui.lock_screen import LockScreen
from desa_desktop.ui.main_window import MainWindow, replace_for_officer
from desa_desktop.ui.person_form import PersonForm
from desa_desktop.ui.settings import Settings
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import LanguageManager
from tests.conftest import ADMIN_PASSWORD, VILLAGE
from tests.ui.helpers import fill_village, left_in_indonesian, unknown_indonesian, visible_texts

BUDI_PASSWORD = "budi-pos-2026"


@pytest.fixture(autouse=True)
def no_real_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real message box would block offscreen; closing at teardown answers "discard"."""
    monkeypatch.setattr(dialogs, "choose", lambda *_args, **_kwargs: 2)


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


@pytest.fixture
def window(qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, languages: LanguageManager,
           runner: TaskRunner) -> Iterator[MainWindow]:
    ids = fill_village(ctx)
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(ctx, runner, accounts.get_village(ctx.db) or VILLAGE, settings, languages)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.ids = ids  # type: ignore[attr-defined]
    yield win
    runner.wait()
    if win.session_lock.screen is not None:
        win.session_lock.shutdown()


@pytest.fixture
def budi(ctx: ServiceContext) -> OfficerInfo:
    return accounts.create_officer(ctx, "budi", "Budi Santoso", BUDI_PASSWORD, "petugas",
                                   BUDI_PASSWORD)


def shown_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def everything_readable() -> str:
    """All texts of all visible windows: typed text and data labels included."""
    texts: list[str] = []
    for window in shown_windows():
        texts += visible_texts(window)
        for kind in (QLabel, QAbstractButton, QLineEdit):
            texts += [w.text() for w in window.findChildren(kind)]
    return "\n".join(texts)


def open_person_form(qtbot: QtBot, window: MainWindow, name: str) -> PersonForm:
    window.add_person()
    forms = [f for f in window.registry.findChildren(PersonForm) if f.isVisible()]
    assert len(forms) == 1
    form = forms[0]
    qtbot.waitExposed(form)
    qtbot.keyClicks(form.fields["full_name"], name)
    return form


def lock_screen(window: MainWindow) -> LockScreen:
    screen = window.session_lock.screen
    assert screen is not None
    return screen


def unlock_with(qtbot: QtBot, window: MainWindow, username: str | None, password: str) -> None:
    screen = lock_screen(window)
    if username is not None:
        screen.username.setText(username)
    screen.password.clear()
    qtbot.keyClicks(screen.password, password)
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)


def test_idle_time_locks_and_nothing_personal_is_left_on_screen(
        qtbot: QtBot, window: MainWindow, ctx: ServiceContext) -> None:
    siti = persons.get_person(ctx, window.ids["Siti Aminah"])  # type: ignore[attr-defined]
    names = [row.full_name for row in window.registry.model.rows]
    window.registry.table.selectRow(names.index("Siti Aminah"))
    form = PersonForm(ctx, window.runner, siti.id, window)
    qtbot.addWidget(form)
    form.show()
    assert "Siti Aminah" in everything_readable()  # on screen before the lock

    window.session_lock.set_timeout_ms(30)
    qtbot.waitUntil(lambda: window.session_lock.locked, timeout=3_000)

    screen = lock_screen(window)
    assert shown_windows() == [screen]
    assert not window.isVisible() and not form.isVisible()
    readable = everything_readable()
    for secret in ("Siti Aminah", siti.nik, siti.nik.replace(" ", ""), "Hong Kong"):
        assert secret not in readable
    assert "Layar terkunci" in readable
    assert "Pos Layanan Desmigratif Karyamukti" in readable
    assert screen.username.text() == "admin"  # prefilled: only the password to type
    assert screen.focusWidget() is screen.password


def test_typed_form_survives_lock_and_unlock_by_the_same_officer(
        qtbot: QtBot, window: MainWindow, ctx: ServiceContext) -> None:
    form = open_person_form(qtbot, window, "Nining Kurniasih")
    window.act_lock.trigger()
    assert window.session_lock.locked
    assert not form.isVisible() and not window.isVisible()
    window.runner.wait()
    qtbot.waitUntil(lambda: (drafts.load_draft(ctx, form.draft_key) or {}).get("full_name")
                    == "Nining Kurniasih")  # kept even if the laptop is switched off now

    unlock_with(qtbot, window, None, ADMIN_PASSWORD)

    assert not window.session_lock.locked
    assert window.isVisible() and form.isVisible()
    assert not lock_screen(window).isVisible()
    assert form.fields["full_name"].text() == "Nining Kurniasih"
    assert form.dirty  # still unsaved: closing it would still ask


def test_ctrl_l_locks_even_from_a_form(qtbot: QtBot, window: MainWindow) -> None:
    form = open_person_form(qtbot, window, "Asep")
    qtbot.keyClick(form.fields["full_name"], Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session_lock.locked
    assert form.fields["full_name"].text() == "Asep"  # the key was not typed into the form
    assert not form.isVisible()


def test_wrong_password_keeps_it_locked_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    window.act_lock.trigger()
    screen = lock_screen(window)
    unlock_with(qtbot, window, None, "bukan-sandinya")
    assert window.session_lock.locked and not window.isVisible()
    assert screen.error.isVisible()
    assert screen.error.text() == "Nama pengguna atau kata sandi salah."
    assert screen.password.text() == ""

    for _ in range(2):
        unlock_with(qtbot, window, None, "bukan-sandinya")
    unlock_with(qtbot, window, None, ADMIN_PASSWORD)  # right, but must wait now
    assert window.session_lock.locked
    assert screen.error.text().startswith("Terlalu banyak percobaan yang salah. Coba lagi dalam")
    assert "detik" in screen.error.text()


def test_empty_password_is_asked_for(qtbot: QtBot, window: MainWindow) -> None:
    window.act_lock.trigger()
    screen = lock_screen(window)
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert screen.error.text() == "Isi nama pengguna dan kata sandi."


def test_closing_the_lock_screen_does_not_unlock(qtbot: QtBot, window: MainWindow) -> None:
    window.act_lock.trigger()
    screen = lock_screen(window)
    screen.close()
    assert screen.isVisible() and window.session_lock.locked and not window.isVisible()


def test_a_window_opened_while_locked_is_hidden_until_unlock(
        qtbot: QtBot, window: MainWindow) -> None:
    window.act_lock.trigger()
    late = QWidget(window, Qt.WindowType.Window)  # e.g. a job finishing opens a window
    late.setWindowTitle("Siti Aminah")
    late.show()
    qtbot.waitUntil(lambda: not late.isVisible())
    assert "Siti Aminah" not in everything_readable()
    unlock_with(qtbot, window, None, ADMIN_PASSWORD)
    assert late.isVisible()


def test_another_officer_takes_over_and_the_forms_become_drafts(
        qtbot: QtBot, window: MainWindow, ctx: ServiceContext, budi: OfficerInfo) -> None:
    form = open_person_form(qtbot, window, "Euis Kurniasih")
    key = form.draft_key
    window.act_switch.trigger()
    screen = lock_screen(window)
    assert screen.username.text() == ""  # the switch prompt: the next officer's name
    qtbot.keyClicks(screen.username, "budi")
    assert screen.switch_note.isVisible()

    with qtbot.waitSignal(window.officer_switched, timeout=5_000) as blocker:
        unlock_with(qtbot, window, None, BUDI_PASSWORD)
    assert blocker.args[0].username == "budi"
    assert not form.isVisible() and not window.isVisible()
    assert screen.isVisible()  # still locked until the window is rebuilt
    window.runner.wait()
    assert (drafts.load_draft(ctx, key) or {}).get("full_name") == "Euis Kurniasih"

    new = replace_for_officer(window, blocker.args[0])
    qtbot.addWidget(new)
    assert new.isVisible() and new.ctx.officer.username == "budi"
    assert "Budi Santoso (Petugas)" in new.who.text()
    assert not new.act_recovery_sheet.isVisible()  # not an admin
    assert not screen.isVisible()
    assert shown_windows() == [new]
    new.runner.wait()


def test_the_switch_button_on_the_lock_screen_empties_the_user_name(
        qtbot: QtBot, window: MainWindow) -> None:
    window.act_lock.trigger()
    screen = lock_screen(window)
    assert screen.username.text() == "admin" and not screen.switch_note.isVisible()
    qtbot.mouseClick(screen.switch_button, Qt.MouseButton.LeftButton)
    assert screen.username.text() == "" and screen.focusWidget() is screen.username


def test_the_same_officer_typed_on_the_switch_prompt_just_unlocks(
        qtbot: QtBot, window: MainWindow) -> None:
    window.act_switch.trigger()
    with qtbot.assertNotEmitted(window.officer_switched):
        unlock_with(qtbot, window, "Admin", ADMIN_PASSWORD)
    assert not window.session_lock.locked and window.isVisible()


def test_lock_time_from_settings_and_the_status_bar_names_the_officer(
        window: MainWindow) -> None:
    assert window.session_lock.timer.interval() == 5 * 60_000
    assert window.who.text() == "Admin Desa (Admin) · Pos Layanan Desmigratif Karyamukti"


def test_the_lock_screen_in_english_is_fully_translated(
        qtbot: QtBot, qapp: QApplication, window: MainWindow,
        languages: LanguageManager) -> None:
    window.act_lock.trigger()
    screen = lock_screen(window)
    qtbot.keyClicks(screen.username, "x")  # the switch note
    unlock_with(qtbot, window, None, "salah")  # an error message
    indonesian = visible_texts(screen) + visible_texts(window)
    assert unknown_indonesian(indonesian) == []
    languages.apply("en")
    qapp.processEvents()
    assert screen.heading.text() == "Screen locked"
    assert screen.unlock_button.text() == "Unlock"
    assert screen.error.text() == "Wrong user name or password."
    assert languages.translator is not None and languages.translator.missing == set()
    assert left_in_indonesian(visible_texts(screen) + visible_texts(window)) == []
