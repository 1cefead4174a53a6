"""desa-desktop: offline-first desktop app for village migration service posts."""

__version__ = "0.1.0"
