"""Where the app keeps its files on the village laptop (per-user data folder)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "desa-desktop"


def data_dir() -> Path:
    """The per-user data folder (e.g. ``%LOCALAPPDATA%\\desa-desktop`` on Windows)."""
    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def default_db_path() -> Path:
    return data_dir() / "desa.sqlite3"


def demo_db_path() -> Path:
    return data_dir() / "demo-karyamukti.sqlite3"


def resources_dir() -> Path:
    """The ``resources/`` folder, beside the package in a checkout or a frozen build."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "resources", here / "resources"):
        if candidate.is_dir():
            return candidate
    return here.parent / "resources"
