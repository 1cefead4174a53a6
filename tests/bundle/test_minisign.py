"""minisign signatures: the stock minisign tool agrees with ours, both ways."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from desa_desktop.bundle import minisign
from desa_desktop.bundle.minisign import MinisignKey, SignatureError
from desa_desktop.i18n import translate
from tests.bundle.cli import minisign_verify, require, run

COMMENT = ("desa-bundle v1 village=32.07.12.2001 seq=3 period=2026-11 "
           "sha256=" + "ab" * 32)


def _key(key_id: str = "0123456789abcdef") -> MinisignKey:
    private = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                         NoEncryption())
    return MinisignKey.from_hex_id(private, key_id)


@pytest.fixture
def key() -> MinisignKey:
    return _key()


def _trusted(key: MinisignKey) -> dict[bytes, bytes]:
    return {key.key_id: key.public_raw}


def _write_signed(folder: Path, key: MinisignKey, data: bytes) -> tuple[Path, Path, Path]:
    """The file, its .minisig and the .pub, as they would sit on a stick."""
    data_file = folder / "32071220010-00003.desa"
    data_file.write_bytes(data)
    sig_file = folder / (data_file.name + ".minisig")
    sig_file.write_text(minisign.sign(data, key, trusted_comment=COMMENT))
    pub_file = folder / "pos.pub"
    pub_file.write_text(minisign.public_key_text(key.public_raw, key.key_id))
    return data_file, sig_file, pub_file


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


# --------------------------------------------------------------------------
# The stock minisign command checks what we write
# --------------------------------------------------------------------------


def test_minisign_accepts_our_signature_and_shows_the_trusted_comment(
        tmp_path: Path, key: MinisignKey) -> None:
    data_file, sig_file, pub_file = _write_signed(tmp_path, key, os.urandom(200_000))
    done = minisign_verify(pub_file, data_file, sig_file)
    assert done.returncode == 0, done.stderr
    assert f"Trusted comment: {COMMENT}" in done.stdout.decode()
    # The base64 line alone (as the manifest carries it) works with -P too.
    line = minisign.public_key_line(key.public_raw, key.key_id)
    quiet = run(require("minisign"), "-V", "-Q", "-P", line, "-m", data_file, "-x", sig_file)
    assert quiet.returncode == 0 and quiet.stdout.decode().strip() == COMMENT


def test_minisign_rejects_a_flipped_byte_in_the_file(tmp_path: Path, key: MinisignKey) -> None:
    data = os.urandom(5_000)
    data_file, sig_file, pub_file = _write_signed(tmp_path, key, data)
    for at in (0, 2_500, len(data) - 1):
        data_file.write_bytes(_flip(data, at))
        assert minisign_verify(pub_file, data_file, sig_file).returncode != 0
        with pytest.raises(SignatureError) as err:
            minisign.verify(data_file.read_bytes(), sig_file.read_text(), _trusted(key))
        assert err.value.code == "altered"


def test_minisign_rejects_a_changed_trusted_comment(tmp_path: Path, key: MinisignKey) -> None:
    data_file, sig_file, pub_file = _write_signed(tmp_path, key, b"isi bundel")
    sig_file.write_text(sig_file.read_text().replace("seq=3", "seq=4"))
    assert minisign_verify(pub_file, data_file, sig_file).returncode != 0
    with pytest.raises(SignatureError) as err:
        minisign.verify(b"isi bundel", sig_file.read_text(), _trusted(key))
    assert err.value.code == "altered"
    assert "diubah" in str(err.value)


def test_minisign_rejects_our_signature_under_another_key(tmp_path: Path,
                                                         key: MinisignKey) -> None:
    data_file, sig_file, _ = _write_signed(tmp_path, key, b"isi bundel")
    impostor = _key()  # same key id, other key: a forged .pub
    pub_file = tmp_path / "palsu.pub"
    pub_file.write_text(minisign.public_key_text(impostor.public_raw, impostor.key_id))
    assert minisign_verify(pub_file, data_file, sig_file).returncode != 0


# --------------------------------------------------------------------------
# We check what the stock minisign command writes
# --------------------------------------------------------------------------


@pytest.fixture
def minisign_pair(tmp_path: Path) -> tuple[Path, Path]:
    """A key pair made by ``minisign -G`` without a password."""
    pub, sec = tmp_path / "mk.pub", tmp_path / "mk.key"
    run(require("minisign"), "-G", "-W", "-p", pub, "-s", sec).check_returncode()
    return pub, sec


@pytest.mark.parametrize("legacy", [False, True], ids=["prehashed", "legacy"])
def test_we_verify_signatures_made_by_minisign(tmp_path: Path, minisign_pair: tuple[Path, Path],
                                               legacy: bool) -> None:
    pub, sec = minisign_pair
    data_file = tmp_path / "laporan.pdf"
    data_file.write_bytes(os.urandom(70_000))
    flags = ["-l"] if legacy else []
    run("minisign", "-S", *flags, "-s", sec, "-m", data_file, "-t",
        "komentar tepercaya é").check_returncode()
    signature = (tmp_path / "laporan.pdf.minisig").read_text()
    key_id, public_raw = minisign.parse_public_key(pub.read_text())
    # The key id reads the way minisign prints it in the .pub comment.
    assert minisign.display_key_id(key_id) in pub.read_text().splitlines()[0]
    found = minisign.verify(data_file.read_bytes(), signature, {key_id: public_raw})
    assert found == minisign.Verified(key_id, "komentar tepercaya é")
    assert minisign.verify_file(data_file, signature, {key_id: public_raw}) == found
    with pytest.raises(SignatureError) as err:
        minisign.verify(_flip(data_file.read_bytes(), 10), signature, {key_id: public_raw})
    assert err.value.code == "altered"


def test_minisign_default_trusted_comment_with_a_tab_is_read(
        tmp_path: Path, minisign_pair: tuple[Path, Path]) -> None:
    pub, sec = minisign_pair
    data_file = tmp_path / "x.bin"
    data_file.write_bytes(b"x" * 10)
    run("minisign", "-S", "-s", sec, "-m", data_file).check_returncode()
    keys = dict([minisign.parse_public_key(pub.read_text())])
    found = minisign.verify_file(data_file, (tmp_path / "x.bin.minisig").read_bytes(), keys)
    assert found.trusted_comment.startswith("timestamp:")
    assert "\tfile:x.bin" in found.trusted_comment


# --------------------------------------------------------------------------
# Our own checks, with plain messages
# --------------------------------------------------------------------------


def test_signature_is_the_documented_format(key: MinisignKey) -> None:
    text = minisign.sign(b"data", key, trusted_comment=COMMENT)
    lines = text.split("\n")
    assert lines[0] == "untrusted comment: signature from desa-desktop"
    raw = base64.b64decode(lines[1])
    assert raw[:2] == b"ED" and raw[2:10] == bytes.fromhex("0123456789abcdef")
    assert lines[2] == f"trusted comment: {COMMENT}"
    assert len(base64.b64decode(lines[3])) == 64 and lines[4:] == [""]
    assert minisign.sign(b"data", key, trusted_comment=COMMENT) == text  # Ed25519 is deterministic


def test_an_unknown_key_names_its_key_id(key: MinisignKey) -> None:
    text = minisign.sign(b"data", key, trusted_comment="c")
    with pytest.raises(SignatureError) as err:
        minisign.verify(b"data", text, _trusted(_key("fedcba9876543210")))
    assert err.value.code == "unknown_key"
    assert "0123456789abcdef" in str(err.value)
    assert "unknown key 0123456789abcdef" in err.value.translated(lambda t: translate(t, "en"))


@pytest.mark.parametrize("text", [
    "", "bukan tanda tangan", "untrusted comment: x\n!!!\ntrusted comment: y\nAAAA\n",
    "untrusted comment: x\nRUQ=\ntrusted comment: y\nAAAA\n",
])
def test_garbage_is_unreadable(text: str, key: MinisignKey) -> None:
    with pytest.raises(SignatureError) as err:
        minisign.verify(b"data", text, _trusted(key))
    assert err.value.code == "unreadable"
    assert "tidak dapat dibaca" in str(err.value)


def test_a_signature_cut_short_or_with_an_unknown_algorithm_is_unreadable(
        key: MinisignKey) -> None:
    text = minisign.sign(b"data", key, trusted_comment="c")
    lines = text.split("\n")
    for cut in range(1, len(text) - 1, 7):
        with pytest.raises(SignatureError):
            minisign.verify(b"data", text[:cut], _trusted(key))
    raw = base64.b64decode(lines[1])
    lines[1] = base64.b64encode(b"XX" + raw[2:]).decode()
    with pytest.raises(SignatureError) as err:
        minisign.verify(b"data", "\n".join(lines), _trusted(key))
    assert err.value.code == "unreadable"


def test_windows_line_ends_are_accepted(key: MinisignKey) -> None:
    text = minisign.sign(b"data", key, trusted_comment=COMMENT).replace("\n", "\r\n")
    assert minisign.verify(b"data", text.encode(), _trusted(key)).trusted_comment == COMMENT


def test_file_variants_agree_with_the_in_memory_ones(tmp_path: Path, key: MinisignKey) -> None:
    path = tmp_path / "big.bin"
    data = os.urandom(3 * (1 << 20) + 17)  # more than one read chunk
    path.write_bytes(data)
    text = minisign.sign_file(path, key, trusted_comment=COMMENT)
    assert text == minisign.sign(data, key, trusted_comment=COMMENT)
    assert minisign.verify_file(path, text, _trusted(key)).key_id == key.key_id


def test_comments_must_be_one_line(key: MinisignKey) -> None:
    with pytest.raises(ValueError):
        minisign.sign(b"x", key, trusted_comment="a\nuntrusted comment: b")
    with pytest.raises(ValueError):
        minisign.sign(b"x", key, trusted_comment="ok", untrusted_comment="a\rb")


def test_public_key_text_round_trips_and_bad_keys_are_refused(key: MinisignKey) -> None:
    text = minisign.public_key_text(key.public_raw, key.key_id)
    assert text.startswith("untrusted comment: minisign public key EFCDAB8967452301\n")
    assert minisign.parse_public_key(text) == (key.key_id, key.public_raw)
    line = minisign.public_key_line(key.public_raw, key.key_id)
    assert minisign.parse_public_key(f"  {line}\r\n") == (key.key_id, key.public_raw)
    for bad in ("", "RWQ", line[:-4], text + line, base64.b64encode(b"Xx" + b"0" * 40).decode()):
        with pytest.raises(SignatureError) as err:
            minisign.parse_public_key(bad)
        assert err.value.code == "bad_public_key"


def test_the_private_key_never_shows_in_repr(key: MinisignKey) -> None:
    assert key.private_raw.hex() not in repr(key)
    with pytest.raises(ValueError):
        MinisignKey(b"short", b"12345678")
