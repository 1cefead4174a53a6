"""The keys of the bundles: the post's own pair and the district office's public keys.

A bundle is signed by the post (minisign, with the Ed25519 key that already
signs letters, ``services.signing``) and encrypted with age to the district
and to the post itself. So the post holds two private keys, both inside the
encrypted database and made at setup (``ensure_post_keys``): the Ed25519 key
(``signing_key``) and an age X25519 identity (``bundle_key``). The district's
public keys come from a file the district office hands out on a stick; a
different key replacing a known one is exactly what an attacker would try,
so it needs the admin's explicit confirmation after comparing fingerprints.

The **fingerprint** a person compares (by phone, on paper, on the recovery
sheet) covers both public halves of a party's keys, the minisign key and the
age recipient: 8 groups of 4 hex digits of ``SHA-256(ed25519 public key (32
bytes) | age recipient (ASCII))``. A key file with a swapped age recipient
but the right signing key therefore shows a different fingerprint.

Key files (canonical JSON, UTF-8, sorted keys, ``indent=1``):

- ``desa-post-key`` v1, made here for the district: ``village_code``,
  ``village_name``, ``key_id`` (16 hex), ``minisign_public_key`` (the base64
  line), ``age_recipient``, ``fingerprint``, ``exported_at``.
- ``desa-district-key`` v1, made by the district (``district_key_document``):
  ``district_code`` (the Kemendagri code of the regency or district the office
  serves, a prefix of the village code, e.g. "32.07"), ``district_name``,
  ``age_recipient``, ``minisign_public_key``, and optionally ``fingerprint``
  (checked when present, so a mistyped or edited file is caught).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from desa_desktop.bundle import age_crypto, minisign
from desa_desktop.db import audit
from desa_desktop.db.bundle_models import BundleKey, DistrictKey
from desa_desktop.db.models import Village
from desa_desktop.services import signing
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import ServiceError

POST_KEY_FORMAT = "desa-post-key"
DISTRICT_KEY_FORMAT = "desa-district-key"
KEY_FILE_VERSION = 1
AGE_IDENTITY = "age_identity"
#: A key file is a few hundred bytes; refuse to read a wrongly chosen big file.
MAX_KEY_FILE = 64 * 1024
_REGION_CODE = re.compile(r"^\d{2}(\.\d{2}){0,2}$")


@dataclass(frozen=True)
class PostKeys:
    """The public side of the post's keys, for manifests, key files and the recovery sheet."""

    key_id: str  # 16 hex digits, as on letters
    minisign_public_key_text: str  # the two-line .pub file
    minisign_public_key: str  # its base64 line (manifest ``signer``)
    age_recipient: str
    fingerprint: str


@dataclass(frozen=True)
class DistrictKeyView:
    """The district office's public keys as stored (or as read from a file)."""

    district_code: str
    district_name: str
    age_recipient: str
    minisign_key_id: str  # 16 hex digits
    minisign_public_key: str  # base64 line
    fingerprint: str
    imported_at: datetime | None = None

    @property
    def public_keys(self) -> dict[bytes, bytes]:
        """``{key id: raw public key}`` for ``minisign.verify`` (the district's receipts)."""
        key_id, public_raw = minisign.parse_public_key(self.minisign_public_key)
        return {key_id: public_raw}


@dataclass(frozen=True)
class PostKeyFile:
    """A post's public keys as read from its ``desa-post-key`` file (district side)."""

    village_code: str
    village_name: str
    key_id: str
    minisign_public_key: str
    age_recipient: str
    fingerprint: str


class KeyChangeNeedsConfirmation(ServiceError):
    """A different district key is already stored; ``confirm=True`` replaces it.

    ``old`` and ``new`` let the screen show both fingerprints side by side.
    """

    def __init__(self, old: DistrictKeyView, new: DistrictKeyView) -> None:
        self.old = old
        self.new = new
        super().__init__(
            "Kunci dinas yang tersimpan ({old_name}, sidik jari {old}) berbeda dengan kunci di "
            "berkas ({new_name}, sidik jari {new}). Ganti hanya bila dinas memastikan sidik "
            "jari yang baru.", old_name=old.district_name, old=old.fingerprint,
            new_name=new.district_name, new=new.fingerprint)


def fingerprint(minisign_public_raw: bytes, age_recipient: str) -> str:
    """``"3F2A 9C01 ..."``: 8 groups of 4 hex digits over both public keys (see above)."""
    digest = hashlib.sha256(bytes(minisign_public_raw) + age_recipient.encode("ascii"))
    text = digest.hexdigest()[:32].upper()
    return " ".join(text[i:i + 4] for i in range(0, 32, 4))


def _canonical(document: dict[str, Any]) -> str:
    return json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def _code_plain(code: str) -> str:
    return code.replace(".", "")


# ---------------------------------------------------------------------------
# The post's own keys
# ---------------------------------------------------------------------------


