"""The inner ZIP of a bundle: written deterministically, read with suspicion.

A bundle arrives at the district on a stick that anybody may have held, and
the archive is opened before the manifest can vouch for anything. So the
reader trusts nothing in the ZIP: it parses the structure itself instead of
relying on :mod:`zipfile` (which tolerates data before and after the archive,
overlapping entries, local headers that disagree with the directory, and
sizes that lie), and it **never extracts to disk**: entries come back as
bytes in memory, so no name can ever become a path. Every refusal is an
:class:`ArchiveError` with a plain Indonesian message and a stable ``code``;
the names, limits and messages live in :mod:`.archive_rules`.

What is refused: unsafe names (``..`` parts, absolute paths, drive letters,
backslashes, empty or ``.`` parts, control characters), names outside the
bundle whitelist (:func:`allowed`), directories, symlinks or any non-regular
entry, duplicate names and names equal once case-folded and NFC-normalised,
too many entries, entries or totals above :class:`Limits` (declared and
actually inflated), zip bombs (compression ratio), encrypted entries,
compression other than stored/deflate, ZIP64 and split archives (a bundle
never needs them: its limits stay below 2 GiB), anything that is not a ZIP,
truncated, with bytes before, between or after the entries, and CRC errors.
All names and sizes are checked before a single byte is inflated.

The writer is the other half: fixed timestamps (1980-01-01), Unix regular
file attributes, deflate, entries in the given order, so the same content
always gives the same bytes; and it refuses whatever the reader would refuse,
so an export fails at the village, not at the district.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from desa_desktop.bundle.archive_rules import (
    DEFAULT_LIMITS,
    FIXED_TIME,
    MSG_COMPRESSION,
    MSG_CRC,
    MSG_DAMAGED,
    MSG_DIRECTORY,
    MSG_ENCRYPTED,
    MSG_ENTRY_DAMAGED,
    MSG_NON_REGULAR,
    MSG_NOT_ALLOWED,
    MSG_NOT_ZIP,
    MSG_SIZE_MISMATCH,
    MSG_TOO_MANY,
    MSG_TRAILING,
    MSG_TRUNCATED,
    MSG_UNSUPPORTED,
    ArchiveError,
    Limits,
    MiB,
    NameRegister,
    allowed,
    check_name,
    check_ratio,
    check_size,
    fail,
)

__all__ = ["DEFAULT_LIMITS", "ArchiveError", "ArchiveWriter", "Limits", "allowed",
           "check_name", "read_archive", "write_archive"]


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


class ArchiveWriter:
    """Streams entries into ``fileobj`` (seekable or not); :meth:`close` finishes the ZIP."""

    def __init__(self, fileobj: BinaryIO, *, limits: Limits = DEFAULT_LIMITS) -> None:
        self._zip = zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED,
                                    allowZip64=False)
        self._limits = limits
        self._names = NameRegister()
        self._count = 0
        self._total = 0

    def __enter__(self) -> ArchiveWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _admit(self, path: str, size: int) -> zipfile.ZipInfo:
        check_name(path)
        self._names.add(path)
        if not allowed(path):
            raise fail(MSG_NOT_ALLOWED, "not_allowed", path)
        self._count += 1
        if self._count > self._limits.max_entries:
            raise fail(MSG_TOO_MANY, "too_many_entries", count=self._count,
                       limit=self._limits.max_entries)
        check_size(path, size, self._total + size, self._limits)
        info = zipfile.ZipInfo(path, date_time=FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3  # Unix on every OS: the same bytes everywhere
        info.external_attr = (stat.S_IFREG | 0o644) << 16
        info.file_size = size
        return info

    def _written(self, info: zipfile.ZipInfo) -> None:
        """Check what was really written (a source file may have grown meanwhile)."""
        self._total += info.file_size
        check_size(info.filename, info.file_size, self._total, self._limits)
        check_ratio(info.filename, info.file_size, info.compress_size, self._limits)

    def add(self, path: str, data: bytes) -> None:
        """Add one entry from memory (the manifest, its signature, small files)."""
        info = self._admit(path, len(data))
        with self._zip.open(info, "w") as out:
            out.write(data)
        self._written(info)

    def add_file(self, path: str, source_path: str | os.PathLike[str]) -> None:
        """Add one entry streamed from a file, so a large data file never sits in memory."""
        info = self._admit(path, os.stat(source_path).st_size)
        with open(source_path, "rb") as src, self._zip.open(info, "w") as out:
            shutil.copyfileobj(src, out, MiB)
        self._written(info)

    def close(self) -> None:
        """Write the central directory; the file object itself stays open."""
        self._zip.close()


def write_archive(entries: Iterable[tuple[str, bytes]], *,
                  limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The ZIP of ``entries`` in the given order; the same entries give the same bytes."""
    buffer = io.BytesIO()
    with ArchiveWriter(buffer, limits=limits) as writer:
        for path, data in entries:
            writer.add(path, data)
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

