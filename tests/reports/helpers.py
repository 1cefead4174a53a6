"""Reading the PDFs back as a user's tools would: pypdf for the text, poppler for pixels."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    """All pages' text with runs of whitespace made single spaces (lines wrap anywhere)."""
    reader = PdfReader(str(path))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def render_first_page(pdf: Path, out_dir: Path, dpi: int = 50) -> Path:
    """Page 1 as PNG through ``pdftoppm`` (a reader no one here wrote)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    prefix = out_dir / "page"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf),
                    str(prefix)], check=True, capture_output=True, timeout=60)
    pngs = sorted(out_dir.glob("page*.png"))
    assert len(pngs) == 1, pngs
    return pngs[0]


def leftovers(folder: Path) -> list[str]:
    """Temporary files of the atomic writer still lying in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