def ensure_post_keys(ctx: ServiceContext) -> PostKeys:
    """Make the post's missing keys (Ed25519 and age) and return their public side.

    Idempotent; setup calls it once the village is stored, and every bundle
    export calls it again, so a post set up before bundles existed gets its
    age identity on the first export.
    """
    with ctx.db.sessions.begin() as s:
        key = signing.own_key(s, ctx.village_code)
        row = s.get(BundleKey, (ctx.village_code, AGE_IDENTITY))
        if row is None:
            secret, recipient = age_crypto.new_identity()
            row = BundleKey(village_code=ctx.village_code, kind=AGE_IDENTITY, secret=secret,
                            recipient=recipient)
            s.add(row)
        key_id, public_raw, recipient = key.key_id, bytes(key.public_key), row.recipient
    raw_id = bytes.fromhex(key_id)
    return PostKeys(key_id=key_id,
                    minisign_public_key_text=minisign.public_key_text(public_raw, raw_id),
                    minisign_public_key=minisign.public_key_line(public_raw, raw_id),
                    age_recipient=recipient, fingerprint=fingerprint(public_raw, recipient))


def post_identity(ctx: ServiceContext) -> str:
    """The post's age secret, to re-read its own bundles (never shown, never exported)."""
    ensure_post_keys(ctx)
    with ctx.db.sessions() as s:
        row = s.get(BundleKey, (ctx.village_code, AGE_IDENTITY))
        assert row is not None
        return row.secret


def post_minisign_key(ctx: ServiceContext) -> minisign.MinisignKey:
    """The post's signing key in the form ``bundle.minisign.sign`` takes."""
    with ctx.db.sessions.begin() as s:
        key = signing.own_key(s, ctx.village_code)
        assert key.private_key is not None
        return minisign.MinisignKey.from_hex_id(bytes(key.private_key), key.key_id)


def bundle_recipients(ctx: ServiceContext) -> list[str]:
    """Whom a bundle is encrypted to: the district office, then the post itself."""
    district = district_key(ctx)
    if district is None:
        raise ServiceError("Kunci dinas belum diimpor. Impor dulu berkas kunci dari dinas "
                           "kabupaten/kota, lalu buat bundel.")
    return [district.age_recipient, ensure_post_keys(ctx).age_recipient]


def _write(path: Path, text: str) -> Path:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise ServiceError("Berkas {path} tidak dapat ditulis: {reason}", path=str(path),
                           reason=err.strerror or str(err)) from None
    return path


