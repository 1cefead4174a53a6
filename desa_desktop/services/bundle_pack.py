"""Building the sealed bundle in a work folder: data, readable files, manifest, ZIP, age, minisign.

Split from ``bundle_export`` (which numbers, stores and copies the result)
so each stays small. Everything is written to files in ``work`` (inside the
outbox, so sealing is a rename) and hashed while it is written: the rows
stream from one read snapshot into the data files, the workbook and PDF are
made from those files (so they show exactly what the data says), the ZIP is
written entry by entry and age encrypts it file to file. Nothing holds a
whole register, or the whole bundle, in memory.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from desa_desktop import __version__
from desa_desktop.bundle import age_crypto, minisign
from desa_desktop.bundle import manifest as mf
from desa_desktop.bundle.archive import ArchiveWriter
from desa_desktop.bundle.records import dump_rows
from desa_desktop.bundle.registers import REGISTERS, Register
from desa_desktop.services import bundle_keys
from desa_desktop.services.bundle_content import BundleContent, Period
from desa_desktop.services.context import ServiceContext

__all__ = ["Packed", "pack", "step_count"]

#: Rows between two looks at the cancel flag while a register is written.
CANCEL_EVERY = 2000


@dataclass(frozen=True)
class Packed:
    """The finished bundle: the encrypted file, its minisign signature and what it holds."""

    path: Path  # the encrypted ``.desa`` file, still in the work folder
    signature: str
    sha256: str
    counts: dict[str, int]
    manifest: dict[str, Any]


class StepsLike(Protocol):
    """The progress counter of ``bundle_export`` (kept abstract: no import cycle)."""

    def step(self, label: str) -> None: ...

    def check(self) -> None: ...


class PlanLike(Protocol):
    """What ``pack`` reads of ``bundle_export.Plan``."""

    sequence: int
    previous_sha256: str | None
    village: dict[str, str]
    audit_head: tuple[int, str]
    schema_revision: str
    created_at: Any


def step_count() -> int:
    """Steps of an export before the stick: one per register, workbook, PDF, archive,
    encryption, and saving in the outbox (the last one counted by ``bundle_export``)."""
    return len(REGISTERS) + 5


def _write_data(content: BundleContent, register: Register, work: Path,
                steps: StepsLike) -> tuple[mf.FileEntry, int]:
    """Stream one register into ``data/<table>.jsonl``, hashing as it goes."""
    rel = f"data/{register.table}.jsonl"
    path = work / rel
    path.parent.mkdir(exist_ok=True)
    digest, size, count = hashlib.sha256(), 0, 0
    with open(path, "wb") as fh:
        for line in dump_rows(content.rows(register)):
            fh.write(line)
            digest.update(line)
            size += len(line)
            count += 1
            if count % CANCEL_EVERY == 0:
                steps.check()
    return mf.FileEntry(rel, digest.hexdigest(), size), count


def _readable_files(ctx: ServiceContext, period: Period, plan: PlanLike, work: Path,
                    counts: dict[str, int], steps: StepsLike) -> list[mf.FileEntry]:
    """The workbook and the PDF summary under ``laporan/``, read from the data files."""
    # Loaded on first export: ReportLab and openpyxl cost start-up time for nothing else.
    from desa_desktop.reports import bundle_summary_pdf, bundle_workbook
    from desa_desktop.services.statements import report_header

    stem = f"laporan/{ctx.village_code.replace('.', '')}-{period.label}"
    (work / "laporan").mkdir(exist_ok=True)
    steps.step("Menyusun buku kerja Excel")
    xlsx = work / f"{stem}.xlsx"
    bundle_workbook.write_workbook(xlsx, village=plan.village, period=period,
                                   data_dir=work / "data", counts=counts,
                                   created_at=plan.created_at)
    steps.step("Menyusun laporan ringkas PDF")
    pdf = work / f"{stem}.pdf"
    bundle_summary_pdf.write_summary(pdf, village=plan.village, period=period,
                                     data_dir=work / "data", counts=counts,
                                     created_at=plan.created_at, header=report_header(ctx))
    entries = []
    for path in (xlsx, pdf):
        sha, size = mf.sha256_file(path)
        entries.append(mf.FileEntry(str(path.relative_to(work)), sha, size))
    return entries


def pack(ctx: ServiceContext, period: Period, plan: PlanLike, post: bundle_keys.PostKeys,
         work: Path, steps: StepsLike) -> Packed:
    """Write every file into ``work``, then the manifest, the ZIP, age and the signature."""
    files: list[mf.FileEntry] = []
    counts: dict[str, int] = {}
    with BundleContent(ctx, period) as content:  # one snapshot for every register
        for register in REGISTERS:
            steps.step("Menyiapkan data")
            entry, counts[register.table] = _write_data(content, register, work, steps)
            files.append(entry)
    files += _readable_files(ctx, period, plan, work, counts, steps)
    steps.step("Menandatangani dan mengemas bundel")
    key = bundle_keys.post_minisign_key(ctx)
    recipients = bundle_keys.bundle_recipients(ctx)
    manifest = mf.build_manifest(
        village=plan.village, sequence=plan.sequence,
        period={"kind": period.kind, "start": period.start, "end": period.end,
                "label": period.label},
        created_at=plan.created_at, app_version=__version__,
        schema_revision=plan.schema_revision, previous_bundle_sha256=plan.previous_sha256,
        audit_head=plan.audit_head, counts=counts, files=files,
        signer={"key_id": post.key_id,
                "minisign_public_key": post.minisign_public_key},
        recipients=recipients)
    manifest_bytes = mf.dump_manifest(manifest)
    manifest_sig = minisign.sign(manifest_bytes, key,
                                 trusted_comment=mf.trusted_comment(manifest))
    zip_path = work / "bundel.zip"
    with open(zip_path, "wb") as fh:
        archive = ArchiveWriter(fh)
        archive.add(mf.MANIFEST_NAME, manifest_bytes)
        archive.add(mf.SIGNATURE_NAME, manifest_sig.encode("utf-8"))
        for entry in files:
            steps.check()
            archive.add_file(entry.path, work / entry.path)
        archive.close()
    steps.step("Mengenkripsi bundel")
    encrypted = work / "bundel.desa"
    with open(zip_path, "rb") as reader, open(encrypted, "wb") as writer:
        age_crypto.encrypt_stream(reader, writer, recipients)
    zip_path.unlink()
    sha256, _size = mf.sha256_file(encrypted)
    signature = minisign.sign_file(encrypted, key,
                                   trusted_comment=mf.trusted_comment(manifest, sha256))
    return Packed(encrypted, signature, sha256, counts, manifest)
