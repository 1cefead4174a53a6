"""Signed letters: a changed letter or a stranger's key is caught, the public key travels."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desa_desktop.domain.errors import DomainError
from desa_desktop.reports.letter_pdf import LetterDocument, render_letter
from desa_desktop.services import letters, signing
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.letters import LetterDraft
from tests.conftest import VILLAGE
from tests.services.helpers import count_rows, row


def _letter(ctx: ServiceContext, addressee: str = "Kepala Dinas Sosial Kabupaten Ciamis",
            ) -> letters.LetterView:
    draft = LetterDraft("SR", addressee, "Jl. Merdeka 5", "Rujukan penanganan kasus",
                        "Dengan hormat,\n\nMohon bantuan.", ("Kronologi",), "H. Dedi",
                        "Kepala Desa Karyamukti", issued_on=date(2026, 11, 20))
    return letters.get_letter(ctx, letters.issue_letter(ctx, draft).ids[0])


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _qr(view: letters.LetterView) -> str:
    return signing.qr_text(view.payload, view.signature)


def test_the_post_key_is_made_once_and_kept_in_the_database(ctx: ServiceContext) -> None:
    first, second = _letter(ctx), _letter(ctx)
    assert first.key_id == second.key_id
    assert count_rows(ctx.db, "signing_key") == 1
    public, private = row(ctx.db, "SELECT public_key, private_key FROM signing_key")
    assert first.key_id == hashlib.sha256(public).hexdigest()[:16]
    assert len(private) == 32


def test_the_payload_is_canonical_json_of_the_letter(ctx: ServiceContext) -> None:
    view = _letter(ctx)
    fields = json.loads(view.payload)
    assert view.payload == json.dumps(fields, sort_keys=True, separators=(",", ":"),
                                      ensure_ascii=False)
    assert fields == {"v": 1, "kid": view.key_id, "vil": VILLAGE.code, "no": view.number,
                      "tgl": "2026-11-20", "kpd": view.addressee, "hal": view.subject,
                      "nama": [], "h": signing.content_hash(view.body, view.attachments)}
    assert _qr(view).startswith("DESA1.")


def test_a_genuine_letter_is_recognised(ctx: ServiceContext) -> None:
    view = _letter(ctx)
    result = signing.verify_qr(_qr(view), signing.trusted_keys(ctx))
    assert result.verdict == "genuine"
    assert signing.describe(result) == \
        f"ASLI: surat {view.number} dari desa {VILLAGE.code} tidak diubah."


def test_one_changed_letter_of_the_addressee_is_caught(ctx: ServiceContext) -> None:
    view = _letter(ctx)
    forged = view.payload.replace("Ciamis", "Ciamiz")
    assert forged != view.payload
    text = f"DESA1.{_b64url(forged.encode())}.{view.signature}"
    result = signing.verify_qr(text, signing.trusted_keys(ctx))
    assert result.verdict == "altered"
    assert result.fields["kpd"].endswith("Ciamiz")
    assert signing.describe(result).startswith("DIUBAH: surat ")


def test_another_signature_on_the_same_payload_is_caught(ctx: ServiceContext) -> None:
    view = _letter(ctx)
    stranger = Ed25519PrivateKey.generate()
    text = f"DESA1.{_b64url(view.payload.encode())}.{_b64url(stranger.sign(b'x'))}"
    assert signing.verify_qr(text, signing.trusted_keys(ctx)).verdict == "altered"


def test_a_letter_signed_by_a_key_nobody_trusts(ctx: ServiceContext) -> None:
    view = _letter(ctx)
    result = signing.verify_qr(_qr(view), {})
    assert result.verdict == "unknown_signer"
    assert result.fields["no"] == view.number
    # A forger with their own key and a made-up key id is no better off.
    stranger = Ed25519PrivateKey.generate()
    raw = stranger.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    payload = view.payload.replace(view.key_id, signing.key_id_of(raw))
    text = f"DESA1.{_b64url(payload.encode())}.{_b64url(stranger.sign(payload.encode()))}"
    assert signing.verify_qr(text, signing.trusted_keys(ctx)).verdict == "unknown_signer"


@pytest.mark.parametrize("text", ["", "hello", "DESA1.abc", "DESA2.e30.e30", "DESA1.!!!.e30",
                                  f"DESA1.{_b64url(b'not json')}.e30",
                                  f"DESA1.{_b64url(b'[1,2]')}.e30",
                                  f"DESA1.{_b64url(json.dumps({'v': 9}).encode())}.e30"])
def test_text_that_is_no_letter_code_is_unreadable(ctx: ServiceContext, text: str) -> None:
    result = signing.verify_qr(text, signing.trusted_keys(ctx))
    assert result.verdict == "unreadable"
    assert signing.describe(result).startswith("TIDAK TERBACA")


def test_the_public_key_file_travels_to_the_district(ctx: ServiceContext,
                                                      tmp_path: Path) -> None:
    view = _letter(ctx)
    path = signing.export_public_key(ctx, tmp_path / "karyamukti.pub")
    text = path.read_text(encoding="utf-8")
    assert view.key_id in text and VILLAGE.code in text
    assert "private" not in text.lower()
    key = signing.read_public_key(path)
    assert (key.key_id, key.village_code) == (view.key_id, VILLAGE.code)
    assert signing.verify_qr(_qr(view), {key.key_id: key.public_key}).verdict == "genuine"


def test_a_damaged_key_file_is_refused_in_plain_words(ctx: ServiceContext,
                                                      tmp_path: Path) -> None:
    path = signing.export_public_key(ctx, tmp_path / "desa.pub")
    lines = path.read_text().splitlines()
    swapped = tmp_path / "swapped.pub"
    other = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw,
                                                                   PublicFormat.Raw)
    swapped.write_text("\n".join(
        [*lines[:3], f"public_key: {base64.b64encode(other).decode()}"]))
    for bad in (swapped, tmp_path / "missing.pub", tmp_path / "garbage.pub"):
        if bad.name == "garbage.pub":
            bad.write_bytes(b"\xff\xfe nonsense")
        with pytest.raises(DomainError) as err:
            signing.read_public_key(bad)
        assert "kunci publik" in str(err.value)


def test_importing_a_key_makes_its_letters_trusted(ctx: ServiceContext, tmp_path: Path) -> None:
    stranger = Ed25519PrivateKey.generate()
    raw = stranger.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    path = tmp_path / "other.pub"
    path.write_text(f"{signing.KEY_FILE_HEADER}\nkey_id: {signing.key_id_of(raw)}\n"
                    f"village: 32.07.12.2002\npublic_key: {base64.b64encode(raw).decode()}\n")
    signing.import_public_key(ctx, path)
    signing.import_public_key(ctx, path)  # twice is harmless
    assert signing.trusted_keys(ctx)[signing.key_id_of(raw)] == raw
    # An imported key never signs this post's letters.
    view = _letter(ctx)
    assert view.key_id != signing.key_id_of(raw)


def test_a_pdf_whose_page_differs_from_the_signed_letter_is_altered(
        ctx: ServiceContext, tmp_path: Path) -> None:
    view = _letter(ctx)
    fields = letters.letter_document(ctx, view.id)
    trusted = signing.trusted_keys(ctx)
    genuine = letters.render_letter_pdf(ctx, view.id, tmp_path / "asli.pdf")
    assert signing.verify_pdf(genuine, trusted).verdict == "genuine"
    doc = LetterDocument(**fields)
    other = render_letter(dataclasses.replace(doc, addressee="Kepala Dinas Sosial Kab. Garut"),
                          tmp_path / "palsu.pdf")
    result = signing.verify_pdf(other, trusted)
    assert result.verdict == "altered"
    renumbered = render_letter(dataclasses.replace(doc, number="099/SR/DESMIG/XI/2026"),
                               tmp_path / "nomor.pdf")
    assert signing.verify_pdf(renumbered, trusted).verdict == "altered"
    no_qr = render_letter(dataclasses.replace(doc, qr_text=""), tmp_path / "tanpa.pdf")
    assert signing.verify_pdf(no_qr, trusted).verdict == "unreadable"
    not_pdf = tmp_path / "bukan.pdf"
    not_pdf.write_text("bukan pdf")
    assert signing.verify_pdf(not_pdf, trusted).verdict == "unreadable"
