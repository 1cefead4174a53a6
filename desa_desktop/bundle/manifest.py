"""The manifest of a bundle: what is inside, from whom, for which period, after which bundle.

The district must be able to answer, from one small signed file and before it
trusts any data: which village made this, which number in that village's
sequence is it, which period does it cover, which bundle came before it (so a
missing, replaced or rewritten one shows), how far the village's audit chain
had grown, and which files belong to it with their SHA-256. ``manifest.json``
is that file; ``manifest.json.minisig`` signs it with the post's key.

The text is canonical (UTF-8, sorted keys, ``indent=1``, one final newline)
so the same manifest always gives the same bytes and signature. Parsing is
strict: a manifest from a newer format, with a missing or mistyped field, or
whose file list does not match the archive is refused with a plain message,
because whatever it describes cannot be trusted either.

Pure: no database, no files; the export service and the district import
both build on it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from desa_desktop.domain.errors import DomainError

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MANIFEST_NAME",
    "SIGNATURE_NAME",
    "FileEntry",
    "ManifestError",
    "build_manifest",
    "bundle_file_name",
    "check_comment",
    "check_files",
    "dump_manifest",
    "parse_manifest",
    "parse_trusted_comment",
    "sha256_file",
    "sha256_hex",
    "trusted_comment",
    "utc_stamp",
    "validate",
]

FORMAT = "desa-bundle"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.json.minisig"
PERIOD_KINDS = ("month", "quarter", "custom")
VILLAGE_FIELDS = ("code", "name", "district_code", "district_name", "regency_code",
                  "regency_name", "province_code", "province_name", "post_name")
TOP_FIELDS = frozenset({"format", "format_version", "village", "sequence", "period",
                        "created_at", "app_version", "schema_revision",
                        "previous_bundle_sha256", "audit_head", "counts", "files", "signer",
                        "recipients"})

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_KEY_ID = re.compile(r"^[0-9a-f]{16}$")
_VILLAGE_CODE = re.compile(r"^\d{2}(\.\d{2}){2}\.\d{4}$")
_TABLE = re.compile(r"^[a-z_]+$")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")
_COMMENT = re.compile(
    r"^desa-bundle v(?P<v>\d+) village=(?P<village>\S+) seq=(?P<seq>\d+) "
    r"period=(?P<period>\S+)(?: sha256=(?P<sha256>[0-9a-f]{64}))?$")
_CHUNK = 1 << 20


class ManifestError(DomainError):
    """The manifest cannot be trusted; ``code`` says why, for tests and the district log."""

    def __init__(self, template: str, *, code: str, **params: Any) -> None:
        self.code = code
        super().__init__(template, **params)


@dataclass(frozen=True)
class FileEntry:
    """One file of the archive as the manifest lists it."""

    path: str
    sha256: str
    size: int

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "size": self.size}


# -- small helpers -----------------------------------------------------------------------
def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256 of ``data`` (the form the manifest and comments use)."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> tuple[str, int]:
    """Hex SHA-256 and size of a file, read in 1 MiB steps (data files can be large)."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def utc_stamp(moment: datetime) -> str:
    """``2026-11-22T08:15:00Z``: a UTC moment as the manifest writes it (whole seconds)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0).isoformat() + "Z"


def bundle_file_name(village_code: str, sequence: int) -> str:
    """``3207122001-00007.desa``: the village code without dots and the sequence number."""
    return f"{village_code.replace('.', '')}-{sequence:05d}.desa"


def trusted_comment(manifest: Mapping[str, Any], sha256: str | None = None) -> str:
    """The minisign trusted comment: village, sequence, period (and the file's hash).

    The outer signature (of the ``.desa`` file) carries ``sha256`` so the
    district sees which bundle it is before decrypting; the manifest's own
    signature leaves it out (the manifest cannot name the hash of the file
    that contains it).
    """
    text = (f"{FORMAT} v{manifest['format_version']} village={manifest['village']['code']} "
            f"seq={manifest['sequence']} period={manifest['period']['label']}")
    return f"{text} sha256={sha256}" if sha256 else text


def parse_trusted_comment(text: str) -> dict[str, Any]:
    """Read a trusted comment back: version, village, seq, period and (maybe) sha256."""
    match = _COMMENT.match(text.strip())
    if match is None:
        raise ManifestError("Keterangan tanda tangan bundel tidak dikenali.",
                            code="comment")
    return {"format_version": int(match["v"]), "village": match["village"],
            "sequence": int(match["seq"]), "period": match["period"],
            "sha256": match["sha256"]}


def check_comment(comment: str, manifest: Mapping[str, Any], sha256: str | None = None) -> None:
    """The signed trusted comment names this manifest's bundle (and this file's hash).

    Without this check a valid signature of one bundle could vouch for the
    manifest of another: the comment is what ties the two together.
    """
    if comment != trusted_comment(manifest, sha256):
        raise ManifestError(
            "Keterangan tanda tangan tidak cocok dengan isi bundel (desa, nomor, periode "
            "atau sidik); bundel ini telah ditukar atau diubah.", code="comment_mismatch")


# -- building and writing ----------------------------------------------------------------
def build_manifest(*, village: Mapping[str, Any], sequence: int, period: Mapping[str, Any],
                   created_at: datetime, app_version: str, schema_revision: str,
                   previous_bundle_sha256: str | None, audit_head: tuple[int, str],
                   counts: Mapping[str, int], files: Iterable[FileEntry],
                   signer: Mapping[str, str], recipients: Iterable[str]) -> dict[str, Any]:
    """The manifest as a dict, checked by the same rules the district applies.

    ``period`` holds kind, start, end (dates or ISO text) and label; ``files``
    lists every archive entry except the two manifest files.
    """
    start, end = period["start"], period["end"]
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "village": {name: str(village[name]) for name in VILLAGE_FIELDS},
        "sequence": int(sequence),
        "period": {"kind": period["kind"], "label": period["label"],
                   "start": start.isoformat() if isinstance(start, date) else start,
                   "end": end.isoformat() if isinstance(end, date) else end},
        "created_at": utc_stamp(created_at),
        "app_version": app_version,
        "schema_revision": schema_revision,
        "previous_bundle_sha256": previous_bundle_sha256,
        "audit_head": {"seq": int(audit_head[0]), "hash": audit_head[1]},
        "counts": {table: int(n) for table, n in counts.items()},
        "files": [f.as_dict() for f in files],
        "signer": {"key_id": signer["key_id"],
                   "minisign_public_key": signer["minisign_public_key"]},
        "recipients": list(recipients),
    }
    validate(manifest)
    return manifest


def dump_manifest(manifest: Mapping[str, Any]) -> bytes:
    """The canonical bytes of ``manifest.json`` (what is hashed and signed)."""
    return (json.dumps(manifest, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode()


# -- reading and checking ----------------------------------------------------------------
def parse_manifest(data: bytes) -> dict[str, Any]:
    """Read and validate ``manifest.json``; ``ManifestError`` when it cannot be trusted."""
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ManifestError("Manifes bundel tidak dapat dibaca (bukan JSON yang utuh).",
                            code="json") from None
    if not isinstance(manifest, dict):
        raise ManifestError("Manifes bundel tidak dapat dibaca (bukan JSON yang utuh).",
                            code="json")
    validate(manifest)
    return manifest


def _bad(name: str) -> ManifestError:
    return ManifestError("Manifes bundel tidak sah: isian {name} hilang atau salah.",
                         code="field", name=name)


def _is_int(value: Any, minimum: int = 0) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _check_date(value: Any, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _bad(field) from None


def validate(manifest: Mapping[str, Any]) -> None:
    """Every rule of format v1; the first broken one raises ``ManifestError``."""
    if manifest.get("format") != FORMAT:
        raise ManifestError("Berkas ini bukan manifes bundel desa-desktop.", code="format")
    version = manifest.get("format_version")
    if not _is_int(version, 1):
        raise _bad("format_version")
    if version > FORMAT_VERSION:
        raise ManifestError(
            "Bundel ini dibuat dengan format versi {version} dari aplikasi yang lebih baru. "
            "Perbarui aplikasi dulu, lalu coba lagi.", code="version", version=version)
    missing = sorted(TOP_FIELDS - set(manifest))
    if missing:
        raise _bad(missing[0])
    village = manifest["village"]
    if not isinstance(village, dict) or any(
            not isinstance(village.get(name), str) for name in VILLAGE_FIELDS):
        raise _bad("village")
    if not _VILLAGE_CODE.match(village["code"]):
        raise _bad("village.code")
    sequence = manifest["sequence"]
    if not _is_int(sequence, 1):
        raise _bad("sequence")
    _check_period(manifest["period"])
    if not isinstance(manifest["created_at"], str) or not _STAMP.match(manifest["created_at"]):
        raise _bad("created_at")
    for name in ("app_version", "schema_revision"):
        if not isinstance(manifest[name], str) or not manifest[name]:
            raise _bad(name)
    previous = manifest["previous_bundle_sha256"]
    if sequence == 1 and previous is not None:
        raise _bad("previous_bundle_sha256")
    if sequence > 1 and not (isinstance(previous, str) and _HEX64.match(previous)):
        raise _bad("previous_bundle_sha256")
    head = manifest["audit_head"]
    if not isinstance(head, dict) or not _is_int(head.get("seq")) \
            or not isinstance(head.get("hash"), str) or not _HEX64.match(head["hash"]):
        raise _bad("audit_head")
    _check_counts_and_files(manifest["counts"], manifest["files"])
    signer = manifest["signer"]
    if not isinstance(signer, dict) or not isinstance(signer.get("key_id"), str) \
            or not _KEY_ID.match(signer["key_id"]) \
            or not isinstance(signer.get("minisign_public_key"), str):
        raise _bad("signer")
    recipients = manifest["recipients"]
    if not isinstance(recipients, list) or not recipients or any(
            not isinstance(r, str) or not r.startswith("age1") for r in recipients):
        raise _bad("recipients")


def _check_period(period: Any) -> None:
    if not isinstance(period, dict) or period.get("kind") not in PERIOD_KINDS \
            or not isinstance(period.get("label"), str) or not period["label"] \
            or any(c.isspace() for c in period["label"]):
        raise _bad("period")
    if _check_date(period.get("start"), "period.start") \
            > _check_date(period.get("end"), "period.end"):
        raise _bad("period")


def _check_counts_and_files(counts: Any, files: Any) -> None:
    if not isinstance(counts, dict) or any(
            not isinstance(k, str) or not _TABLE.match(k) or not _is_int(v)
            for k, v in counts.items()):
        raise _bad("counts")
    if not isinstance(files, list):
        raise _bad("files")
    seen: set[str] = set()
    for entry in files:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str) \
                or not isinstance(entry.get("sha256"), str) \
                or not _HEX64.match(entry["sha256"]) or not _is_int(entry.get("size")):
            raise _bad("files")
        path = entry["path"]
        if path in (MANIFEST_NAME, SIGNATURE_NAME) or path in seen:
            raise _bad("files")
        seen.add(path)
    data_tables = {p[len("data/"):-len(".jsonl")] for p in seen
                   if p.startswith("data/") and p.endswith(".jsonl")}
    if data_tables != set(counts):
        raise ManifestError(
            "Manifes bundel tidak sah: jumlah baris tidak cocok dengan berkas data.",
            code="counts")


def check_files(manifest: Mapping[str, Any], entries: Mapping[str, bytes]) -> None:
    """Each archive entry is listed with the right size and SHA-256, and nothing else is there.

    ``entries`` is the archive as read (path -> bytes), manifest files included.
    A file swapped in from another bundle, added or left out is refused.
    """
    listed = {f["path"]: f for f in manifest["files"]}
    present = set(entries) - {MANIFEST_NAME, SIGNATURE_NAME}
    for path in sorted(set(listed) - present):
        raise ManifestError("Bundel tidak lengkap: berkas {path} hilang.", code="missing",
                            path=path)
    for path in sorted(present - set(listed)):
        raise ManifestError("Bundel berisi berkas yang tidak tercatat di manifes: {path}.",
                            code="extra", path=path)
    for path, entry in listed.items():
        data = entries[path]
        if len(data) != entry["size"] or sha256_hex(data) != entry["sha256"]:
            raise ManifestError(
                "Berkas {path} di dalam bundel telah diubah (sidik SHA-256 tidak cocok).",
                code="hash", path=path)
    for table, count in manifest["counts"].items():
        if entries[f"data/{table}.jsonl"].count(b"\n") != count:
            raise ManifestError(
                "Manifes bundel tidak sah: jumlah baris tidak cocok dengan berkas data.",
                code="counts")
