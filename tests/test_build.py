"""The PyInstaller one-folder build analyses, builds and runs.

Slow (about a minute), but it is the only way to know the frozen app finds
its migrations and language catalogues.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desa_desktop.db.migrate import head_revision
from desa_desktop.services import accounts
from desa_desktop.services.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME
from tests.conftest import open_demo

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(ROOT / "build.spec"), "--noconfirm",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    exe = work / "dist" / "desa-desktop" / ("desa-desktop.exe" if os.name == "nt"
                                            else "desa-desktop")
    assert exe.exists()
    return exe


def test_frozen_app_writes_a_demo_database_with_current_schema(frozen_app: Path,
                                                                tmp_path: Path) -> None:
    db_path = tmp_path / "demo.sqlite3"
    result = subprocess.run([str(frozen_app), "demo-data", "--db", str(db_path),
                             "--persons", "40"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "40 orang" in result.stdout
    db, backup = open_demo(db_path)
    try:
        assert backup is None  # already at the newest schema: the migrations were bundled
        assert accounts.is_set_up(db)
        from desa_desktop.db.migrate import current_revision

        assert current_revision(db) == head_revision()
    finally:
        db.close()


def test_frozen_app_shows_its_login_window(frozen_app: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "demo.sqlite3"
    subprocess.run([str(frozen_app), "demo-data", "--db", str(db_path), "--persons", "20"],
                   check=True, capture_output=True, timeout=120)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DESA_DESKTOP_EXIT_AFTER_SHOW="1")
    result = subprocess.run([str(frozen_app), "--db", str(db_path)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_frozen_app_opens_the_encrypted_file_and_verifies_the_audit_log(
        frozen_app: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "demo.sqlite3"
    subprocess.run([str(frozen_app), "demo-data", "--db", str(db_path), "--persons", "20"],
                   check=True, capture_output=True, timeout=120)
    env = dict(os.environ, DESA_DESKTOP_USER=DEMO_ADMIN_USERNAME,
               DESA_DESKTOP_PASSWORD=DEMO_ADMIN_PASSWORD)
    result = subprocess.run([str(frozen_app), "audit", "verify", "--db", str(db_path)],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Log audit utuh: ")