_EOCD = struct.Struct("<4s4H2LH")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_LOCAL = struct.Struct("<4s5H3L2H")
_SIG_EOCD, _SIG_CENTRAL, _SIG_LOCAL = b"PK\x05\x06", b"PK\x01\x02", b"PK\x03\x04"
_SIG_DESCRIPTOR = b"PK\x07\x08"
_FLAG_ENCRYPTED = 0x0001 | 0x0040 | 0x2000  # traditional, strong, encrypted directory
_FLAG_DESCRIPTOR = 0x0008
_FLAG_UTF8 = 0x0800
_FLAGS_KNOWN = 0x0002 | 0x0004 | _FLAG_DESCRIPTOR | _FLAG_UTF8
_FORBIDDEN_EXTRAS = {0x0001, 0x7075}  # ZIP64 sizes; a second (Unicode) name
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


@dataclass
class _Entry:
    name: str
    raw_name: bytes
    flags: int
    method: int
    crc: int
    compressed: int
    size: int
    offset: int
    data_start: int = 0


def read_archive(data: bytes | bytearray | memoryview | str | os.PathLike[str], *,
                 limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """The entries of a bundle archive, name -> content, in archive order; never touches disk.

    ``data`` is the archive itself or the path of a file holding it (read,
    never written). Raises :class:`ArchiveError` for anything suspicious.
    """
    if isinstance(data, (bytes, bytearray, memoryview)):
        blob = bytes(data)
        return _read(io.BytesIO(blob), len(blob), limits)
    with open(Path(data), "rb") as fh:
        return _read(fh, os.fstat(fh.fileno()).st_size, limits)


def _read(fh: BinaryIO, size: int, limits: Limits) -> dict[str, bytes]:
    """Check everything first, then inflate; a header too short to unpack is damage too."""
    try:
        entries = _scan(fh, size, limits)
        return {entry.name: _inflate(fh, entry) for entry in entries}
    except (struct.error, UnicodeDecodeError):
        raise fail(MSG_DAMAGED, "damaged") from None


def _at(fh: BinaryIO, offset: int, length: int) -> bytes:
    """Up to ``length`` bytes at ``offset`` (fewer at the end of the file)."""
    fh.seek(offset)
    return fh.read(length)


def _find_end(fh: BinaryIO, size: int) -> tuple[int, tuple[Any, ...]]:
    """The end-of-central-directory record, which must close the file exactly.

    A ZIP comment is allowed (it is part of the record); any byte after it is not.
    """
    tail_start = max(0, size - _EOCD.size - 0xFFFF)
    tail = _at(fh, tail_start, size - tail_start)
    trailing = False
    pos = tail.rfind(_SIG_EOCD)
    while pos >= 0:
        if pos + _EOCD.size <= len(tail):
            record = _EOCD.unpack_from(tail, pos)
            end = pos + _EOCD.size + record[7]
            if end == len(tail):
                return tail_start + pos, record
            trailing = trailing or end < len(tail)
        pos = tail.rfind(_SIG_EOCD, 0, pos)
    if trailing:
        raise fail(MSG_TRAILING, "trailing_data")
    if _at(fh, 0, 4) == _SIG_LOCAL:
        raise fail(MSG_TRUNCATED, "truncated")
    raise fail(MSG_NOT_ZIP, "not_zip")


def _scan(fh: BinaryIO, size: int, limits: Limits) -> list[_Entry]:
    """Every structural, name and size check, before anything is inflated."""
    end_pos, (_, disk, cd_disk, on_disk, count, cd_size, cd_offset, _) = _find_end(fh, size)
    zip64 = count == 0xFFFF or 0xFFFFFFFF in (cd_size, cd_offset)
    if disk or cd_disk or on_disk != count or zip64:
        raise fail(MSG_UNSUPPORTED, "unsupported_format")
    if count > limits.max_entries:
        raise fail(MSG_TOO_MANY, "too_many_entries", count=count, limit=limits.max_entries)
    if cd_offset + cd_size != end_pos:
        raise fail(MSG_DAMAGED, "damaged")
    directory = _at(fh, cd_offset, cd_size)
    entries: list[_Entry] = []
    pos = total = 0
    for _ in range(count):
        entry, pos = _central_entry(directory, pos)
        total += entry.size
        check_size(entry.name, entry.size, total, limits)
        check_ratio(entry.name, entry.size, entry.compressed, limits)
        entries.append(entry)
    if pos != len(directory):
        raise fail(MSG_DAMAGED, "damaged")
    names = NameRegister()
    for entry in entries:
        names.add(entry.name)
    for entry in entries:
        if not allowed(entry.name):
            raise fail(MSG_NOT_ALLOWED, "not_allowed", entry.name)
    _check_layout(fh, entries, cd_offset)
    return entries


def _central_entry(directory: bytes, pos: int) -> tuple[_Entry, int]:
    """One central directory record, checked on its own."""
    (sig, _, _, flags, method, _, _, crc, compressed, size, name_len, extra_len,
     comment_len, disk, _, external, offset) = _CENTRAL.unpack_from(directory, pos)
    if sig != _SIG_CENTRAL:
        raise fail(MSG_DAMAGED, "damaged")
    start = pos + _CENTRAL.size
    end = start + name_len + extra_len + comment_len
    if end > len(directory):
        raise fail(MSG_DAMAGED, "damaged")
    raw_name = directory[start:start + name_len]
    name = raw_name.decode("utf-8" if flags & _FLAG_UTF8 else "cp437")
    if flags & _FLAG_ENCRYPTED or method == 99:
        raise fail(MSG_ENCRYPTED, "encrypted", name)
    if method not in _METHODS:
        raise fail(MSG_COMPRESSION, "unsupported_compression", name)
    if flags & ~_FLAGS_KNOWN or disk:
        raise fail(MSG_UNSUPPORTED, "unsupported_format")
    _check_extras(directory[start + name_len:start + name_len + extra_len])
    mode = external >> 16
    if name.endswith("/") or external & 0x10 or stat.S_ISDIR(mode):
        raise fail(MSG_DIRECTORY, "directory", name)
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG):
        raise fail(MSG_NON_REGULAR, "non_regular", name)
    check_name(name)
    if method == zipfile.ZIP_STORED and compressed != size:
        raise fail(MSG_SIZE_MISMATCH, "size_mismatch", name)
    return _Entry(name, raw_name, flags, method, crc, compressed, size, offset), end


