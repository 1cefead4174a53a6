"""Fixtures of the form tests: a worker per test, patched questions, tidy closing.

Message boxes are never shown: ``dialogs.choose`` is replaced by a
``Chooser`` that answers by button label and records what was asked (the
Spyder practice). Forms opened through ``open_form`` are closed without
questions at teardown, before the worker and the database go away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtWidgets import QApplication

from desa_desktop.services.context import ServiceContext
from desa_desktop.ui import dialogs
from desa_desktop.ui.form_base import RecordForm
from desa_desktop.ui.tasks import TaskRunner


@dataclass
class Question:
    title: str
    text: str
    options: list[str]


@dataclass
class Chooser:
    """Stands in for ``dialogs.choose``: answers queued labels, else the last option (Esc)."""

    answers: list[str] = field(default_factory=list)
    asked: list[Question] = field(default_factory=list)

    def answer(self, *labels: str) -> None:
        self.answers.extend(labels)

    def __call__(self, parent, title: str, text: str, options: list[str], default: int = 0,
                 icon=None) -> int:
        self.asked.append(Question(title, text, list(options)))
        if self.answers:
            return options.index(self.answers.pop(0))
        return len(options) - 1


@pytest.fixture
def chooser(monkeypatch: pytest.MonkeyPatch) -> Chooser:
    fake = Chooser()
    monkeypatch.setattr(dialogs, "choose", fake)
    return fake


@pytest.fixture
def runner(ctx: ServiceContext) -> Iterator[TaskRunner]:
    worker = TaskRunner()
    yield worker
    worker.wait()
    QApplication.processEvents()


@pytest.fixture
def open_form(qtbot, chooser: Chooser, runner: TaskRunner
              ) -> Iterator[Callable[[RecordForm], RecordForm]]:
    """Show a form as the officer would see it; close it quietly at the end."""
    opened: list[RecordForm] = []

    def show(form: RecordForm) -> RecordForm:
        qtbot.addWidget(form)
        form.resize(700, 650)
        form.show()
        qtbot.waitExposed(form)
        form.activateWindow()
        qtbot.waitUntil(form.isActiveWindow)  # keys and focus need an active window
        opened.append(form)
        return form

    yield show
    for form in opened:
        form.dirty = False
        form.close()
    runner.wait()
    QApplication.processEvents()
