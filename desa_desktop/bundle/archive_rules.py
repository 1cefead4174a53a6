"""The rules of the bundle archive: its names, its limits, its refusals and their messages.

Shared by the writer and the reader in :mod:`desa_desktop.bundle.archive`
(which re-exports the public names), so that the post never writes an
archive that the district would refuse. Every refusal is an
:class:`ArchiveError` with a plain Indonesian message (English in
``i18n/en_bundle_archive.py``) and a stable ``code``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from desa_desktop.domain.errors import DomainError

__all__ = ["DEFAULT_LIMITS", "ArchiveError", "Limits", "NameRegister", "allowed", "check_name",
           "check_ratio", "check_size", "fail"]

MiB = 1 << 20
FIXED_TIME = (1980, 1, 1, 0, 0, 0)

MSG_NOT_ZIP = "Berkas ini bukan arsip bundel (ZIP)."
MSG_TRUNCATED = "Arsip bundel terpotong; salin ulang bundel dari sumbernya."
MSG_TRAILING = "Ada data asing di belakang arsip bundel; arsip ini telah diubah atau rusak."
MSG_DAMAGED = "Arsip bundel rusak atau telah diubah; minta salinan bundel yang utuh."
MSG_ENTRY_DAMAGED = ('Berkas "{name}" di dalam arsip bundel rusak atau telah diubah; '
                     "minta salinan bundel yang utuh.")
MSG_CRC = ('Isi berkas "{name}" di dalam arsip tidak cocok dengan kode pemeriksanya (CRC); '
           "bundel rusak.")
MSG_SIZE_MISMATCH = ('Ukuran berkas "{name}" di dalam arsip tidak sesuai dengan yang tercatat; '
                     "bundel rusak atau telah diubah.")
MSG_UNSUPPORTED = ("Arsip bundel memakai fitur ZIP yang tidak dipakai bundel desa (ZIP64, arsip "
                   "terbagi, nama tambahan, atau sejenisnya); bundel ditolak.")
MSG_ENCRYPTED = ('Berkas "{name}" di dalam arsip dikunci dengan sandi ZIP; bundel desa tidak '
                 "pernah memakai sandi ZIP.")
MSG_COMPRESSION = 'Berkas "{name}" di dalam arsip memakai cara pemampatan yang tidak didukung.'
MSG_PARENT = 'Nama berkas "{name}" di dalam arsip mengarah ke luar folder (..); bundel ditolak.'
MSG_ABSOLUTE = 'Nama berkas "{name}" di dalam arsip berupa jalur mutlak; bundel ditolak.'
MSG_BACKSLASH = ('Nama berkas "{name}" di dalam arsip memakai garis miring terbalik; '
                 "bundel ditolak.")
MSG_EMPTY_PART = ('Nama berkas "{name}" di dalam arsip memiliki bagian kosong atau "."; '
                  "bundel ditolak.")
MSG_CONTROL = 'Nama berkas "{name}" di dalam arsip mengandung karakter kendali; bundel ditolak.'
MSG_DIRECTORY = 'Arsip bundel berisi folder "{name}"; bundel desa hanya berisi berkas biasa.'
MSG_NON_REGULAR = ('Berkas "{name}" di dalam arsip bukan berkas biasa (misalnya tautan '
                   "simbolik); bundel ditolak.")
MSG_DUPLICATE = 'Berkas "{name}" ada lebih dari sekali di dalam arsip; bundel ditolak.'
MSG_COLLISION = ('Nama berkas "{name}" dan "{other}" di dalam arsip hanya berbeda huruf '
                 "besar/kecil atau cara penulisan hurufnya; bundel ditolak.")
MSG_NOT_ALLOWED = 'Berkas "{name}" tidak termasuk isi bundel desa; bundel ditolak.'
MSG_TOO_MANY = "Arsip bundel berisi {count} berkas, lebih dari batas {limit}; bundel ditolak."
MSG_ENTRY_TOO_LARGE = ('Berkas "{name}" di dalam arsip terlalu besar ({size}, batas {limit}); '
                       "bundel ditolak.")
MSG_TOTAL_TOO_LARGE = "Isi arsip bundel terlalu besar ({size}, batas {limit}); bundel ditolak."
MSG_RATIO = ('Berkas "{name}" di dalam arsip dimampatkan secara tidak wajar (lebih dari {limit} '
             "kali); bundel ditolak sebagai bom ZIP.")


class ArchiveError(DomainError):
    """The archive is refused; ``code`` says why (stable, for tests, logs and the UI).

    Codes: ``not_zip``, ``truncated``, ``trailing_data``, ``damaged``, ``crc_error``,
    ``size_mismatch``, ``unsupported_format``, ``encrypted``, ``unsupported_compression``,
    ``parent_path``, ``absolute_path``, ``backslash``, ``empty_part``, ``control_character``,
    ``directory``, ``non_regular``, ``duplicate_name``, ``case_collision``, ``not_allowed``,
    ``too_many_entries``, ``entry_too_large``, ``total_too_large``, ``ratio_too_high``.
    """

    def __init__(self, template: str, *, code: str, **params: Any) -> None:
        self.code = code
        super().__init__(template, **params)


@dataclass(frozen=True)
class Limits:
    """What one archive may hold; generous for a village, fatal for a zip bomb.

    ``ratio_floor``: entries smaller than this are never judged by their
    ratio (a few KiB of repetitive JSON may legitimately shrink 300 times,
    and a small entry cannot exhaust anything).
    """

    max_entries: int = 200
    max_entry_size: int = 512 * MiB
    max_total: int = 1024 * MiB
    max_ratio: int = 200
    ratio_floor: int = MiB


DEFAULT_LIMITS = Limits()

_ALLOWED = re.compile(r"manifest\.json|manifest\.json\.minisig|data/[a-z_]{1,64}\.jsonl"
                      r"|laporan/(?!(?i:con|prn|aux|nul|com\d|lpt\d)\.)"
                      r"[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.(?:xlsx|pdf)")
_DRIVE = re.compile(r"[A-Za-z]:")
_CONTROL = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _display(name: str) -> str:
    """The name as it may be shown: control characters escaped, cut to 100 characters."""
    shown = "".join(c if unicodedata.category(c) not in _CONTROL
                    else c.encode("unicode_escape").decode("ascii") for c in name[:100])
    return shown + ("..." if len(name) > 100 else "")


def fail(template: str, code: str, name: str | None = None, **params: Any) -> ArchiveError:
    """The error to raise; a hostile name is shown escaped, never as raw control bytes."""
    if name is not None:
        params["name"] = _display(name)
    return ArchiveError(template, code=code, **params)


def _size_text(n: int) -> str:
    """A size an officer can read ("512 MiB"), not a count of bytes."""
    if n < 1024:
        return f"{n} byte"
    if n < MiB:
        return f"{n / 1024:.0f} KiB"
    return f"{n / MiB:.0f} MiB" if n < 1024 * MiB else f"{n / (1024 * MiB):.1f} GiB"


def check_name(name: str) -> None:
    """Refuse a name that could mean a place outside the bundle on any system."""
    if any(unicodedata.category(c) in _CONTROL for c in name):
        raise fail(MSG_CONTROL, "control_character", name)
    if "\\" in name:
        raise fail(MSG_BACKSLASH, "backslash", name)
    if name.startswith("/") or _DRIVE.match(name):
        raise fail(MSG_ABSOLUTE, "absolute_path", name)
    parts = name.split("/")
    if ".." in parts:
        raise fail(MSG_PARENT, "parent_path", name)
    if any(part in ("", ".") for part in parts):
        raise fail(MSG_EMPTY_PART, "empty_part", name)


def allowed(name: str) -> bool:
    """Whether a bundle may contain ``name``: the manifest pair, data files, readable reports."""
    return _ALLOWED.fullmatch(name) is not None


def _fold(name: str) -> str:
    """The name as a case-insensitive, normalising file system (Windows, macOS) sees it."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


class NameRegister:
    """Duplicate and look-alike names, shared by the writer and the reader."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def add(self, name: str) -> None:
        other = self._seen.get(_fold(name))
        if other == name:
            raise fail(MSG_DUPLICATE, "duplicate_name", name)
        if other is not None:
            raise fail(MSG_COLLISION, "case_collision", name, other=_display(other))
        self._seen[_fold(name)] = name


def check_size(name: str, size: int, total: int, limits: Limits) -> None:
    """One entry's size and the running total, declared or written, against the limits."""
    if size > limits.max_entry_size:
        raise fail(MSG_ENTRY_TOO_LARGE, "entry_too_large", name, size=_size_text(size),
                   limit=_size_text(limits.max_entry_size))
    if total > limits.max_total:
        raise fail(MSG_TOTAL_TOO_LARGE, "total_too_large", size=_size_text(total),
                   limit=_size_text(limits.max_total))


def check_ratio(name: str, size: int, compressed: int, limits: Limits) -> None:
    """A large entry that shrinks implausibly is a zip bomb, whatever it claims to be."""
    if size >= limits.ratio_floor and size > limits.max_ratio * compressed:
        raise fail(MSG_RATIO, "ratio_too_high", name, limit=limits.max_ratio)
