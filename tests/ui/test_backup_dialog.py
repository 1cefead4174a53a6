"""The "Cadangan data" dialog, used as an officer would: real files, patched questions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desa_desktop.db.engine import Database
from desa_desktop.services import accounts, backup
from desa_desktop.services.context import ServiceContext
from desa_desktop.ui import dialogs
from desa_desktop.ui.backup_dialog import NOT_ADMIN, BackupDialog
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import LanguageManager
from tests.conftest import TODAY, VILLAGE
from tests.services.helpers import add_person, count_rows
from tests.ui.helpers import left_in_indonesian, unknown_indonesian, visible_texts

T0 = datetime(2026, 11, 22, 8, 0, 0)


@dataclass
class Chooser:
    """Stands in for ``dialogs.choose``: answers queued labels, else the last option."""

    answers: list[str] = field(default_factory=list)
    asked: list[tuple[str, str, list[str]]] = field(default_factory=list)

    def __call__(self, parent, title: str, text: str, options: list[str], default: int = 0,
                 icon=None) -> int:
        self.asked.append((title, text, list(options)))
        if self.answers:
            return options.index(self.answers.pop(0))
        return len(options) - 1


@pytest.fixture
def chooser(monkeypatch: pytest.MonkeyPatch) -> Chooser:
    fake = Chooser()
    monkeypatch.setattr(dialogs, "choose", fake)
    return fake


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    worker = TaskRunner()
    yield worker
    worker.wait()
    qapp.processEvents()


@pytest.fixture
def open_dialog(qtbot: QtBot, runner: TaskRunner, chooser: Chooser):  # type: ignore[no-untyped-def]
    def make(ctx: ServiceContext) -> BackupDialog:
        dialog = BackupDialog(ctx, runner)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.sig_loaded, timeout=10_000):
            dialog.show()
        return dialog

    return make


def petugas_ctx(ctx: ServiceContext) -> ServiceContext:
    budi = accounts.create_officer(ctx, "budi", "Budi Santoso", "budi-rahasia-1")
    return ServiceContext(ctx.db, VILLAGE.code, budi, today=lambda: TODAY)


def cells(dialog: BackupDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_lists_backups_newest_first_with_reasons_in_indonesian(
        ctx: ServiceContext, db: Database, open_dialog) -> None:  # type: ignore[no-untyped-def]
    backup.make_backup(db, reason="daily", now=T0)
    backup.make_backup(db, reason="exit", now=T0 + timedelta(hours=1))
    backup.make_backup(db, reason="usb", folder=backup.backup_folder(db.path),
                       now=T0 + timedelta(hours=2))
    dialog = open_dialog(ctx)

    rows = cells(dialog)
    assert [r[:2] for r in rows] == [["22/11/2026 10.00", "USB / folder lain"],
                                     ["22/11/2026 09.00", "Keluar aplikasi"],
                                     ["22/11/2026 08.00", "Harian"]]
    assert all(r[2].endswith("B") for r in rows)
    assert dialog.status.text().startswith("Cadangan: 3. Terakhir: 22/11/2026 10.00.")
    assert not dialog.restore_button.isEnabled()  # nothing chosen yet
    dialog.table.selectRow(1)
    assert dialog.restore_button.isEnabled()


def test_backup_now_adds_a_row_and_selects_it(ctx: ServiceContext, db: Database,
                                              qtbot: QtBot, open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(ctx)
    assert dialog.status.text() == "Belum ada cadangan di laptop ini."
    with qtbot.waitSignal(dialog.sig_loaded, timeout=10_000):
        qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1
    assert cells(dialog)[0][1] == "Manual"
    made = dialog.selected()
    assert made is not None and made.path.exists() and made.reason == "manual"
    assert "Cadangan dibuat:" in dialog.status.text()
    assert dialog.backup_button.isEnabled()


def test_backup_to_usb_writes_the_chosen_folder_and_says_where(
        ctx: ServiceContext, qtbot: QtBot, tmp_path: Path, chooser: Chooser,
        monkeypatch: pytest.MonkeyPatch, open_dialog) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    dialog = open_dialog(ctx)
    with qtbot.waitSignal(dialog.sig_backup_made, timeout=10_000) as made:
        qtbot.mouseClick(dialog.usb_button, Qt.MouseButton.LeftButton)
    info = made.args[0]
    assert info.path.parent == stick and info.reason == "usb" and info.keys_path.exists()
    assert chooser.asked[-1][0] == "Cadangan tersimpan"
    assert str(info.path) in chooser.asked[-1][1]
    assert dialog.table.rowCount() == 0  # the stick's backups are not this laptop's


def test_a_removed_stick_shows_the_plain_message(
        ctx: ServiceContext, qtbot: QtBot, tmp_path: Path, chooser: Chooser,
        monkeypatch: pytest.MonkeyPatch, open_dialog) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *a, **k: str(tmp_path / "dicabut"))
    dialog = open_dialog(ctx)
    with qtbot.waitSignal(dialog.sig_failed, timeout=10_000) as failed:
        dialog.usb_button.click()
    assert failed.args[0].startswith("Folder tujuan tidak ditemukan")
    assert chooser.asked[-1][0] == "Cadangan gagal dibuat"
    assert dialog.usb_button.isEnabled()


def test_a_petugas_cannot_restore(ctx: ServiceContext, db: Database,
                                  open_dialog) -> None:  # type: ignore[no-untyped-def]
    backup.make_backup(db)
    dialog = open_dialog(petugas_ctx(ctx))
    dialog.table.selectRow(0)
    for button in (dialog.restore_button, dialog.restore_file_button):
        assert not button.isEnabled()
        assert button.toolTip() == NOT_ADMIN
    assert dialog.backup_button.isEnabled()  # anyone may make a backup


def test_admin_restores_the_selected_backup_after_confirming(
        ctx: ServiceContext, db: Database, qtbot: QtBot, chooser: Chooser,
        open_dialog) -> None:  # type: ignore[no-untyped-def]
    add_person(ctx, "Siti Aminah")
    backup.make_backup(db, now=T0)
    add_person(ctx, "Dedi Supriatna")
    dialog = open_dialog(ctx)
    dialog.table.selectRow(0)
    chooser.answers[:] = ["Pulihkan"]

    with qtbot.waitSignal(dialog.restored, timeout=15_000) as restored:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert restored.args[0] == db.path
    question = chooser.asked[0]
    assert question[0] == "Pulihkan data dari cadangan?"
    assert "1 orang dan 0 keluarga" in question[1]
    assert chooser.asked[-1][0] == "Data dipulihkan"
    assert "sebelum-pulih" in chooser.asked[-1][1]
    assert count_rows(db, "person", "deleted_at IS NULL") == 1
    assert not dialog.isVisible()


def test_saying_no_changes_nothing(ctx: ServiceContext, db: Database, qtbot: QtBot,
                                   chooser: Chooser, runner: TaskRunner,
                                   open_dialog) -> None:  # type: ignore[no-untyped-def]
    add_person(ctx, "Siti Aminah")
    backup.make_backup(db)
    add_person(ctx, "Dedi Supriatna")
    dialog = open_dialog(ctx)
    dialog.table.selectRow(0)
    dialog.restore_selected()  # no queued answer: the last option, "Batal"
    qtbot.waitUntil(lambda: bool(chooser.asked), timeout=10_000)
    runner.wait()
    assert chooser.asked[0][2] == ["Pulihkan", "Batal"]
    assert count_rows(db, "person", "deleted_at IS NULL") == 2
    assert not list(db.path.parent.glob("*sebelum-pulih*"))


def test_a_damaged_backup_is_refused_with_the_reason(
        ctx: ServiceContext, db: Database, qtbot: QtBot, chooser: Chooser,
        open_dialog) -> None:  # type: ignore[no-untyped-def]
    info = backup.make_backup(db)
    data = bytearray(info.path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(b ^ 0xFF for b in data[middle:middle + 64])
    info.path.write_bytes(bytes(data))
    dialog = open_dialog(ctx)
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.sig_failed, timeout=10_000) as failed:
        dialog.restore_button.click()
    assert failed.args[0].startswith("Cadangan ini rusak")
    assert [q[0] for q in chooser.asked] == ["Cadangan tidak dapat dipulihkan"]
    assert not list(db.path.parent.glob("*sebelum-pulih*"))


def test_every_text_is_translatable_and_english_leaves_no_indonesian(
        ctx: ServiceContext, db: Database, qapp: QApplication,
        open_dialog) -> None:  # type: ignore[no-untyped-def]
    languages = LanguageManager(qapp)
    try:
        backup.make_backup(db, reason="daily", now=T0)
        dialog = open_dialog(ctx)
        assert unknown_indonesian(visible_texts(dialog)) == []
        languages.apply("en")
        qapp.processEvents()
        assert left_in_indonesian(visible_texts(dialog)) == []
        assert dialog.windowTitle() == "Backups"
        assert cells(dialog)[0][1] == "Daily"
        assert dialog.restore_button.text() == "Restore from the selected backup…"
        assert dialog.status.text().startswith("Backups: 1. Latest:")
    finally:
        languages.apply("id")
        qapp.processEvents()
