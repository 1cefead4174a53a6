"""The outgoing-letter register: a referral letter issued from the case's tab shows up
numbered, is voided with a reason, reissued under the next number and saved as PDF;
introduction letters for CPMI; the letterhead; everything readable in English."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from desa_desktop.services import letterhead, letters, placements, referrals
from desa_desktop.services.placements import PlacementInput
from desa_desktop.ui.letter_dialog import LetterDialog
from desa_desktop.ui.letterhead_dialog import LetterheadDialog
from desa_desktop.ui.letters_page import LettersPage, PersonPicker
from desa_desktop.ui.referrals_panel import ReferralsPanel
from desa_desktop.ui.translator import LanguageManager
from tests.ui import test_referrals_panel as base
from tests.ui.helpers import left_in_indonesian, unknown_indonesian, visible_texts

# the shared fixtures and helpers
case_id = base.case_id
cell = base.cell
chooser = base.chooser
click = base.click
give_consent = base.give_consent
institution_id = base.institution_id
ops = base.ops
runner = base.runner
show = base.show
village = base.village

FIRST = "001/SR/DESMIG/XI/2026"
SECOND = "002/SR/DESMIG/XI/2026"


@pytest.fixture
def signer(ctx) -> None:
    head = letterhead.get_letterhead(ctx)
    letterhead.save_letterhead(ctx, replace(head, signer_name="Dede Rusmana"))


@pytest.fixture
def referral_id(ctx, case_id, signer) -> str:
    give_consent(ctx, case_id)
    return referrals.refer_case(ctx, case_id, institution_id(ctx, "disnaker"),
                                referred_on=date(2026, 11, 21),
                                reason="Gaji tiga bulan tidak dibayar.").ids[0]


@pytest.fixture
def issued(ctx, referral_id) -> str:
    draft = letters.referral_letter_draft(ctx, referral_id)
    return letters.issue_letter(ctx, replace(draft, subject="Penanganan gaji Siti Aminah")
                                ).ids[0]


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[LanguageManager]:
    manager = LanguageManager(qapp)
    manager.apply("id")
    yield manager
    manager.apply("id")


def row_texts(page: LettersPage, row: int) -> list[str]:
    return [cell(page.table, row, c) for c in range(page.table.columnCount())]


def issue(qtbot, chooser, dialog: LetterDialog) -> None:
    chooser.answer("Terbitkan")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.letter is not None)


def test_referral_letter_from_the_case_tab_lands_in_the_register(
        qtbot, ctx, runner, ops, show, chooser, case_id, referral_id):
    panel = show(ReferralsPanel(ctx, runner, ops, case_id))
    panel.table.selectRow(0)
    assert not panel.view_button.isEnabled()  # no letter yet
    click(qtbot, panel.letter_button)
    qtbot.waitUntil(lambda: getattr(panel, "letter_dialog", None) is not None)
    dialog = panel.letter_dialog
    assert dialog.fields["subject"].text() == "Rujukan penanganan kasus KS-2026-0001"
    assert dialog.fields["signer_name"].text() == "Dede Rusmana"
    assert dialog.fields["signer_title"].text() == "Kepala Desa Karyamukti"
    assert "Siti Aminah" in dialog.fields["body"].toPlainText()
    assert dialog.number_label.text() == "(diberikan saat surat diterbitkan)"

    dialog.fields["subject"].clear()
    qtbot.keyClicks(dialog.fields["subject"], "Permohonan penanganan gaji Siti Aminah")
    issue(qtbot, chooser, dialog)
    title, text, _options = chooser.asked[-1]
    assert title == "Terbitkan surat" and "tidak dapat diubah" in text
    assert dialog.letter.number == FIRST
    assert dialog.number_label.text() == FIRST
    assert dialog.fields["subject"].isReadOnly() and dialog.fields["body"].isReadOnly()
    assert dialog.pdf_button.isVisible() and dialog.print_button.isVisible()
    assert not dialog.save_button.isVisible()
    qtbot.waitUntil(lambda: cell(panel.table, 0, 4) == FIRST)

    page = show(LettersPage(ctx, runner, ops))
    assert page.table.rowCount() == 1
    assert row_texts(page, 0) == [
        FIRST, "22/11/2026", "Surat rujukan", "Kepala Dinas Tenaga Kerja Kabupaten",
        "Permohonan penanganan gaji Siti Aminah", "KS-2026-0001 - Siti Aminah", "Terbit"]
    assert page.year_filter.currentText() == "2026"

    panel.table.selectRow(0)  # "Lihat surat" shows the issued letter, read-only
    click(qtbot, panel.view_button)
    viewer = panel.letter_dialog
    assert viewer.letter.number == FIRST and viewer.fields["subject"].isReadOnly()


def test_void_needs_a_reason_then_reissue_takes_the_next_number(
        qtbot, ctx, runner, ops, show, chooser, issued, tmp_path, monkeypatch):
    page = show(LettersPage(ctx, runner, ops))
    page.table.selectRow(0)
    assert not page.reissue_button.isEnabled()  # only a voided letter is reissued
    click(qtbot, page.void_button)
    reason = page.reason_dialog
    click(qtbot, reason.ok_button)
    assert reason.error.text() == "Tulis alasan pembatalan surat."
    assert reason.isVisible()
    qtbot.keyClicks(reason.reason, "Salah alamat lembaga.")
    click(qtbot, reason.ok_button)
    qtbot.waitUntil(lambda: cell(page.table, 0, 6) == "Dibatalkan")
    item = page.table.item(0, 0)
    assert item.font().strikeOut()
    assert item.foreground().color() == QColor("#8a8a8a")
    assert item.toolTip() == "Dibatalkan 22/11/2026: Salah alamat lembaga."
    assert letters.get_letter(ctx, issued).void_reason == "Salah alamat lembaga."

    page.table.selectRow(0)
    assert not page.void_button.isEnabled()
    click(qtbot, page.reissue_button)
    qtbot.waitUntil(lambda: getattr(page, "letter_dialog", None) is not None)
    dialog = page.letter_dialog
    assert dialog.fields["subject"].text() == "Penanganan gaji Siti Aminah"
    issue(qtbot, chooser, dialog)
    assert dialog.letter.number == SECOND
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    assert [cell(page.table, r, 0) for r in range(2)] == [SECOND, FIRST]
    assert page.table.item(0, 0).toolTip() == f"Pengganti surat {FIRST}"
    assert page.count_label.text() == "2 surat, 1 dibatalkan"

    asked: list[str] = []

    def cancel(_parent, _title, start, _filter):
        asked.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancel)
    page.select_letter(dialog.letter.id)
    click(qtbot, page.pdf_button)  # cancelled: nothing written
    runner.wait()
    assert asked[-1].endswith("002-SR-DESMIG-XI-2026.pdf")
    assert list(tmp_path.glob("*.pdf")) == []

    target = tmp_path / "rujukan disnaker"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    click(qtbot, page.pdf_button)
    pdf = Path(f"{target}.pdf")
    qtbot.waitUntil(pdf.exists)
    runner.wait()
    text = "".join(page_.extract_text() for page_ in PdfReader(pdf).pages)
    assert SECOND in text and "Penanganan gaji Siti Aminah" in text


def test_introduction_letter_for_a_cpmi_only(qtbot, ctx, runner, ops, show, chooser, village,
                                             signer):
    placements.add_placement(ctx, village["Euis Kurniasih"], PlacementInput(
        "TW", agency_name="PT Maju Jaya", departure_date=date(2027, 1, 15)))
    page = show(LettersPage(ctx, runner, ops))
    click(qtbot, page.intro_button)
    picker = page.person_picker
    assert isinstance(picker, PersonPicker)
    assert [cell(picker.table, r, 0) for r in range(picker.table.rowCount())] == [
        "Euis Kurniasih"]  # CPMI only, at first
    picker.only_cpmi.setCurrentIndex(1)
    qtbot.keyClicks(picker.search_box, "Dedi")
    qtbot.waitUntil(lambda: picker.table.rowCount() == 1)
    click(qtbot, picker.ok_button)
    runner.wait()
    qtbot.waitUntil(lambda: len(chooser.asked) == 1)
    assert "hanya untuk CPMI" in chooser.asked[0][1]  # told plainly, nothing drafted

    click(qtbot, page.intro_button)
    picker = page.person_picker
    qtbot.keyClicks(picker.search_box, "Euis")
    qtbot.waitUntil(lambda: picker.table.rowCount() == 1)
    click(qtbot, picker.ok_button)
    qtbot.waitUntil(lambda: getattr(page, "letter_dialog", None) is not None)
    dialog = page.letter_dialog
    assert "Euis Kurniasih" in dialog.fields["body"].toPlainText()
    issue(qtbot, chooser, dialog)
    assert dialog.letter.number == "001/SP/DESMIG/XI/2026"
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert cell(page.table, 0, 2) == "Surat pengantar"
    assert cell(page.table, 0, 5) == "Euis Kurniasih"


def test_letterhead_dialog_saves_the_kop_surat(qtbot, ctx, runner, ops, show, chooser,
                                               tmp_path, monkeypatch):
    page = show(LettersPage(ctx, runner, ops))
    click(qtbot, page.letterhead_button)
    dialog = page.findChild(LetterheadDialog)
    assert dialog.fields["regency_line"].text() == "PEMERINTAH KABUPATEN CIAMIS"
    assert dialog.fields["place"].text() == "Karyamukti"
    dialog.fields["village_line"].clear()
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(dialog.errors["village_line"].isVisible)
    assert dialog.errors["village_line"].text() == "Baris kop surat tidak boleh kosong."

    logo = tmp_path / "logo.png"
    image = QImage(40, 50, QImage.Format.Format_RGB32)
    image.fill(QColor("darkgreen"))
    image.save(str(logo))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(logo), ""))
    logo_field = dialog.fields["logo_path"]
    click(qtbot, logo_field.choose_button)
    assert not logo_field.preview.pixmap().isNull()  # the officer sees the logo chosen
    assert dialog.dirty
    qtbot.keyClicks(dialog.fields["village_line"], "DESA KARYAMUKTI")
    qtbot.keyClicks(dialog.fields["signer_name"], "Dede Rusmana")
    dialog.fields["unit_code"].setText("desmig-km")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    head = letterhead.get_letterhead(ctx)
    assert (head.village_line, head.signer_name, head.unit_code, head.logo_path) == (
        "DESA KARYAMUKTI", "Dede Rusmana", "DESMIG-KM", str(logo))


def test_every_text_is_catalogued_and_reads_in_english(qtbot, ctx, runner, ops, show, chooser,
                                                       issued, case_id, languages):
    page = show(LettersPage(ctx, runner, ops))
    panel = show(ReferralsPanel(ctx, runner, ops, case_id))
    page.table.selectRow(0)
    page.open_selected()
    panel.table.selectRow(0)
    click(qtbot, panel.refer_button)
    click(qtbot, page.letterhead_button)
    click(qtbot, page.void_button)
    widgets = [page, panel, *page.findChildren(LetterDialog), panel.form,
               page.findChild(LetterheadDialog), page.reason_dialog]
    for widget in widgets:
        assert unknown_indonesian(visible_texts(widget)) == [], type(widget).__name__
    languages.apply("en")
    qtbot.wait(10)
    assert languages.translator is not None and languages.translator.missing == set()
    for widget in widgets:
        assert left_in_indonesian(visible_texts(widget)) == [], type(widget).__name__
    assert page.pdf_button.text() == "Save as &PDF…"
    assert cell(page.table, 0, 2) == "Referral letter"
