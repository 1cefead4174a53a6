"""minisign signatures, written and checked without the minisign program.

A bundle travels on a USB stick that anybody may swap or edit, and the
district must reject garbage before it spends time decrypting it. Each
``.desa`` file and its manifest are therefore signed with the post's Ed25519
key in the minisign format: a widely known, documented format that the
stock ``minisign -V`` command checks too, so the district (or an auditor)
never has to trust our code alone.

The format (https://jedisct1.github.io/minisign/), as minisign 0.11 writes it:

- public key: ``untrusted comment: ...`` then base64 of ``"Ed" | key id (8) |
  public key (32)``;
- signature: ``untrusted comment: ...``, base64 of ``"ED" | key id (8) |
  Ed25519 signature (64) of BLAKE2b-512(file)``, ``trusted comment: ...``,
  base64 of the "global" Ed25519 signature of ``signature (64) | trusted
  comment``. The trusted comment is therefore as authentic as the file.

We sign only prehashed ("ED", the default of minisign since 0.8; the file is
hashed in a stream, so a large bundle never has to sit in memory) and also
accept the legacy "Ed" algorithm when checking. The post's letter key
(``services.signing``) is reused: its key id is the 16 hex digits of
``signing.key_id_of`` read as 8 bytes, so one key id names the post
everywhere. Pure: no database, no files except the optional streaming helpers.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desa_desktop.domain.errors import DomainError

__all__ = [
    "DEFAULT_UNTRUSTED_COMMENT",
    "MinisignKey",
    "SignatureError",
    "Verified",
    "blake2b_file",
    "display_key_id",
    "parse_public_key",
    "public_key_line",
    "public_key_text",
    "sign",
    "sign_digest",
    "sign_file",
    "verify",
    "verify_file",
]

ALG_PUBLIC = b"Ed"  # the algorithm tag of a public key (always "Ed")
ALG_PREHASHED = b"ED"  # signature of BLAKE2b-512(file): what we write
ALG_LEGACY = b"Ed"  # signature of the file itself: still accepted on verify
UNTRUSTED_PREFIX = "untrusted comment: "
TRUSTED_PREFIX = "trusted comment: "
DEFAULT_UNTRUSTED_COMMENT = "signature from desa-desktop"
#: minisign reads comment lines into fixed buffers; stay well inside them.
MAX_UNTRUSTED = 900
MAX_TRUSTED = 8000
_CHUNK = 1 << 20

MSG_UNREADABLE = "Tanda tangan tidak dapat dibaca: berkas .minisig rusak atau bukan tanda tangan."
MSG_UNKNOWN_KEY = ("Berkas ini ditandatangani kunci {key_id} yang tidak dikenal; "
                   "periksa bahwa kunci publik pengirimnya sudah didaftarkan.")
MSG_ALTERED = "Tanda tangan tidak cocok: berkas atau keterangannya telah diubah."
MSG_BAD_PUBLIC_KEY = "Kunci publik minisign tidak dapat dibaca."


class SignatureError(DomainError):
    """A signature (or public key) cannot be trusted; ``code`` says why.

    ``code`` is ``"unreadable"``, ``"unknown_key"``, ``"altered"`` or
    ``"bad_public_key"``, for tests, logs and the district's import report;
    the message is plain Indonesian (English in ``i18n.en_bundle_keys``).
    """

    def __init__(self, template: str, *, code: str, **params: Any) -> None:
        self.code = code
        super().__init__(template, **params)


@dataclass(frozen=True)
class Verified:
    """A good signature: which key made it and the comment it vouches for."""

    key_id: bytes
    trusted_comment: str


@dataclass(frozen=True)
class MinisignKey:
    """A private Ed25519 key with its 8-byte minisign key id.

    Built from the raw 32-byte private key kept in ``signing_key`` and
    ``bytes.fromhex(signing_key.key_id)``; the private half is left out of
    ``repr`` so it never reaches a log.
    """

    private_raw: bytes = field(repr=False)
    key_id: bytes

    def __post_init__(self) -> None:
        if len(self.private_raw) != 32:
            raise ValueError("an Ed25519 private key has 32 bytes")
        if len(self.key_id) != 8:
            raise ValueError("a minisign key id has 8 bytes")

    @classmethod
    def from_hex_id(cls, private_raw: bytes, key_id_hex: str) -> MinisignKey:
        """The key as ``services.signing`` stores it (key id as 16 hex digits)."""
        return cls(bytes(private_raw), bytes.fromhex(key_id_hex))

    @property
    def public_raw(self) -> bytes:
        return self._private().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def _private(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.private_raw)


def display_key_id(key_id: bytes) -> str:
    """The key id as the minisign program prints it (a little-endian 64-bit number in hex)."""
    return key_id[::-1].hex().upper()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.strip().encode("ascii"), validate=True)


def _check_comment(text: str, limit: int) -> None:
    if "\n" in text or "\r" in text:
        raise ValueError("a minisign comment is one line")
    if len(text.encode("utf-8")) > limit:
        raise ValueError(f"a minisign comment has at most {limit} bytes")


# ---------------------------------------------------------------------------
# Public keys
# ---------------------------------------------------------------------------


def public_key_line(public_raw: bytes, key_id: bytes) -> str:
    """The base64 line of a public key (what ``minisign -P`` takes)."""
    if len(public_raw) != 32 or len(key_id) != 8:
        raise ValueError("a minisign public key is 32 bytes with an 8-byte key id")
    return _b64(ALG_PUBLIC + key_id + public_raw)


def public_key_text(public_raw: bytes, key_id: bytes, comment: str | None = None) -> str:
    """The two-line ``.pub`` file that ``minisign -V -p`` reads.

    The comment defaults to minisign's own (``minisign public key <ID>``).
    """
    comment = f"minisign public key {display_key_id(key_id)}" if comment is None else comment
    _check_comment(comment, MAX_UNTRUSTED)
    return f"{UNTRUSTED_PREFIX}{comment}\n{public_key_line(public_raw, key_id)}\n"


def parse_public_key(text: str) -> tuple[bytes, bytes]:
    """``(key id, raw public key)`` from a ``.pub`` file's text or its base64 line alone."""
    lines = [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]
    if lines and lines[0].startswith(UNTRUSTED_PREFIX.strip()):
        lines = lines[1:]
    try:
        if len(lines) != 1:
            raise ValueError("one key line")
        raw = _unb64(lines[0])
        if len(raw) != 42 or raw[:2] != ALG_PUBLIC:
            raise ValueError("not an Ed25519 minisign key")
        Ed25519PublicKey.from_public_bytes(raw[10:])
    except (ValueError, binascii.Error, UnicodeEncodeError):
        raise SignatureError(MSG_BAD_PUBLIC_KEY, code="bad_public_key") from None
    return raw[2:10], raw[10:]


