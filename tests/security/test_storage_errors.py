"""A full disk, a read-only folder or a failing write while saving: a plain message, nothing lost.

Each failure is produced the way the disk produces it, through SQLite's own
code paths, never by raising a fake exception:

* a full disk: ``PRAGMA max_page_count`` just above the file's size on every
  connection, so SQLite's pager returns ``SQLITE_FULL`` exactly as it does
  when the disk has no room left;
* a write the operating system refuses: a child process with a file size
  limit (``RLIMIT_FSIZE``, ``SIGXFSZ`` ignored), so ``write()`` fails (EFBIG)
  under SQLite while the WAL grows;
* a read-only database: a child process that gives up root (we run as root
  in CI, and root ignores file modes) after the folder copy was made
  read-only.

After every failure the test lifts the cause and checks, on the real file,
that every earlier record and audit row is unchanged, the hash chain
verifies and SQLite's integrity check passes. The last test does the same
through the person form: the message is shown and the typed input stays.
"""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, text

from desa_desktop.db.engine import Database, connect
from desa_desktop.db.storage_errors import CANTOPEN, FULL, IO, READONLY, StorageError
from desa_desktop.services import audit, drafts, households, persons, placements
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.households import HouseholdInput
from desa_desktop.services.placements import PlacementInput
from tests.conftest import VILLAGE
from tests.services.helpers import add_person, person_input

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("person", "household", "placement", "audit_log", "officer", "village")
NOT_SAVED = "BELUM tersimpan"
SAFE = "Data yang tersimpan sebelumnya aman"

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes and limits")


# -- helpers ----------------------------------------------------------------------------
def fill(ctx: ServiceContext) -> dict[str, str]:
    """A small village: a household, two persons, a departure (all audited)."""
    household = households.create_household(ctx, HouseholdInput("", "Ahmad Sobari",
                                                                "Dusun Cikupa")).ids[0]
    siti = add_person(ctx, "Siti Aminah", sex="P", household_id=household,
                      relation_to_head="istri")
    asep = add_person(ctx, "Asep Saepudin")
    placement = placements.add_placement(ctx, siti, PlacementInput(
        "HK", departure_date=date(2024, 3, 1))).ids[0]
    return {"household": household, "siti": siti, "asep": asep, "placement": placement}


def snapshot(db: Database) -> dict[str, list[tuple]]:
    """Every row of the tables that hold saved work, read straight from SQLite."""
    with db.engine.connect() as conn:
        return {t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1"))]
                for t in TABLES}


def assert_intact(db: Database, before: dict[str, list[tuple]]) -> None:
    """Nothing saved before the failure changed, the chain verifies, the file is sound."""
    assert snapshot(db) == before
    report = audit.verify_chain(db)
    assert report.ok, report
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def assert_plain_message(err: StorageError) -> None:
    assert NOT_SAVED in str(err) and SAFE in str(err)
    assert "database or disk is full" not in str(err)  # SQLite's English stays underneath
    assert isinstance(err.__cause__, Exception)


def pragma(db: Database, name: str) -> int:
    with db.engine.connect() as conn:
        return int(conn.exec_driver_sql(f"PRAGMA {name}").scalar())


@pytest.fixture
def full_disk(db: Database) -> Iterator[Callable[[bool], int]]:
    """``full_disk(True)`` fills the disk for every connection of ``db``; False frees it.

    ``max_page_count`` is a per-connection setting, so it is set in a
    ``connect`` listener and the pool is emptied on each switch. Returns the
    number of bytes a save must add to be sure to need a new page.
    """
    limit: dict[str, int] = {}

    def on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        if "pages" in limit:
            dbapi_connection.execute(f"PRAGMA max_page_count={limit['pages']}").fetchone()

    def switch(full: bool) -> int:
        limit.clear()
        db.engine.dispose()
        if full:
            limit["pages"] = pragma(db, "page_count")
            db.engine.dispose()
        # Larger than the free pages inside the file: the save has to grow it.
        return (pragma(db, "freelist_count") + 8) * pragma(db, "page_size")

    event.listen(db.engine, "connect", on_connect)
    yield switch
    event.remove(db.engine, "connect", on_connect)
    db.engine.dispose()


