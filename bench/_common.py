"""Small helpers shared by the bench scripts (run as scripts, so imported by plain name)."""

from __future__ import annotations

import json
import math
import os
import platform
import resource
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"


def plain_path(encrypted: Path) -> Path:
    """Where the unencrypted twin of the benchmark village lives (the baseline)."""
    return encrypted.with_name(f"{encrypted.stem}-plain{encrypted.suffix}")


def remove_database(path: Path) -> None:
    """Delete a database file with its WAL, shared memory and key file, if present."""
    for suffix in ("", "-wal", "-shm", "-journal", ".keys"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def database_key(path: Path) -> bytes:
    """The demo village's database key, unwrapped from the demo admin's key slot.

    What ``unlock.open_with_password`` does before opening, without the login
    it also records: the bench scripts open the file with the key directly.
    """
    from desa_desktop.db.keystore import KeyStore
    from desa_desktop.services.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME

    return KeyStore(path).unwrap(DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def emit(result: dict) -> None:
    """Hand a child's result to ``run.py``: one JSON line on stdout, marked."""
    print("BENCH-RESULT " + json.dumps(result), flush=True)


def parse_result(stdout: str) -> dict:
    for line in reversed(stdout.splitlines()):
        if line.startswith("BENCH-RESULT "):
            return json.loads(line.removeprefix("BENCH-RESULT "))
    raise ValueError("no result line in the child's output")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / (1024 * 1024)
    except OSError:
        pass
    return None


def _sqlcipher_version(module) -> str:  # type: ignore[no-untyped-def]
    conn = module.connect(":memory:")
    try:
        return conn.execute("PRAGMA cipher_version").fetchone()[0]
    finally:
        conn.close()


def machine() -> dict:
    """What the figures were measured on."""
    import PySide6
    import sqlalchemy
    import sqlcipher3

    memory = _memory_gib()
    return {
        "os": platform.platform(),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory": f"{memory:.0f} GiB" if memory else "?",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "sqlcipher": _sqlcipher_version(sqlcipher3),
        "sqlcipher_sqlite": sqlcipher3.sqlite_version,
        "sqlalchemy": sqlalchemy.__version__,
        "pyside6": PySide6.__version__,
    }


def current_rss_mb() -> float:
    """Resident memory of this process now, in MiB (Linux; NaN elsewhere).

    Freed memory is first handed back to the system (glibc's ``malloc_trim``),
    so the figure shows what is held now, not what was held before.
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return math.nan
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
