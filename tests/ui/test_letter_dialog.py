"""The letter dialog: checks before issuing, the confirmation, the unnumbered preview,
printing an issued letter, and typed corrections surviving a close."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from desa_desktop.reports import letter_print
from desa_desktop.services import letters
from desa_desktop.ui.letter_dialog import DRAFT_NUMBER, LetterDialog, pdf_file_name
from tests.ui import test_letters_page as letter_tests
from tests.ui import test_referrals_panel as base

# the shared fixtures (a worker, patched questions, a consented case with a referral)
case_id, chooser, ops, runner, show, village = (
    base.case_id, base.chooser, base.ops, base.runner, base.show, base.village)
issued, referral_id, signer = letter_tests.issued, letter_tests.referral_id, letter_tests.signer
click = base.click


@dataclass
class Preview:
    """Stands in for the print preview: reads the PDF it was given, as the officer would."""

    texts: list[str]
    papers: list[str]
    paths: list[Path]

    def __call__(self, pdf_path: Path, paper: str, parent=None) -> Preview:
        text = " ".join(p.extract_text() for p in PdfReader(pdf_path).pages)
        self.texts.append(" ".join(text.split()))  # lines wrap where the paper ends
        self.papers.append(paper)
        self.paths.append(Path(pdf_path))
        return self

    def exec(self) -> int:
        return 0


@pytest.fixture
def preview(monkeypatch: pytest.MonkeyPatch) -> Preview:
    fake = Preview([], [], [])
    monkeypatch.setattr(letter_print, "preview_dialog", fake)
    return fake


@pytest.fixture
def dialog(qtbot, ctx, runner, ops, show, referral_id) -> LetterDialog:
    draft = letters.referral_letter_draft(ctx, referral_id)
    return show(LetterDialog(ctx, runner, ops, draft), 780, 700)


def test_missing_subject_is_refused_before_asking(qtbot, ctx, chooser, dialog):
    dialog.fields["subject"].clear()
    dialog.fields["signer_name"].clear()
    click(qtbot, dialog.save_button)
    assert dialog.errors["subject"].text() == "Isi perihal surat."
    assert chooser.asked == []  # nothing to confirm yet
    qtbot.keyClicks(dialog.fields["subject"], "Rujukan kasus gaji")
    chooser.answer("Terbitkan")
    click(qtbot, dialog.save_button)  # the service wants a signer's name, by the field
    qtbot.waitUntil(dialog.errors["signer_name"].isVisible)
    assert dialog.errors["signer_name"].text() == "Isi nama penanda tangan surat."
    assert letters.letter_register(ctx) == [] and dialog.letter is None


def test_going_back_from_the_confirmation_issues_nothing(qtbot, ctx, runner, chooser, dialog):
    chooser.answer("Kembali memeriksa")
    click(qtbot, dialog.save_button)
    runner.wait()
    assert letters.letter_register(ctx) == []
    assert dialog.letter is None and not dialog.fields["body"].isReadOnly()
    assert chooser.asked[0][2] == ["Terbitkan", "Kembali memeriksa"]


def test_preview_shows_the_edited_draft_unnumbered(qtbot, ctx, dialog, preview):
    dialog.fields["subject"].clear()
    qtbot.keyClicks(dialog.fields["subject"], "Permohonan pendampingan Siti Aminah")
    dialog.fields["paper"].set_code("F4")
    click(qtbot, dialog.preview_button)
    [text] = preview.texts
    assert "KONSEP" in text and "Permohonan pendampingan Siti Aminah" in text
    assert "/SR/DESMIG/" not in text  # a draft never carries a number
    assert "PEMERINTAH KABUPATEN CIAMIS" in text and "Dede Rusmana" in text
    assert preview.papers == ["F4"]
    assert not preview.paths[0].exists()  # the temporary copy is gone after the preview
    assert letters.letter_register(ctx) == []
    assert DRAFT_NUMBER.startswith("KONSEP")


def test_preview_with_an_empty_body_points_at_the_body(qtbot, dialog, preview):
    dialog.fields["body"].clear()
    click(qtbot, dialog.preview_button)
    assert dialog.errors["body"].text() == "Isi surat tidak boleh kosong."
    assert preview.texts == []


def test_issued_letter_prints_on_the_chosen_paper(qtbot, ctx, runner, ops, show, issued,
                                                  preview, chooser, monkeypatch):
    viewer = show(LetterDialog.for_issued(ctx, runner, ops, issued), 780, 700)
    assert viewer.letter.number == "001/SR/DESMIG/XI/2026"
    assert "001/SR/DESMIG/XI/2026" in viewer.windowTitle()
    assert viewer.fields["subject"].isReadOnly()
    assert not viewer.save_button.isVisible() and not viewer.preview_button.isVisible()
    viewer.fields["paper"].set_code("F4")
    click(qtbot, viewer.print_button)
    qtbot.waitUntil(lambda: len(preview.texts) == 1)
    assert "001/SR/DESMIG/XI/2026" in preview.texts[0]
    assert "Penanganan gaji Siti Aminah" in preview.texts[0]
    assert preview.papers == ["F4"]
    assert not viewer.dirty  # nothing to lose when closing an issued letter

    def unavailable(*_a, **_k):
        raise letter_print.PrintUnavailable(letter_print.NO_RENDERER)

    monkeypatch.setattr(letter_print, "preview_dialog", unavailable)
    click(qtbot, viewer.print_button)
    qtbot.waitUntil(lambda: len(chooser.asked) == 1)
    title, text, _options = chooser.asked[0]
    assert title == "Tidak dapat mencetak" and "pembaca PDF" in text


def test_voided_letter_is_shown_with_its_reason(qtbot, ctx, runner, ops, show, issued):
    letters.void_letter(ctx, issued, "Salah nomor kasus.")
    viewer = show(LetterDialog.for_issued(ctx, runner, ops, issued), 780, 700)
    assert viewer.banner.text() == "Surat ini dibatalkan: Salah nomor kasus."


def test_typed_corrections_survive_closing_as_draft(qtbot, ctx, runner, ops, show, chooser,
                                                    referral_id):
    draft = letters.referral_letter_draft(ctx, referral_id)
    first = show(LetterDialog(ctx, runner, ops, draft), 780, 700)
    first.fields["subject"].clear()
    qtbot.keyClicks(first.fields["subject"], "Perihal yang sudah diperbaiki")
    chooser.answer("Tutup, simpan sebagai draf")
    first.close()
    runner.wait()
    assert not first.isVisible()
    second = show(LetterDialog(ctx, runner, ops, replace(draft)), 780, 700)
    assert second.restore_draft()
    assert second.fields["subject"].text() == "Perihal yang sudah diperbaiki"


def test_pdf_file_name_has_no_folders():
    assert pdf_file_name("045/SR/DESMIG/XI/2026") == "045-SR-DESMIG-XI-2026.pdf"
