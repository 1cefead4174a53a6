"""Non-procedural risk signals of a planned departure (early detection).

DOMAIN.md lists what makes a CPMI likely to leave outside the procedure:
no agency or an unlicensed one, a tourist or visit visa, recruitment
through a calo/sponsor, being under 18, no family permission letter, a debt
to the recruiter, a departure date the family does not know. The rules are
pure so the at-risk list, the person pane and the tests all read the same
answer; "not known yet" (None) never raises a signal by itself, because an
officer who has not asked yet should not see a CPMI flagged for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

#: The minimum age of a migrant worker (UU 18/2017).
MIN_AGE = 18

#: Signal code -> Indonesian label, in the order they are shown.
RISK_SIGNALS = {
    "tanpa_p3mi": "Tanpa agensi P3MI",
    "p3mi_tidak_berizin": "Agensi tidak berizin",
    "visa_turis": "Visa turis/kunjungan",
    "lewat_calo": "Direkrut lewat calo/sponsor",
    "di_bawah_umur": "Belum berumur 18 tahun",
    "tanpa_izin_keluarga": "Belum ada surat izin keluarga",
    "utang_perekrut": "Berutang kepada perekrut",
    "keluarga_tidak_tahu": "Keluarga tidak tahu tanggal berangkat",
}

#: Schemes that go through a P3MI, so a missing agency is a signal: P to P, and
#: an unknown scheme (most village departures are P to P). G to G, UKPS,
#: perseorangan, re-entry and seafarers leave without a placement agency.
SCHEMES_NEEDING_P3MI = frozenset({"", "p2p"})

#: Visas that do not allow work abroad.
NON_WORK_VISAS = frozenset({"turis", "kunjungan"})


def years_between(born: date, day: date) -> int:
    """Full years from ``born`` to ``day`` (a birthday counts on the day itself)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def risk_signals(*, birth_date: date | None, departure_date: date | None, today: date,
                 scheme: str, agency_name: str, agency_licensed: bool | None,
                 visa_type: str, via_calo: bool | None, documents: Iterable[str],
                 recruiter_debt: bool | None, family_informed: bool | None
                 ) -> tuple[str, ...]:
    """The ``RISK_SIGNALS`` codes this departure shows, in ``RISK_SIGNALS`` order.

    Age is counted at the departure date, or today while it is not known.
    An unlicensed agency is only named when there is an agency at all; with
    none, "tanpa_p3mi" already says more.
    """
    found: set[str] = set()
    has_agency = bool(agency_name.strip())
    if not has_agency and scheme in SCHEMES_NEEDING_P3MI:
        found.add("tanpa_p3mi")
    if agency_licensed is False and "tanpa_p3mi" not in found:
        found.add("p3mi_tidak_berizin")
    if visa_type in NON_WORK_VISAS:
        found.add("visa_turis")
    if via_calo is True:
        found.add("lewat_calo")
    if birth_date is not None and years_between(birth_date, departure_date or today) < MIN_AGE:
        found.add("di_bawah_umur")
    if "izin_keluarga" not in set(documents):
        found.add("tanpa_izin_keluarga")
    if recruiter_debt is True:
        found.add("utang_perekrut")
    if family_informed is False:
        found.add("keluarga_tidak_tahu")
    return tuple(code for code in RISK_SIGNALS if code in found)
