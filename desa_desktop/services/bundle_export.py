"""Exporting the village's bundle for the district, and carrying it onto a USB stick.

What the officer does: pick a period and a stick, press Go, wait for the bar.
What happens, and why in this order:

1. The data files (one JSONL per register, full snapshot with tombstones,
   confidential cases redacted), the workbook and the PDF summary are written
   into a hidden work folder inside the outbox, each hashed as it is written,
   so a 100,000-person village never sits in memory whole
   (``bundle_pack``).
2. The manifest names the village, sequence, period, previous bundle's hash,
   audit chain head and every file's SHA-256; it is signed (minisign) and
   zipped first with the files.
3. The ZIP is encrypted with age to the district and to the post itself (so
   the post can read its own bundle again), and the encrypted file is signed,
   so the district refuses garbage before decrypting.
4. Only when all that is done is the bundle numbered for good: the ``.desa``
   and ``.minisig`` land in the outbox and the sequence number, hash and
   period are committed together (``bundle_export``, counter "BDL", plus an
   audit row: data left the app). A cancel or failure before this point
   leaves nothing behind and uses no number.
5. Then the files are copied to ``<stick>/DESA-BUNDEL/`` and read back
   (``bundle_copy``). A full, locked or pulled-out stick raises
   ``BundleNotCopied`` in plain words; the bundle stays in the outbox and
   ``copy_from_outbox`` copies it again later. This last step is not
   cancellable: it is one file of a few megabytes, and stopping half-way is
   exactly what the careful write exists to avoid.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from desa_desktop.bundle import age_crypto, archive, minisign
from desa_desktop.bundle import manifest as mf
from desa_desktop.db import audit
from desa_desktop.db.base import utcnow
from desa_desktop.db.bundle_models import BundleExport
from desa_desktop.db.case_models import NumberCounter
from desa_desktop.db.migrate import current_revision, head_revision
from desa_desktop.db.models import Village
from desa_desktop.services import bundle_keys, bundle_pack, usb
from desa_desktop.services.bundle_content import Period
from desa_desktop.services.bundle_copy import (
    BUNDLE_FOLDER,
    BundleNotCopied,
    ExportInfo,
    ExportResult,
    check_target,
    copy_from_outbox,
    copy_to_target,
    list_exports,
    message,
    outbox_dir,
    outbox_error,
)
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.durable import sync_file
from desa_desktop.services.errors import ServiceError
from desa_desktop.services.numbering import take_number

__all__ = [
    "BUNDLE_FOLDER",
    "SERIES",
    "BundleNotCopied",
    "ExportCancelled",
    "ExportInfo",
    "ExportResult",
    "copy_from_outbox",
    "export_bundle",
    "list_exports",
    "outbox_dir",
    "read_own_bundle",
]

#: The number series of bundles: one counter per database (= per village), never reset
#: by year, so the district sees 1, 2, 3... and any gap.
SERIES, SERIES_YEAR = "BDL", 0
#: The hidden work folder of an export, inside the outbox (same disk: sealing is a rename).
WORK_PREFIX = ".kerja-"
#: A work folder older than this belongs to no running export any more.
STALE_WORK_SECONDS = 24 * 3600


class Progress(Protocol):
    """``progress(done, total, label)``: steps finished, steps in all, what runs now."""
    def __call__(self, done: int, total: int, label: str) -> None: ...


class ExportCancelled(ServiceError):
    """The officer pressed Cancel; nothing was kept and no number was used."""


class Steps:
    """Counts steps for ``progress(done, total, label)`` and looks at the cancel flag.

    ``cancel`` is a callable returning True, or an object with ``is_set``
    (``ui.tasks.CancelFlag``), so the GUI's task runner and plain scripts
    both fit.
    """
    def __init__(self, total: int, progress: Progress | None, cancel: Any) -> None:
        self.done, self.total = 0, total
        self.progress, self.cancel = progress, cancel

    def cancelled(self) -> bool:
        if self.cancel is None:
            return False
        if hasattr(self.cancel, "is_set"):
            return bool(self.cancel.is_set)
        return bool(self.cancel())

    def check(self) -> None:
        """Stop here (``ExportCancelled``) when the officer asked to."""
        if self.cancelled():
            raise ExportCancelled("Ekspor bundel dibatalkan. Tidak ada berkas yang disimpan.")

    def step(self, label: str) -> None:
        """Announce the next step (``label``); the previous one is done."""
        self.check()
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total, label)
        self.done += 1

    def finish(self, label: str) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total, label)


@dataclass(frozen=True)
class Plan:
    """What the manifest needs from the database, read once before the work starts."""
    sequence: int  # planned; taken (and checked) only when the bundle is sealed
    previous_sha256: str | None
    village: dict[str, str]
    audit_head: tuple[int, str]
    schema_revision: str
    created_at: datetime


def _last_export(session: Session, village_code: str) -> BundleExport | None:
    """The newest bundle of the village: the next one names its hash."""
    return session.scalars(
        select(BundleExport).where(BundleExport.village_code == village_code)
        .order_by(BundleExport.sequence.desc()).limit(1)).first()


def _plan(ctx: ServiceContext) -> Plan:
    """Read what the manifest needs; the number is only planned here, taken in ``_seal``."""
    with ctx.db.sessions() as s:
        row = s.scalars(select(Village)).first()
        if row is None:
            raise ServiceError("Identitas desa belum diisi; selesaikan penyiapan aplikasi dulu.")
        village = {name: getattr(row, name) for name in mf.VILLAGE_FIELDS}
        counter = s.get(NumberCounter, (SERIES, SERIES_YEAR))
        last = _last_export(s, ctx.village_code)
        head = audit.head(s)
    return Plan((counter.last if counter else 0) + 1, last.sha256 if last else None, village,
                head, current_revision(ctx.db) or head_revision(), utcnow())


def export_bundle(ctx: ServiceContext, period: Period, target_dir: Path | None, *,
                  progress: Progress | None = None, cancel: Any = None) -> ExportResult:
    """Make the bundle for ``period``, keep it in the outbox, and copy it to ``target_dir``.

    ``target_dir`` is the stick (or any folder); the files go into its
    ``DESA-BUNDEL`` folder. None keeps the bundle in the outbox only.
    ``progress(done, total, label)`` reports each step; ``cancel`` stops
    cleanly until the bundle is numbered. Raises ``ExportCancelled``,
    ``BundleNotCopied`` (made and kept, but not on the stick; ``.result``) or
    ``ServiceError``.
    """
    ctx.require_editor()
    period.check_started(ctx.today())
    if target_dir is not None:
        check_target(Path(target_dir))
    bundle_keys.bundle_recipients(ctx)  # refuses before any work when no district key
    post = bundle_keys.ensure_post_keys(ctx)
    plan = _plan(ctx)
    outbox = outbox_dir(ctx)
    steps = Steps(bundle_pack.step_count() + (target_dir is not None), progress, cancel)
    _remove_stale_work(outbox)
    try:
        work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=outbox))
    except OSError as err:
        raise outbox_error(err, outbox) from err
    try:
        try:
            packed = bundle_pack.pack(ctx, period, plan, post, work, steps)
        except OSError as err:  # the laptop's disk filled up while writing the work files
            raise outbox_error(err, outbox) from err
        steps.step("Menyimpan bundel di laptop")
        path, signature = _seal(ctx, plan, period, packed, outbox)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    made = ExportResult(path, signature, plan.sequence, packed.sha256, dict(packed.counts),
                        path, False, *message(
                            "Bundel nomor {sequence} ({name}) tersimpan di laptop.",
                            sequence=plan.sequence, name=path.name))
    if target_dir is None:
        steps.finish("Selesai. Bundel tersimpan di laptop.")
        return made
    steps.cancel = None  # numbered and kept: from here on the copy runs to its end
    steps.step("Menulis ke flashdisk. Jangan cabut flashdisk!")
    done = copy_to_target(ctx, made, Path(target_dir))
    steps.finish("Selesai. Flashdisk boleh dicabut.")
    return done


def _remove_stale_work(outbox: Path) -> None:
    """Work folders a crash or power cut left behind (never a running export's: too young)."""
    limit = time.time() - STALE_WORK_SECONDS
    with contextlib.suppress(OSError):
        for path in outbox.iterdir():
            with contextlib.suppress(OSError):
                if path.name.startswith(WORK_PREFIX) and path.stat().st_mtime < limit:
                    shutil.rmtree(path, ignore_errors=True)


def _seal(ctx: ServiceContext, plan: Plan, period: Period, packed: bundle_pack.Packed,
          outbox: Path) -> tuple[Path, Path]:
    """Put the bundle into the outbox and number it for good: both or neither."""
    name = mf.bundle_file_name(ctx.village_code, plan.sequence)
    written: list[Path] = []
    try:
        # The work folder is inside the outbox: a rename, not a second copy.
        sync_file(packed.path)
        os.replace(packed.path, outbox / name)
        written.append(outbox / name)
        written.append(usb.write_carefully(outbox, name + ".minisig",
                                           packed.signature.encode("utf-8")))
    except (OSError, usb.StickError) as err:
        usb.remove_quietly(*written)
        raise outbox_error(getattr(err, "error", err), outbox) from err
    try:
        with ctx.db.sessions.begin() as s:
            sequence = take_number(s, SERIES, SERIES_YEAR)
            last = _last_export(s, ctx.village_code)
            if sequence != plan.sequence \
                    or (last.sha256 if last else None) != plan.previous_sha256:
                raise ServiceError("Ada ekspor lain yang selesai lebih dulu. Ulangi ekspor.")
            s.add(BundleExport(
                village_code=ctx.village_code, sequence=sequence, period_kind=period.kind,
                period_label=period.label, period_start=period.start, period_end=period.end,
                sha256=packed.sha256, file_name=name, created_at=plan.created_at))
            s.flush()
            audit.append(s, [{
                "entity": "bundle", "entity_id": name.removesuffix(".desa"),
                "action": "exported", "officer_id": ctx.officer_id,
                "officer_name": ctx.officer.full_name if ctx.officer else None,
                "new_values": {"sequence": sequence, "period": period.label,
                               "sha256": packed.sha256, "counts": dict(packed.counts)},
            }])
    except BaseException:
        usb.remove_quietly(*written)
        raise
    return written[0], written[1]


def read_own_bundle(ctx: ServiceContext, path: Path) -> dict[str, Any]:
    """Decrypt and check a bundle this post made; its manifest, when everything matches.

    Checks the outer signature (when the ``.minisig`` lies beside the file),
    decrypts with the post's own age identity, opens the archive safely
    (nothing is extracted to disk), checks the manifest's signature and every
    file's hash, size and row count. The errors of those steps (signature,
    decryption, archive, manifest) come through as they are: each says in
    plain words what is wrong.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
        signature_path = path.with_name(path.name + ".minisig")
        outer = signature_path.read_text(encoding="utf-8") if signature_path.is_file() else None
    except (OSError, UnicodeDecodeError):
        raise ServiceError("Berkas bundel tidak dapat dibaca: {path}.", path=str(path)) from None
    post = bundle_keys.ensure_post_keys(ctx)
    trusted = dict([minisign.parse_public_key(post.minisign_public_key_text)])
    outer_comment = minisign.verify(data, outer, trusted).trusted_comment \
        if outer is not None else None
    entries = archive.read_archive(age_crypto.decrypt(data, bundle_keys.post_identity(ctx)))
    if mf.MANIFEST_NAME not in entries or mf.SIGNATURE_NAME not in entries:
        raise mf.ManifestError("Bundel tidak lengkap: berkas {path} hilang.", code="missing",
                               path=mf.MANIFEST_NAME)
    manifest = mf.parse_manifest(entries[mf.MANIFEST_NAME])
    inner = minisign.verify(entries[mf.MANIFEST_NAME],
                            entries[mf.SIGNATURE_NAME].decode("utf-8", "replace"), trusted)
    mf.check_comment(inner.trusted_comment, manifest)
    if outer_comment is not None:
        mf.check_comment(outer_comment, manifest, mf.sha256_hex(data))
    mf.check_files(manifest, entries)
    if manifest["village"]["code"] != ctx.village_code:
        raise ServiceError("Bundel ini dibuat oleh desa lain ({code}).",
                           code=manifest["village"]["code"])
    return manifest