# ---------------------------------------------------------------------------
# Signing
# ---------------------------------------------------------------------------


def blake2b_file(path: Path) -> bytes:
    """BLAKE2b-512 of a file, read in 1 MiB pieces (the prehash of the "ED" algorithm)."""
    digest = hashlib.blake2b(digest_size=64)
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.digest()


def sign_digest(digest: bytes, key: MinisignKey, *, trusted_comment: str,
                untrusted_comment: str = DEFAULT_UNTRUSTED_COMMENT) -> str:
    """The ``.minisig`` text for a file whose BLAKE2b-512 is ``digest``."""
    if len(digest) != 64:
        raise ValueError("the prehash is a 64-byte BLAKE2b-512 digest")
    _check_comment(trusted_comment, MAX_TRUSTED)
    _check_comment(untrusted_comment, MAX_UNTRUSTED)
    private = key._private()
    signature = private.sign(digest)
    global_signature = private.sign(signature + trusted_comment.encode("utf-8"))
    return (f"{UNTRUSTED_PREFIX}{untrusted_comment}\n"
            f"{_b64(ALG_PREHASHED + key.key_id + signature)}\n"
            f"{TRUSTED_PREFIX}{trusted_comment}\n"
            f"{_b64(global_signature)}\n")


def sign(data: bytes, key: MinisignKey, *, trusted_comment: str,
         untrusted_comment: str = DEFAULT_UNTRUSTED_COMMENT) -> str:
    """Sign ``data`` (prehashed "ED"); the text is what goes into ``<file>.minisig``."""
    return sign_digest(hashlib.blake2b(data, digest_size=64).digest(), key,
                       trusted_comment=trusted_comment, untrusted_comment=untrusted_comment)


