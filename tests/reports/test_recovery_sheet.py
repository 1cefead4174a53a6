"""The recovery-key sheet, read back by pypdf and drawn by poppler."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desa_desktop.domain import recovery_key
from desa_desktop.reports import pdf_base
from desa_desktop.reports.recovery_sheet import (
    TITLE,
    RecoverySheet,
    key_lines,
    render_recovery_sheet,
)
from tests.reports.helpers import leftovers, page_count, pdf_text, render_first_page

KEY = recovery_key.encode(bytes(range(32)))


def make_sheet(**changes: object) -> RecoverySheet:
    values: dict[str, object] = dict(
        village_name="Karyamukti", village_code="32.07.12.2001",
        post_name="Pos Layanan Desmigratif Karyamukti", district_name="Banjaranyar",
        regency_name="Ciamis", province_name="Jawa Barat", database_file_name="desa.sqlite3",
        recovery_key=KEY, created_at=datetime(2026, 11, 22, 14, 5), created_by="Admin Desa",
    )
    values.update(changes)
    return RecoverySheet(**values)  # type: ignore[arg-type]


def test_the_key_is_eleven_groups_printed_in_three_lines_that_read_as_the_key() -> None:
    assert len(KEY.split("-")) == 11
    lines = key_lines(KEY)
    assert len(lines) == 3
    assert "".join(lines) == KEY


def test_sheet_states_key_village_and_instructions_on_one_page(tmp_path: Path) -> None:
    path = render_recovery_sheet(tmp_path / "kunci.pdf", make_sheet())
    assert path == tmp_path / "kunci.pdf"
    assert page_count(path) == 1
    text = pdf_text(path)
    assert KEY in text.replace(" ", "")
    for expected in (TITLE, "Karyamukti", "32.07.12.2001", "Pos Layanan Desmigratif Karyamukti",
                     "Banjaranyar", "Ciamis", "Jawa Barat", "desa.sqlite3",
                     "22 November 2026 pukul 14.05", "Admin Desa",
                     "brankas kantor desa", "kantor kecamatan/dinas dalam amplop tertutup",
                     "membuka database bila semua kata sandi lupa",
                     "dapat membaca seluruh data", "Jangan difoto",
                     "jangan dikirim lewat WhatsApp",
                     "Lupa kata sandi? Pakai kunci pemulihan",
                     "Dibuat oleh", "Disaksikan oleh", "Kepala Desa Karyamukti",
                     "Halaman 1 dari 1"):
        assert expected in text, expected
    assert "Sidik jari" not in text


def test_signing_key_fingerprint_is_printed_when_given(tmp_path: Path) -> None:
    fingerprint = "RWQ2 9xTf 81aa 0c3e"
    path = render_recovery_sheet(tmp_path / "kunci.pdf",
                                 make_sheet(signing_key_fingerprint=fingerprint))
    text = pdf_text(path)
    assert "Sidik jari kunci tanda tangan" in text
    assert fingerprint in text
    assert page_count(path) == 1


def test_metadata_and_embedded_unicode_font(tmp_path: Path) -> None:
    path = render_recovery_sheet(tmp_path / "kunci.pdf", make_sheet())
    reader = PdfReader(str(path))
    assert reader.metadata.title == TITLE
    assert reader.metadata.author == "desa-desktop"
    fonts = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert pdf_base.fonts().unicode  # the bundled DejaVu was found
    assert any(name.endswith("+DejaVuSans") for name in fonts), fonts
    assert any("DejaVuSansMono" in name for name in fonts), fonts
    assert not any("Helvetica" in name or "Courier" in name for name in fonts), fonts


def test_bundled_fonts_ship_with_their_licence() -> None:
    from desa_desktop.paths import resources_dir

    folder = resources_dir() / "fonts"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf",
                 "DejaVuSansMono-Bold.ttf", "LICENSE-DejaVu.txt"):
        assert (folder / name).is_file(), name


def test_page_one_renders_to_a_png(tmp_path: Path) -> None:
    pdf = render_recovery_sheet(tmp_path / "kunci.pdf", make_sheet())
    png = render_first_page(pdf, tmp_path)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 2000


def test_writing_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "kunci.pdf"
    target.write_bytes(b"old sheet")
    render_recovery_sheet(target, make_sheet())
    assert target.read_bytes().startswith(b"%PDF")
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kunci.pdf"]


def test_a_failed_write_keeps_the_old_file_and_cleans_up(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "kunci.pdf"
    target.write_bytes(b"old sheet")

    def power_cut(_src: object, _dst: object) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError, match="power cut"):
        render_recovery_sheet(target, make_sheet())
    assert target.read_bytes() == b"old sheet"
    assert leftovers(tmp_path) == []


def test_helvetica_fallback_still_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without any DejaVu (a stripped build) the sheet still prints, in the built-in fonts."""
    monkeypatch.setattr(pdf_base, "_font_dir", lambda: None)
    pdf_base.fonts.cache_clear()
    pdf_base.styles.cache_clear()
    try:
        path = render_recovery_sheet(tmp_path / "kunci.pdf", make_sheet())
        assert KEY in pdf_text(path).replace(" ", "")
    finally:
        pdf_base.fonts.cache_clear()
        pdf_base.styles.cache_clear()
