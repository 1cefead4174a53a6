"""The recovery sheet prints the fingerprint of the post's keys, which the district
compares with the key file the post hands over."""

from __future__ import annotations

from desa_desktop.services import accounts, bundle_keys
from desa_desktop.ui.account_dialogs import write_recovery_sheet
from tests.reports.helpers import pdf_text


def test_recovery_sheet_shows_the_post_key_fingerprint(ctx, tmp_path) -> None:
    village = accounts.get_village(ctx.db)
    path = write_recovery_sheet(ctx, village, tmp_path / "pemulihan.pdf")
    fingerprint = bundle_keys.ensure_post_keys(ctx).fingerprint
    text = pdf_text(path)
    assert "Sidik jari kunci tanda tangan" in text
    assert fingerprint.split()[0] in text and fingerprint.split()[-1] in text
