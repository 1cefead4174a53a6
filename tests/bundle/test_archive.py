"""The bundle archive: a normal bundle round-trips; every hostile ZIP is refused, off disk.

Hostile archives are made with :mod:`zipfile` where it will write them, and
by editing bytes where it will not (NUL in names, encryption flags, lying
sizes, overlapping entries). Every refusal must be an ``ArchiveError`` with
its stable code and a plain Indonesian message, and the reader must never
open a file for writing while it works.
"""

from __future__ import annotations

import builtins
import io
import os
import stat
import struct
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desa_desktop import i18n
from desa_desktop.bundle import archive, archive_rules
from desa_desktop.bundle.archive import ArchiveError, ArchiveWriter, Limits, read_archive

CUSTOM_LABEL = "3207122001-2026-10-01..2026-11-15"
ENTRIES = [
    ("manifest.json", b'{\n "format": "desa-bundle",\n "format_version": 1\n}\n'),
    ("manifest.json.minisig", b"untrusted comment: signature from desa-desktop\nRWQ...\n"),
    ("data/person.jsonl", b"".join(b'{"id":"%05d","nama":"Siti Aminah"}\n' % i
                                   for i in range(40))),
    ("data/case_file.jsonl", b""),
    (f"laporan/{CUSTOM_LABEL}.xlsx", bytes(range(256)) * 3),
    (f"laporan/{CUSTOM_LABEL}.pdf", b"%PDF-1.7\n" + os.urandom(300)),
]
VALID = archive.write_archive(ENTRIES)

# Field offsets inside the fixed part of a local header / central directory record.
LOCAL = {"flags": (6, "H"), "method": (8, "H"), "crc": (14, "L"), "csize": (18, "L"),
         "usize": (22, "L")}
CENTRAL = {"flags": (8, "H"), "method": (10, "H"), "crc": (16, "L"), "csize": (20, "L"),
           "usize": (24, "L"), "external": (38, "L"), "offset": (42, "L")}


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


@contextmanager
def no_disk_writes() -> Iterator[None]:
    """Fail loudly if anything opens a file for writing inside the block."""
    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        assert not set(mode) & set("wax+"), f"read_archive opened {file!r} for writing"
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        assert not flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT), f"os.open({path!r}) to write"
        return real_os_open(path, flags, *args, **kwargs)

    builtins.open, io.open, os.open = guarded_open, guarded_open, guarded_os_open
    try:
        yield
    finally:
        builtins.open, io.open, os.open = real_open, real_open, real_os_open


@pytest.fixture(autouse=True)
def _empty_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run in an empty folder, which must still be empty afterwards: nothing extracted."""
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    yield
    assert list(work.iterdir()) == []


def read(data: bytes | Path, limits: Limits = archive.DEFAULT_LIMITS) -> dict[str, bytes]:
    with no_disk_writes():
        return read_archive(data, limits=limits)


def refused(data: bytes, code: str, limits: Limits = archive.DEFAULT_LIMITS) -> ArchiveError:
    with pytest.raises(ArchiveError) as caught:
        read(data, limits)
    err = caught.value
    assert err.code == code, (err.code, str(err))
    english = err.translated(lambda template: i18n.catalogue("en")[template])
    assert english != str(err) and "{" not in str(err)
    return err


def build(*entries: tuple[str | zipfile.ZipInfo, bytes],
          compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """An archive written by zipfile itself, which accepts many names we refuse."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name"
        with zipfile.ZipFile(buffer, "w", compression=compression) as zf:
            for name, data in entries:
                zf.writestr(name, data)
    return buffer.getvalue()


