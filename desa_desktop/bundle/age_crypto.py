"""age encryption of bundles (X25519), through pyrage.

A USB stick gets lost, lent or copied; a bundle on it must leak nothing. It
is encrypted with age (https://age-encryption.org/v1) to two recipients:
the district office, which imports it, and the post itself, so the post can
still open what it sent (a question from the district, a stick to copy
again). age is a small, reviewed, documented format, and the stock ``age``
command decrypts our files, so nobody depends on this program to read them.

Only the binary format and X25519 keys are used: ``AGE-SECRET-KEY-1...``
identities (kept inside the encrypted village database) and ``age1...``
recipients (the public halves, which travel in key files and manifests).

Errors come back as plain Indonesian messages that tell the officer what to
do: a bundle that is "not for this key" (another district's, or the key
was replaced) calls for a different key; a "damaged" one (truncated, bits
flipped, not an age file) calls for another copy. age cannot tell a
recipient stanza that was damaged from one meant for someone else, so such
a file reads as "not for this key"; the outer minisign signature, checked
first, is what catches damage there.
"""

from __future__ import annotations

import re
from typing import Any, BinaryIO

import pyrage
from pyrage import x25519

from desa_desktop.domain.errors import DomainError

__all__ = [
    "AgeKeyError",
    "DecryptionError",
    "check_identity",
    "check_recipient",
    "decrypt",
    "decrypt_stream",
    "encrypt",
    "encrypt_stream",
    "new_identity",
    "recipient_of",
]

_NO_MATCH = "No matching keys found"
_ERRNO = re.compile(r"\[Errno (\d+)\]")

MSG_NOT_FOR_KEY = ("Berkas ini tidak dienkripsi untuk kunci ini; berkas ini mungkin untuk dinas "
                   "lain atau dibuat sebelum kuncinya diganti.")
MSG_DAMAGED = "Berkas terenkripsi ini rusak atau terpotong; minta salinan yang utuh."
MSG_BAD_RECIPIENT = "Kunci publik age tidak sah (harus diawali age1...)."
MSG_BAD_IDENTITY = "Kunci rahasia age tidak sah."


class DecryptionError(DomainError):
    """An age file could not be opened; ``code`` is ``"not_for_this_key"`` or ``"damaged"``."""

    def __init__(self, template: str, *, code: str, **params: Any) -> None:
        self.code = code
        super().__init__(template, **params)


class AgeKeyError(DomainError):
    """A recipient or identity text is not an age X25519 key (a typo, a wrong file)."""


def new_identity() -> tuple[str, str]:
    """A fresh key pair: ``(secret "AGE-SECRET-KEY-1...", recipient "age1...")``."""
    identity = x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def _identity_line(text: str) -> str:
    """The key line of an identity, also from a whole ``age-keygen`` file (with # comments)."""
    lines = [line.strip() for line in text.splitlines()]
    keys = [line for line in lines if line and not line.startswith("#")]
    return keys[0] if len(keys) == 1 else text.strip()


def _identity(text: str) -> x25519.Identity:
    try:
        return x25519.Identity.from_str(_identity_line(text))
    except (pyrage.IdentityError, ValueError, TypeError):
        raise AgeKeyError(MSG_BAD_IDENTITY) from None


def _recipient(text: str) -> x25519.Recipient:
    try:
        return x25519.Recipient.from_str(text.strip())
    except (pyrage.RecipientError, ValueError, TypeError):
        raise AgeKeyError(MSG_BAD_RECIPIENT) from None


def check_recipient(text: str) -> str:
    """The recipient, normalised (no surrounding spaces); :class:`AgeKeyError` if not one."""
    return str(_recipient(text))


def check_identity(text: str) -> str:
    """The identity's key line; :class:`AgeKeyError` if it is not an X25519 identity."""
    return str(_identity(text))


def recipient_of(identity: str) -> str:
    """The public recipient ``age1...`` of an identity."""
    return str(_identity(identity).to_public())


def _recipients(recipients: list[str]) -> list[x25519.Recipient]:
    if not recipients:
        raise ValueError("encrypting needs at least one recipient")
    return [_recipient(r) for r in recipients]


def _decryption_error(err: Exception) -> DecryptionError:
    if str(err).strip() == _NO_MATCH:
        return DecryptionError(MSG_NOT_FOR_KEY, code="not_for_this_key")
    return DecryptionError(MSG_DAMAGED, code="damaged")


def encrypt(data: bytes, recipients: list[str]) -> bytes:
    """``data`` encrypted (binary age format) so that any one of ``recipients`` can read it."""
    return bytes(pyrage.encrypt(bytes(data), _recipients(recipients)))


def decrypt(data: bytes, identity: str) -> bytes:
    """The plaintext of an age file; :class:`DecryptionError` with a plain message if not."""
    key = _identity(identity)
    try:
        return bytes(pyrage.decrypt(bytes(data), [key]))
    except pyrage.DecryptError as err:
        raise _decryption_error(err) from None


def encrypt_stream(reader: BinaryIO, writer: BinaryIO, recipients: list[str]) -> None:
    """Like :func:`encrypt` from one open file to another, never all in memory (big bundles).

    A failing read or write (a full disk) comes back as the ``OSError`` it
    was, with its ``errno``, so the caller can say "the stick is full".
    """
    keys = _recipients(recipients)
    try:
        pyrage.encrypt_io(reader, writer, keys)
    except pyrage.EncryptError as err:
        found = _ERRNO.search(str(err))
        if found is None:
            raise
        raise OSError(int(found.group(1)), str(err)) from None


def decrypt_stream(reader: BinaryIO, writer: BinaryIO, identity: str) -> None:
    """Like :func:`decrypt` between open files.

    age authenticates every 64 KiB chunk, but a file damaged near its end
    is only noticed there: on :class:`DecryptionError`, discard what was
    written so far.
    """
    key = _identity(identity)
    try:
        pyrage.decrypt_io(reader, writer, [key])
    except pyrage.DecryptError as err:
        raise _decryption_error(err) from None
    except OSError as err:
        if err.errno is not None:  # the reader or writer failed: not the file's fault
            raise
        raise DecryptionError(MSG_DAMAGED, code="damaged") from None  # a bad chunk
