"""Ed25519 signatures on letters, so anyone can tell a real letter from a forged one.

A letter printed by the post travels on paper and as PDF; a changed
addressee, date or name would be invisible. Each issued letter therefore
carries a QR code with a small signed summary (the payload): number, date,
addressee, subject, names and a hash of the body. The district, an
institution or the post itself checks it with ``desa-desktop letter verify``
against the post's public key, without needing the village database.

The post's key pair is made on first use and kept in ``signing_key``; the
private half stays inside the encrypted database. ``key_id`` is the first
16 hex digits of the SHA-256 of the raw public key.

QR text: ``DESA1.<base64url(payload)>.<base64url(signature)>`` (no padding);
the payload is canonical JSON (sorted keys, no spaces, UTF-8).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from desa_desktop.db.case_models import SigningKey
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import ServiceError

QR_PREFIX = "DESA1"
PAYLOAD_VERSION = 1
KEY_FILE_HEADER = "DESA-DESKTOP PUBLIC KEY v1"

GENUINE, ALTERED, UNKNOWN_SIGNER, UNREADABLE = "genuine", "altered", "unknown_signer", "unreadable"


@dataclass(frozen=True)
class VerifyResult:
    """What a check of a letter's QR text found; ``fields`` is the payload when readable."""

    verdict: str  # genuine | altered | unknown_signer | unreadable
    fields: dict[str, Any] = field(default_factory=dict)
    detail: str = ""


@dataclass(frozen=True)
class PublicKeyFile:
    """A post's public key as exported for the district or an institution."""

    key_id: str
    village_code: str
    public_key: bytes


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_id_of(public_raw: bytes) -> str:
    """First 16 hex digits of the SHA-256 of the raw public key."""
    return hashlib.sha256(public_raw).hexdigest()[:16]


def canonical(value: dict[str, Any]) -> str:
    """Sorted keys, no spaces, non-ASCII kept: the same letter always gives the same text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(body: str, attachments: tuple[str, ...] | list[str]) -> str:
    """SHA-256 (hex) of the body and the attachment lines, one per line after the body."""
    text = "\n".join([body, *attachments])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_payload(*, key_id: str, village_code: str, number: str, issued_on: date,
                  addressee: str, subject: str, names: list[str], body: str,
                  attachments: tuple[str, ...] | list[str]) -> str:
    """The canonical JSON that is signed and put into the QR code."""
    return canonical({
        "v": PAYLOAD_VERSION, "kid": key_id, "vil": village_code, "no": number,
        "tgl": issued_on.isoformat(), "kpd": addressee, "hal": subject, "nama": list(names),
        "h": content_hash(body, attachments),
    })


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def own_key(session: Session, village_code: str) -> SigningKey:
    """This post's signing key, made and stored on first use."""
    key = session.scalars(
        select(SigningKey).where(SigningKey.village_code == village_code,
                                 SigningKey.private_key.is_not(None))
        .order_by(SigningKey.created_at)
    ).first()
    if key is not None:
        return key
    private = Ed25519PrivateKey.generate()
    public_raw = _raw_public(private.public_key())
    key = SigningKey(key_id=key_id_of(public_raw), village_code=village_code,
                     label="Kunci tanda tangan surat pos ini", public_key=public_raw,
                     private_key=private.private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                       NoEncryption()))
    session.add(key)
    session.flush()
    return key


def sign_payload(key: SigningKey, payload: str) -> str:
    """The Ed25519 signature of ``payload`` (UTF-8), base64url without padding."""
    if key.private_key is None:
        raise ValueError("not a private key")
    private = Ed25519PrivateKey.from_private_bytes(key.private_key)
    return _b64url(private.sign(payload.encode("utf-8")))


def qr_text(payload: str, signature: str) -> str:
    """``DESA1.<payload>.<signature>`` as printed in the QR code and the PDF metadata."""
    return f"{QR_PREFIX}.{_b64url(payload.encode('utf-8'))}.{signature}"


def verify_qr(text: str, trusted: dict[str, bytes]) -> VerifyResult:
    """Check a QR text against the trusted public keys (key id -> raw public key)."""
    parts = text.strip().split(".")
    if len(parts) != 3 or parts[0] != QR_PREFIX:
        return VerifyResult(UNREADABLE, detail="format")
    try:
        payload_bytes = _unb64url(parts[1])
        signature = _unb64url(parts[2])
        fields = json.loads(payload_bytes.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return VerifyResult(UNREADABLE, detail="encoding")
    if not isinstance(fields, dict) or fields.get("v") != PAYLOAD_VERSION \
            or not isinstance(fields.get("kid"), str):
        return VerifyResult(UNREADABLE, detail="payload")
    public = trusted.get(fields["kid"])
    if public is None:
        return VerifyResult(UNKNOWN_SIGNER, fields)
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, payload_bytes)
    except (InvalidSignature, ValueError):
        return VerifyResult(ALTERED, fields, detail="signature")
    return VerifyResult(GENUINE, fields)


