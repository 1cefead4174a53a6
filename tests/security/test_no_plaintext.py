"""Nothing personal is written unencrypted: every file the app wrote is searched for a known
NIK and name, and neither is found.

The app runs in child processes whose home, temporary and XDG folders all
point into one fresh folder, so every file it writes (database, WAL, key
file, backups, settings, Qt's caches, temporary files) lands there. It does
what an officer does: set up the village, register a person with a known
NIK and name, save a draft, search, edit, delete and restore, refresh the
statuses, back up, close and log in again; then the GUI logs in (as the
app does with ``DESA_DESKTOP_USER`` / ``DESA_DESKTOP_PASSWORD``), searches
for the NIK, types it into a new person form (a draft) and is closed; then
the CLI checks the audit log. Copies of the database, its WAL and index
taken while the first child was still writing are searched too, since a
WAL that is checkpointed away at close could otherwise hide a leak.

The search looks for the NIK as digits, grouped as the screens show it
(``format_nik``) and in UTF-16 (Windows' and Qt's own encoding), and the
name in any letter case. A scan that finds nothing proves nothing unless it
looked at something: it must see the files the app is known to write, and
planted plain copies (a text file, UTF-16, an unencrypted database of the
previous version) must be found.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from desa_desktop.domain.nik import format_nik, make_nik

ROOT = Path(__file__).resolve().parents[2]
NIK = make_nik("320712", date(1987, 6, 21), "P", 4321)
NAME = "Sumarni Wulandari Kusumaningtyas"
PASSWORD = "kata-sandi-desa-7"

SERVICES_RUN = textwrap.dedent("""
    import importlib.util, json, shutil, sys
    from dataclasses import replace
    from datetime import date
    from pathlib import Path
    from desa_desktop import paths
    from desa_desktop.services import (accounts, audit, drafts, households, maintenance,
                                       persons, placements, search)
    from desa_desktop.services.context import ServiceContext
    from desa_desktop.services.households import HouseholdInput
    from desa_desktop.services.persons import PersonInput
    from desa_desktop.services.placements import PlacementInput
    from desa_desktop.services.unlock import create_database, open_with_password
    from tests.conftest import VILLAGE

    nik, name, password, live_copy = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])
    path = paths.default_db_path()  # where the app keeps it, under XDG_DATA_HOME
    db = create_database(path)  # as the setup wizard does
    officer = accounts.set_up(db, VILLAGE, "admin", "Admin Desa", password)
    ctx = ServiceContext(db, VILLAGE.code, officer)
    home = households.create_household(ctx, HouseholdInput("", name, "Dusun Cikupa")).ids[0]
    pid = persons.create_person(ctx, PersonInput(
        nik, name, "P", "Ciamis", date(1987, 6, 21), phone="081234567890",
        household_id=home, relation_to_head="kepala"), confirmed=True).ids[0]
    drafts.save_draft(ctx, "person:new", {"nik": nik, "full_name": name})
    assert [r.id for r in search.search_page(db, search.PersonQuery(text=nik))] == [pid]
    assert [r.id for r in search.search_page(db, search.PersonQuery(text=name))] == [pid]
    placements.add_placement(ctx, pid, PlacementInput("HK", departure_date=date(2024, 3, 1)))
    view = persons.get_person(ctx, pid)
    persons.update_person(ctx, pid, replace(view.as_input(), notes=f"Ibu {name}, NIK {nik}"),
                          confirmed=True)
    # The files as they are while the app writes: the WAL holds the latest pages.
    live_copy.mkdir()
    for part in path.parent.iterdir():
        if part.is_file():
            shutil.copy2(part, live_copy / part.name)
    persons.delete_person(ctx, pid)
    persons.restore_person(ctx, pid)
    maintenance.refresh_statuses(db)
    assert audit.history(db, [pid]) and audit.verify_chain(db).ok
    backups = []
    if importlib.util.find_spec("desa_desktop.services.backup") is not None:
        from desa_desktop.services import backup
        if hasattr(backup, "make_backup"):
            backups.append(str(backup.make_backup(db, reason="manual").path))
        if hasattr(backup, "automatic_backup"):
            auto = backup.automatic_backup(db, "exit")
            backups.append(str(auto.info.path) if auto.info else f"failed: {auto.problem}")
    db.close()
    again = open_with_password(path, "admin", password)  # close, log in again
    found = [r.full_name for r in search.search_page(again.db, search.PersonQuery(text=nik))]
    again.db.close()
    print(json.dumps({"db": str(path), "person": pid, "found": found, "backups": backups}))
""")

GUI_RUN = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from desa_desktop.app import AppController, make_app
    from desa_desktop.ui.settings import LANGUAGE, Settings
    from desa_desktop.ui.translator import LanguageManager

    path, nik = Path(sys.argv[1]), sys.argv[2]
    app = make_app()
    settings = Settings()
    languages = LanguageManager(app)
    languages.apply(settings.get(LANGUAGE))
    controller = AppController(app, path, demo=False, settings=settings, languages=languages)
    steps = {"searched": False, "form": None}

    def step():
        window = controller.window
        if window is None or not window.isVisible():
            return
        if not steps["searched"]:  # what the officer types, in the search box and a form
            steps["searched"] = True
            window.registry.search_box.setText(nik)
            from desa_desktop.ui.person_form import PersonForm
            form = PersonForm(window.ctx, window.runner)
            form.show()
            form.fields["nik"].setText(nik)
            form.mark_dirty()  # the draft is saved as the officer types
            steps["form"] = form
            QTimer.singleShot(2500, finish)

    def finish():
        window, form = controller.window, steps["form"]
        window.runner.wait()
        form.dirty = False
        form.close()
        window.close()
        app.quit()

    poll = QTimer(interval=50)
    poll.timeout.connect(step)
    poll.start()
    QTimer.singleShot(60_000, lambda: app.exit(3))  # never hang the test run
    controller.start()
    code = app.exec()
    print("registry shown" if steps["searched"] else "never logged in")
    sys.exit(code)
""")


