"""Cold start until the login dialog can be used, not just seen.

``DESA_DESKTOP_EXIT_AFTER_SHOW=1`` ends the app as soon as the login dialog is
shown, but at that moment its inputs are still disabled: SQLAlchemy, Alembic,
SQLCipher, argon2 and the services are imported and the state of the file
(encrypted with its key file, or its key file lost) is told on a worker
thread first; the encrypted database itself can only be opened with the key
the password unlocks (``bench/login_bench.py`` times that). This harness
starts the app exactly like ``python -m desa_desktop --db PATH`` and quits
when that worker reports (the moment the dialog's inputs are enabled).

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
    for name in ("DESA_DESKTOP_EXIT_AFTER_SHOW", "DESA_DESKTOP_USER", "DESA_DESKTOP_PASSWORD"):
        os.environ.pop(name, None)  # no automatic login: only the dialog becoming usable
    from PySide6.QtCore import QTimer

    from desa_desktop import app as app_module
    from desa_desktop.cli import main as cli_main

    controller = getattr(app_module, "AppController", None)
    opened = getattr(controller, "_opened", None)
    if controller is None or opened is None or not hasattr(controller, "_fatal_text"):
        print("desa_desktop.app.AppController._opened not found", file=sys.stderr)
        return 3

    def ready(self: Any, *args: Any) -> None:
        opened(self, *args)
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
