"""USB sticks: which ones are plugged in, and writing a file onto one so that it is whole.

The bundle travels to the district on a stick that is pulled out too early,
full, write-protected or simply worn. Two things follow:

* The export screen offers the removable drives it finds (with free space),
  so the officer picks the stick instead of hunting through folders. Linux:
  mounts from ``/proc/mounts`` whose disk says ``removable`` in ``/sys`` or
  that the desktop mounted under ``/media`` or ``/run/media``; Windows: the
  drive letters ``GetDriveTypeW`` calls removable; macOS: ``/Volumes``.
* :func:`write_carefully` writes under a temporary name, flushes and fsyncs,
  renames, fsyncs the folder, then reads the file back (after asking the OS
  to drop its cached copy, where it can) and compares the SHA-256. A failure
  raises :class:`StickError` whose ``kind`` says what happened (``full``,
  ``read_only``, ``gone``, ``verify``, ``other``); only our temporary file is
  removed, so earlier files on the stick stay as they were. The caller words
  the message for what it was writing.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desa_desktop.services.durable import remove_quietly, sync_dir

__all__ = ["Drive", "StickError", "free_space", "removable_drives", "write_carefully"]

#: Bytes per write and per read-back step (a progress step on a slow stick).
CHUNK = 1 << 20
#: Mount points the Linux desktops use for sticks they mount themselves.
AUTOMOUNT_ROOTS = ("/media/", "/run/media/")
#: File systems that are never a stick (pseudo and network file systems).
_SKIP_FS = frozenset({"proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "cgroup", "cgroup2",
                      "overlay", "squashfs", "nfs", "nfs4", "cifs", "autofs", "fuse.portal",
                      "securityfs", "debugfs", "tracefs", "mqueue", "hugetlbfs", "pstore",
                      "bpf", "configfs", "fusectl", "binfmt_misc", "ramfs", "efivarfs"})

KIND_FULL, KIND_READ_ONLY, KIND_GONE, KIND_VERIFY, KIND_OTHER = (
    "full", "read_only", "gone", "verify", "other")
_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_GONE_ERRNOS = {errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO,
                getattr(errno, "ENOMEDIUM", errno.EIO)}


@dataclass(frozen=True)
class Drive:
    """A removable drive as the export screen lists it."""

    path: Path
    label: str
    free_bytes: int
    total_bytes: int


class StickError(Exception):
    """Writing to the stick failed; ``kind`` says how, ``error`` is the OS error (if any)."""

    def __init__(self, kind: str, folder: Path, error: BaseException | None = None) -> None:
        self.kind = kind
        self.folder = folder
        self.error = error
        super().__init__(f"{kind}: {folder}: {error!r}")


# -- finding sticks ----------------------------------------------------------------------
def free_space(path: Path) -> int | None:
    """Free bytes where ``path`` lives, or None when it cannot be asked (stick gone)."""
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def _drive(path: Path, label: str) -> Drive | None:
    try:
        usage = shutil.disk_usage(path)
    except OSError:
        return None
    return Drive(path, label or path.name or str(path), usage.free, usage.total)


def removable_drives() -> list[Drive]:
    """The removable drives mounted now, by path; empty when none (or none can be told)."""
    try:
        if sys.platform == "win32":
            return _windows_drives()
        if sys.platform == "darwin":
            return _mac_drives(Path("/Volumes"))
        return linux_drives(Path("/proc/mounts"), Path("/sys/class/block"))
    except OSError:
        return []


def _unescape(field: str) -> str:
    r"""``/proc/mounts`` writes space, tab, newline and backslash as ``\040`` etc."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def _is_removable(device: str, sys_block: Path) -> bool:
    """True when the disk holding ``device`` (``/dev/sdb1`` -> sdb) says removable in /sys."""
    if not device.startswith("/dev/"):
        return False
    name = Path(os.path.realpath(device)).name
    node = sys_block / name
    with contextlib.suppress(OSError):
        node = node.resolve()
        for candidate in (node, node.parent):  # a partition's parent folder is its disk
            flag = candidate / "removable"
            if flag.is_file():
                return flag.read_text().strip() == "1"
    return False


def linux_drives(mounts: Path, sys_block: Path) -> list[Drive]:
    """Sticks among the mounts: removable disks, or what the desktop automounted."""
    found: dict[Path, Drive] = {}
    for line in mounts.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) < 4 or parts[2] in _SKIP_FS:
            continue
        device, mount_point = _unescape(parts[0]), _unescape(parts[1])
        options = parts[3].split(",")
        automounted = mount_point.startswith(AUTOMOUNT_ROOTS)
        if not (automounted or _is_removable(device, sys_block)) or mount_point == "/":
            continue
        path = Path(mount_point)
        if "ro" in options or path in found:
            continue  # a write-protected stick cannot take a bundle
        drive = _drive(path, path.name)
        if drive is not None:
            found[path] = drive
    return sorted(found.values(), key=lambda d: str(d.path))