def needles() -> dict[str, bytes]:
    """The byte patterns that would betray the person (matched against lowercased bytes)."""
    found = {}
    for label, value in (("nik", NIK), ("nik grouped", format_nik(NIK)),
                         ("name", NAME.lower())):
        found[f"{label} (UTF-8)"] = value.encode("utf-8")
        found[f"{label} (UTF-16)"] = value.encode("utf-16-le")
    return found


def scan(folder: Path) -> tuple[dict[str, list[str]], int, int]:
    """Which files under ``folder`` hold which needle; and how many files and bytes were read."""
    hits: dict[str, list[str]] = {}
    files = size = 0
    patterns = needles()
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes().lower()
        files += 1
        size += len(data)
        for label, pattern in patterns.items():
            if pattern in data:
                hits.setdefault(str(path.relative_to(folder)), []).append(label)
    return hits, files, size


def gui_draft(db_path: Path) -> dict:
    """The new-person draft as the GUI's form saved it (the form saves every field)."""
    from desa_desktop.services import accounts, drafts
    from desa_desktop.services.context import ServiceContext
    from desa_desktop.services.unlock import open_with_password

    opened = open_with_password(db_path, "admin", PASSWORD)
    try:
        village = accounts.get_village(opened.db)
        assert village is not None
        ctx = ServiceContext(opened.db, village.code, opened.officer)
        payload = drafts.load_draft(ctx, "person:new") or {}
    finally:
        opened.db.close()
    assert {"birth_date", "notes", "collected_on"} <= set(payload), payload
    return payload


def app_env(root: Path) -> dict[str, str]:
    """The environment of a user whose every folder is inside ``root``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DESA_DESKTOP_"))}
    folders = {"HOME": "home", "TMPDIR": "tmp", "XDG_CONFIG_HOME": "home/.config",
               "XDG_DATA_HOME": "home/.local/share", "XDG_CACHE_HOME": "home/.cache",
               "XDG_STATE_HOME": "home/.local/state", "XDG_RUNTIME_DIR": "runtime"}
    for name, sub in folders.items():
        (root / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(root / sub)
    (root / "runtime").chmod(0o700)  # Qt insists on a private runtime folder
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1",
               DESA_DESKTOP_USER="admin", DESA_DESKTOP_PASSWORD=PASSWORD)
    return env


def run(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="XDG folders are how Linux apps find home")
def test_no_file_the_app_wrote_holds_the_nik_or_the_name(tmp_path: Path) -> None:
    root = tmp_path / "pengguna"
    env = app_env(root)

    out = json.loads(run(["-c", SERVICES_RUN, NIK, NAME, PASSWORD, str(root / "live-copy")],
                         env).strip().splitlines()[-1])
    db_path = Path(out["db"])
    assert db_path.is_relative_to(root) and out["found"] == [NAME]  # the data is really there
    assert "registry shown" in run(["-c", GUI_RUN, str(db_path), NIK], env)
    assert gui_draft(db_path)["nik"] == NIK  # the GUI really logged in and saved typing
    assert "utuh" in run(["-m", "desa_desktop", "audit", "verify", "--db", str(db_path)], env)

    hits, files, size = scan(root)
    assert hits == {}, f"personal data in plain text: {hits}"

    # The scan looked at what the app writes...
    written = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    share = "home/.local/share/desa-desktop"
    assert {f"{share}/desa.sqlite3", f"{share}/desa.sqlite3.keys"} <= written, written
    assert any(p.startswith("home/.config/") for p in written), written  # QSettings
    assert (root / "live-copy" / "desa.sqlite3-wal").stat().st_size > 0
    for backup in out["backups"]:
        assert not backup.startswith("failed"), out["backups"]
        assert Path(backup).is_relative_to(root)
    assert files >= 6 and size >= 200_000, (files, size)
    # ...and finds the NIK and the name where they are in plain text.
    control = root / "kontrol"
    control.mkdir()
    (control / "polos.txt").write_text(f"{NAME}: {format_nik(NIK)}\n", encoding="utf-8")
    (control / "polos-utf16.txt").write_bytes(f"{NIK}".encode("utf-16-le"))
    (control / "nik-saja.bin").write_bytes(b"\x00\x01" + NIK.encode() + b"\xff")
    plain_database(control / "polos.sqlite3")
    hits, _, _ = scan(root)
    assert hits == {"kontrol/nik-saja.bin": ["nik (UTF-8)"],
                    "kontrol/polos-utf16.txt": ["nik (UTF-16)"],
                    "kontrol/polos.txt": ["nik grouped (UTF-8)", "name (UTF-8)"],
                    "kontrol/polos.sqlite3": ["nik (UTF-8)", "name (UTF-8)"]}


def plain_database(path: Path) -> None:
    """The same person in an unencrypted database, as the app wrote before encryption."""
    from desa_desktop.db.migrate import open_database
    from desa_desktop.services import accounts, persons
    from desa_desktop.services.context import ServiceContext
    from desa_desktop.services.persons import PersonInput
    from tests.conftest import VILLAGE

    db, _ = open_database(path, None)
    try:
        officer = accounts.set_up(db, VILLAGE, "admin", "Admin Desa", PASSWORD)
        persons.create_person(ServiceContext(db, VILLAGE.code, officer), PersonInput(
            NIK, NAME, "P", birth_date=date(1987, 6, 21)), confirmed=True)
    finally:
        db.close()
