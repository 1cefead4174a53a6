"""The bundle commands as a script runs them: export the post's key, import the
district's, export a month to a folder standing in for the stick; the standard
``age`` and ``minisign`` tools accept what lands there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desa_desktop.bundle import archive, minisign
from desa_desktop.services import bundle_keys
from desa_desktop.services.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME
from tests.bundle.cli import age_decrypt, age_keygen, minisign_verify
from tests.security.test_cli import run

ADMIN = {"DESA_DESKTOP_USER": DEMO_ADMIN_USERNAME, "DESA_DESKTOP_PASSWORD": DEMO_ADMIN_PASSWORD}


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bundlecli") / "desa.sqlite3"
    made = run("demo-data", "--db", str(path), "--persons", "60")
    assert made.returncode == 0, made.stderr
    return path


def _district_key_file(folder: Path) -> tuple[Path, Path]:
    """The district's age identity (made by ``age-keygen``) and its key file."""
    identity = folder / "dinas.key"
    recipient = age_keygen(identity)
    public_raw = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw,
                                                                        PublicFormat.Raw)
    key_file = folder / "kunci-dinas.json"
    key_file.write_text(bundle_keys.district_key_document(
        "32.07", "Dinas Tenaga Kerja Kabupaten Ciamis", recipient,
        minisign.public_key_line(public_raw, os.urandom(8))))
    return identity, key_file


def test_export_without_a_district_key_is_refused_plainly(village: Path, tmp_path) -> None:
    result = run("export", "--db", str(village), "--period", "2026-10", "--to",
                 str(tmp_path), env=ADMIN)
    assert result.returncode == 2
    assert "kabupaten" in result.stderr.lower()
    assert not (tmp_path / "DESA-BUNDEL").exists()


def test_keys_and_a_month_exported_to_the_stick(village: Path, tmp_path: Path) -> None:
    keys = run("keys", "export-post", "--db", str(village), "--out", str(tmp_path / "kunci"),
               env=ADMIN)
    assert keys.returncode == 0, keys.stderr
    assert "Sidik jari" in keys.stdout
    pub = next((tmp_path / "kunci").glob("*.pub"))
    identity, key_file = _district_key_file(tmp_path)
    imported = run("keys", "import-district", str(key_file), "--db", str(village), env=ADMIN)
    assert imported.returncode == 0, imported.stderr
    assert "Kabupaten Ciamis" in imported.stdout

    stick = tmp_path / "stick"
    stick.mkdir()
    made = run("export", "--db", str(village), "--period", "2026-10", "--to", str(stick),
               env=ADMIN)
    assert made.returncode == 0, made.stderr
    bundle = next((stick / "DESA-BUNDEL").glob("*.desa"))
    signature = bundle.with_name(bundle.name + ".minisig")
    assert minisign_verify(pub, bundle, signature).returncode == 0
    plain = age_decrypt(identity, bundle)
    assert plain.returncode == 0
    entries = archive.read_archive(plain.stdout)
    assert "manifest.json" in entries and "data/person.jsonl" in entries
    assert any(name.endswith(".xlsx") for name in entries)

    again = run("export", "--db", str(village), "--period", "2026-10", "--to", str(stick),
                env=ADMIN)
    assert again.returncode == 0, again.stderr
    assert len(list((stick / "DESA-BUNDEL").glob("*.desa"))) == 2


def test_a_period_that_is_not_a_period_is_refused(village: Path, tmp_path: Path) -> None:
    result = run("export", "--db", str(village), "--period", "November", "--to",
                 str(tmp_path), env=ADMIN)
    assert result.returncode == 2
    assert result.stderr.strip()
