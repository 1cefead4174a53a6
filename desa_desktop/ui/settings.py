"""User settings, declared once with their types and defaults over QSettings.

(The Picard ``config`` pattern: one declaration per setting, so a typo in a
key name cannot silently create a second setting.)
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSettings

T = TypeVar("T")


class Setting(Generic[T]):
    """One setting: its QSettings key, default and type (a plain class: this module
    is imported before the first window shows, and ``dataclasses`` costs ~4 ms)."""

    __slots__ = ("default", "key", "kind")

    def __init__(self, key: str, default: T, kind: type) -> None:
        self.key, self.default, self.kind = key, default, kind


LANGUAGE: Setting[str] = Setting("ui/language", "id", str)
LAST_DB: Setting[str] = Setting("db/last_path", "", str)
WINDOW_GEOMETRY: Setting[bytes] = Setting("ui/window_geometry", b"", bytes)
#: Minutes without keyboard or mouse input before the screen locks (see ``ui.lock_screen``).
LOCK_MINUTES: Setting[int] = Setting("security/lock_minutes", 5, int)
LOCK_MINUTES_RANGE = (1, 120)


class Settings:
    """Typed access to the app's QSettings (an INI file in tests, the registry on Windows)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings("desa-desktop", "desa-desktop")

    def get(self, setting: Setting[T]) -> T:
        value: Any = self.q.value(setting.key, setting.default)
        if value is None:
            return setting.default
        if setting.kind is bytes:
            return bytes(value) if value else setting.default  # type: ignore[return-value]
        try:
            return setting.kind(value)  # type: ignore[no-any-return]
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        self.q.setValue(setting.key, value)
        self.q.sync()


def lock_minutes(settings: Settings) -> int:
    """The idle time before locking, kept within 1-120 minutes whatever the file says:
    a hand-edited 0 must not turn the lock off on a laptop full of personal data."""
    low, high = LOCK_MINUTES_RANGE
    return min(max(settings.get(LOCK_MINUTES), low), high)