def _check_extras(extra: bytes) -> None:
    """Extra fields must be well formed, and none may change sizes or the name."""
    pos = 0
    while pos < len(extra):
        if pos + 4 > len(extra):
            raise fail(MSG_DAMAGED, "damaged")
        kind, length = struct.unpack_from("<2H", extra, pos)
        if kind in _FORBIDDEN_EXTRAS:
            raise fail(MSG_UNSUPPORTED, "unsupported_format")
        pos += 4 + length
    if pos != len(extra):
        raise fail(MSG_DAMAGED, "damaged")


def _check_layout(fh: BinaryIO, entries: list[_Entry], cd_offset: int) -> None:
    """Local entries follow each other from byte 0 to the directory: no gap, no overlap."""
    expected = 0
    for entry in sorted(entries, key=lambda e: e.offset):
        if entry.offset != expected:
            raise fail(MSG_DAMAGED, "damaged")
        header = _at(fh, entry.offset, _LOCAL.size)
        if len(header) < _LOCAL.size:
            raise fail(MSG_TRUNCATED, "truncated")
        (sig, _, flags, method, _, _, crc, compressed, size, name_len,
         extra_len) = _LOCAL.unpack(header)
        if sig != _SIG_LOCAL:
            raise fail(MSG_ENTRY_DAMAGED, "damaged", entry.name)
        raw_name = _at(fh, entry.offset + _LOCAL.size, name_len)
        _check_extras(_at(fh, entry.offset + _LOCAL.size + name_len, extra_len))
        same_sizes = (crc, compressed, size) == (entry.crc, entry.compressed, entry.size)
        if (flags != entry.flags or method != entry.method or raw_name != entry.raw_name
                or not (flags & _FLAG_DESCRIPTOR or same_sizes)):
            raise fail(MSG_ENTRY_DAMAGED, "damaged", entry.name)
        entry.data_start = entry.offset + _LOCAL.size + name_len + extra_len
        expected = entry.data_start + entry.compressed
        if flags & _FLAG_DESCRIPTOR:
            expected += _descriptor_length(fh, entry, expected)
    if expected != cd_offset:
        raise fail(MSG_DAMAGED, "damaged")


