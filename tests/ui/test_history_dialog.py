"""The change-history dialog as an officer uses it: open it from the person pane,
read who changed what, print the person's data to PDF, and switch to English."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog

from desa_desktop.services import persons, placements
from desa_desktop.services.context import ServiceContext
from desa_desktop.ui import dialogs
from desa_desktop.ui.history_dialog import HistoryDialog, default_pdf_name
from desa_desktop.ui.person_detail import PersonDetail
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import LanguageManager
from tests.reports.helpers import pdf_text
from tests.services.helpers import add_person
from tests.ui.helpers import left_in_indonesian, unknown_indonesian, visible_texts


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    worker = TaskRunner()
    yield worker
    worker.wait()
    qapp.processEvents()


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, list[str]]]:
    """Message boxes are answered "Tutup" (the last option) and recorded, never shown."""
    asked: list[tuple[str, str, list[str]]] = []

    def choose(_parent, title, text, options, default=0, icon=None) -> int:
        asked.append((title, text, list(options)))
        return len(options) - 1

    monkeypatch.setattr(dialogs, "choose", choose)
    return asked


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[LanguageManager]:
    manager = LanguageManager(qapp)
    yield manager
    manager.apply("id")
    qapp.processEvents()


@pytest.fixture
def person(ctx: ServiceContext) -> str:
    """A person created through the services, then corrected once (a new phone number)."""
    person_id = add_person(ctx, "Siti Aminah", sex="P", birth=date(1990, 5, 4))
    placements.add_placement(ctx, person_id, placements.PlacementInput(
        "HK", "informal", "plrt", "p2p", "PT Contoh", date(2024, 3, 1)))
    view = persons.get_person(ctx, person_id)
    persons.update_person(ctx, person_id, replace(view.as_input(), phone="081234567890"),
                          confirmed=True)
    return person_id


@pytest.fixture
def dialog(qtbot, ctx: ServiceContext, runner: TaskRunner, person: str,
           questions) -> HistoryDialog:
    window = HistoryDialog(ctx, runner, person, "Siti Aminah")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window._state == "loaded")
    return window


def cells(window: HistoryDialog) -> list[list[str]]:
    table = window.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_lists_the_creation_and_the_update_with_the_officer(dialog: HistoryDialog) -> None:
    rows = cells(dialog)
    actions = [row[2].splitlines()[0] for row in rows]
    assert "Data pribadi dibuat" in actions
    assert "Data pribadi diubah" in actions
    assert "Penempatan dibuat" in actions
    assert actions[-1] == "Data pribadi dibuat"  # newest first: the creation is at the bottom
    update = next(row for row in rows if "No. HP" in row[3])
    assert update[1] == "Admin Desa"
    assert "No. HP: (kosong) → 0812-3456-7890" in update[3]
    created = rows[-1]
    assert created[1] == "Admin Desa"
    assert "Nama lengkap: Siti Aminah" in created[3]
    assert "Sumber: Langsung (tatap muka)" in created[2]
    assert dialog.status.text() == f"{len(rows)} perubahan tercatat."


def test_opens_from_the_person_pane(qtbot, ctx: ServiceContext, runner: TaskRunner,
                                    person: str, questions) -> None:
    pane = PersonDetail(ctx=ctx, runner=runner)
    qtbot.addWidget(pane)
    pane.show_person(persons.get_person(ctx, person))
    assert pane.history_button.text() == "Riwayat && data pribadi"  # shown as "&"
    assert pane.history_button.isEnabled()
    pane.history_button.click()
    opened = pane.history_dialog
    assert isinstance(opened, HistoryDialog)
    qtbot.waitUntil(lambda: opened.table.rowCount() >= 3)
    assert opened.name_label.text() == "Siti Aminah"
    opened.close()
    assert pane.history_dialog is None
    pane.show_person(None)
    assert not pane.history_button.isEnabled()


def test_prints_the_personal_data_to_the_chosen_file(qtbot, dialog: HistoryDialog,
                                                      tmp_path: Path, questions,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = tmp_path / "cetak" / "siti-data"  # typed without ".pdf"
    chosen.parent.mkdir()
    asked_for: list[str] = []

    def save_name(_parent, _title, suggested, _filter):
        asked_for.append(suggested)
        return str(chosen), "PDF"

    opened: list[object] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    with qtbot.waitSignal(dialog.sig_printed, timeout=20_000) as signal:
        dialog.print_button.click()
    written = Path(signal.args[0])
    assert written == chosen.with_name("siti-data.pdf")
    assert written.exists()
    assert asked_for[0].endswith(default_pdf_name("Siti Aminah", date(2026, 11, 22)))
    text = pdf_text(written)
    assert "Siti Aminah" in text and "Hong Kong" in text and "Data pribadi diubah" in text
    assert sorted(p.name for p in written.parent.iterdir()) == ["siti-data.pdf"]
    title, message, options = questions[-1]
    assert title == "PDF tersimpan" and str(written) in message
    assert options == ["Buka PDF", "Tutup"]
    assert opened == []  # "Tutup" chosen: nothing opened
    assert dialog.print_button.isEnabled()
    # The printout itself is in the person's history: who printed it, and when.
    qtbot.waitUntil(lambda: bool(dialog.lines) and dialog.lines[0].action == "printed")
    assert dialog.lines[0].officer_name == dialog.ctx.officer.full_name


def test_cancelled_file_dialog_prints_nothing(qtbot, dialog: HistoryDialog, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: ("", ""))
    dialog.print_button.click()
    assert dialog.print_button.isEnabled()
    assert not list(tmp_path.glob("*.pdf"))


def test_every_text_is_translated_to_english(qtbot, dialog: HistoryDialog,
                                             languages: LanguageManager) -> None:
    assert unknown_indonesian(visible_texts(dialog)) == []
    languages.apply("en")
    QApplication.processEvents()
    assert dialog.windowTitle() == "Change history"
    assert dialog.print_button.text() == "Print personal data (PDF)…"
    assert left_in_indonesian(visible_texts(dialog)) == []
    actions = [row[2].splitlines()[0] for row in cells(dialog)]
    assert "Personal data created" in actions
    update = next(row for row in cells(dialog) if "Mobile no." in row[3])
    assert "Mobile no.: (empty) → 0812-3456-7890" in update[3]


def test_the_registry_page_pane_opens_the_history_of_the_selected_person(
        qtbot, ctx: ServiceContext, runner: TaskRunner, person: str, questions,
        tmp_path: Path, languages: LanguageManager) -> None:
    """In the main window the pane is given no services: it uses its page's."""
    from PySide6.QtCore import QSettings

    from desa_desktop.services import accounts
    from desa_desktop.ui.main_window import MainWindow
    from desa_desktop.ui.settings import Settings

    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ctx, runner, accounts.get_village(ctx.db), settings, languages)
    qtbot.addWidget(window)
    window.show()
    registry = window.registry
    registry.table.selectRow(registry.model.row_of(person))
    assert registry.detail.history_button.isEnabled()
    registry.detail.history_button.click()
    opened = registry.detail.history_dialog
    assert isinstance(opened, HistoryDialog)
    qtbot.waitUntil(lambda: opened.table.rowCount() >= 3)
    opened.close()
    runner.wait()
