"""The timeline of a case: actions taken, and scanned documents or photos.

Every step an officer takes (a call, a visit, a letter) is an entry, so
whoever picks the case up next, or the district, can see what was done and
when. Attachments keep their bytes inside the encrypted database, keyed by
their SHA-256: the same scan added twice is stored once, and a file that no
longer matches its hash is reported as damaged instead of being handed out.
All of it is case content, so every call goes through the confidentiality
rule (``case_access.require_read``).
"""

from __future__ import annotations

import hashlib
import math
import mimetypes
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from desa_desktop.db.case_models import AttachmentData, CaseAction, CaseAttachment, CaseFile
from desa_desktop.domain.case_reference import ACTION_KIND
from desa_desktop.services import case_access
from desa_desktop.services.context import Change, ServiceContext
from desa_desktop.services.errors import Problem, ServiceError, ValidationError
from desa_desktop.services.records import load, stamp_new, tombstone

#: Largest attachment accepted: a phone photo or a multi-page scan fits easily,
#: and the encrypted file (and its backups on a flash drive) stays manageable.
MAX_ATTACHMENT_MB = 25
MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024

#: Media type of a file whose name says nothing about its content.
UNKNOWN_MEDIA_TYPE = "application/octet-stream"


def load_case(s: Session, ctx: ServiceContext, case_id: str, *, live: bool = True) -> CaseFile:
    """The case, if it exists and the caller may read it (else NotFound / PermissionDenied)."""
    case = load(s, CaseFile, case_id, live=live)
    case_access.require_read(ctx, case)
    return case


def log_entry(s: Session, ctx: ServiceContext, case_id: str, summary: str, *,
              on: date | None = None, kind: str = "catatan") -> CaseAction:
    """Add a timeline entry inside the caller's transaction (status changes, consent...)."""
    entry = stamp_new(ctx, CaseAction(case_id=case_id, action_date=on or ctx.today(), kind=kind,
                                      summary=summary, officer_id=ctx.officer_id))
    s.add(entry)
    return entry


def add_action(ctx: ServiceContext, case_id: str, *, action_date: date, kind: str,
               summary: str) -> Change:
    """Record one step taken on the case."""
    ctx.require_editor()
    problems: list[Problem] = []
    if kind not in ACTION_KIND:
        problems.append(Problem("kind", "Pilihan tidak dikenal."))
    if not summary.strip():
        problems.append(Problem("summary", "Isi ringkasan tindakan."))
    if action_date > ctx.today():
        problems.append(Problem("action_date", "Tanggal tindakan tidak boleh di masa depan."))
    with ctx.db.sessions.begin() as s:
        load_case(s, ctx, case_id)
        if problems:
            raise ValidationError(problems)
        entry = log_entry(s, ctx, case_id, summary.strip(), on=action_date, kind=kind)
        s.flush()
        return Change("case", (case_id, entry.id), "updated")


def _megabytes(size: int) -> str:
    """``25,1``: rounded up (never "25 MB is too big, the limit is 25 MB"), decimal comma."""
    return f"{math.ceil(size * 10 / 1024 / 1024) / 10:.1f}".replace(".", ",")


def _read_file(path: Path) -> bytes:
    """The file's bytes, or a ValidationError in words the officer can act on."""
    problem: Problem | None = None
    try:
        size = path.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            problem = Problem("file", "Berkas {name} terlalu besar ({size} MB); batasnya {max} MB.",
                              {"name": path.name, "size": _megabytes(size),
                               "max": MAX_ATTACHMENT_MB})
        else:
            data = path.read_bytes()
    except OSError:
        problem = Problem("file", "Berkas {name} tidak dapat dibaca. Periksa apakah berkas "
                                  "masih ada dan tidak sedang dibuka program lain.",
                          {"name": path.name})
    if problem is None and len(data) > MAX_ATTACHMENT_BYTES:  # grew while being read
        problem = Problem("file", "Berkas {name} terlalu besar ({size} MB); batasnya {max} MB.",
                          {"name": path.name, "size": _megabytes(len(data)),
                           "max": MAX_ATTACHMENT_MB})
    if problem is None and not data:
        problem = Problem("file", "Berkas {name} kosong.", {"name": path.name})
    if problem is not None:
        raise ValidationError([problem])
    return data


def add_attachment(ctx: ServiceContext, case_id: str, path: Path,
                   description: str = "") -> Change:
    """Store a document or photo with the case (bytes inside the encrypted database)."""
    ctx.require_editor()
    path = Path(path)
    with ctx.db.sessions() as s:  # refuse before reading megabytes for nothing
        load_case(s, ctx, case_id)
    data = _read_file(path)
    digest = hashlib.sha256(data).hexdigest()
    media_type = mimetypes.guess_type(path.name)[0] or UNKNOWN_MEDIA_TYPE
    with ctx.db.sessions.begin() as s:
        load_case(s, ctx, case_id)
        if s.get(AttachmentData, digest) is None:
            s.add(AttachmentData(sha256=digest, data=data))
        attachment = stamp_new(ctx, CaseAttachment(
            case_id=case_id, file_name=path.name, media_type=media_type, size=len(data),
            sha256=digest, description=description.strip(),
        ))
        s.add(attachment)
        s.flush()
        return Change("case", (case_id, attachment.id), "updated")


def attachment_content(ctx: ServiceContext, attachment_id: str) -> tuple[str, bytes]:
    """The file name and bytes of an attachment, checked against the hash stored with it."""
    with ctx.db.sessions() as s:
        attachment = load(s, CaseAttachment, attachment_id)
        load_case(s, ctx, attachment.case_id)
        stored = s.get(AttachmentData, attachment.sha256)
        data = stored.data if stored is not None else None
        name, expected = attachment.file_name, attachment.sha256
    if data is None or hashlib.sha256(data).hexdigest() != expected:
        raise ServiceError(
            "Lampiran {name} rusak: isinya tidak sama lagi dengan saat disimpan. "
            "Pulihkan dari cadangan atau lampirkan berkas aslinya lagi.", name=name)
    return name, data


def save_attachment(ctx: ServiceContext, attachment_id: str, target: Path) -> Path:
    """Write the attachment to ``target`` (a folder: under its own file name there)."""
    name, data = attachment_content(ctx, attachment_id)
    target = Path(target)
    if target.is_dir():
        target = target / name
    try:
        target.write_bytes(data)
    except OSError:
        raise ServiceError("Lampiran tidak dapat disimpan ke {path}. Periksa apakah folder "
                           "itu ada dan boleh ditulisi.", path=str(target)) from None
    return target


def remove_attachment(ctx: ServiceContext, attachment_id: str) -> Change:
    """Take an attachment off the case (a tombstone: the bin and the audit keep it)."""
    ctx.require_editor()
    with ctx.db.sessions.begin() as s:
        attachment = load(s, CaseAttachment, attachment_id)
        load_case(s, ctx, attachment.case_id)
        tombstone(ctx, attachment)
        return Change("case", (attachment.case_id, attachment_id), "updated")
