"""Who may read a case in full: the confidentiality rule, in one place.

A confidential case (trafficking indication, sexual violence, or marked by
an officer) is read in full only by its assigned officer and the admin.
Everyone else sees that the case exists (number, status, dates) and nothing
that identifies or describes: no names, NIK, reporter, description,
timeline, attachments, referrals or letters. Every service that returns or
changes case data calls ``can_read`` / ``require_read`` so no screen, export
or letter can go around it.
"""

from __future__ import annotations

from desa_desktop.db.case_models import CaseFile
from desa_desktop.domain.case_reference import CONFIDENTIAL_TYPES
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import PermissionDenied

#: What a reader without access sees instead of the text.
REDACTED = "[rahasia]"


def is_confidential(types: list[str] | tuple[str, ...], marked: bool) -> bool:
    """Confidential by type, or because an officer marked it."""
    return marked or any(t in CONFIDENTIAL_TYPES for t in types)


def can_read(ctx: ServiceContext, case: CaseFile) -> bool:
    """True when the caller may read the whole case."""
    if not case.confidential:
        return ctx.officer is not None
    officer = ctx.officer
    if officer is None:
        return False
    return officer.role == "admin" or officer.id == case.assigned_officer_id


def require_read(ctx: ServiceContext, case: CaseFile) -> None:
    """Refuse, in plain words, access to a confidential case of someone else."""
    if not can_read(ctx, case):
        raise PermissionDenied(
            "Kasus ini rahasia: hanya petugas yang ditugaskan dan admin yang dapat "
            "membuka isinya."
        )