def sign_file(path: Path, key: MinisignKey, *, trusted_comment: str,
              untrusted_comment: str = DEFAULT_UNTRUSTED_COMMENT) -> str:
    """Like :func:`sign` for a file on disk, hashed in a stream."""
    return sign_digest(blake2b_file(path), key, trusted_comment=trusted_comment,
                       untrusted_comment=untrusted_comment)


# ---------------------------------------------------------------------------
# Verifying
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parsed:
    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes


def _unreadable() -> SignatureError:
    return SignatureError(MSG_UNREADABLE, code="unreadable")


def _parse_signature(text: str | bytes) -> _Parsed:
    """The four lines of a ``.minisig`` file; CRLF line ends (a Windows copy) are fine."""
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        lines = [line.rstrip("\r") for line in text.split("\n")]
        while lines and lines[-1] == "":
            lines.pop()
        if len(lines) != 4 or not lines[0].startswith(UNTRUSTED_PREFIX) \
                or not lines[2].startswith(TRUSTED_PREFIX):
            raise ValueError("layout")
        raw = _unb64(lines[1])
        global_signature = _unb64(lines[3])
    except (ValueError, binascii.Error, UnicodeError):
        raise _unreadable() from None
    if len(raw) != 74 or raw[:2] not in (ALG_PREHASHED, ALG_LEGACY) \
            or len(global_signature) != 64:
        raise _unreadable()
    return _Parsed(raw[:2], raw[2:10], raw[10:], lines[2][len(TRUSTED_PREFIX):],
                   global_signature)


def _check(parsed: _Parsed, message: bytes, public_keys: Mapping[bytes, bytes]) -> Verified:
    public_raw = public_keys.get(parsed.key_id)
    if public_raw is None:
        raise SignatureError(MSG_UNKNOWN_KEY, code="unknown_key", key_id=parsed.key_id.hex())
    try:
        public = Ed25519PublicKey.from_public_bytes(bytes(public_raw))
        public.verify(parsed.signature, message)
        public.verify(parsed.global_signature,
                      parsed.signature + parsed.trusted_comment.encode("utf-8"))
    except (InvalidSignature, ValueError):
        raise SignatureError(MSG_ALTERED, code="altered") from None
    return Verified(parsed.key_id, parsed.trusted_comment)


def verify(data: bytes, signature_text: str | bytes,
           public_keys: Mapping[bytes, bytes]) -> Verified:
    """Check ``signature_text`` over ``data`` against trusted keys (key id -> raw public key).

    Raises :class:`SignatureError`: ``unreadable`` (not a minisign
    signature), ``unknown_key`` (signed by a key not in ``public_keys``) or
    ``altered`` (the file or the trusted comment changed).
    """
    parsed = _parse_signature(signature_text)
    message = (hashlib.blake2b(data, digest_size=64).digest()
               if parsed.algorithm == ALG_PREHASHED else bytes(data))
    return _check(parsed, message, public_keys)


def verify_file(path: Path, signature_text: str | bytes,
                public_keys: Mapping[bytes, bytes]) -> Verified:
    """Like :func:`verify` for a file on disk (hashed in a stream when prehashed)."""
    parsed = _parse_signature(signature_text)
    message = (blake2b_file(path) if parsed.algorithm == ALG_PREHASHED
               else Path(path).read_bytes())
    return _check(parsed, message, public_keys)