# -- a full disk ------------------------------------------------------------------------
def test_full_disk_while_saving_gives_a_plain_message_and_loses_nothing(
        ctx: ServiceContext, db: Database, full_disk: Callable[[bool], int]) -> None:
    ids = fill(ctx)
    drafts.save_draft(ctx, "person:new", {"full_name": "Draf lama"})
    before = snapshot(db)
    big = "catatan panjang " * (full_disk(True) // 16 + 1)

    with pytest.raises(StorageError) as created:
        persons.create_person(ctx, person_input("Euis Kurniasih", sex="P", notes=big),
                              confirmed=True)
    assert created.value.kind == FULL
    assert_plain_message(created.value)
    assert "Kosongkan ruang di disk" in str(created.value)
    assert str(db.path.resolve().parent) in str(created.value)

    siti = persons.get_person(ctx, ids["siti"])
    with pytest.raises(StorageError):
        persons.update_person(ctx, ids["siti"], replace(siti.as_input(), notes=big),
                              confirmed=True)
    with pytest.raises(StorageError):
        placements.update_placement(ctx, ids["placement"], PlacementInput(
            "HK", departure_date=date(2024, 3, 1), notes=big))
    with pytest.raises(StorageError):
        drafts.save_draft(ctx, "person:new", {"full_name": "Euis", "notes": big})
    # Reading still works on a full disk: the officer can keep looking things up.
    assert persons.get_person(ctx, ids["asep"]).full_name == "Asep Saepudin"

    full_disk(False)  # the officer made room
    assert_intact(db, before)
    assert drafts.load_draft(ctx, "person:new") == {"full_name": "Draf lama"}
    # ...and pressing Simpan again now saves, with its audit row.
    new_id = persons.create_person(ctx, person_input("Euis Kurniasih", sex="P", notes=big),
                                   confirmed=True).ids[0]
    assert persons.get_person(ctx, new_id).notes == big.strip()
    assert [e.action for e in audit.history(db, [new_id])] == ["create"]
    assert audit.verify_chain(db).ok


def test_the_message_is_translated_like_every_rule_message(
        ctx: ServiceContext, db: Database, full_disk: Callable[[bool], int]) -> None:
    from desa_desktop import i18n

    big = "x" * full_disk(True)
    with pytest.raises(StorageError) as err:
        persons.create_person(ctx, person_input("Dedi", notes=big), confirmed=True)
    english = err.value.translated(lambda t: i18n.translate(t, "en"))
    assert english.startswith("The disk is full: what you just entered is NOT saved yet.")
    assert str(db.path.resolve().parent) in english


# -- a write the operating system refuses -------------------------------------------------
FSIZE_CHILD = textwrap.dedent("""
    import json, os, resource, signal, sys
    from pathlib import Path
    from desa_desktop.db.engine import connect
    from desa_desktop.db.storage_errors import StorageError
    from desa_desktop.services import persons
    from desa_desktop.services.context import OfficerInfo, ServiceContext
    from tests.services.helpers import person_input

    path, key, officer = Path(sys.argv[1]), bytes.fromhex(sys.argv[2]), json.loads(sys.argv[3])
    db = connect(path, key)
    ctx = ServiceContext(db, sys.argv[4], OfficerInfo(**officer))
    persons.get_person(ctx, sys.argv[5])  # open the file (WAL and index) before the limit
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write(), not a dead process
    largest = max(p.stat().st_size for p in path.parent.iterdir())
    resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 4096, resource.RLIM_INFINITY))
    out = {}
    try:
        persons.create_person(ctx, person_input("Terlalu Besar", notes="x" * 400_000),
                              confirmed=True)
        out["saved"] = True
    except StorageError as err:
        out["kind"], out["message"] = err.kind, str(err)
    db.close()
    print(json.dumps(out))
""")


@posix_only
def test_a_write_refused_by_the_system_loses_nothing(ctx: ServiceContext, db: Database) -> None:
    ids = fill(ctx)
    before = snapshot(db)
    db.close()
    officer = json.dumps(vars(ctx.officer))
    assert db.key is not None
    result = subprocess.run(
        [sys.executable, "-c", FSIZE_CHILD, str(db.path), db.key.hex(), officer, VILLAGE.code,
         ids["asep"]], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    # A write cut short is SQLITE_FULL, one refused outright (EFBIG) SQLITE_IOERR.
    assert out.get("kind") in (FULL, IO), out
    assert NOT_SAVED in out["message"] and SAFE in out["message"]

    again = connect(db.path, db.key)
    try:
        assert_intact(again, before)
    finally:
        again.close()


# -- a read-only database -----------------------------------------------------------------
READONLY_CHILD = textwrap.dedent("""
    import json, os, sys
    from pathlib import Path
    from desa_desktop.db.engine import connect
    from desa_desktop.db.storage_errors import StorageError
    from desa_desktop.services import drafts, persons
    from desa_desktop.services.context import OfficerInfo, ServiceContext
    from tests.services.helpers import person_input

    path, key, officer = Path(sys.argv[1]), bytes.fromhex(sys.argv[2]), json.loads(sys.argv[3])
    folder_too = sys.argv[6] == "folder"
    nobody = 65534
    # Load everything while still root: the checkout may not be readable by nobody.
    import sqlcipher3, sqlalchemy.dialects.sqlite.pysqlcipher
    from sqlalchemy.orm import configure_mappers
    from sqlalchemy.util import preloaded
    preloaded.import_prefix("sqlalchemy")
    configure_mappers()
    db = connect(path, key)  # no connection yet: the file is opened at the first use
    if os.geteuid() == 0:  # root writes anywhere: become an ordinary user first
        for p in (path.parent, *path.parent.iterdir()):
            os.chown(p, nobody, nobody)
    for p in path.parent.iterdir():
        os.chmod(p, 0o444)
    os.chmod(path.parent, 0o555 if folder_too else 0o755)
    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(nobody)
        os.setuid(nobody)
    ctx = ServiceContext(db, sys.argv[4], OfficerInfo(**officer))
    out = {}
    def attempt(name, fn):
        try:
            out[name] = ["ok", repr(fn())]
        except StorageError as err:
            out[name] = [err.kind, str(err)]
    attempt("read", lambda: persons.get_person(ctx, sys.argv[5]).full_name)
    attempt("create", lambda: persons.create_person(ctx, person_input("Baru"), confirmed=True))
    attempt("delete", lambda: persons.delete_person(ctx, sys.argv[5]))
    attempt("draft", lambda: drafts.save_draft(ctx, "person:new", {"full_name": "Baru"}))
    db.close()
    print(json.dumps(out))
""")


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder an unprivileged user can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="desa-readonly-"))
    folder.chmod(0o755)
    yield folder
    for p in (folder, *folder.rglob("*")):
        p.chmod(stat.S_IRWXU | (p.stat().st_mode & 0o777))
    shutil.rmtree(folder)


