"""The manifest: canonical bytes, strict reading, and the file list that must match the archive."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime

import pytest

from desa_desktop.bundle import manifest as mf

DATA = b'{"id":"a"}\n{"id":"b"}\n'
XLSX = b"PK workbook"


def _manifest(**changes) -> dict:
    args = {
        "village": {"code": "32.07.12.2001", "name": "Karyamukti", "district_code": "32.07.12",
                    "district_name": "Banjaranyar", "regency_code": "32.07",
                    "regency_name": "Ciamis", "province_code": "32",
                    "province_name": "Jawa Barat", "post_name": "Pos Karyamukti",
                    "address": "ignored"},
        "sequence": 2,
        "period": {"kind": "month", "start": date(2026, 11, 1), "end": date(2026, 11, 30),
                   "label": "2026-11"},
        "created_at": datetime(2026, 11, 22, 8, 15, 3, 123456, tzinfo=UTC),
        "app_version": "0.1.0", "schema_revision": "0006",
        "previous_bundle_sha256": "ab" * 32,
        "audit_head": (41, "cd" * 32),
        "counts": {"person": 2},
        "files": [mf.FileEntry("data/person.jsonl", mf.sha256_hex(DATA), len(DATA)),
                  mf.FileEntry("laporan/3207122001-2026-11.xlsx", mf.sha256_hex(XLSX),
                               len(XLSX))],
        "signer": {"key_id": "0123456789abcdef", "minisign_public_key": "RWQ..."},
        "recipients": ["age1district", "age1post"],
    }
    args.update(changes)
    return mf.build_manifest(**args)


def _entries() -> dict[str, bytes]:
    return {mf.MANIFEST_NAME: b"{}", mf.SIGNATURE_NAME: b"sig", "data/person.jsonl": DATA,
            "laporan/3207122001-2026-11.xlsx": XLSX}


def test_canonical_bytes_round_trip_and_do_not_depend_on_key_order() -> None:
    manifest = _manifest()
    data = mf.dump_manifest(manifest)
    assert data.endswith(b"}\n")
    assert mf.parse_manifest(data) == manifest
    shuffled = dict(reversed(list(manifest.items())))
    assert mf.dump_manifest(shuffled) == data
    assert manifest["created_at"] == "2026-11-22T08:15:03Z"
    assert manifest["period"] == {"kind": "month", "start": "2026-11-01",
                                  "end": "2026-11-30", "label": "2026-11"}
    assert "address" not in manifest["village"]
    assert json.loads(data)["format"] == "desa-bundle"


def test_names_and_trusted_comments() -> None:
    manifest = _manifest()
    assert mf.bundle_file_name("32.07.12.2001", 7) == "3207122001-00007.desa"
    comment = mf.trusted_comment(manifest, "ef" * 32)
    assert comment == ("desa-bundle v1 village=32.07.12.2001 seq=2 period=2026-11 sha256="
                       + "ef" * 32)
    assert mf.parse_trusted_comment(comment)["sha256"] == "ef" * 32
    inner = mf.parse_trusted_comment(mf.trusted_comment(manifest))
    assert inner == {"format_version": 1, "village": "32.07.12.2001", "sequence": 2,
                     "period": "2026-11", "sha256": None}
    with pytest.raises(mf.ManifestError):
        mf.parse_trusted_comment("something else")


def test_the_signed_comment_must_name_this_bundle() -> None:
    manifest = _manifest()
    mf.check_comment(mf.trusted_comment(manifest), manifest)
    mf.check_comment(mf.trusted_comment(manifest, "ef" * 32), manifest, "ef" * 32)
    other = _manifest(sequence=3)
    for comment, sha in ((mf.trusted_comment(other), None),
                         (mf.trusted_comment(manifest, "ef" * 32), "ab" * 32),
                         (mf.trusted_comment(manifest), "ef" * 32)):
        with pytest.raises(mf.ManifestError) as caught:
            mf.check_comment(comment, manifest, sha)
        assert caught.value.code == "comment_mismatch"


@pytest.mark.parametrize(("path", "value", "code"), [
    (("format",), "zip", "format"),
    (("format_version",), 2, "version"),
    (("format_version",), "1", "field"),
    (("sequence",), 0, "field"),
    (("sequence",), True, "field"),
    (("village", "code"), "3207122001", "field"),
    (("period", "kind"), "year", "field"),
    (("period", "start"), "2026-12-01", "field"),
    (("period", "label"), "2026 11", "field"),
    (("created_at",), "2026-11-22 08:15", "field"),
    (("previous_bundle_sha256",), None, "field"),
    (("audit_head", "hash"), "xyz", "field"),
    (("counts", "person"), -1, "field"),
    (("counts",), {"household": 1, "person": 2}, "counts"),
    (("files",), [], "counts"),
    (("signer", "key_id"), "ABC", "field"),
    (("recipients",), [], "field"),
    (("recipients",), ["ssh-ed25519 AAAA"], "field"),
])
def test_a_broken_manifest_is_refused_with_a_reason(path, value, code) -> None:
    manifest = copy.deepcopy(_manifest())
    target = manifest
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(mf.ManifestError) as caught:
        mf.parse_manifest(mf.dump_manifest(manifest))
    assert caught.value.code == code
    assert str(caught.value)


def test_missing_fields_unreadable_text_and_the_first_bundle() -> None:
    manifest = _manifest()
    del manifest["audit_head"]
    with pytest.raises(mf.ManifestError, match="audit_head"):
        mf.parse_manifest(mf.dump_manifest(manifest))
    for junk in (b"\xff\xfe", b"[1, 2]", b"{not json"):
        with pytest.raises(mf.ManifestError) as caught:
            mf.parse_manifest(junk)
        assert caught.value.code == "json"
    first = _manifest(sequence=1, previous_bundle_sha256=None)
    assert mf.parse_manifest(mf.dump_manifest(first))["previous_bundle_sha256"] is None
    with pytest.raises(mf.ManifestError):
        _manifest(sequence=1)  # the first bundle has nothing before it


def test_files_must_match_the_archive_exactly() -> None:
    manifest = _manifest()
    mf.check_files(manifest, _entries())

    swapped = _entries() | {"data/person.jsonl": b'{"id":"a"}\n{"id":"c"}\n'}
    with pytest.raises(mf.ManifestError) as caught:
        mf.check_files(manifest, swapped)
    assert (caught.value.code, caught.value.params["path"]) == ("hash", "data/person.jsonl")

    missing = _entries()
    del missing["laporan/3207122001-2026-11.xlsx"]
    with pytest.raises(mf.ManifestError) as caught:
        mf.check_files(manifest, missing)
    assert caught.value.code == "missing"

    with pytest.raises(mf.ManifestError) as caught:
        mf.check_files(manifest, _entries() | {"data/extra.jsonl": b""})
    assert caught.value.code == "extra"


def test_row_counts_must_match_the_data_lines() -> None:
    manifest = _manifest(counts={"person": 3})
    with pytest.raises(mf.ManifestError) as caught:
        mf.check_files(manifest, _entries())
    assert caught.value.code == "counts"


def test_sha256_of_a_file_streams(tmp_path) -> None:
    path = tmp_path / "big.bin"
    data = b"x" * (3 * (1 << 20) + 5)
    path.write_bytes(data)
    assert mf.sha256_file(path) == (mf.sha256_hex(data), len(data))
