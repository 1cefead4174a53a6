"""Command-line commands that open the encrypted database, run as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from desa_desktop.services.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME
from tests.conftest import open_demo


def run(*args: str, env: dict[str, str] | None = None,
        stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DESA_DESKTOP_")}
    return subprocess.run([sys.executable, "-m", "desa_desktop", *args], input=stdin,
                          env={**base, **(env or {})}, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "desa.sqlite3"
    made = run("demo-data", "--db", str(path), "--persons", "40")
    assert made.returncode == 0, made.stderr
    return path


def test_audit_verify_reads_the_password_from_the_environment(village: Path) -> None:
    result = run("audit", "verify", "--db", str(village),
                 env={"DESA_DESKTOP_USER": DEMO_ADMIN_USERNAME,
                      "DESA_DESKTOP_PASSWORD": DEMO_ADMIN_PASSWORD})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Log audit utuh: ")


def test_a_wrong_password_is_refused_in_plain_words(village: Path) -> None:
    result = run("--db", str(village), "audit", "verify",
                 env={"DESA_DESKTOP_USER": "admin", "DESA_DESKTOP_PASSWORD": "salah-sekali"})
    assert result.returncode != 0
    assert "Nama pengguna atau kata sandi salah." in result.stderr


def test_without_a_terminal_or_variables_it_says_what_to_set(village: Path) -> None:
    result = run("audit", "verify", "--db", str(village), stdin="")
    assert result.returncode != 0
    assert "DESA_DESKTOP_USER" in result.stderr and "DESA_DESKTOP_PASSWORD" in result.stderr


def test_audit_verify_names_the_first_changed_row(tmp_path: Path, village: Path) -> None:
    copy = tmp_path / "desa.sqlite3"
    copy.write_bytes(village.read_bytes())
    (tmp_path / "desa.sqlite3.keys").write_bytes(Path(f"{village}.keys").read_bytes())
    db, _ = open_demo(copy)
    with db.engine.begin() as conn:  # what someone holding the key could do by hand
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET new_values = replace(new_values, 'a', 'o') "
                          "WHERE seq = 7"))
    db.close()
    result = run("--db", str(copy), "audit", "verify",
                 env={"DESA_DESKTOP_USER": DEMO_ADMIN_USERNAME,
                      "DESA_DESKTOP_PASSWORD": DEMO_ADMIN_PASSWORD})
    assert result.returncode == 1
    assert "Log audit RUSAK mulai baris #7: isi baris ini diubah setelah ditulis" in result.stderr
