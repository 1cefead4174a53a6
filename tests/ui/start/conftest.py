"""Fixtures for the start-up screens: a language manager and a task runner."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from desa_desktop.ui import dialogs
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import LanguageManager


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[LanguageManager]:
    """A language manager; Indonesian again after the test, whatever it switched to."""
    manager = LanguageManager(qapp)
    yield manager
    manager.apply("id")
    qapp.processEvents()


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.wait()
    qapp.processEvents()


@pytest.fixture(autouse=True)
def no_real_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real message box would block offscreen; closing at teardown answers "discard"."""
    monkeypatch.setattr(dialogs, "choose", lambda *_args, **_kwargs: 0)
