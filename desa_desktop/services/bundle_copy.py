"""The outbox and the stick: where a finished bundle is kept, and copying it onto a USB stick.

A bundle, once numbered, lives in the app's outbox
(``<data folder>/outbox/<database name>/``) until the officer deletes the
laptop; the stick only carries a copy. So a full, locked or pulled-out stick
costs nothing but a second try: ``copy_from_outbox`` writes the same bytes
again. The copy goes into ``<stick>/DESA-BUNDEL/`` through
``usb.write_carefully`` (temporary name, fsync, rename, folder fsync, read
back) and is then checked against the post's signature, so what the officer
carries away is known to be whole before the screen says "you may remove
the stick".
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desa_desktop.bundle import manifest as mf
from desa_desktop.bundle import minisign
from desa_desktop.db.base import utcnow
from desa_desktop.db.bundle_models import BundleExport
from desa_desktop.services import bundle_keys, usb
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import NotFoundError, ServiceError

__all__ = [
    "BUNDLE_FOLDER",
    "NOT_COPIED_MESSAGES",
    "STICK_MESSAGES",
    "BundleNotCopied",
    "ExportInfo",
    "ExportResult",
    "check_target",
    "copy_from_outbox",
    "copy_to_target",
    "list_exports",
    "outbox_dir",
    "outbox_error",
]

log = logging.getLogger(__name__)

#: The folder on the stick the district looks in.
BUNDLE_FOLDER = "DESA-BUNDEL"


@dataclass(frozen=True)
class ExportResult:
    """What an export (or a copy from the outbox) did.

    ``path`` / ``signature_path`` are the files on the stick when
    ``written_to_target``, else the outbox copies; ``message`` is one
    Indonesian line for the officer (``message_template`` + ``params`` for
    the English screen).
    """
    path: Path
    signature_path: Path
    sequence: int
    sha256: str
    counts: dict[str, int]
    outbox_path: Path
    written_to_target: bool
    message: str
    message_template: str = ""
    params: dict[str, Any] = field(default_factory=dict)


class BundleNotCopied(ServiceError):
    """The bundle was made and is in the outbox, but the stick could not take it.

    ``result`` is the finished export (``written_to_target`` False), so the
    screen can offer "copy again" for ``result.sequence``.
    """
    def __init__(self, template: str, result: ExportResult, **params: Any) -> None:
        self.result = result
        super().__init__(template, **params)


def message(template: str, **params: Any) -> tuple[str, str, dict[str, Any]]:
    """``(text, template, params)`` for the last three fields of ``ExportResult``."""
    return template.format(**params), template, params


# -- the outbox --------------------------------------------------------------------------
def outbox_dir(ctx: ServiceContext) -> Path:
    """``<data folder>/outbox/<database name>/``, made on first use.

    One folder per database because the demo village and the real one share
    the data folder (and share a village code when the real one is the
    demo's).
    """
    folder = ctx.db.path.parent / "outbox" / ctx.db.path.stem
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise outbox_error(err, folder) from err
    return folder


def outbox_error(err: BaseException | None, folder: Path) -> ServiceError:
    """The laptop's own disk refused the bundle (full, or a broken data folder)."""
    log.warning("outbox %s: %r", folder, err)
    reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
    return ServiceError(
        "Bundel tidak dapat disimpan di laptop ({folder}): {error}. Kosongkan sebagian ruang "
        "disk, lalu ekspor lagi.", folder=str(folder), error=reason)


# -- messages ----------------------------------------------------------------------------
#: What the stick did, found before the bundle is made (nothing is lost yet).
STICK_MESSAGES = {
    usb.KIND_READ_ONLY: "Flashdisk tidak dapat ditulisi: {folder}. Flashdisk mungkin dikunci "
                        "(write-protect); buka kuncinya atau pakai flashdisk lain.",
    usb.KIND_GONE: "Flashdisk tidak ditemukan atau tercabut: {folder}. Pasang lagi flashdisk, "
                   "lalu coba lagi.",
}
#: The same once the bundle is safe in the outbox: the officer must know it is not lost.
NOT_COPIED_MESSAGES = {
    usb.KIND_FULL: "Flashdisk penuh: bundel tidak muat di {folder}. Bundel nomor {sequence} "
                   "tetap tersimpan di laptop; kosongkan sebagian ruang atau pakai flashdisk "
                   "lain, lalu pilih Salin ulang ke flashdisk.",
    usb.KIND_READ_ONLY: "Flashdisk tidak dapat ditulisi: {folder}. Flashdisk mungkin dikunci "
                        "(write-protect). Bundel nomor {sequence} tetap tersimpan di laptop; "
                        "buka kuncinya atau pakai flashdisk lain, lalu pilih Salin ulang ke "
                        "flashdisk.",
    usb.KIND_GONE: "Flashdisk tidak ditemukan atau tercabut saat menulis: {folder}. Bundel "
                   "nomor {sequence} tetap tersimpan di laptop; pasang lagi flashdisk, lalu "
                   "pilih Salin ulang ke flashdisk.",
    usb.KIND_VERIFY: "Bundel yang dibaca ulang dari flashdisk tidak sama dengan aslinya "
                     "({folder}); flashdisk mungkin rusak. Bundel nomor {sequence} tetap "
                     "tersimpan di laptop; pakai flashdisk lain, lalu pilih Salin ulang ke "
                     "flashdisk.",
    usb.KIND_OTHER: "Bundel gagal ditulis ke {folder} ({error}). Bundel nomor {sequence} tetap "
                    "tersimpan di laptop; coba lagi dengan Salin ulang ke flashdisk.",
}


def check_target(target: Path) -> None:
    """Refuse a missing or locked stick before minutes of work, not after."""
    kind = None
    if not target.is_dir():
        kind = usb.KIND_GONE
    elif not os.access(target, os.W_OK):
        kind = usb.KIND_READ_ONLY
    if kind is not None:
        raise ServiceError(STICK_MESSAGES[kind], folder=str(target))


def _not_copied(err: usb.StickError, made: ExportResult) -> BundleNotCopied:
    params: dict[str, Any] = {"folder": str(err.folder), "sequence": made.sequence}
    if err.kind == usb.KIND_OTHER:
        cause = err.error
        params["error"] = cause.strerror if isinstance(cause, OSError) and cause.strerror \
            else str(cause)
    return BundleNotCopied(NOT_COPIED_MESSAGES[err.kind], made, **params)


# -- copying -----------------------------------------------------------------------------
def copy_to_target(ctx: ServiceContext, made: ExportResult, target_dir: Path,
                   progress: Callable[[int, int], None] | None = None) -> ExportResult:
    """Write the outbox copy of ``made`` to ``target_dir/DESA-BUNDEL`` and read it back.

    The ``.desa`` goes first and is checked against its signature after the
    read-back; then the ``.minisig``. A new ``.desa`` whose signature file
    could not follow is removed again, so the stick never holds half a
    bundle; files of earlier bundles are never touched.
    """
    target_dir = Path(target_dir)
    folder = target_dir / BUNDLE_FOLDER
    try:
        signature = made.signature_path.read_bytes()
        size = made.outbox_path.stat().st_size
    except OSError as err:
        raise outbox_error(err, made.outbox_path.parent) from err
    post = bundle_keys.ensure_post_keys(ctx)
    trusted = dict([minisign.parse_public_key(post.minisign_public_key_text)])

    def check(read_back: Path) -> None:
        minisign.verify_file(read_back, signature, trusted)

    try:
        if not target_dir.is_dir():
            raise usb.StickError(usb.KIND_GONE, target_dir)
        try:
            folder.mkdir(exist_ok=True)
        except OSError as err:
            raise usb.StickError(usb.classify(err, target_dir), target_dir, err) from err
        free = usb.free_space(folder)
        if free is not None and free < size + len(signature):
            raise usb.StickError(usb.KIND_FULL, folder)
        name = made.outbox_path.name
        existed = (folder / name).exists()
        desa = usb.write_carefully(folder, name, made.outbox_path, progress=progress,
                                   check=check)
        try:
            sig = usb.write_carefully(folder, name + ".minisig", signature)
        except BaseException:
            if not existed:
                usb.remove_quietly(desa)
            raise
    except usb.StickError as err:
        log.warning("bundle %s not copied: %r", made.sequence, err)
        raise _not_copied(err, made) from err
    with ctx.db.sessions.begin() as s:
        row = s.scalars(select(BundleExport).where(
            BundleExport.village_code == ctx.village_code,
            BundleExport.sequence == made.sequence)).one()
        row.written_to = str(target_dir)
        row.written_at = utcnow()
    return ExportResult(desa, sig, made.sequence, made.sha256, made.counts, made.outbox_path,
                        True, *message(
                            "Bundel nomor {sequence} tertulis di flashdisk ({folder}) dan "
                            "sudah diperiksa. Flashdisk boleh dicabut.",
                            sequence=made.sequence, folder=str(folder)))


@dataclass(frozen=True)
class ExportInfo:
    """One bundle this post made, as the export screen lists it (newest first)."""

    sequence: int
    file_name: str
    period_label: str
    sha256: str
    created_at: datetime  # UTC
    written_to: str  # the folder it was last copied to ("" = never copied)
    written_at: datetime | None
    receipt_at: datetime | None  # when the district's receipt was imported
    in_outbox: bool  # False: the laptop lost its copy (copy again is not possible)


def list_exports(ctx: ServiceContext) -> list[ExportInfo]:
    """The bundles of this village, newest first, with where they went and what came back."""
    with ctx.db.sessions() as s:
        rows = list(s.scalars(select(BundleExport).where(
            BundleExport.village_code == ctx.village_code)
            .order_by(BundleExport.sequence.desc())))
    outbox = outbox_dir(ctx)
    return [ExportInfo(r.sequence, r.file_name, r.period_label, r.sha256, r.created_at,
                       r.written_to, r.written_at, r.receipt_at,
                       (outbox / r.file_name).is_file()
                       and (outbox / f"{r.file_name}.minisig").is_file())
            for r in rows]


def copy_from_outbox(ctx: ServiceContext, sequence: int, target_dir: Path, *,
                     progress: Callable[[int, int], None] | None = None) -> ExportResult:
    """Copy an exported bundle from the outbox to a stick again (after a full or pulled stick)."""
    with ctx.db.sessions() as s:
        row = s.scalars(select(BundleExport).where(
            BundleExport.village_code == ctx.village_code,
            BundleExport.sequence == sequence)).first()
        if row is None:
            raise NotFoundError("Bundel nomor {sequence} tidak ada.", sequence=sequence)
        name, sha256 = row.file_name, row.sha256
    check_target(Path(target_dir))
    outbox = outbox_dir(ctx)
    path, sig = outbox / name, outbox / f"{name}.minisig"
    try:
        intact = sig.is_file() and mf.sha256_file(path)[0] == sha256
    except OSError:
        intact = False
    if not intact:
        raise ServiceError(
            "Bundel nomor {sequence} tidak ada lagi (atau rusak) di laptop, jadi tidak "
            "dapat disalin. Buat bundel baru.", sequence=sequence)
    made = ExportResult(path, sig, sequence, sha256, {}, path, False, "")
    return copy_to_target(ctx, made, Path(target_dir), progress)
