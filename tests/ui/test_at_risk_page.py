"""The at-risk list: which CPMI it shows, with which signs, and what the officer can do."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desa_desktop.domain.nik import make_nik
from desa_desktop.domain.reference import DOCUMENTS
from desa_desktop.services import persons, placements, warnings
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.placements import PlacementInput
from desa_desktop.ui import dialogs
from desa_desktop.ui.at_risk_page import AtRiskPage
from desa_desktop.ui.operations import Operations
from desa_desktop.ui.tasks import TaskRunner

REASONS = 6  # the "Tanda risiko" column
ALL_DOCUMENTS = tuple(DOCUMENTS)


@pytest.fixture(autouse=True)
def no_questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def choose(_parent, title, _text, options, **_kw):
        asked.append(title)
        return len(options) - 1

    monkeypatch.setattr(dialogs, "choose", choose)
    return asked


@pytest.fixture
def runner(ctx: ServiceContext, qapp: QApplication) -> Iterator[TaskRunner]:
    worker = TaskRunner()
    yield worker
    worker.wait()
    qapp.processEvents()


def register(ctx: ServiceContext, name: str, born: date, serial: int,
             placement: PlacementInput) -> str:
    person_id = persons.create_person(ctx, persons.PersonInput(
        make_nik("320712", born, "P", serial), name, "P", "Ciamis", born)).ids[0]
    placements.add_placement(ctx, person_id, placement)
    return person_id


@pytest.fixture
def village(ctx: ServiceContext) -> dict[str, str]:
    """A 16-year-old on a tourist visa, a procedural CPMI, a PMI already abroad."""
    ids = {
        "Rina Anggraeni": register(ctx, "Rina Anggraeni", date(2010, 3, 14), 1, PlacementInput(
            "MY", "informal", "plrt", "p2p", "PT Maju Jaya", agency_licensed=True,
            visa_type="turis", documents=ALL_DOCUMENTS, via_calo=False)),
        "Dewi Lestari": register(ctx, "Dewi Lestari", date(1996, 8, 2), 2, PlacementInput(
            "TW", "formal", "pabrik", "p2p", "PT Resmi Sejahtera", date(2027, 1, 15),
            agency_licensed=True, visa_type="kerja", documents=ALL_DOCUMENTS,
            via_calo=False, recruiter_debt=False, family_informed=True, procedural=True)),
        "Yanti Susanti": register(ctx, "Yanti Susanti", date(1990, 1, 5), 3, PlacementInput(
            "SA", "informal", "plrt", "p2p", "", date(2025, 6, 1), visa_type="turis")),
    }
    return ids


def open_page(qtbot: QtBot, ctx: ServiceContext, runner: TaskRunner) -> AtRiskPage:
    page = AtRiskPage(ctx, runner, Operations(ctx, runner))
    qtbot.addWidget(page)
    page.resize(1280, 600)
    page.show()
    return page


def test_lists_the_risky_cpmi_with_both_reasons_only(qtbot, ctx, runner, village):
    page = open_page(qtbot, ctx, runner)
    assert page.loading
    assert page.empty.text() == "Memuat…"
    assert page.stack.currentWidget() is page.empty
    qtbot.waitUntil(lambda: not page.loading)

    assert page.stack.currentWidget() is page.table
    assert page.table.rowCount() == 1  # not Dewi (procedural, complete), not Yanti (abroad)
    row = [page.table.item(0, c).text() for c in range(page.table.columnCount())]
    assert row == ["Rina Anggraeni", make_nik("320712", date(2010, 3, 14), "P", 1),
                   "Malaysia", "PT Maju Jaya", "Belum diketahui", "2",
                   "Visa turis/kunjungan; Belum berumur 18 tahun"]
    assert page.count_label.text() == "1 CPMI berisiko"
    assert "tanda risiko keberangkatan nonprosedural" in page.explanation.text()


def test_more_signs_come_first_and_a_fixed_placement_leaves_the_list(qtbot, ctx, runner,
                                                                    village):
    calo_id = register(ctx, "Ani Marlina", date(1999, 2, 2), 4, PlacementInput(
        "MY", "informal", "plrt", "p2p", "", via_calo=True, recruiter_debt=True))
    page = open_page(qtbot, ctx, runner)
    qtbot.waitUntil(lambda: not page.loading)
    names = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert names == ["Ani Marlina", "Rina Anggraeni"]
    assert page.table.item(0, REASONS).text().split("; ") == [
        "Tanpa agensi P3MI", "Direkrut lewat calo/sponsor", "Belum ada surat izin keluarga",
        "Berutang kepada perekrut"]

    [placement] = placements.list_placements(ctx, calo_id)
    change = placements.update_placement(ctx, placement.id, PlacementInput(
        "MY", "informal", "plrt", "p2p", "PT Resmi", agency_licensed=True, visa_type="kerja",
        documents=ALL_DOCUMENTS, via_calo=False, recruiter_debt=False))
    page.ops.announce(change)
    qtbot.waitUntil(lambda: not page.loading and page.table.rowCount() == 1)
    assert page.table.item(0, 0).text() == "Rina Anggraeni"


def test_open_person_and_record_a_warning_for_them(qtbot, ctx, runner, village):
    page = open_page(qtbot, ctx, runner)
    qtbot.waitUntil(lambda: not page.loading)
    assert not page.open_button.isEnabled()
    page.table.selectRow(0)
    with qtbot.waitSignal(page.sig_open_person) as opened:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [village["Rina Anggraeni"]]
    page.table.setFocus()
    with qtbot.waitSignal(page.sig_open_person) as by_key:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert by_key.args == [village["Rina Anggraeni"]]

    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    form = page.form
    assert form.picker.person_ids() == [village["Rina Anggraeni"]]
    assert form.fields["kind"].code() == "nonprosedural"
    qtbot.keyClicks(form.fields["what_seen"], "Akan berangkat minggu depan dengan visa turis.")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    [report] = warnings.list_reports(ctx)
    assert report.number == "PD-2026-0001"
    assert report.persons == ((village["Rina Anggraeni"], "Rina Anggraeni"),)


def test_empty_list_says_so(qtbot, ctx, runner):
    page = open_page(qtbot, ctx, runner)
    qtbot.waitUntil(lambda: not page.loading)
    assert page.stack.currentWidget() is page.empty
    assert page.empty.text() == "Tidak ada CPMI dengan tanda risiko."
    assert not page.report_button.isEnabled()


def test_everything_shown_is_translated(qtbot, ctx, runner, village, qapp):
    from desa_desktop.ui.translator import LanguageManager
    from tests.ui.helpers import left_in_indonesian, unknown_indonesian, visible_texts

    page = open_page(qtbot, ctx, runner)
    qtbot.waitUntil(lambda: not page.loading)
    assert unknown_indonesian(visible_texts(page)) == []
    languages = LanguageManager(qapp)
    try:
        languages.apply("en")
        qapp.processEvents()
        assert left_in_indonesian(visible_texts(page)) == []
        assert page.table.item(0, REASONS).text() == "Tourist/visit visa; Not yet 18 years old"
        assert page.table.item(0, 4).text() == "Not known yet"
    finally:
        languages.apply("id")
        qapp.processEvents()
