"""Around a session: start-up check, daily backup, exit backup (ui.housekeeping)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from desa_desktop.db.engine import Database, connect
from desa_desktop.services import backup
from desa_desktop.services.context import ServiceContext
from desa_desktop.ui import dialogs
from desa_desktop.ui.housekeeping import Housekeeping
from desa_desktop.ui.tasks import TaskRunner
from tests.services.helpers import add_person

PAGE = 4096


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    worker = TaskRunner()
    yield worker
    worker.wait()
    qapp.processEvents()


def names(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql("SELECT full_name FROM person ORDER BY 1")]


def test_login_makes_the_daily_backup_once(qtbot, ctx: ServiceContext,
                                          runner: TaskRunner) -> None:
    add_person(ctx, "Siti Aminah")
    keeper = Housekeeping(runner)
    notes: list[str] = []
    keeper.after_login(QWidget(), ctx, notes.append, lambda: None)
    runner.wait()
    qtbot.wait(10)
    made = backup.list_backups(backup.backup_folder(ctx.db.path))
    assert [b.reason for b in made] == ["daily"]
    keeper.after_login(QWidget(), ctx, notes.append, lambda: None)  # same day: not again
    runner.wait()
    assert len(backup.list_backups(backup.backup_folder(ctx.db.path))) == 1
    assert notes == []


def test_a_damaged_file_is_replaced_by_the_newest_good_backup(
        qtbot, ctx: ServiceContext, db: Database, runner: TaskRunner,
        monkeypatch: pytest.MonkeyPatch) -> None:
    add_person(ctx, "Siti Aminah")
    backup.make_backup(db, reason="daily")
    add_person(ctx, "Dedi Supriatna")
    path, key = db.path, db.key
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    for i in range(2 * PAGE + 1000, 2 * PAGE + 1064):  # a power cut wrote garbage here
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))

    damaged = connect(path, key)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "choose",
                        lambda _p, _t, text, _o, *a, **k: asked.append(text) or 0)
    restored: list[bool] = []
    keeper = Housekeeping(runner)
    keeper.after_login(QWidget(), ServiceContext(damaged, ctx.village_code, ctx.officer),
                       lambda _n: None, lambda: restored.append(True))
    qtbot.waitUntil(lambda: restored == [True], timeout=10_000)
    assert "Pulihkan dari cadangan terbaru" in asked[0]
    reopened = connect(path, key)
    try:
        assert backup.quick_check(reopened) is None
        assert names(reopened) == ["Siti Aminah"]  # the backup's data
    finally:
        reopened.close()
    assert list(Path(path.parent).glob(f"{path.name}.sebelum-pulih-*"))  # damaged file kept


def test_exit_backup_is_made_and_the_file_closed(ctx: ServiceContext, db: Database,
                                                 runner: TaskRunner) -> None:
    add_person(ctx, "Siti Aminah")
    Housekeeping(runner).on_exit(db)
    made = backup.list_backups(backup.backup_folder(db.path))
    assert [b.reason for b in made] == ["exit"]
    assert backup.check_backup(made[0].path, db.key).persons == 1