def export_post_public_key(ctx: ServiceContext, path: Path) -> Path:
    """Write the ``desa-post-key`` file for the district; a folder gets a default name."""
    keys = ensure_post_keys(ctx)
    with ctx.db.sessions() as s:
        village = s.scalars(select(Village)).first()
    path = Path(path)
    if path.is_dir():
        path = path / f"{_code_plain(ctx.village_code)}-kunci-pos.json"
    document = {
        "format": POST_KEY_FORMAT, "format_version": KEY_FILE_VERSION,
        "village_code": ctx.village_code, "village_name": village.name if village else "",
        "key_id": keys.key_id, "minisign_public_key": keys.minisign_public_key,
        "age_recipient": keys.age_recipient, "fingerprint": keys.fingerprint,
        "exported_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return _write(path, _canonical(document))


def export_minisign_pub(ctx: ServiceContext, path: Path) -> Path:
    """Write the standard minisign ``.pub`` file (for ``minisign -V -p``)."""
    keys = ensure_post_keys(ctx)
    path = Path(path)
    if path.is_dir():
        path = path / f"{_code_plain(ctx.village_code)}.pub"
    return _write(path, keys.minisign_public_key_text)


# ---------------------------------------------------------------------------
# Reading key files
# ---------------------------------------------------------------------------


def _read_document(path: Path, kind: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_KEY_FILE + 1)
    except OSError:
        raise ServiceError("Berkas kunci tidak dapat dibaca: {path}", path=str(path)) from None
    try:
        if len(raw) > MAX_KEY_FILE:
            raise ValueError("too large")
        document = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        document = None
    if not isinstance(document, dict) or document.get("format") != kind:
        raise ServiceError("Berkas ini bukan berkas kunci {kind}.", kind=kind)
    if document.get("format_version") != KEY_FILE_VERSION:
        raise ServiceError("Berkas kunci ini dibuat versi aplikasi yang lebih baru; perbarui "
                           "desa-desktop lalu coba lagi.")
    return document


def _text(document: dict[str, Any], name: str) -> str:
    value = document.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > 150:
        raise ServiceError("Berkas kunci tidak lengkap: isian {name} kosong atau salah.",
                           name=name)
    return value.strip()


def _keys_of(document: dict[str, Any]) -> tuple[bytes, bytes, str, str]:
    """``(key id, raw public key, minisign line, age recipient)``, each checked."""
    line = _text(document, "minisign_public_key")
    try:
        key_id, public_raw = minisign.parse_public_key(line)
    except minisign.SignatureError:
        raise ServiceError("Kunci tanda tangan (minisign) di berkas kunci tidak sah.") from None
    try:
        recipient = age_crypto.check_recipient(_text(document, "age_recipient"))
    except age_crypto.AgeKeyError:
        raise ServiceError("Kunci enkripsi (age) di berkas kunci tidak sah.") from None
    printed = document.get("fingerprint")
    if printed is not None and printed != fingerprint(public_raw, recipient):
        raise ServiceError("Sidik jari di berkas tidak cocok dengan kuncinya; berkas ini rusak "
                           "atau telah diubah.")
    return key_id, public_raw, line, recipient


def read_post_key_file(path: Path) -> PostKeyFile:
    """A post's ``desa-post-key`` file, checked (the district registers villages with it)."""
    document = _read_document(Path(path), POST_KEY_FORMAT)
    key_id, public_raw, line, recipient = _keys_of(document)
    if document.get("key_id") != key_id.hex():
        raise ServiceError("Nomor kunci di berkas tidak cocok dengan kuncinya; berkas ini rusak "
                           "atau telah diubah.")
    return PostKeyFile(_text(document, "village_code"), _text(document, "village_name"),
                       key_id.hex(), line, recipient, fingerprint(public_raw, recipient))


def district_key_document(district_code: str, district_name: str, age_recipient: str,
                          minisign_public_key: str) -> str:
    """The text of a ``desa-district-key`` file (the district side writes it; tests too)."""
    _, public_raw = minisign.parse_public_key(minisign_public_key)
    return _canonical({
        "format": DISTRICT_KEY_FORMAT, "format_version": KEY_FILE_VERSION,
        "district_code": district_code, "district_name": district_name,
        "age_recipient": age_recipient, "minisign_public_key": minisign_public_key.strip(),
        "fingerprint": fingerprint(public_raw, age_recipient),
    })


def read_district_key_file(path: Path) -> DistrictKeyView:
    """A district's key file, checked; nothing is stored."""
    document = _read_document(Path(path), DISTRICT_KEY_FORMAT)
    key_id, public_raw, line, recipient = _keys_of(document)
    code = _text(document, "district_code")
    if not _REGION_CODE.match(code):
        raise ServiceError("Kode wilayah dinas di berkas kunci tidak sah: {code}", code=code)
    return DistrictKeyView(code, _text(document, "district_name"), recipient, key_id.hex(),
                           line, fingerprint(public_raw, recipient))


# ---------------------------------------------------------------------------
# The district's key in the database
# ---------------------------------------------------------------------------


def _view(row: DistrictKey) -> DistrictKeyView:
    return DistrictKeyView(row.district_code, row.district_name, row.age_recipient,
                           row.minisign_key_id, row.minisign_public_key, row.fingerprint,
                           row.imported_at)


def district_key(ctx: ServiceContext) -> DistrictKeyView | None:
    """The district office's keys, or None before the first import."""
    with ctx.db.sessions() as s:
        row = s.scalars(select(DistrictKey).order_by(DistrictKey.imported_at.desc())).first()
        return None if row is None else _view(row)


def import_district_key(ctx: ServiceContext, path: Path, *,
                        confirm: bool = False) -> DistrictKeyView:
    """Trust the district office's keys from its file (admin only).

    The same keys again change nothing (a new name is taken over). Different
    keys replacing stored ones raise :class:`KeyChangeNeedsConfirmation`
    unless ``confirm``; an import or replacement is written to the audit log
    with both fingerprints.
    """
    # Imported here: accounts.set_up calls ensure_post_keys, so a module-level
    # import of accounts would be circular.
    from desa_desktop.services.accounts import require_admin

    require_admin(ctx)
    new = read_district_key_file(path)
    if not ctx.village_code.startswith(new.district_code + "."):
        raise ServiceError("Kunci ini milik {name} ({code}), bukan dinas wilayah desa ini "
                           "({village}).", name=new.district_name, code=new.district_code,
                           village=ctx.village_code)
    old = district_key(ctx)
    same_keys = old is not None and (old.age_recipient, old.minisign_public_key) == (
        new.age_recipient, new.minisign_public_key)
    if old is not None and not same_keys and not confirm:
        raise KeyChangeNeedsConfirmation(old, new)
    if same_keys and old is not None and (old.district_code, old.district_name) == (
            new.district_code, new.district_name):
        return old
    with ctx.db.sessions.begin() as s:
        s.execute(delete(DistrictKey))
        row = DistrictKey(district_code=new.district_code, district_name=new.district_name,
                          age_recipient=new.age_recipient,
                          minisign_key_id=new.minisign_key_id,
                          minisign_public_key=new.minisign_public_key,
                          fingerprint=new.fingerprint)
        s.add(row)
        s.flush()
        action = ("district_key_imported" if old is None else
                  "district_key_renamed" if same_keys else "district_key_replaced")
        audit.append(s, [{
            "entity": "district_key", "entity_id": new.district_code, "action": action,
            "officer_id": ctx.officer_id,
            "officer_name": ctx.officer.full_name if ctx.officer else None,
            "old_values": None if old is None else {
                "district_code": old.district_code, "district_name": old.district_name,
                "fingerprint": old.fingerprint},
            "new_values": {"district_code": new.district_code,
                           "district_name": new.district_name,
                           "fingerprint": new.fingerprint},
        }])
        return _view(row)