def run_readonly_child(ctx: ServiceContext, db: Database, target: Path, person_id: str,
                       mode: str) -> dict[str, list[str]]:
    assert db.key is not None and ctx.officer is not None
    result = subprocess.run(
        [sys.executable, "-c", READONLY_CHILD, str(target), db.key.hex(),
         json.dumps(vars(ctx.officer)), VILLAGE.code, person_id, mode],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for p in (target.parent, *target.parent.iterdir()):  # give the copy back to the test
        p.chmod(stat.S_IRWXU | (p.stat().st_mode & 0o777))
    return json.loads(result.stdout.strip().splitlines()[-1])


def copy_database(db: Database, folder: Path) -> Path:
    db.close()
    target = folder / "desa" / db.path.name
    target.parent.mkdir()
    for source in db.path.parent.iterdir():
        if source.name.startswith(db.path.name):
            shutil.copy2(source, target.parent / source.name)
    return target


@posix_only
def test_saving_into_a_read_only_database_gives_a_plain_message(
        ctx: ServiceContext, db: Database, shared_folder: Path) -> None:
    ids = fill(ctx)
    before = snapshot(db)
    target = copy_database(db, shared_folder)

    out = run_readonly_child(ctx, db, target, ids["asep"], "file")

    assert out["read"] == ["ok", repr("Asep Saepudin")]  # reading a locked file still works
    for action in ("create", "delete", "draft"):
        kind, message = out[action]
        assert kind == READONLY, out
        assert NOT_SAVED in message and SAFE in message and "minta bantuan admin" in message
        assert str(target.parent) in message
    copy = connect(target, db.key)
    try:
        assert_intact(copy, before)
    finally:
        copy.close()


@posix_only
def test_a_database_in_a_read_only_folder_gives_a_plain_message(
        ctx: ServiceContext, db: Database, shared_folder: Path) -> None:
    ids = fill(ctx)
    before = snapshot(db)
    target = copy_database(db, shared_folder)

    out = run_readonly_child(ctx, db, target, ids["asep"], "folder")

    # SQLite cannot even make its WAL index there: the first use of the file fails.
    for action in ("read", "create", "delete", "draft"):
        kind, message = out[action]
        assert kind in (READONLY, CANTOPEN), out
        assert NOT_SAVED in message and SAFE in message
    copy = connect(target, db.key)
    try:
        assert_intact(copy, before)
    finally:
        copy.close()


# -- the person form --------------------------------------------------------------------
def test_person_form_on_a_full_disk_shows_the_message_and_keeps_the_input(
        qtbot, ctx: ServiceContext, db: Database, full_disk: Callable[[bool], int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import Qt

    from desa_desktop.ui import dialogs
    from desa_desktop.ui.person_form import PersonForm
    from desa_desktop.ui.tasks import TaskRunner

    asked: list[str] = []
    monkeypatch.setattr(dialogs, "choose", lambda _p, _t, text, options, **_k: (
        asked.append(text), len(options) - 1)[1])
    fill(ctx)
    before = snapshot(db)
    runner = TaskRunner()
    form = PersonForm(ctx, runner)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    try:
        big = "Bekerja di Hong Kong sejak 2024. " * (full_disk(True) // 32 + 1)
        qtbot.keyClicks(form.fields["full_name"], "Euis Kurniasih")
        qtbot.keyClicks(form.fields["sex"], "P")
        form.fields["notes"].setPlainText(big)  # type: ignore[attr-defined]

        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not form.saving and form.banner.isVisible())

        banner = form.banner.text()
        assert banner.startswith("Disk penuh") and NOT_SAVED in banner and SAFE in banner
        assert form.isVisible() and form.dirty and form.save_button.isEnabled()
        assert form.fields["full_name"].text() == "Euis Kurniasih"  # type: ignore[attr-defined]
        assert form.fields["notes"].toPlainText() == big  # type: ignore[attr-defined]
        assert asked == []  # no question, no dialog: the message sits on the form
        runner.wait()
        full_disk(False)
        assert_intact(db, before)

        with qtbot.waitSignal(form.saved) as saved:  # room made: Simpan again saves it
            qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        person = persons.get_person(ctx, saved.args[0].ids[0])
        assert (person.full_name, person.notes) == ("Euis Kurniasih", big.strip())
    finally:
        runner.wait()
        form.dirty = False
        form.close()