def _mac_drives(volumes: Path) -> list[Drive]:
    """``/Volumes`` minus the start-up disk (which appears there as a link to ``/``)."""
    root_device = os.stat("/").st_dev
    drives = []
    for path in sorted(volumes.iterdir()):
        with contextlib.suppress(OSError):
            if path.is_dir() and os.stat(path).st_dev != root_device:
                drive = _drive(path, path.name)
                if drive is not None:
                    drives.append(drive)
    return drives


def _windows_drives() -> list[Drive]:  # pragma: no cover - exercised on Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    # An empty card reader would otherwise pop up "There is no disk in the drive".
    previous = kernel32.SetErrorMode(1)  # SEM_FAILCRITICALERRORS
    try:
        return _windows_removable(kernel32, kernel32.GetLogicalDrives())
    finally:
        kernel32.SetErrorMode(previous)


def _windows_removable(kernel32: Any, mask: int) -> list[Drive]:  # pragma: no cover
    import ctypes

    drive_removable = 2
    drives = []
    for index in range(26):
        if not mask & (1 << index):
            continue
        root = f"{chr(ord('A') + index)}:\\"
        if kernel32.GetDriveTypeW(root) != drive_removable:
            continue
        name = ctypes.create_unicode_buffer(261)
        ok = kernel32.GetVolumeInformationW(root, name, 261, None, None, None, None, 0)
        if not ok:
            continue  # a card reader with no card in it
        drive = _drive(Path(root), f"{name.value or 'USB'} ({root[:2]})")
        if drive is not None:
            drives.append(drive)
    return drives


# -- writing carefully -------------------------------------------------------------------
def classify(err: OSError, folder: Path) -> str:
    """Which of full / read_only / gone / other an OS error means for a stick."""
    if err.errno in _FULL_ERRNOS:
        return KIND_FULL
    if not folder.is_dir():
        return KIND_GONE
    if err.errno in _DENIED_ERRNOS:
        return KIND_READ_ONLY
    if err.errno in _GONE_ERRNOS:
        return KIND_GONE
    return KIND_OTHER


def _drop_cache(fd: int) -> None:
    """Ask the OS to forget its cached copy, so the read-back reads the stick itself."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        with contextlib.suppress(OSError):
            advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)


def _write_all(fd: int, source: bytes | Path,
               progress: Callable[[int, int], None] | None) -> str:
    """Write ``source`` (bytes, or a file read in chunks) to ``fd``; its SHA-256 in hex."""
    digest = hashlib.sha256()
    if isinstance(source, bytes | bytearray | memoryview):
        total = len(source)
        chunks = (bytes(source[i:i + CHUNK]) for i in range(0, total, CHUNK))
        fh = None
    else:
        fh = open(source, "rb")  # noqa: SIM115 - closed below, after the loop
        total = os.fstat(fh.fileno()).st_size
        chunks = iter(lambda: fh.read(CHUNK), b"")
    done = 0
    try:
        for chunk in chunks:
            digest.update(chunk)
            view = memoryview(chunk)
            while view:
                written = os.write(fd, view)
                if written <= 0:
                    raise OSError(errno.EIO, "short write")
                view = view[written:]
            done += len(chunk)
            if progress is not None:
                progress(done, total)
    finally:
        if fh is not None:
            fh.close()
    return digest.hexdigest()


def _read_back(path: Path) -> str:
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        _drop_cache(fd)
        while chunk := os.read(fd, CHUNK):
            digest.update(chunk)
    finally:
        os.close(fd)
    return digest.hexdigest()


def _size(source: bytes | Path) -> int:
    if isinstance(source, bytes | bytearray | memoryview):
        return len(source)
    return Path(source).stat().st_size


def write_carefully(folder: Path, name: str, source: bytes | Path, *,
                    progress: Callable[[int, int], None] | None = None,
                    check: Callable[[Path], None] | None = None) -> Path:
    """Write ``source`` (bytes, or a file copied in chunks) to ``folder/name``, whole or not at all.

    Steps: temporary name ``.<name>.tmp`` (created exclusively), write,
    fsync, rename over ``name``, fsync the folder, read back and compare the
    SHA-256; then ``check(path)`` may look at the file too (a signature).
    Raises ``StickError``; then our temporary file is gone and, if the file
    read back wrong, the bad copy under ``name`` as well. ``progress(done,
    total)`` counts bytes written.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise StickError(KIND_GONE, folder)
    free = free_space(folder)
    if free is not None and free < _size(source):
        raise StickError(KIND_FULL, folder)
    final = folder / name
    tmp = folder / f".{name}.tmp"
    renamed = False
    try:
        remove_quietly(tmp)  # left by a crash during an earlier copy of the same bundle
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o644)
        try:
            expected = _write_all(fd, source, progress)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, final)
        renamed = True
        sync_dir(folder)
        if _read_back(final) != expected:
            raise StickError(KIND_VERIFY, folder)
        if check is not None:
            try:
                check(final)
            except OSError:
                raise
            except Exception as err:
                raise StickError(KIND_VERIFY, folder, err) from err
    except OSError as err:
        remove_quietly(tmp)
        if renamed:
            remove_quietly(final)
        raise StickError(classify(err, folder), folder, err) from err
    except BaseException:
        remove_quietly(tmp)
        if renamed:
            remove_quietly(final)
        raise
    return final
