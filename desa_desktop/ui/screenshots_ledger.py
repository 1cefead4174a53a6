"""Screenshots of the group books and activities (``desa-desktop screenshots``, issue 5).

Kept apart from ``ui.screenshots`` so each file stays short; called by it
with the demo window open. Shows the screens an officer meets: the group
overview with its chart, the cash book of the month with a reversed line,
the loans with a borrower in arrears, the entry form, the activities page
and form, and the first page of a monthly statement and of a sign-in sheet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def ledger_screens(window: Any, shot: Any, settle: Any, out: Path,
                   saved: list[Path]) -> None:
    from desa_desktop.domain.months import month_key
    from desa_desktop.reports.attendance_pdf import render_attendance_sheet
    from desa_desktop.reports.letter_print import page_images
    from desa_desktop.reports.statement_pdf import render_statement_pdf
    from desa_desktop.services import activities, activity_reports, cashbook, statements
    from desa_desktop.services.demo_groups import PLANS
    from desa_desktop.ui.activity_dialog import ActivityDialog
    from desa_desktop.ui.entry_dialog import EntryDialog

    ctx, runner = window.ctx, window.runner
    page = window.groups
    window.nav.setCurrentRow(window.stack.indexOf(page))
    settle()
    summaries = {g.name: g for g in statements.group_summaries(ctx)}
    coop = summaries[PLANS[-1].name]
    page.select_group(coop.id)
    settle()
    page.detail.show_tab(page.detail.overview)
    settle()
    shot(window, "24-group-overview")

    first = summaries[PLANS[0].name]
    page.select_group(first.id)
    settle()
    reversed_line = next(line for line in cashbook.entries(ctx, first.id) if line.reverses_id)
    book = page.detail.cashbook
    book.month = month_key(reversed_line.entry_date)
    page.detail.show_tab(book)
    book.refresh()
    settle()
    book.select_entry(reversed_line.reverses_id)
    shot(window, "25-group-cashbook")

    page.select_group(coop.id)
    settle()
    page.detail.show_tab(page.detail.loans)
    settle()
    loans_tab = page.detail.loans
    if loans_tab.table.rowCount():
        loans_tab.table.selectRow(0)
        settle()
    shot(window, "26-group-loans")
    entry = EntryDialog(ctx, runner, coop.id, parent=window)
    shot(entry, "27-entry-dialog", (560, 330))
    entry.close()

    window.nav.setCurrentRow(window.stack.indexOf(window.activities))
    settle()
    held = [a for a in activities.list_activities(ctx) if a.activity_date <= ctx.today()]
    if held:
        window.activities.select_activity(held[0].id)
        settle()
    shot(window, "28-activities")
    planned = [a for a in activities.list_activities(ctx) if a.activity_date > ctx.today()]
    if held:
        dialog = ActivityDialog(ctx, runner, held[0], parent=window)
        shot(dialog, "29-activity-dialog", (1100, 660))
        dialog.dirty = False
        dialog.close()

    previous = statements.group_overview(ctx, first.id).months[-2][0]
    pdfs = [(render_statement_pdf(out / "contoh-laporan-bulanan.pdf",
                                  statements.monthly_statement(ctx, first.id, previous)),
             "30-statement-pdf")]
    if planned:
        sheet = activity_reports.attendance_sheet(ctx, planned[-1].id)
        pdfs.append((render_attendance_sheet(out / "contoh-daftar-hadir.pdf", sheet),
                     "31-attendance-sheet-pdf"))
    for pdf, name in pdfs:
        image = next(iter(page_images(pdf, dpi=80)))
        path = out / f"{name}.png"
        image.save(str(path))
        saved.append(path)
        pdf.unlink()
