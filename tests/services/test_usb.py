"""USB sticks: finding them, and a write that leaves the whole file or nothing."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from desa_desktop.services import usb


# -- finding sticks ----------------------------------------------------------------------
def _fake_sys(root: Path, disks: dict[str, str]) -> Path:
    """A /sys/class/block look-alike: disk folders with ``removable`` and partition links."""
    devices = root / "devices"
    block = root / "class-block"
    block.mkdir(parents=True)
    for disk, flag in disks.items():
        (devices / disk / f"{disk}1").mkdir(parents=True)
        (devices / disk / "removable").write_text(flag + "\n")
        (block / disk).symlink_to(devices / disk)
        (block / f"{disk}1").symlink_to(devices / disk / f"{disk}1")
    return block


def test_linux_lists_removable_disks_with_label_and_space(tmp_path: Path) -> None:
    stick = tmp_path / "mnt" / "KARYA MUKTI"
    internal = tmp_path / "mnt" / "data"
    locked = tmp_path / "mnt" / "LOCKED"
    for folder in (stick, internal, locked):
        folder.mkdir(parents=True)
    block = _fake_sys(tmp_path / "sys", {"sdb": "1", "sda": "0", "sdc": "1"})
    mounts = tmp_path / "mounts"
    escaped = str(stick).replace(" ", "\\040")
    mounts.write_text(
        "proc /proc proc rw 0 0\n"
        "/dev/sda1 / ext4 rw,relatime 0 0\n"
        f"/dev/sda1 {internal} ext4 rw 0 0\n"
        f"/dev/sdb1 {escaped} vfat rw,nosuid,nodev 0 0\n"
        f"/dev/sdc1 {locked} vfat ro,nosuid 0 0\n"
        f"tmpfs {tmp_path} tmpfs rw 0 0\n")

    drives = usb.linux_drives(mounts, block)

    assert [d.path for d in drives] == [stick]
    drive = drives[0]
    assert drive.label == "KARYA MUKTI"
    assert 0 < drive.free_bytes <= drive.total_bytes


def test_removable_drives_never_fails_on_this_machine() -> None:
    drives = usb.removable_drives()
    assert all(isinstance(d, usb.Drive) for d in drives)


def test_free_space_of_a_pulled_stick_is_unknown(tmp_path: Path) -> None:
    assert usb.free_space(tmp_path) and usb.free_space(tmp_path) > 0
    assert usb.free_space(tmp_path / "gone") is None


# -- writing carefully -------------------------------------------------------------------
@pytest.fixture
def stick(tmp_path: Path) -> Path:
    """A stick with an earlier bundle on it that every failure must leave alone."""
    folder = tmp_path / "DESA-BUNDEL"
    folder.mkdir()
    (folder / "old.desa").write_bytes(b"earlier bundle")
    return folder


def _only_old_bundle(folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == ["old.desa"]
    assert (folder / "old.desa").read_bytes() == b"earlier bundle"


def test_write_leaves_the_whole_file_and_no_temporary(stick: Path) -> None:
    data = os.urandom(3 * usb.CHUNK + 17)
    seen: list[tuple[int, int]] = []
    path = usb.write_carefully(stick, "new.desa", data, progress=lambda d, t: seen.append((d, t)))
    assert path == stick / "new.desa"
    assert path.read_bytes() == data
    assert sorted(p.name for p in stick.iterdir()) == ["new.desa", "old.desa"]
    assert seen[-1] == (len(data), len(data))


def test_write_goes_through_temp_fsync_rename_and_folder_sync(stick: Path,
                                                             monkeypatch) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync")
        real_fsync(fd)

    def replace(src, dst) -> None:
        calls.append(f"replace {Path(src).name} -> {Path(dst).name}")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    usb.write_carefully(stick, "new.desa", b"x" * 100)
    assert calls == ["fsync", "replace .new.desa.tmp -> new.desa", "fsync"]


@pytest.mark.parametrize(("function", "code", "kind"), [
    ("write", errno.ENOSPC, usb.KIND_FULL),
    ("write", errno.EIO, usb.KIND_GONE),
    ("fsync", errno.ENOSPC, usb.KIND_FULL),
    ("fsync", errno.EIO, usb.KIND_GONE),
    ("open", errno.EROFS, usb.KIND_READ_ONLY),
    ("open", errno.EACCES, usb.KIND_READ_ONLY),
    ("replace", errno.EIO, usb.KIND_GONE),
    ("write", errno.EINVAL, usb.KIND_OTHER),
])
def test_each_os_failure_names_what_happened_and_keeps_earlier_files(
        stick: Path, monkeypatch, function: str, code: int, kind: str) -> None:
    real = getattr(os, function)

    def failing(*args, **kwargs):
        if function == "open" and Path(args[0]).parent != stick:
            return real(*args, **kwargs)
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, function, failing)
    with pytest.raises(usb.StickError) as caught:
        usb.write_carefully(stick, "new.desa", os.urandom(2 * usb.CHUNK))
    monkeypatch.undo()
    assert caught.value.kind == kind
    assert caught.value.error.errno == code
    _only_old_bundle(stick)


def test_stick_pulled_out_before_the_write(tmp_path: Path) -> None:
    with pytest.raises(usb.StickError) as caught:
        usb.write_carefully(tmp_path / "gone" / "DESA-BUNDEL", "new.desa", b"data")
    assert caught.value.kind == usb.KIND_GONE


def test_stick_pulled_out_during_the_write(stick: Path, monkeypatch) -> None:
    """EIO while the folder itself vanished: told as a pulled stick, not a broken one."""
    real_write = os.write
    state = {"calls": 0}

    def write(fd: int, data) -> int:
        state["calls"] += 1
        if state["calls"] == 2:
            monkeypatch.setattr(Path, "is_dir", lambda self: False)
            raise OSError(errno.EIO, "Input/output error")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(usb.StickError) as caught:
        usb.write_carefully(stick, "new.desa", os.urandom(3 * usb.CHUNK))
    monkeypatch.undo()
    assert caught.value.kind == usb.KIND_GONE
    _only_old_bundle(stick)


def test_a_stick_too_small_is_refused_before_writing(stick: Path, monkeypatch) -> None:
    monkeypatch.setattr(usb, "free_space", lambda path: 10)
    with pytest.raises(usb.StickError) as caught:
        usb.write_carefully(stick, "new.desa", b"x" * 11)
    assert caught.value.kind == usb.KIND_FULL
    _only_old_bundle(stick)


def test_a_file_that_reads_back_different_is_removed(stick: Path, monkeypatch) -> None:
    monkeypatch.setattr(usb, "_read_back", lambda path: "0" * 64)
    with pytest.raises(usb.StickError) as caught:
        usb.write_carefully(stick, "new.desa", b"bundle bytes")
    assert caught.value.kind == usb.KIND_VERIFY
    _only_old_bundle(stick)


def test_a_failed_content_check_removes_the_copy(stick: Path) -> None:
    def check(path: Path) -> None:
        assert path.read_bytes() == b"bundle bytes"
        raise ValueError("signature does not match")

    with pytest.raises(usb.StickError) as caught:
        usb.write_carefully(stick, "new.desa", b"bundle bytes", check=check)
    assert caught.value.kind == usb.KIND_VERIFY
    _only_old_bundle(stick)


def test_a_large_file_is_copied_in_chunks_from_disk(stick: Path, tmp_path: Path) -> None:
    source = tmp_path / "outbox.desa"
    source.write_bytes(os.urandom(2 * usb.CHUNK + 3))
    seen: list[int] = []
    path = usb.write_carefully(stick, "new.desa", source, progress=lambda d, t: seen.append(d))
    assert path.read_bytes() == source.read_bytes()
    assert seen == [usb.CHUNK, 2 * usb.CHUNK, 2 * usb.CHUNK + 3]


def test_a_leftover_temporary_of_a_crash_does_not_block_the_next_copy(stick: Path) -> None:
    (stick / ".new.desa.tmp").write_bytes(b"half")
    usb.write_carefully(stick, "new.desa", b"whole")
    assert (stick / "new.desa").read_bytes() == b"whole"
    assert not (stick / ".new.desa.tmp").exists()