def trusted_keys(ctx: ServiceContext) -> dict[str, bytes]:
    """Every public key in the database: this post's own and the imported ones."""
    with ctx.db.sessions() as s:
        return {k.key_id: bytes(k.public_key) for k in s.scalars(select(SigningKey))}


def export_public_key(ctx: ServiceContext, path: Path) -> Path:
    """Write this post's public key to a small text file for ``letter verify --key``."""
    with ctx.db.sessions.begin() as s:
        key = own_key(s, ctx.village_code)
        text = (f"{KEY_FILE_HEADER}\nkey_id: {key.key_id}\nvillage: {key.village_code}\n"
                f"public_key: {base64.b64encode(bytes(key.public_key)).decode('ascii')}\n")
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path


def read_public_key(path: Path) -> PublicKeyFile:
    """Read a file written by ``export_public_key``; a plain error when it is not one."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        raise ServiceError("Berkas kunci publik tidak dapat dibaca.") from None
    values = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    try:
        if not lines or lines[0].strip() != KEY_FILE_HEADER:
            raise ValueError("header")
        public = base64.b64decode(values["public_key"], validate=True)
        Ed25519PublicKey.from_public_bytes(public)
        if key_id_of(public) != values["key_id"].strip():
            raise ValueError("key id")
    except (KeyError, ValueError, binascii.Error):
        raise ServiceError("Berkas ini bukan kunci publik desa-desktop yang utuh.") from None
    return PublicKeyFile(values["key_id"].strip(), values.get("village", "").strip(), public)


def import_public_key(ctx: ServiceContext, path: Path) -> PublicKeyFile:
    """Trust another post's public key from now on (kept in ``signing_key``, public only)."""
    ctx.require_editor()
    key = read_public_key(path)
    with ctx.db.sessions.begin() as s:
        if s.get(SigningKey, key.key_id) is None:
            s.add(SigningKey(key_id=key.key_id, village_code=key.village_code,
                             label=f"Kunci publik desa {key.village_code}",
                             public_key=key.public_key))
    return key


def verify_pdf(path: Path, trusted: dict[str, bytes]) -> VerifyResult:
    """Check a letter PDF: its signed QR text (metadata) and that the printed text agrees.

    The signature only covers the payload; a PDF whose page says another
    number or addressee than the signed one has been altered.
    """
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf ships with the app's tools
        return VerifyResult(UNREADABLE, detail="pypdf")
    try:
        reader = PdfReader(str(path))
        meta = reader.metadata or {}
        candidates = [str(v) for v in meta.values() if isinstance(v, str)]
        page_text = "".join(page.extract_text() or "" for page in reader.pages)
    except (OSError, PdfReadError, ValueError):
        return VerifyResult(UNREADABLE, detail="pdf")
    qr = next((c.strip() for c in candidates if c.strip().startswith(QR_PREFIX + ".")), None)
    if qr is None:
        return VerifyResult(UNREADABLE, detail="no_qr")
    result = verify_qr(qr, trusted)
    if result.verdict != GENUINE:
        return result
    squeezed = "".join(page_text.split())
    for key in ("no", "kpd"):
        if "".join(str(result.fields.get(key, "")).split()) not in squeezed:
            return VerifyResult(ALTERED, result.fields, detail=f"text_{key}")
    return result


#: What ``letter verify`` says for each verdict (Indonesian templates; English in
#: ``i18n.en_letters``).
VERDICT_TEXT = {
    GENUINE: "ASLI: surat {number} dari desa {village} tidak diubah.",
    ALTERED: "DIUBAH: surat {number} tidak sama dengan yang ditandatangani desa {village}; "
             "jangan dipercaya.",
    UNKNOWN_SIGNER: "PENANDA TANGAN TIDAK DIKENAL: surat {number} (desa {village}) "
                    "ditandatangani kunci {kid} yang tidak ada di daftar kunci tepercaya.",
    UNREADABLE: "TIDAK TERBACA: kode QR surat ini tidak dapat dibaca.",
}


def describe(result: VerifyResult) -> str:
    """One Indonesian line for the officer (used by the command line)."""
    f = result.fields
    return VERDICT_TEXT[result.verdict].format(
        number=f.get("no", "?"), village=f.get("vil", "?"), kid=f.get("kid", "?"))
