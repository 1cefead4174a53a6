"""The bundle's PDF summary: figures a district can compare, parsed and rendered by others."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from desa_desktop.domain import reference as ref
from desa_desktop.reports.bundle_figures import count_figures
from desa_desktop.reports.bundle_summary_pdf import TITLE, pct, write_summary
from tests.bundle.demo_content import PERIOD, DemoBundle, build, rows_of
from tests.reports.helpers import page_count, pdf_text, render_first_page

CREATED = datetime(2026, 11, 22, 9, 0)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoBundle]:
    bundle = build(tmp_path_factory.mktemp("bundle-summary"))
    yield bundle
    bundle.db.close()


@pytest.fixture(scope="module")
def pdf(demo: DemoBundle) -> Path:
    path = demo.data_dir.parent / "laporan.pdf"
    write_summary(path, village=demo.village, period=PERIOD, data_dir=demo.data_dir,
                  counts=demo.counts, created_at=CREATED)
    return path


@pytest.fixture(scope="module")
def words(pdf: Path) -> str:
    return pdf_text(pdf)


def test_the_summary_names_village_period_and_sections(words: str, pdf: Path) -> None:
    assert TITLE in words
    assert "Karyamukti (32.07.12.2001)" in words and "Banjaranyar" in words
    assert "November 2026" in words and "2026-11" in words
    for heading in ("Warga terdaftar menurut status", "menurut negara tujuan",
                    "prosedural atau tidak", "Kasus", "Rujukan menurut status",
                    "Kelompok usaha dan kasnya", "Kegiatan dalam periode", "Isi bundel"):
        assert heading in words, heading
    assert 2 <= page_count(pdf) <= 6
    info = PdfReader(str(pdf)).metadata
    assert info is not None and info.title.startswith(TITLE)


def test_figures_are_those_of_the_data_files(demo: DemoBundle, words: str) -> None:
    live = [r for r in rows_of(demo.data_dir, "person") if r["deleted_at"] is None]
    by_status = Counter(r["status"] for r in live)
    total = sum(by_status.values())
    assert f"Jumlah {total} 100,0 %" in words
    for code, count in by_status.items():
        assert f"{ref.STATUS_SHORT[code]} {count} {pct(count, total)}" in words
    cases = [r for r in rows_of(demo.data_dir, "case_file") if r["deleted_at"] is None]
    assert f"{len(cases)} kasus tercatat" in words
    assert "3 kasus rahasia ikut dihitung" in words
    assert "Indikasi perdagangan orang (TPPO)" in words  # counted by type, never described


def test_group_cash_is_the_signed_sum_of_the_book(demo: DemoBundle) -> None:
    figures = count_figures(demo.data_dir, PERIOD.start, PERIOD.end)
    entries = rows_of(demo.data_dir, "cash_entry")
    for group_id, group in figures.groups.items():
        expected = sum((1 if e["direction"] == "masuk" else -1) * e["amount"] for e in entries
                       if e["group_id"] == group_id and e["entry_date"] <= "2026-11-30")
        assert group.balance == expected, group.name
    assert sum(g.balance for g in figures.groups.values()) > 0
    counted = {c.register.table: c.rows for c in figures.registers}
    assert counted == demo.counts


def test_nothing_confidential_is_printed(demo: DemoBundle, words: str) -> None:
    squeezed = " ".join(words.split())
    leaked = [s for s in demo.secrets if " ".join(s.split()) in squeezed]
    assert leaked == []
    for name in demo.secret_persons.values():
        assert name not in words


def test_the_pdf_renders_with_a_chart(pdf: Path, tmp_path: Path) -> None:
    png = render_first_page(pdf, tmp_path, dpi=60)
    image = Image.open(png).convert("RGB")
    assert image.width > 400 and image.height > 600
    # The status chart's bars are drawn in the report's blue.
    raw = image.tobytes()
    blue = sum(1 for i in range(0, len(raw), 3) if raw[i + 2] > 150 and raw[i] < 110)
    assert blue > 300


def test_an_empty_period_still_makes_a_readable_report(demo: DemoBundle, tmp_path: Path) -> None:
    from desa_desktop.services.bundle_content import Period

    path = write_summary(tmp_path / "kosong.pdf", village=demo.village,
                         period=Period.month(2020, 1), data_dir=demo.data_dir)
    text = pdf_text(path)
    assert "Januari 2020" in text and "Jumlah keberangkatan 0 -" in text
