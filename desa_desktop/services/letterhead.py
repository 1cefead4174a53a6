"""The letterhead (kop surat), the signer and the unit code of the post's letters.

Kept in ``post_setting`` (inside the encrypted database, beside the data)
and not in the laptop's settings: a restored backup or a second laptop
prints the same kop surat. Until the officer edits it, the letterhead is
built from the village identity typed at setup, so the first letter can be
printed without a settings round.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from sqlalchemy import select

from desa_desktop.db.base import utcnow
from desa_desktop.db.case_models import PostSetting
from desa_desktop.db.models import Village
from desa_desktop.paths import resources_dir
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.errors import Problem, ValidationError

#: Prefix of the letterhead keys in ``post_setting``.
PREFIX = "letterhead."

#: The unit code in the letter number (``045/SR/DESMIG/XI/2026``).
DEFAULT_UNIT = "DESMIG"

_UNIT = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{0,19}$")


@dataclass(frozen=True)
class Letterhead:
    """What the top and the foot of every letter show."""

    regency_line: str
    district_line: str
    village_line: str
    address: str
    logo_path: str  # "" = the bundled logo when there is one, else none
    signer_name: str
    signer_title: str
    unit_code: str = DEFAULT_UNIT
    place: str = ""


def default_logo() -> str:
    """The logo shipped in ``resources/`` if the build has one, else ''."""
    for name in ("logo-desa.png", "logo.png", "logo.jpg"):
        path = resources_dir() / name
        if path.is_file():
            return str(path)
    return ""


def _defaults(village: Village | None) -> Letterhead:
    if village is None:
        return Letterhead("", "", "", "", "", "", "Kepala Desa", DEFAULT_UNIT, "")
    return Letterhead(
        regency_line=f"PEMERINTAH KABUPATEN {village.regency_name.strip().upper()}",
        district_line=f"KECAMATAN {village.district_name.strip().upper()}",
        village_line=f"DESA {village.name.strip().upper()}",
        address=village.address.strip(),
        logo_path="",
        signer_name="",
        signer_title=f"Kepala Desa {village.name.strip()}",
        unit_code=DEFAULT_UNIT,
        place=village.name.strip(),
    )


def get_letterhead(ctx: ServiceContext) -> Letterhead:
    """The saved letterhead, each missing field taken from the village identity."""
    with ctx.db.sessions() as s:
        village = s.scalars(select(Village).limit(1)).first()
        base = _defaults(village)
        stored = {row.key[len(PREFIX):]: row.value for row in s.scalars(
            select(PostSetting).where(PostSetting.key.startswith(PREFIX)))}
    known = {f.name for f in fields(Letterhead)}
    return replace(base, **{k: v for k, v in stored.items() if k in known})


def logo_for_print(head: Letterhead) -> str:
    """The logo file to print: the chosen one if it still exists, else the bundled one."""
    if head.logo_path and Path(head.logo_path).is_file():
        return head.logo_path
    return default_logo()


def _validate(data: Letterhead) -> list[Problem]:
    problems: list[Problem] = []
    for name in ("regency_line", "district_line", "village_line"):
        if not getattr(data, name).strip():
            problems.append(Problem(name, "Baris kop surat tidak boleh kosong."))
    if not data.signer_title.strip():
        problems.append(Problem("signer_title", "Isi jabatan penanda tangan."))
    if not data.place.strip():
        problems.append(Problem("place", "Isi tempat surat dibuat (nama desa)."))
    if not _UNIT.match(data.unit_code.strip().upper()):
        problems.append(Problem(
            "unit_code", "Kode unit hanya huruf besar, angka, titik atau strip (contoh: DESMIG)."))
    if data.logo_path.strip() and not Path(data.logo_path.strip()).is_file():
        problems.append(Problem("logo_path", "Berkas logo tidak ditemukan."))
    return problems


def save_letterhead(ctx: ServiceContext, data: Letterhead) -> None:
    """Keep the letterhead for every later letter (issued letters are not changed)."""
    ctx.require_editor()
    problems = _validate(data)
    if problems:
        raise ValidationError(problems)
    clean = {k: str(v).strip() for k, v in asdict(data).items()}
    clean["unit_code"] = clean["unit_code"].upper()
    with ctx.db.sessions.begin() as s:
        for key, value in clean.items():
            row = s.get(PostSetting, PREFIX + key)
            if row is None:
                s.add(PostSetting(key=PREFIX + key, value=value))
            elif row.value != value:
                row.value = value
                row.updated_at = utcnow()
