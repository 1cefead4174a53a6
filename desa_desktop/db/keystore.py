"""Key slots: the database key, wrapped once per account, in a file beside the database.

The database is encrypted with one random 256-bit key. That key is never
typed: each account has a *slot* holding the key encrypted (AES-256-GCM)
under a key derived from the account's password with argon2id, as LUKS
and other disk-encryption tools do. So a password change rewrites one slot,
not the database, and removing an account removes its slot. The recovery
key printed at setup is the database key itself (see
``domain.recovery_key``), so a lost key file or every forgotten password
can still be recovered.

The file (``<database>.keys``, JSON) also remembers failed logins per user
name, so the waits between attempts survive a restart, and the attempts
themselves until they can be written into the (encrypted) audit log.
It holds nothing personal: user names, salts, wrapped keys, times.
Every write goes to a temporary file that is synced and renamed, so a power
cut leaves either the old or the new file, never half of one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT = 1
KEY_BYTES = 32
#: OWASP argon2id (m=19 MiB, t=2, p=1): the same cost as the password hash,
#: so an encrypted login costs what a plain one did.
KDF_PARAMS = {"t": 2, "m": 19 * 1024, "p": 1}
MAX_PENDING_ATTEMPTS = 500


class KeyStoreError(Exception):
    """The key file is missing, damaged or of an unknown format."""


class NoSlot(KeyStoreError):
    """No slot for this user name."""


class WrongSecret(KeyStoreError):
    """The password does not open the slot (or the recovery key is not this database's)."""


def keys_path(db_path: Path) -> Path:
    """Where the key file of ``db_path`` lives."""
    return db_path.with_name(db_path.name + ".keys")


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def sqlcipher_key(key: bytes) -> str:
    """The raw-key form SQLCipher takes (skips its own slow passphrase KDF)."""
    return f"x'{key.hex()}'"


def key_check(key: bytes) -> str:
    """A check value that tells a right key from a wrong one without revealing it."""
    return hmac.new(key, b"desa-desktop key check", hashlib.sha256).hexdigest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _kek(password: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"), salt, time_cost=params["t"], memory_cost=params["m"],
        parallelism=params["p"], hash_len=32, type=Type.ID,
    )


def _aad(username: str) -> bytes:
    return f"desa-desktop slot v{FORMAT}:{username}".encode()


@dataclass(frozen=True)
class Failures:
    """Failed logins in a row for one user name, and when the last one was."""

    count: int
    last: float  # seconds since the epoch


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a power cut leaves the old or the new file."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    try:
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError:  # Windows cannot open folders; its rename is durable enough
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class KeyStore:
    """The key file of one database, read fresh from disk for every operation.

    Reading fresh keeps two windows (or a CLI command next to the app) from
    overwriting each other's slots with a stale copy.
    """

    def __init__(self, db_path: Path) -> None:
        self.path = keys_path(db_path)

    # -- file ---------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.path.exists()

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            raise KeyStoreError("key file missing") from None
        except (OSError, ValueError) as err:
            raise KeyStoreError(f"key file unreadable: {err}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise KeyStoreError("unknown key file format")
        return data

    def _write(self, data: dict[str, Any]) -> None:
        write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))

    def create(self, key: bytes) -> None:
        """Start a key file for a new database key (no slots yet)."""
        self._write({"format": FORMAT, "cipher": "sqlcipher4", "key_check": key_check(key),
                     "slots": {}, "failures": {}, "attempts": []})

    def ensure(self, key: bytes) -> None:
        """Create the file if missing (after a recovery with the key file lost)."""
        if not self.exists():
            self.create(key)

    # -- slots --------------------------------------------------------------------------
    def usernames(self) -> list[str]:
        return sorted(self._read()["slots"])

    def has_slot(self, username: str) -> bool:
        return self.exists() and username in self._read()["slots"]

    def set_slot(self, username: str, password: str, key: bytes) -> None:
        """Wrap ``key`` for ``username`` under ``password`` (replacing any old slot)."""
        data = self._read()
        if data["key_check"] != key_check(key):
            raise WrongSecret("this key does not belong to this database")
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        wrapped = AESGCM(_kek(password, salt, KDF_PARAMS)).encrypt(nonce, key, _aad(username))
        data["slots"][username] = {"kdf": "argon2id", **KDF_PARAMS, "salt": _b64(salt),
                                   "nonce": _b64(nonce), "wrapped": _b64(wrapped)}
        self._write(data)

    def remove_slot(self, username: str) -> None:
        data = self._read()
        if data["slots"].pop(username, None) is not None:
            self._write(data)

    def unwrap(self, username: str, password: str) -> bytes:
        """The database key from ``username``'s slot; ``WrongSecret`` for a wrong password."""
        data = self._read()
        slot = data["slots"].get(username)
        if slot is None:
            raise NoSlot(username)
        params = {"t": slot["t"], "m": slot["m"], "p": slot["p"]}
        kek = _kek(password, _unb64(slot["salt"]), params)
        try:
            key = AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]),
                                      _aad(username))
        except InvalidTag:
            raise WrongSecret(username) from None
        if not hmac.compare_digest(data["key_check"], key_check(key)):
            raise KeyStoreError("slot does not hold this database's key")
        return key

    def burn_password_time(self, password: str) -> None:
        """Spend what an unwrap costs, so a missing user name answers as slowly."""
        _kek(password, b"\0" * 16, KDF_PARAMS)

    def matches(self, key: bytes) -> bool:
        """True when ``key`` (e.g. from a recovery key) is this database's key."""
        return hmac.compare_digest(self._read()["key_check"], key_check(key))

    # -- failed logins ------------------------------------------------------------------
    def failures(self, username: str) -> Failures:
        if not self.exists():
            return Failures(0, 0.0)
        entry = self._read()["failures"].get(username)
        return Failures(entry["count"], entry["last"]) if entry else Failures(0, 0.0)

    def record_attempt(self, username: str, ok: bool, at: float) -> None:
        """Count a failure (or clear the count on success) and queue the attempt for the log."""
        data = self._read()
        if ok:
            data["failures"].pop(username, None)
        else:
            old = data["failures"].get(username, {"count": 0})
            data["failures"][username] = {"count": old["count"] + 1, "last": at}
            data["attempts"].append({"username": username[:50], "at": at})
            del data["attempts"][:-MAX_PENDING_ATTEMPTS]
        self._write(data)

    def pending_attempts(self) -> list[dict[str, Any]]:
        """The failed attempts not yet written to the audit log."""
        return list(self._read()["attempts"]) if self.exists() else []

    def drop_attempts(self, count: int) -> None:
        """Forget the first ``count`` attempts, once they are safely in the audit log."""
        data = self._read()
        if count:
            del data["attempts"][:count]
            self._write(data)
