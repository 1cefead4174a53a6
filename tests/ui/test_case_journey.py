"""The whole journey in the main window, as an officer does it: from a person in the
registry, open a case, add a timeline entry, record consent, refer it to an
institution, issue the referral letter, and find the letter in the register."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from desa_desktop.services import accounts, cases, letters, referrals, signing
from desa_desktop.services.context import ServiceContext
from desa_desktop.ui import dialogs
from desa_desktop.ui.main_window import MainWindow
from desa_desktop.ui.settings import Settings
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import LanguageManager
from tests.conftest import VILLAGE
from tests.ui.helpers import fill_village


@pytest.fixture
def window(qtbot, ctx: ServiceContext, tmp_path: Path, qapp, monkeypatch: pytest.MonkeyPatch):
    languages = LanguageManager(qapp)
    languages.apply("id")
    # The one question on the way ("issue this letter?") is answered "Terbitkan".
    monkeypatch.setattr(dialogs, "choose",
                        lambda _parent, _title, _text, options, **_k: options.index("Terbitkan"))
    warned: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda _parent, title, text, *a, **k:
                        warned.append(f"{title}: {text}"))
    ids = fill_village(ctx)
    runner = TaskRunner()
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(ctx, runner, accounts.get_village(ctx.db) or VILLAGE, settings, languages)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.ids = ids  # type: ignore[attr-defined]
    win.warned = warned  # type: ignore[attr-defined]
    yield win
    runner.wait()


def click(qtbot, widget) -> None:
    assert widget.isEnabled()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_from_a_person_to_a_letter_in_the_register(qtbot, window: MainWindow,
                                                   ctx: ServiceContext) -> None:
    registry = window.registry
    names = [row.full_name for row in registry.model.rows]
    registry.table.selectRow(names.index("Siti Aminah"))
    detail = registry.detail
    qtbot.waitUntil(lambda: detail.person is not None and detail.case_button.isEnabled())

    # 1. "Kasus baru…" in the person pane opens the case form on the case page.
    click(qtbot, detail.case_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.cases)
    from desa_desktop.ui.case_dialog import CaseDialog

    dialog = window.cases.findChild(CaseDialog)
    assert dialog is not None
    assert [r["name"] for r in dialog.persons_editor.rows] == ["Siti Aminah"]
    tick(qtbot, dialog.types.boxes["gaji"])
    qtbot.keyClicks(dialog.fields["reporter_name"], "Rahmat")
    qtbot.keyClicks(dialog.fields["description"], "Gaji belum dibayar lima bulan.")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.case_id is not None, timeout=5_000)
    case_id = dialog.case_id
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 1)
    assert window.cases.model.rows[0].number == "KS-2026-0001"

    # 2. A timeline entry.
    tab = dialog.timeline_tab
    dialog.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.summary, "Menelepon agensi di Hong Kong")
    click(qtbot, tab.add_button)
    qtbot.waitUntil(lambda: any(a.summary == "Menelepon agensi di Hong Kong"
                                for a in cases.get_case(ctx, case_id).actions))

    # 3. Consent, then verify the case with its status button.
    consent = dialog.consent_tab
    dialog.tabs.setCurrentWidget(consent)
    tick(qtbot, consent.referral)
    tick(qtbot, consent.sharing)
    qtbot.keyClicks(consent.given_by, "Rahmat (suami)")
    click(qtbot, consent.save_button)
    qtbot.waitUntil(lambda: dialog.detail is not None and dialog.detail.consent_referral)
    qtbot.waitUntil(lambda: "diverifikasi" in dialog.status_buttons)
    click(qtbot, dialog.status_buttons["diverifikasi"])
    qtbot.waitUntil(lambda: cases.get_case(ctx, case_id).status == "diverifikasi")

    # 4. Refer it to BP3MI from the "Rujukan" tab.
    qtbot.waitUntil(lambda: dialog.tabs.widget(dialog.tabs.count() - 1).__class__.__name__
                    == "ReferralsPanel")
    panel = dialog.tabs.widget(dialog.tabs.count() - 1)
    dialog.tabs.setCurrentWidget(panel)
    click(qtbot, panel.refer_button)
    form = panel.form
    combo = form.fields["institution_id"]
    combo.setCurrentIndex(next(i for i in range(combo.count()) if "BP3MI" in combo.itemText(i)))
    qtbot.keyClicks(form.fields["reason"], "Mohon bantuan penagihan gaji.")
    with qtbot.waitSignal(form.saved, timeout=5_000):
        click(qtbot, form.save_button)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    assert cases.get_case(ctx, case_id).status == "dirujuk"

    # 5. Issue the referral letter.
    panel.table.selectRow(0)
    click(qtbot, panel.letter_button)
    qtbot.waitUntil(lambda: getattr(panel, "letter_dialog", None) is not None)
    letter_dialog = panel.letter_dialog
    assert "Siti Aminah" in letter_dialog.fields["body"].toPlainText()
    # No village head's name in the kop surat settings yet: the officer types it here.
    assert letter_dialog.fields["signer_name"].text() == ""
    qtbot.keyClicks(letter_dialog.fields["signer_name"], "Dede Rusmana")
    click(qtbot, letter_dialog.save_button)
    qtbot.waitUntil(lambda: letter_dialog.letter is not None or bool(window.warned)
                    or any(e.isVisible() for e in letter_dialog.errors.values()),
                    timeout=5_000)
    assert window.warned == []
    assert [k for k, e in letter_dialog.errors.items() if e.isVisible()] == []
    number = letter_dialog.letter.number
    assert number == "001/SR/DESMIG/XI/2026"
    [referral] = referrals.referrals_for_case(ctx, case_id)
    assert referral.letter_number == number

    # 6. The register page lists it; its signature checks out.
    window.nav.setCurrentRow(window.stack.indexOf(window.letters))
    page = window.letters
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 0).text() == number
    [view] = letters.letter_register(ctx)
    result = signing.verify_qr(signing.qr_text(view.payload, view.signature),
                               signing.trusted_keys(ctx))
    assert result.verdict == "genuine"
    letter_dialog.close()
    dialog.dirty = False
    dialog.close()
