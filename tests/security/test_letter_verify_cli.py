"""``desa-desktop letter verify``: genuine, altered, unknown signer, unreadable, as run by users.

The district officer has no village database, only the post's public key
file; the post itself checks against its own database.
"""

from __future__ import annotations

import base64
import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desa_desktop.reports.letter_pdf import LetterDocument, render_letter
from desa_desktop.services import accounts, letters, signing
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.letters import LetterDraft
from desa_desktop.services.unlock import create_database
from tests.conftest import ADMIN_PASSWORD, VILLAGE
from tests.security.test_cli import run

ADDRESSEE = "Kepala Dinas Sosial Kabupaten Ciamis"
ENV = {"DESA_DESKTOP_USER": "admin", "DESA_DESKTOP_PASSWORD": ADMIN_PASSWORD}


@dataclass(frozen=True)
class Post:
    db: Path
    qr: str
    number: str
    pdf: Path
    forged_pdf: Path
    key: Path


@pytest.fixture(scope="module")
def post(tmp_path_factory: pytest.TempPathFactory) -> Post:
    """A village database with one signed letter, its PDF, a forged PDF and the key file."""
    folder = tmp_path_factory.mktemp("letters")
    path = folder / "desa.sqlite3"
    db = create_database(path)
    try:
        admin = accounts.set_up(db, VILLAGE, "admin", "Admin Desa", ADMIN_PASSWORD)
        ctx = ServiceContext(db, VILLAGE.code, admin, today=lambda: date(2026, 11, 22))
        draft = LetterDraft("SR", ADDRESSEE, "Jl. Merdeka 5", "Rujukan penanganan kasus",
                            "Dengan hormat,\n\nMohon bantuan penanganan.", (), "H. Dedi",
                            "Kepala Desa Karyamukti")
        letter_id = letters.issue_letter(ctx, draft).ids[0]
        view = letters.get_letter(ctx, letter_id)
        pdf = letters.render_letter_pdf(ctx, letter_id, folder / "surat.pdf")
        doc = LetterDocument(**letters.letter_document(ctx, letter_id))
        forged = render_letter(dataclasses.replace(doc, addressee="Kepala Dinas Sosial "
                                                                  "Kabupaten Garut"),
                               folder / "palsu.pdf")
        key = signing.export_public_key(ctx, folder / "karyamukti.pub")
    finally:
        db.close()
    return Post(path, signing.qr_text(view.payload, view.signature), view.number, pdf,
                forged, key)


def _tampered(qr: str) -> str:
    """One letter of the addressee changed in the payload, the signature kept."""
    prefix, payload, signature = qr.split(".")
    text = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    text = text.replace("Ciamis", "Ciamiz")
    return ".".join((prefix, base64.urlsafe_b64encode(text.encode()).rstrip(b"=").decode(),
                     signature))


def _stranger_key(folder: Path) -> Path:
    raw = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw,
                                                                 PublicFormat.Raw)
    path = folder / "lain.pub"
    path.write_text(f"{signing.KEY_FILE_HEADER}\nkey_id: {signing.key_id_of(raw)}\n"
                    f"village: 32.07.12.2002\npublic_key: {base64.b64encode(raw).decode()}\n")
    return path


def test_the_post_checks_a_genuine_letter_against_its_database(post: Post) -> None:
    result = run("letter", "verify", "--qr", post.qr, "--db", str(post.db), env=ENV)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"ASLI: surat {post.number} dari desa {VILLAGE.code} tidak diubah."
    assert f"  Kepada: {ADDRESSEE}" in lines
    assert lines[-1] == "hasil: genuine"


def test_the_district_checks_with_the_public_key_file_only(post: Post) -> None:
    result = run("letter", "verify", "--qr", post.qr, "--key", str(post.key))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ASLI: ")


def test_a_changed_addressee_is_reported_altered(post: Post) -> None:
    result = run("letter", "verify", "--qr", _tampered(post.qr), "--key", str(post.key))
    assert result.returncode == 2, result.stderr
    assert result.stdout.startswith(f"DIUBAH: surat {post.number} ")
    assert "Ciamiz" in result.stdout
    assert result.stdout.splitlines()[-1] == "hasil: altered"


def test_a_key_nobody_gave_us_is_an_unknown_signer(post: Post, tmp_path: Path) -> None:
    result = run("letter", "verify", "--qr", post.qr, "--key", str(_stranger_key(tmp_path)))
    assert result.returncode == 3, result.stderr
    assert result.stdout.startswith("PENANDA TANGAN TIDAK DIKENAL: ")
    assert result.stdout.splitlines()[-1] == "hasil: unknown signer"


def test_garbage_is_unreadable(post: Post) -> None:
    result = run("letter", "verify", "--qr", "DESA1.bukan.qr", "--key", str(post.key))
    assert result.returncode == 4
    assert result.stdout.startswith("TIDAK TERBACA")


def test_the_pdf_is_checked_with_its_printed_text(post: Post) -> None:
    genuine = run("letter", "verify", "--pdf", str(post.pdf), "--key", str(post.key))
    assert genuine.returncode == 0, genuine.stdout + genuine.stderr
    forged = run("letter", "verify", "--pdf", str(post.forged_pdf), "--key", str(post.key))
    assert forged.returncode == 2, forged.stdout + forged.stderr
    assert forged.stdout.startswith("DIUBAH: ")


def test_a_damaged_key_file_is_named(post: Post, tmp_path: Path) -> None:
    bad = tmp_path / "rusak.pub"
    bad.write_text("bukan kunci")
    result = run("letter", "verify", "--qr", post.qr, "--key", str(bad))
    assert result.returncode == 4
    assert "bukan kunci publik desa-desktop" in result.stderr


def test_export_key_writes_a_file_the_district_can_use(post: Post, tmp_path: Path) -> None:
    out = tmp_path / "kunci.pub"
    result = run("letter", "export-key", "--out", str(out), "--db", str(post.db), env=ENV)
    assert result.returncode == 0, result.stderr
    assert out.read_text() == post.key.read_text()
    check = run("letter", "verify", "--qr", post.qr, "--key", str(out))
    assert check.returncode == 0


def test_qr_or_pdf_is_required() -> None:
    result = run("letter", "verify", "--key", "x.pub")
    assert result.returncode == 2
    assert "--qr" in result.stderr and "--pdf" in result.stderr
