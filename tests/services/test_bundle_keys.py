"""The bundle keys: made once, exported for the district, the district's key imported with care."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from desa_desktop.bundle import age_crypto, minisign
from desa_desktop.db.engine import Database
from desa_desktop.i18n import translate
from desa_desktop.services import bundle_keys, signing
from desa_desktop.services.bundle_keys import KeyChangeNeedsConfirmation
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import PermissionDenied, ServiceError
from tests.bundle.cli import age_decrypt, minisign_verify
from tests.conftest import VILLAGE
from tests.services.helpers import count_rows, row

FINGERPRINT = re.compile(r"^[0-9A-F]{4}( [0-9A-F]{4}){7}$")


class District:
    """A district office's key pair, as the district side will hold it."""

    def __init__(self, key_id: str = "d15c0ffee0000001") -> None:
        private = Ed25519PrivateKey.generate().private_bytes(
            Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        self.signer = minisign.MinisignKey.from_hex_id(private, key_id)
        self.secret, self.recipient = age_crypto.new_identity()
        self.line = minisign.public_key_line(self.signer.public_raw, self.signer.key_id)

    def key_file(self, folder: Path, code: str = "32.07",
                 name: str = "Disnakertrans Kabupaten Ciamis", **changes: object) -> Path:
        document = json.loads(bundle_keys.district_key_document(code, name, self.recipient,
                                                                self.line))
        document.update(changes)
        path = folder / f"kunci-dinas-{os.urandom(3).hex()}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        return path


def _en(err: ServiceError) -> str:
    return err.translated(lambda t: translate(t, "en"))


# --------------------------------------------------------------------------
# The post's own keys
# --------------------------------------------------------------------------


def test_setup_keys_are_made_once_and_kept_inside_the_database(ctx: ServiceContext) -> None:
    keys = bundle_keys.ensure_post_keys(ctx)
    assert bundle_keys.ensure_post_keys(ctx) == keys
    assert count_rows(ctx.db, "signing_key") == 1 and count_rows(ctx.db, "bundle_key") == 1
    # The bundle key is the letter key: one key id names the post everywhere.
    public, key_id = row(ctx.db, "SELECT public_key, key_id FROM signing_key")
    assert keys.key_id == key_id == signing.key_id_of(public)
    assert minisign.parse_public_key(keys.minisign_public_key) == (bytes.fromhex(key_id), public)
    assert keys.minisign_public_key_text.endswith(keys.minisign_public_key + "\n")
    secret, recipient = row(ctx.db, "SELECT secret, recipient FROM bundle_key")
    assert keys.age_recipient == recipient == age_crypto.recipient_of(secret)
    assert FINGERPRINT.match(keys.fingerprint)
    assert bundle_keys.post_identity(ctx) == secret


def test_the_secret_never_sits_in_the_file_in_clear(ctx: ServiceContext, db_path: Path) -> None:
    bundle_keys.ensure_post_keys(ctx)
    secret = bundle_keys.post_identity(ctx).encode()
    for path in db_path.parent.glob(db_path.name + "*"):
        assert secret not in path.read_bytes()


def test_a_letter_key_made_earlier_is_kept(ctx: ServiceContext) -> None:
    with ctx.db.sessions.begin() as s:
        letter_key_id = signing.own_key(s, ctx.village_code).key_id
    assert bundle_keys.ensure_post_keys(ctx).key_id == letter_key_id
    assert count_rows(ctx.db, "signing_key") == 1


def test_minisign_checks_a_signature_with_the_exported_pub(ctx: ServiceContext,
                                                           tmp_path: Path) -> None:
    pub = bundle_keys.export_minisign_pub(ctx, tmp_path)
    assert pub.name == "3207122001.pub"
    data = tmp_path / "3207122001-00001.desa"
    data.write_bytes(os.urandom(10_000))
    signature = tmp_path / "3207122001-00001.desa.minisig"
    signature.write_text(minisign.sign_file(data, bundle_keys.post_minisign_key(ctx),
                                            trusted_comment="desa-bundle v1"))
    done = minisign_verify(pub, data, signature)
    assert done.returncode == 0, done.stderr


def test_the_age_tool_opens_a_file_for_the_post_with_its_identity(ctx: ServiceContext,
                                                                  tmp_path: Path) -> None:
    keys = bundle_keys.ensure_post_keys(ctx)
    encrypted = tmp_path / "b.desa"
    encrypted.write_bytes(age_crypto.encrypt(b"isi bundel", [keys.age_recipient]))
    identity = tmp_path / "id.txt"
    identity.write_text(bundle_keys.post_identity(ctx) + "\n")
    assert age_decrypt(identity, encrypted).stdout == b"isi bundel"


def test_the_post_key_file_round_trips_and_holds_no_secret(ctx: ServiceContext,
                                                           tmp_path: Path) -> None:
    keys = bundle_keys.ensure_post_keys(ctx)
    path = bundle_keys.export_post_public_key(ctx, tmp_path)
    assert path == tmp_path / "3207122001-kunci-pos.json"
    text = path.read_text(encoding="utf-8")
    assert "SECRET" not in text.upper().replace("AGE1", "")
    document = json.loads(text)
    assert document["format"] == "desa-post-key" and document["format_version"] == 1
    assert document["village_name"] == VILLAGE.name
    read = bundle_keys.read_post_key_file(path)
    assert read == bundle_keys.PostKeyFile(VILLAGE.code, VILLAGE.name, keys.key_id,
                                           keys.minisign_public_key, keys.age_recipient,
                                           keys.fingerprint)
    # Someone swaps the age recipient on the stick: the fingerprint gives it away.
    document["age_recipient"] = age_crypto.new_identity()[1]
    path.write_text(json.dumps(document))
    with pytest.raises(ServiceError, match="Sidik jari"):
        bundle_keys.read_post_key_file(path)


def test_the_fingerprint_covers_both_public_keys() -> None:
    _, recipient = age_crypto.new_identity()
    _, other = age_crypto.new_identity()
    public = os.urandom(32)
    assert bundle_keys.fingerprint(public, recipient) != bundle_keys.fingerprint(public, other)
    assert bundle_keys.fingerprint(public, recipient) != bundle_keys.fingerprint(
        os.urandom(32), recipient)
    assert FINGERPRINT.match(bundle_keys.fingerprint(public, recipient))


def test_a_key_file_cannot_be_written_to_a_missing_folder(ctx: ServiceContext,
                                                          tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="tidak dapat ditulis"):
        bundle_keys.export_post_public_key(ctx, tmp_path / "flashdisk-dicabut" / "k.json")


# --------------------------------------------------------------------------
# The district's key
# --------------------------------------------------------------------------


def test_importing_the_district_key_stores_it_and_audits_it(ctx: ServiceContext,
                                                            tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="Kunci dinas belum diimpor"):
        bundle_keys.bundle_recipients(ctx)
    assert bundle_keys.district_key(ctx) is None
    district = District()
    view = bundle_keys.import_district_key(ctx, district.key_file(tmp_path))
    assert (view.district_code, view.age_recipient, view.minisign_key_id) == (
        "32.07", district.recipient, "d15c0ffee0000001")
    assert FINGERPRINT.match(view.fingerprint)
    assert bundle_keys.district_key(ctx) == view
    assert bundle_keys.bundle_recipients(ctx) == [
        district.recipient, bundle_keys.ensure_post_keys(ctx).age_recipient]
    action, values = row(ctx.db, "SELECT action, new_values FROM audit_log "
                                 "WHERE entity = 'district_key'")
    assert action == "district_key_imported" and view.fingerprint in values
    # A receipt signed by the district is checked with the stored key.
    receipt = minisign.sign(b"tanda terima", district.signer, trusted_comment="ok")
    assert minisign.verify(b"tanda terima", receipt, view.public_keys).trusted_comment == "ok"


def test_the_same_key_again_changes_nothing(ctx: ServiceContext, tmp_path: Path) -> None:
    district = District()
    first = bundle_keys.import_district_key(ctx, district.key_file(tmp_path))
    audits = count_rows(ctx.db, "audit_log")
    assert bundle_keys.import_district_key(ctx, district.key_file(tmp_path)) == first
    assert count_rows(ctx.db, "audit_log") == audits


def test_a_different_key_needs_confirmation_naming_both_fingerprints(
        ctx: ServiceContext, tmp_path: Path) -> None:
    old = bundle_keys.import_district_key(ctx, District().key_file(tmp_path))
    newer = District("d15c0ffee0000002")
    path = newer.key_file(tmp_path)
    with pytest.raises(KeyChangeNeedsConfirmation) as err:
        bundle_keys.import_district_key(ctx, path)
    assert old.fingerprint in str(err.value) and err.value.new.fingerprint in str(err.value)
    assert err.value.old == old
    assert "fingerprint" in _en(err.value)
    assert bundle_keys.district_key(ctx) == old  # nothing replaced yet
    replaced = bundle_keys.import_district_key(ctx, path, confirm=True)
    assert replaced.age_recipient == newer.recipient
    assert count_rows(ctx.db, "district_key") == 1
    action, old_values = row(ctx.db, "SELECT action, old_values FROM audit_log "
                                     "WHERE entity = 'district_key' ORDER BY seq DESC LIMIT 1")
    assert action == "district_key_replaced" and old.fingerprint in old_values


def test_only_the_admin_imports_the_district_key(head_ctx: ServiceContext,
                                                other_ctx: ServiceContext,
                                                tmp_path: Path) -> None:
    path = District().key_file(tmp_path)
    for who in (head_ctx, other_ctx):
        with pytest.raises(PermissionDenied):
            bundle_keys.import_district_key(who, path)
    assert count_rows(head_ctx.db, "district_key") == 0


def test_a_key_of_another_region_is_refused(ctx: ServiceContext, tmp_path: Path) -> None:
    path = District().key_file(tmp_path, code="33.01", name="Disnaker Kabupaten Cilacap")
    with pytest.raises(ServiceError, match="Disnaker Kabupaten Cilacap") as err:
        bundle_keys.import_district_key(ctx, path)
    assert "33.01" in _en(err.value) and "not to the office" in _en(err.value)
    assert count_rows(ctx.db, "district_key") == 0


def _bad_files(folder: Path) -> list[tuple[Path, str]]:
    district = District()

    def write(name: str, data: bytes) -> Path:
        (folder / name).write_bytes(data)
        return folder / name
    return [
        (folder / "tidak-ada.json", "tidak dapat dibaca"),
        (write("foto.jpg", b"\xff\xd8\xff\xe0" + os.urandom(100)), "bukan berkas kunci"),
        (write("besar.json", b" " * (bundle_keys.MAX_KEY_FILE + 1)), "bukan berkas kunci"),
        (write("pos.json", json.dumps({"format": "desa-post-key",
                                       "format_version": 1}).encode()), "bukan berkas kunci"),
        (district.key_file(folder, format_version=2), "versi aplikasi yang lebih baru"),
        (district.key_file(folder, age_recipient="age1salah"), "Kunci enkripsi (age)"),
        (district.key_file(folder, minisign_public_key="A" * 56),
         "Kunci tanda tangan (minisign)"),
        (district.key_file(folder, fingerprint="0000 0000 0000 0000 0000 0000 0000 0000"),
         "Sidik jari"),
        (district.key_file(folder, district_name=""), "district_name"),
        (district.key_file(folder, district_code="32.07/../x"), "Kode wilayah"),
    ]


def test_broken_or_wrong_files_are_refused_plainly(ctx: ServiceContext, tmp_path: Path) -> None:
    for path, message in _bad_files(tmp_path):
        with pytest.raises(ServiceError) as err:
            bundle_keys.import_district_key(ctx, path)
        assert message in str(err.value), (path.name, str(err.value))
        assert _en(err.value) != str(err.value)  # an English text exists
    assert count_rows(ctx.db, "district_key") == 0


def test_the_key_tables_exist_in_a_new_database(db: Database) -> None:
    for table in ("bundle_key", "district_key", "bundle_export"):
        assert count_rows(db, table) == 0