def _descriptor_length(fh: BinaryIO, entry: _Entry, at: int) -> int:
    """Length of the data descriptor after an entry (with or without its signature)."""
    fields = struct.pack("<3L", entry.crc, entry.compressed, entry.size)
    found = _at(fh, at, 16)
    if found == _SIG_DESCRIPTOR + fields:
        return 16
    if found[:12] == fields:
        return 12
    raise fail(MSG_ENTRY_DAMAGED, "damaged", entry.name)


def _inflate(fh: BinaryIO, entry: _Entry) -> bytes:
    """The entry's content, never more than its declared size, checked against its CRC."""
    fh.seek(entry.data_start)
    left = entry.compressed
    pieces: list[bytes] = []
    produced = crc = 0
    inflater = zlib.decompressobj(-15) if entry.method == zipfile.ZIP_DEFLATED else None
    try:
        while left:
            chunk = fh.read(min(left, MiB))
            if not chunk:
                raise fail(MSG_TRUNCATED, "truncated")
            left -= len(chunk)
            while chunk:
                if inflater is None:
                    piece, chunk = chunk, b""
                else:
                    if inflater.eof:  # compressed bytes beyond the end of the stream
                        raise fail(MSG_ENTRY_DAMAGED, "damaged", entry.name)
                    piece = inflater.decompress(chunk, entry.size + 1 - produced)
                    chunk = inflater.unconsumed_tail
                produced += len(piece)
                if produced > entry.size:
                    raise fail(MSG_SIZE_MISMATCH, "size_mismatch", entry.name)
                crc = zlib.crc32(piece, crc)
                pieces.append(piece)
    except zlib.error:
        raise fail(MSG_ENTRY_DAMAGED, "damaged", entry.name) from None
    if inflater is not None and (not inflater.eof or inflater.unused_data):
        raise fail(MSG_ENTRY_DAMAGED, "damaged", entry.name)
    if produced != entry.size:
        raise fail(MSG_SIZE_MISMATCH, "size_mismatch", entry.name)
    if crc != entry.crc:
        raise fail(MSG_CRC, "crc_error", entry.name)
    return b"".join(pieces)
