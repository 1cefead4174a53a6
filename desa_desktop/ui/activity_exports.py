"""Writing the activity printouts from the activities page: the attendance sheet
(print preview or PDF file) and the participation report (PDF or XLSX).

Gathering and writing run on the worker (a report over a year of meetings
takes a moment); the file dialog and the "open it?" question stay on the GUI
thread. ``ask_save_path`` is a module function so tests replace it, as they
replace ``dialogs.choose``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from desa_desktop.domain.errors import DomainError
from desa_desktop.services import activity_reports
from desa_desktop.services.activities import ActivityFilter, ActivityView
from desa_desktop.services.context import ServiceContext
from desa_desktop.ui import dialogs
from desa_desktop.ui.tasks import TaskRunner
from desa_desktop.ui.translator import lookup, tr, trf

T = TypeVar("T")


def file_slug(text: str, most: int = 40) -> str:
    """A topic as a safe piece of a file name."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:most].rstrip("-") or "kegiatan"


def sheet_file_name(activity: ActivityView) -> str:
    return f"daftar-hadir-{activity.activity_date:%Y-%m-%d}-{file_slug(activity.topic)}.pdf"


def report_file_name(flt: ActivityFilter, kind: str, today_iso: str) -> str:
    start = flt.date_from.isoformat() if flt.date_from else "awal"
    end = flt.date_to.isoformat() if flt.date_to else today_iso
    return f"laporan-kehadiran-{start}-sd-{end}.{kind}"


def ask_save_path(parent: QWidget, title: str, suggested: str, kind: str) -> Path | None:
    """Where to write a file (None when cancelled); the suffix is added when left out."""
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    pattern = tr("Berkas PDF (*.pdf)") if kind == "pdf" else tr("Buku kerja Excel (*.xlsx)")
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / suggested),
                                                  pattern)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == f".{kind}" else path.with_name(f"{path.name}.{kind}")


def offer_to_open(parent: QWidget, path: Path, what: str) -> None:
    choice = dialogs.choose(parent, tr("Berkas tersimpan"),
                            trf("{what} disimpan di:\n{path}", what=what, path=str(path)),
                            [tr("Buka berkas"), tr("Tutup")])
    if choice == 0:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def write_failed(parent: QWidget, err: Exception) -> None:
    """Say in plain words why the file was not written."""
    if isinstance(err, DomainError):
        text = err.translated(lookup)
    elif isinstance(err, OSError):
        text = trf("Berkas tidak dapat ditulis. Bila berkas itu sedang dibuka, tutup dulu lalu "
                   "coba lagi.\n({error})", error=err)
    else:
        text = str(err)
    dialogs.warn(parent, tr("Berkas tidak dapat dibuat"), text)


def alive(widget: QWidget, fn: Callable[[T], None]) -> Callable[[T], None]:
    """``fn`` for a worker's answer, skipped when ``widget`` was closed and deleted
    while the worker ran (the window closed during a slow report, say)."""
    def call(value: T) -> None:
        if shiboken6.isValid(widget):
            fn(value)
    return call


def _run(parent: QWidget, runner: TaskRunner, work: Callable[[], Path],
         done: Callable[[Path], None]) -> None:
    runner.run(work, alive(parent, done),
               alive(parent, lambda err: write_failed(parent, err)))


def _sheet_writer(ctx: ServiceContext, activity_id: str, target: Path) -> Callable[[], Path]:
    def work() -> Path:
        from desa_desktop.reports.attendance_pdf import render_attendance_sheet

        return render_attendance_sheet(target, activity_reports.attendance_sheet(ctx,
                                                                                 activity_id))
    return work


def save_sheet(parent: QWidget, ctx: ServiceContext, runner: TaskRunner,
               activity: ActivityView) -> None:
    """Ask where, write the attendance sheet there, then offer to open it."""
    path = ask_save_path(parent, tr("Simpan daftar hadir sebagai PDF"),
                         sheet_file_name(activity), "pdf")
    if path is not None:
        _run(parent, runner, _sheet_writer(ctx, activity.id, path),
             lambda p: offer_to_open(parent, p, tr("Daftar hadir")))


def print_sheet(parent: QWidget, ctx: ServiceContext, runner: TaskRunner,
                activity: ActivityView) -> None:
    """Write the sheet to a temporary file and show it in the print preview."""
    from desa_desktop.ui.letter_dialog import show_pdf, temp_pdf

    _run(parent, runner, _sheet_writer(ctx, activity.id, temp_pdf()),
         lambda p: show_pdf(p, "A4", parent))


def save_report(parent: QWidget, ctx: ServiceContext, runner: TaskRunner,
                flt: ActivityFilter, kind: str) -> None:
    """The participation report over ``flt``'s period and kind, as "pdf" or "xlsx"."""
    title = (tr("Simpan laporan kehadiran sebagai PDF") if kind == "pdf"
             else tr("Simpan laporan kehadiran sebagai Excel"))
    path = ask_save_path(parent, title, report_file_name(flt, kind, ctx.today().isoformat()),
                         kind)
    if path is None:
        return

    def work() -> Path:
        from desa_desktop.reports import activity_report

        report = activity_reports.participation_report(ctx, flt.date_from, flt.date_to,
                                                       kind=flt.kind)
        if kind == "pdf":
            return activity_report.render_participation_pdf(path, report)
        return activity_report.render_participation_xlsx(path, report)

    _run(parent, runner, work, lambda p: offer_to_open(parent, p, tr("Laporan kehadiran")))
