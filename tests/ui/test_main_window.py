"""The main window as an officer uses it: search, delete, undo, language."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from desa_desktop.services import accounts, search
from desa_desktop.services.context import ServiceContext
from desa_desktop.ui.main_window import MainWindow
from desa_desktop.ui.settings import Settings
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import LanguageManager
from tests.conftest import VILLAGE
from tests.ui.helpers import fill_village, left_in_indonesian, unknown_indonesian, visible_texts


@pytest.fixture
def languages(qapp):
    manager = LanguageManager(qapp)
    manager.apply("id")
    yield manager
    manager.apply("id")


@pytest.fixture
def window(qtbot, ctx: ServiceContext, tmp_path: Path, languages):
    ids = fill_village(ctx)
    runner = TaskRunner()
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(ctx, runner, accounts.get_village(ctx.db) or VILLAGE, settings, languages)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.ids = ids  # type: ignore[attr-defined]
    yield win
    runner.wait()


def names_in_list(win: MainWindow) -> list[str]:
    return [row.full_name for row in win.registry.model.rows]


def test_list_shows_everyone_and_the_count(qtbot, window):
    assert len(names_in_list(window)) == 5
    qtbot.waitUntil(lambda: window.registry.count_label.text() == "5 orang")


def test_typing_in_search_narrows_the_list(qtbot, window):
    qtbot.keyClicks(window.registry.search_box, "siti")
    qtbot.waitUntil(lambda: names_in_list(window) == ["Siti Aminah", "Siti Nurhaliza"])
    qtbot.keyClicks(window.registry.search_box, " am")
    qtbot.waitUntil(lambda: names_in_list(window) == ["Siti Aminah"])
    qtbot.waitUntil(lambda: window.registry.count_label.text() == "1 orang")


def test_filters_narrow_the_list(qtbot, window):
    registry = window.registry
    registry.status_filter.setCurrentIndex(registry.status_filter.findData("pmi"))
    assert names_in_list(window) == ["Siti Aminah"]
    registry.status_filter.setCurrentIndex(0)
    registry.dusun_filter.setCurrentIndex(registry.dusun_filter.findData("Dusun Babakan"))
    assert names_in_list(window) == ["Asep Saepudin", "Euis Kurniasih"]
    registry.dusun_filter.setCurrentIndex(0)
    registry.country_filter.setCurrentIndex(registry.country_filter.findData("HK"))
    assert names_in_list(window) == ["Siti Aminah"]


def test_selecting_a_person_shows_details_and_placements(qtbot, window):
    window.registry.table.selectRow(names_in_list(window).index("Siti Aminah"))
    detail = window.registry.detail
    assert detail.name.text() == "Siti Aminah"
    assert detail.placement_table.rowCount() == 1
    assert detail.placement_table.item(0, 0).text() == "Hong Kong"
    assert "PMI" in detail.fact_values["Status"].text()


def test_deleted_person_comes_back_with_undo(qtbot, window, ctx):
    registry = window.registry
    registry.table.selectRow(names_in_list(window).index("Asep Saepudin"))
    registry.delete_button.click()
    qtbot.waitUntil(lambda: "Asep Saepudin" not in names_in_list(window))
    assert "tempat sampah" in window.message.text()
    assert window.undo_button.isVisible()
    assert search.search_page(ctx.db, search.PersonQuery("asep")) == []
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: "Asep Saepudin" in names_in_list(window))
    assert len(search.search_page(ctx.db, search.PersonQuery("asep"))) == 1


def test_delete_key_and_ctrl_z_work_from_the_keyboard(qtbot, window):
    registry = window.registry
    registry.table.setFocus()
    registry.table.selectRow(0)
    first = names_in_list(window)[0]
    qtbot.keyClick(registry.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: first not in names_in_list(window))
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: first in names_in_list(window))


def test_deleted_person_is_in_the_bin_and_restores(qtbot, window):
    registry = window.registry
    registry.table.selectRow(names_in_list(window).index("Dedi Supriatna"))
    registry.delete_button.click()
    qtbot.waitUntil(lambda: "Dedi Supriatna" not in names_in_list(window))
    window.nav.setCurrentRow(window.stack.indexOf(window.bin))
    bin_page = window.bin
    qtbot.waitUntil(lambda: bin_page.model.rowCount() == 1)
    bin_page.table.selectRow(0)
    bin_page.restore_button.click()
    qtbot.waitUntil(lambda: "Dedi Supriatna" in names_in_list(window))


def _walk(qtbot, window) -> list[str]:
    """Open every main screen and form, collecting the texts a user sees."""
    from desa_desktop.ui.household_form import HouseholdForm
    from desa_desktop.ui.person_form import PersonForm
    from desa_desktop.ui.placement_form import PlacementForm
    from desa_desktop.ui.settings_dialog import SettingsDialog
    from desa_desktop.ui.visit_form import VisitForm

    texts: list[str] = []
    registry = window.registry
    registry.table.selectRow(names_in_list(window).index("Siti Aminah"))
    qtbot.waitUntil(lambda: "orang" in registry.count_label.text()
                    or "person" in registry.count_label.text())
    texts += visible_texts(window)
    for row in range(window.nav.count() - 1):  # every page but the admin's accounts
        window.nav.setCurrentRow(row)
        window.runner.wait()
        texts += visible_texts(window.stack.currentWidget())
    window.nav.setCurrentRow(1)
    window.households.table.selectRow(0)
    texts += visible_texts(window.households)
    person_id = window.ids["Siti Aminah"]
    household_id = window.households.selected_id()
    forms = [
        PersonForm(window.ctx, window.runner, person_id, window),
        PersonForm(window.ctx, window.runner, None, window),
        PlacementForm(window.ctx, window.runner, person_id, None, window),
        HouseholdForm(window.ctx, window.runner, household_id, window),
        VisitForm(window.ctx, window.runner, household_id, window),
        SettingsDialog(window.settings, window.languages, window),
    ]
    for form in forms:
        form.show()
        texts += visible_texts(form)
        form.hide()
        form.deleteLater()
    return texts


def test_every_screen_in_indonesian_uses_only_catalogued_strings(qtbot, window):
    unknown = unknown_indonesian(_walk(qtbot, window))
    assert unknown == [], f"strings shown that are not in the translation catalogue: {unknown}"


def test_english_applies_live_and_nothing_is_left_untranslated(qtbot, window, languages):
    languages.apply("en")
    qtbot.wait(10)
    assert window.nav.item(0).text() == "Residents"
    texts = _walk(qtbot, window)
    assert languages.translator is not None
    assert languages.translator.missing == set()
    assert left_in_indonesian(texts) == []
    languages.apply("id")
    qtbot.wait(10)
    assert window.nav.item(0).text() == "Registri warga"


def test_group_and_activity_pages_open_from_the_side_list(qtbot, window, ctx):
    from datetime import date

    from desa_desktop.services import activities, cashbook, groups
    from desa_desktop.services.activities import ActivityInput, AttendeeInput
    from desa_desktop.services.cashbook import EntryInput
    from desa_desktop.ui.main_window import PAGES

    group_id = groups.create_group(ctx, groups.GroupInput(
        "KUP Abon Ikan Mina Sari", "kup", "Abon ikan", date(2026, 1, 5))).ids[0]
    cashbook.post_entry(ctx, group_id, EntryInput(date(2026, 2, 1), "masuk", "hibah",
                                                  12_000_000, description="Dana Desa"))
    activities.create_activity(ctx, ActivityInput(
        date(2026, 11, 10), "parenting", "Pola asuh anak PMI", place="Posyandu"),
        [AttendeeInput(window.ids["Siti Aminah"], True)])

    window.nav.setCurrentRow(PAGES.index("Kelompok usaha"))
    page = window.groups
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and not page.loading)
    page.select_group(group_id)
    overview = page.detail.overview
    qtbot.waitUntil(lambda: "12.000.000" in " ".join(visible_texts(overview)))

    window.nav.setCurrentRow(PAGES.index("Kegiatan"))
    table = window.activities.table
    qtbot.waitUntil(lambda: table.rowCount() == 1)
    assert any("Pola asuh anak PMI" in (table.item(0, c).text() if table.item(0, c) else "")
               for c in range(table.columnCount()))
