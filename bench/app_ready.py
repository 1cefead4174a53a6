"""Cold start until the login dialog can be used, not just seen.

``DESA_DESKTOP_EXIT_AFTER_SHOW=1`` ends the app as soon as the login dialog is
shown, but at that moment its inputs are still disabled: SQLAlchemy, Alembic
and the services are imported, the database opened (and upgraded if needed)
on a worker thread first. This harness starts the app exactly like
``python -m desa_desktop --db PATH`` and quits when that worker reports the
database open (the moment the dialog's inputs are enabled).

It hooks ``desa_desktop.app.AppController._opened``; if the app changes shape
the harness exits with code 3 and ``run.py`` reports the line as not measured.
An error while opening exits with code 1 and the message instead of showing a
modal dialog nobody can close.
"""

from __future__ import annotations

import os
import sys
from typing import Any


def main() -> int:
    os.environ.pop("DESA_DESKTOP_EXIT_AFTER_SHOW", None)
    from PySide6.QtCore import QTimer

    from desa_desktop import app as app_module
    from desa_desktop.cli import main as cli_main

    controller = getattr(app_module, "AppController", None)
    opened = getattr(controller, "_opened", None)
    if controller is None or opened is None or not hasattr(controller, "_fatal_text"):
        print("desa_desktop.app.AppController._opened not found", file=sys.stderr)
        return 3

    def ready(self: Any, db: Any, backup: Any) -> None:
        opened(self, db, backup)
        if getattr(self, "opener", None) is not None:
            self.opener.wait()  # it emits just before returning; quitting first aborts Qt
        QTimer.singleShot(0, self.app.quit)

    def fatal(self: Any, text: str) -> None:
        print(f"database could not be opened: {text}", file=sys.stderr)
        self.app.exit(1)

    controller._opened = ready
    controller._fatal_text = fatal
    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