def headers(data: bytes) -> list[tuple[int, int]]:
    """(local header offset, central record offset) of every entry, in directory order."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        locals_ = [info.header_offset for info in zf.infolist()]
    centrals, pos = [], data.find(b"PK\x01\x02")
    while pos >= 0:
        centrals.append(pos)
        pos = data.find(b"PK\x01\x02", pos + 1)
    return list(zip(locals_, centrals, strict=True))


def edit(data: bytes, field: str, value: int, *, entry: int = 0, where: str = "both") -> bytes:
    """Set one header field of one entry, in the local header and/or the central record."""
    out = bytearray(data)
    local, central = headers(data)[entry]
    for table, base, part in ((LOCAL, local, "local"), (CENTRAL, central, "central")):
        if where in (part, "both") and field in table:
            offset, fmt = table[field]
            struct.pack_into("<" + fmt, out, base + offset, value)
    return bytes(out)


def field(data: bytes, name: str, entry: int = 0) -> int:
    offset, fmt = CENTRAL[name]
    return struct.unpack_from("<" + fmt, data, headers(data)[entry][1] + offset)[0]


@pytest.fixture
def no_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    """The archive must be refused from its directory alone, before anything is inflated."""
    def forbidden(*args: Any) -> None:
        raise AssertionError("inflated before checking")
    monkeypatch.setattr(archive.zlib, "decompressobj", forbidden)


# --------------------------------------------------------------------------
# A normal bundle
# --------------------------------------------------------------------------


def test_a_bundle_round_trips_in_its_order_and_deterministically() -> None:
    entries = read(VALID)
    assert list(entries.items()) == ENTRIES
    assert archive.write_archive(ENTRIES) == VALID  # same content, same bytes
    with zipfile.ZipFile(io.BytesIO(VALID)) as zf:  # any ZIP tool reads it
        assert zf.testzip() is None
        infos = zf.infolist()
    assert [i.filename for i in infos] == [name for name, _ in ENTRIES]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    assert {stat.S_IFMT(i.external_attr >> 16) for i in infos} == {stat.S_IFREG}


def test_streamed_files_and_unseekable_outputs_read_back(tmp_path: Path) -> None:
    big = tmp_path / "person.jsonl"
    big.write_bytes(os.urandom(3 << 20))  # incompressible: stays ~3 MiB inside

    class Pipe:  # no seek, no tell: zipfile writes data descriptors
        def __init__(self) -> None:
            self.buffer = io.BytesIO()

        def write(self, data: bytes) -> int:
            return self.buffer.write(data)

        def flush(self) -> None:
            pass

    for target in (io.BytesIO(), Pipe()):
        with ArchiveWriter(target) as writer:  # type: ignore[arg-type]
            writer.add("manifest.json", b"{}\n")
            writer.add_file("data/person.jsonl", big)
        data = target.getvalue() if isinstance(target, io.BytesIO) else target.buffer.getvalue()
        assert read(data) == {"manifest.json": b"{}\n", "data/person.jsonl": big.read_bytes()}
    (tmp_path / "b.zip").write_bytes(data)
    assert read(tmp_path / "b.zip")["manifest.json"] == b"{}\n"  # a path is read, not written


def test_the_whitelist() -> None:
    ok = ["manifest.json", "manifest.json.minisig", "data/person.jsonl", "data/case_file.jsonl",
          "laporan/3207122001-2026-11.xlsx", "laporan/3207122001-2026-Q4.pdf",
          f"laporan/{CUSTOM_LABEL}.pdf"]
    bad = ["manifest.json.bak", "data/Person.jsonl", "data/person.json", "data/x/y.jsonl",
           "data/.jsonl", "laporan/a.exe", "laporan/.pdf", "laporan/con.pdf", "laporan/x/y.pdf",
           "laporan/-x.pdf", "evil.sh", "data/person.jsonl ", "MANIFEST.json"]
    assert [n for n in ok if not archive.allowed(n)] == []
    assert [n for n in bad if archive.allowed(n)] == []


def test_an_empty_archive_is_read_as_empty() -> None:
    assert read(archive.write_archive([])) == {}


# --------------------------------------------------------------------------
# Hostile names
# --------------------------------------------------------------------------

BAD_NAMES = [
    ("../manifest.json", "parent_path"),
    ("data/../../etc/passwd", "parent_path"),
    ("/etc/passwd", "absolute_path"),
    ("C:/Windows/system.ini", "absolute_path"),
    ("c:manifest.json", "absolute_path"),
    ("data\\person.jsonl", "backslash"),
    ("..\\..\\x.pdf", "backslash"),
    ("data//person.jsonl", "empty_part"),
    ("./manifest.json", "empty_part"),
    ("data/./person.jsonl", "empty_part"),
    ("data/person\x07.jsonl", "control_character"),
    ("data/person.jsonl\n", "control_character"),
    ("laporan/x\u202egpj.pdf", "control_character"),  # right-to-left override spoofing
    ("data/person.exe", "not_allowed"),
    ("autorun.inf", "not_allowed"),
    ("laporan/AUX.pdf", "not_allowed"),
]


@pytest.mark.parametrize(("name", "code"), BAD_NAMES)
def test_unsafe_names_are_refused_by_reader_and_writer(name: str, code: str) -> None:
    err = refused(build(("manifest.json", b"{}"), (name, b"isi")), code)
    assert str(err).startswith(("Nama berkas", "Berkas")) and "ditolak" in str(err)
    with pytest.raises(ArchiveError) as caught:
        archive.write_archive([(name, b"isi")])
    assert caught.value.code == code


def test_a_nul_byte_in_a_name_is_refused() -> None:
    data = build(("data/aXb.jsonl", b"isi")).replace(b"data/aXb", b"data/a\x00b")
    err = refused(data, "control_character")
    assert "\\x00" in str(err)  # shown escaped, never raw


def test_directories_are_refused() -> None:
    refused(build(("data/", b"")), "directory")
    info = zipfile.ZipInfo("data/person.jsonl")
    info.external_attr = 0x10  # the MS-DOS directory bit
    refused(build((info, b"")), "directory")


@pytest.mark.parametrize("kind", [stat.S_IFLNK, stat.S_IFIFO, stat.S_IFCHR, stat.S_IFSOCK])
def test_symlinks_and_other_special_entries_are_refused(kind: int) -> None:
    info = zipfile.ZipInfo("data/person.jsonl")
    info.create_system = 3
    info.external_attr = (kind | 0o777) << 16
    err = refused(build(("manifest.json", b"{}"), (info, b"/etc/shadow")), "non_regular")
    assert "data/person.jsonl" in str(err)


def test_duplicate_and_look_alike_names_are_refused() -> None:
    refused(build(("manifest.json", b"{}"), ("manifest.json", b"{}")), "duplicate_name")
    err = refused(build(("laporan/Rekap.pdf", b"1"), ("laporan/rekap.pdf", b"2")),
                  "case_collision")
    assert "laporan/Rekap.pdf" in str(err) and "laporan/rekap.pdf" in str(err)
    nfc = "laporan/é.pdf"
    nfd = unicodedata.normalize("NFD", nfc)
    refused(build((nfc, b"1"), (nfd, b"2")), "case_collision")
    with pytest.raises(ArchiveError) as caught:
        archive.write_archive([("laporan/A.pdf", b"1"), ("laporan/a.pdf", b"2")])
    assert caught.value.code == "case_collision"


# --------------------------------------------------------------------------
# Sizes, counts, bombs
# --------------------------------------------------------------------------


def _table_names(count: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [f"data/{letters[i // 26]}{letters[i % 26]}.jsonl" for i in range(count)]


def test_too_many_entries_are_refused(no_inflating: None) -> None:
    three = build(*((n, b"") for n in _table_names(3)), compression=zipfile.ZIP_STORED)
    assert len(read(three, Limits(max_entries=3))) == 3
    refused(build(*((n, b"") for n in _table_names(201))), "too_many_entries")
    err = refused(build(*((n, b"") for n in _table_names(4))), "too_many_entries",
                  Limits(max_entries=3))
    assert "4 berkas" in str(err) and "batas 3" in str(err)
    with pytest.raises(ArchiveError, match="batas 3"):
        archive.write_archive([(n, b"") for n in _table_names(4)], limits=Limits(max_entries=3))


def test_large_entries_and_totals_are_refused(no_inflating: None) -> None:
    two = build(("data/a.jsonl", b"x" * 2000), ("data/b.jsonl", b"y" * 2000))
    refused(two, "entry_too_large", Limits(max_entry_size=1000))
    err = refused(two, "total_too_large", Limits(max_total=3000))
    assert "3000 byte" in str(err) or "3 KiB" in str(err)
    # A declared size beyond 512 MiB is refused before anything is read.
    huge = edit(two, "usize", 600 << 20, entry=1)
    assert "600 MiB" in str(refused(huge, "entry_too_large"))


def test_the_writer_keeps_the_same_limits() -> None:
    with pytest.raises(ArchiveError) as caught:
        archive.write_archive([("data/a.jsonl", b"x" * 2000)], limits=Limits(max_entry_size=1000))
    assert caught.value.code == "entry_too_large"
    with pytest.raises(ArchiveError) as caught:
        archive.write_archive([("data/a.jsonl", bytes(4 << 20))])
    assert caught.value.code == "ratio_too_high"


def test_a_zip_bomb_is_refused_without_inflating_it(no_inflating: None) -> None:
    bomb = build(("data/person.jsonl", bytes(20 << 20)))  # 20 MiB of zeros in ~20 KiB
    assert len(bomb) < 100_000
    err = refused(bomb, "ratio_too_high")
    assert "bom ZIP" in str(err) and "200" in str(err)


def test_lying_sizes_are_caught_while_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = build(("data/person.jsonl", bytes(20 << 20)))
    produced: list[int] = []
    real = zlib.decompressobj

    class Counting:
        def __init__(self, *args: int) -> None:
            self._inner = real(*args)

        def __getattr__(self, name: str) -> Any:
            return getattr(self._inner, name)

        def decompress(self, data: bytes, max_length: int = 0) -> bytes:
            out = self._inner.decompress(data, max_length)
            produced.append(len(out))
            return out

    monkeypatch.setattr(archive.zlib, "decompressobj", Counting)
    # Declares 1 KiB (a plausible ratio) but holds 20 MiB: inflation stops just past 1 KiB.
    liar = edit(edit(bomb, "usize", 1024), "csize", field(bomb, "csize"))
    refused(liar, "size_mismatch")
    assert sum(produced) <= 1025
    # Declares more than it holds.
    small = build(("data/person.jsonl", b"abc" * 100))
    refused(edit(small, "usize", 301), "size_mismatch")
    refused(edit(small, "usize", 299), "size_mismatch")


# --------------------------------------------------------------------------
# Features a bundle never uses
# --------------------------------------------------------------------------


def test_encrypted_entries_are_refused() -> None:
    refused(edit(VALID, "flags", 0x0001, entry=2), "encrypted")
    refused(edit(VALID, "flags", 0x0040), "encrypted")
    refused(edit(VALID, "method", 99), "encrypted")  # WinZip AES


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_other_compression_methods_are_refused(method: int) -> None:
    err = refused(build(("data/person.jsonl", b"x" * 100), compression=method),
                  "unsupported_compression")
    assert "data/person.jsonl" in str(err)


def test_stored_entries_are_accepted() -> None:
    data = build(*ENTRIES, compression=zipfile.ZIP_STORED)
    assert read(data) == dict(ENTRIES)


def test_zip64_split_archives_and_second_names_are_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf, zf.open("manifest.json", "w",
                                                     force_zip64=True) as out:
        out.write(b"{}")
    refused(buffer.getvalue(), "unsupported_format")
    eocd = VALID.rfind(b"PK\x05\x06")
    split = bytearray(VALID)
    struct.pack_into("<H", split, eocd + 4, 1)  # "this is disk 1"
    refused(bytes(split), "unsupported_format")
    info = zipfile.ZipInfo("manifest.json")
    other = b"\x01" + struct.pack("<L", zlib.crc32(b"manifest.json")) + b"../../evil"
    info.extra = struct.pack("<2H", 0x7075, len(other)) + other  # Info-ZIP Unicode path
    refused(build((info, b"{}")), "unsupported_format")


# --------------------------------------------------------------------------
# Not a ZIP, truncated, padded, damaged
# --------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"PK", b"hello", b"%PDF-1.7\n" + bytes(5000),
                                  b"age-encryption.org/v1\n-> X25519 abc\n" + os.urandom(900),
                                  os.urandom(70_000)],
                         ids=["empty", "pk", "text", "pdf", "age", "random"])
def test_something_that_is_not_a_zip_is_refused(data: bytes) -> None:
    assert "bukan arsip bundel" in str(refused(data, "not_zip"))


def test_a_truncated_archive_is_refused_at_every_length() -> None:
    for length in range(len(VALID)):
        refused(VALID[:length], "not_zip" if length < 4 else "truncated")


@pytest.mark.parametrize("tail", [b"x", bytes(100), b"PK\x05\x06" + bytes(30)],
                         ids=["byte", "zeros", "fake-end"])
def test_data_after_the_archive_is_refused(tail: bytes) -> None:
    assert zipfile.ZipFile(io.BytesIO(VALID + tail)).testzip() is None  # zipfile shrugs
    refused(VALID + tail, "trailing_data")


def test_data_before_or_between_entries_is_refused() -> None:
    assert zipfile.ZipFile(io.BytesIO(b"MZ" + VALID)).testzip() is None  # zipfile shrugs
    refused(b"MZ" + VALID, "damaged")
    refused(VALID + VALID, "damaged")
    # The second entry claims to start where the first does: overlapping entries.
    refused(edit(VALID, "offset", 0, entry=1, where="central"), "damaged")


def test_a_local_header_that_disagrees_with_the_directory_is_refused() -> None:
    local = headers(VALID)[0][0]
    renamed = bytearray(VALID)
    renamed[local + 30:local + 30 + len(b"manifest.json")] = b"manifest.jsoN"
    refused(bytes(renamed), "damaged")
    refused(edit(VALID, "usize", 5, where="local"), "damaged")
    refused(edit(VALID, "method", 0, where="local"), "damaged")


def test_crc_errors_are_refused() -> None:
    stored = bytearray(build(("data/person.jsonl", b"Siti Aminah"), compression=0))
    stored[stored.find(b"Siti")] = ord("s")
    assert "CRC" in str(refused(bytes(stored), "crc_error"))
    refused(edit(VALID, "crc", field(VALID, "crc", 2) ^ 1, entry=2), "crc_error")


# --------------------------------------------------------------------------
# Random damage: refused with ArchiveError, or (a byte that does not matter) the same entries
# --------------------------------------------------------------------------


def _descriptor_archive() -> bytes:
    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.buffer = io.BytesIO()

        def writable(self) -> bool:
            return True

        def write(self, data: Any) -> int:
            return self.buffer.write(data)

    pipe = Pipe()
    with ArchiveWriter(pipe) as writer:  # type: ignore[arg-type]
        for name, data in ENTRIES:
            writer.add(name, data)
    return pipe.buffer.getvalue()


DESCRIPTOR = _descriptor_archive()
ORIGINAL = dict(ENTRIES)


def _same_or_refused(data: bytes) -> str:
    try:
        got = read_archive(data)
    except ArchiveError as err:
        assert err.code and str(err)
        return err.code
    assert got == ORIGINAL
    return "same"


def test_descriptor_archive_uses_data_descriptors() -> None:
    assert DESCRIPTOR != VALID and b"PK\x07\x08" in DESCRIPTOR
    assert read(DESCRIPTOR) == ORIGINAL


@pytest.mark.parametrize("base", [VALID, DESCRIPTOR], ids=["seekable", "descriptors"])
def test_every_single_bit_flip_is_refused_or_harmless(base: bytes) -> None:
    outcomes: dict[str, int] = {}
    with no_disk_writes():
        for at in range(len(base)):
            for bit in range(8):
                damaged = bytearray(base)
                damaged[at] ^= 1 << bit
                code = _same_or_refused(bytes(damaged))
                outcomes[code] = outcomes.get(code, 0) + 1
    # Timestamps and permission bits do not matter; most bytes do.
    assert outcomes["same"] < outcomes["crc_error"] + outcomes["damaged"]


@settings(max_examples=300, deadline=None)
@given(base=st.sampled_from([VALID, DESCRIPTOR]), data=st.data())
def test_random_flips_and_cuts_are_refused_or_harmless(base: bytes, data: st.DataObject) -> None:
    damaged = bytearray(base)
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(base) - 1),
                                         st.integers(1, 255)), min_size=1, max_size=8))
    for at, mask in flips:
        damaged[at] ^= mask
    cut = data.draw(st.one_of(st.none(), st.integers(0, len(base))))
    if cut is not None:
        damaged = damaged[:cut]
    with no_disk_writes():
        _same_or_refused(bytes(damaged))


@settings(max_examples=100, deadline=None)
@given(junk=st.binary(min_size=1, max_size=64), at=st.integers(0, len(VALID)))
def test_inserted_bytes_are_refused(junk: bytes, at: int) -> None:
    with no_disk_writes(), pytest.raises(ArchiveError):
        read_archive(VALID[:at] + junk + VALID[at:])


# --------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------


def test_every_message_has_english_with_the_same_placeholders() -> None:
    english = i18n.catalogue("en")
    templates = {v for k, v in vars(archive_rules).items() if k.startswith("MSG_")}
    assert len(templates) > 20
    assert sorted(t for t in templates if t not in english) == []
    assert all(english[t].count("{") == t.count("{") for t in templates)


def test_codes_are_stable_attributes(no_inflating: None) -> None:
    check: Callable[[str], None] = archive.check_name
    with pytest.raises(ArchiveError) as caught:
        check("../x")
    assert caught.value.code == "parent_path" and caught.value.params == {"name": "../x"}
