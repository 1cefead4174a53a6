"""age encryption: the stock age tool reads ours and we read its; failures say what to do."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest

from desa_desktop.bundle import age_crypto
from desa_desktop.bundle.age_crypto import AgeKeyError, DecryptionError
from desa_desktop.i18n import translate
from tests.bundle.cli import age_decrypt, age_encrypt, age_keygen


def _identity_file(folder: Path, secret: str, name: str = "kunci.txt") -> Path:
    path = folder / name
    path.write_text(f"# identitas pos\n{secret}\n")
    return path


def test_a_new_identity_is_an_age_x25519_pair() -> None:
    secret, recipient = age_crypto.new_identity()
    assert secret.startswith("AGE-SECRET-KEY-1") and recipient.startswith("age1")
    assert age_crypto.recipient_of(secret) == recipient
    assert age_crypto.new_identity()[0] != secret


def test_the_age_tool_decrypts_ours_for_each_recipient(tmp_path: Path) -> None:
    district, district_recipient = age_crypto.new_identity()
    post, post_recipient = age_crypto.new_identity()
    data = os.urandom(300_000)  # several 64 KiB chunks
    encrypted = tmp_path / "32071220010-00001.desa"
    encrypted.write_bytes(age_crypto.encrypt(data, [district_recipient, post_recipient]))
    assert encrypted.read_bytes().startswith(b"age-encryption.org/v1\n")  # binary, not armored
    for secret in (district, post):
        done = age_decrypt(_identity_file(tmp_path, secret), encrypted)
        assert done.returncode == 0, done.stderr
        assert done.stdout == data


def test_the_age_tool_refuses_ours_with_another_key(tmp_path: Path) -> None:
    _, recipient = age_crypto.new_identity()
    encrypted = tmp_path / "b.desa"
    encrypted.write_bytes(age_crypto.encrypt(b"rahasia", [recipient]))
    stranger, _ = age_crypto.new_identity()
    done = age_decrypt(_identity_file(tmp_path, stranger), encrypted)
    assert done.returncode != 0 and b"rahasia" not in done.stdout


def test_we_decrypt_what_the_age_tool_encrypts(tmp_path: Path) -> None:
    key_file = tmp_path / "age-keygen.txt"
    recipient = age_keygen(key_file)
    data = b"Data desa Karyamukti: Siti Aminah, Taiwan" * 5_000
    encrypted = age_encrypt(recipient, data)
    # The whole age-keygen file (with its # comments) is accepted as the identity.
    assert age_crypto.decrypt(encrypted, key_file.read_text()) == data
    secret = next(x for x in key_file.read_text().splitlines() if x.startswith("AGE-"))
    assert age_crypto.recipient_of(secret) == recipient


def test_a_file_for_someone_else_says_so() -> None:
    _, recipient = age_crypto.new_identity()
    mine, _ = age_crypto.new_identity()
    with pytest.raises(DecryptionError) as err:
        age_crypto.decrypt(age_crypto.encrypt(b"x", [recipient]), mine)
    assert err.value.code == "not_for_this_key"
    assert "tidak dienkripsi untuk kunci ini" in str(err.value)
    assert "not encrypted for this key" in err.value.translated(lambda t: translate(t, "en"))


def test_damaged_files_say_damaged() -> None:
    secret, recipient = age_crypto.new_identity()
    data = os.urandom(150_000)
    encrypted = age_crypto.encrypt(data, [recipient])
    header_end = encrypted.index(b"\n---") + 50  # past the header and its MAC
    damaged = [b"", b"bukan berkas age", encrypted[:20], encrypted[:header_end],
               encrypted[:len(encrypted) // 2], encrypted[:-1], encrypted + b"\0",
               encrypted[:header_end + 1000] + b"X" + encrypted[header_end + 1001:],
               encrypted[:-10] + bytes([encrypted[-10] ^ 1]) + encrypted[-9:],
               encrypted.replace(b"age-encryption.org/v1", b"age-encryption.org/v2", 1)]
    for data_ in damaged:
        with pytest.raises(DecryptionError) as err:
            age_crypto.decrypt(data_, secret)
        assert err.value.code == "damaged", data_[:30]
        assert "rusak atau terpotong" in str(err.value)


def test_streams_agree_with_bytes() -> None:
    secret, recipient = age_crypto.new_identity()
    data = os.urandom(200_000)
    out = io.BytesIO()
    age_crypto.encrypt_stream(io.BytesIO(data), out, [recipient])
    assert age_crypto.decrypt(out.getvalue(), secret) == data
    back = io.BytesIO()
    age_crypto.decrypt_stream(io.BytesIO(age_crypto.encrypt(data, [recipient])), back, secret)
    assert back.getvalue() == data
    with pytest.raises(DecryptionError) as err:
        age_crypto.decrypt_stream(io.BytesIO(out.getvalue()[:-5]), io.BytesIO(), secret)
    assert err.value.code == "damaged"


class _FullStick(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, _data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_while_streaming_stays_an_os_error_with_its_errno() -> None:
    secret, recipient = age_crypto.new_identity()
    with pytest.raises(OSError) as err:
        age_crypto.encrypt_stream(io.BytesIO(b"x" * 100_000), _FullStick(), [recipient])
    assert err.value.errno == errno.ENOSPC
    encrypted = age_crypto.encrypt(b"x" * 100_000, [recipient])
    with pytest.raises(OSError) as err:
        age_crypto.decrypt_stream(io.BytesIO(encrypted), _FullStick(), secret)
    assert err.value.errno == errno.ENOSPC and not isinstance(err.value, DecryptionError)


def test_bad_keys_are_refused_plainly() -> None:
    with pytest.raises(AgeKeyError, match="age1"):
        age_crypto.encrypt(b"x", ["age1bukan-kunci"])
    with pytest.raises(AgeKeyError):
        age_crypto.check_recipient("ssh-ed25519 AAAA")
    with pytest.raises(AgeKeyError):
        age_crypto.decrypt(b"x", "AGE-SECRET-KEY-1SALAH")
    with pytest.raises(ValueError):
        age_crypto.encrypt(b"x", [])
    _, recipient = age_crypto.new_identity()
    assert age_crypto.check_recipient(f"  {recipient}\n") == recipient
