"""The standard ``minisign`` and ``age`` commands, as a second opinion on our files.

Tests that want them skip when a tool is missing (a developer's laptop);
CI installs both (``.ci/run``), so there they always run.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def require(tool: str) -> str:
    """The tool's path, or skip the test."""
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"the {tool} command is not installed")
    return path


def run(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a command without a terminal (no password prompts), capturing its output."""
    return subprocess.run([str(a) for a in args], input=stdin if stdin is not None else b"",
                          capture_output=True, timeout=60, check=False)


def minisign_verify(pub_file: Path, data_file: Path, sig_file: Path,
                    *, prehashed_only: bool = True) -> subprocess.CompletedProcess[bytes]:
    """``minisign -V [-H] -p KEY.pub -m FILE -x FILE.minisig``."""
    flags = ["-H"] if prehashed_only else []
    return run(require("minisign"), "-V", *flags, "-p", pub_file, "-m", data_file,
               "-x", sig_file)


def age_keygen(path: Path) -> str:
    """A new identity file from ``age-keygen``; returns its recipient ``age1...``."""
    run(require("age-keygen"), "-o", path).check_returncode()
    line = next(x for x in path.read_text().splitlines() if x.startswith("# public key: "))
    return line.removeprefix("# public key: ").strip()


def age_decrypt(identity_file: Path, data_file: Path) -> subprocess.CompletedProcess[bytes]:
    """``age -d -i KEYFILE FILE``; the plaintext is in ``stdout``."""
    return run(require("age"), "-d", "-i", identity_file, data_file)


def age_encrypt(recipient: str, data: bytes) -> bytes:
    """``age -r RECIPIENT`` of ``data`` (binary format)."""
    done = run(require("age"), "-r", recipient, stdin=data)
    done.check_returncode()
    return done.stdout
