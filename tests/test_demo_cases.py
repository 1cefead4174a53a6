"""The demo village's cases, reports, referrals and letters, as the demo officer sees them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desa_desktop.db.engine import Database
from desa_desktop.services import (
    accounts,
    cases,
    demo,
    follow_ups,
    letters,
    signing,
    warnings,
)
from desa_desktop.services.case_access import REDACTED
from desa_desktop.services.context import ServiceContext
from desa_desktop.services.demo_cases import STORIES
from tests.conftest import TODAY, open_demo


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("democases") / "karyamukti.sqlite3"
    demo.write_demo_database(path, persons=400, today=TODAY)
    db, _ = open_demo(path)
    yield db
    db.close()


def _ctx(db: Database, username: str, password: str) -> ServiceContext:
    officer = accounts.login(db, username, password)
    return ServiceContext(db, demo.DEMO_VILLAGE.code, officer, today=lambda: TODAY)


def test_demo_officer_sees_cases_and_one_confidential_case_redacted(demo_db: Database) -> None:
    ctx = _ctx(demo_db, demo.DEMO_OFFICER_USERNAME, demo.DEMO_OFFICER_PASSWORD)
    rows = cases.list_cases(ctx)
    assert len(rows) == len(STORIES)
    assert {r.status for r in rows} >= {"dirujuk", "selesai", "ditutup", "dilaporkan"}
    hidden = [r for r in rows if not r.readable]
    assert len(hidden) == 1 and hidden[0].title == REDACTED and hidden[0].confidential
    admin = _ctx(demo_db, demo.DEMO_ADMIN_USERNAME, demo.DEMO_ADMIN_PASSWORD)
    assert all(r.readable for r in cases.list_cases(admin))


def test_demo_officer_opens_the_app_on_due_and_overdue_follow_ups(demo_db: Database) -> None:
    ctx = _ctx(demo_db, demo.DEMO_OFFICER_USERNAME, demo.DEMO_OFFICER_PASSWORD)
    due = follow_ups.due_follow_ups(ctx)
    assert any(item.overdue for item in due)
    assert any(item.due_date == TODAY for item in due)


def test_demo_register_has_signed_letters_and_a_voided_one(demo_db: Database) -> None:
    ctx = _ctx(demo_db, demo.DEMO_OFFICER_USERNAME, demo.DEMO_OFFICER_PASSWORD)
    register = letters.letter_register(ctx)
    kinds = {v.kind for v in register}
    assert {"SR", "SP"} <= kinds
    voided = [v for v in register if v.status == "batal"]
    assert len(voided) == 1 and voided[0].void_reason
    replacement = [v for v in register if v.replaces_number == voided[0].number]
    assert len(replacement) == 1 and replacement[0].number != voided[0].number
    trusted = signing.trusted_keys(ctx)
    for view in register:
        text = signing.qr_text(view.payload, view.signature)
        assert signing.verify_qr(text, trusted).verdict == "genuine"


def test_demo_has_early_warning_reports(demo_db: Database) -> None:
    ctx = _ctx(demo_db, demo.DEMO_OFFICER_USERNAME, demo.DEMO_OFFICER_PASSWORD)
    reports = warnings.list_reports(ctx)
    assert {r.data.kind for r in reports} == {"calo", "lowongan", "nonprosedural"}
    assert any(r.persons for r in reports)


def test_demo_letter_pdf_opens(demo_db: Database, tmp_path: Path) -> None:
    from pypdf import PdfReader

    ctx = _ctx(demo_db, demo.DEMO_OFFICER_USERNAME, demo.DEMO_OFFICER_PASSWORD)
    view = letters.letter_register(ctx)[0]
    pdf = letters.render_letter_pdf(ctx, view.id, tmp_path / "surat.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert view.number in text and demo.DEMO_VILLAGE.name in text
