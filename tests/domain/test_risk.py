"""Non-procedural risk signals: each one on and off, order, age at departure."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desa_desktop import i18n
from desa_desktop.domain.reference import DOCUMENTS, SCHEME, VISA_TYPE
from desa_desktop.domain.risk import RISK_SIGNALS, risk_signals

TODAY = date(2026, 11, 22)

#: A procedural departure: licensed agency, work visa, permission letter, family told.
SAFE: dict[str, Any] = {
    "birth_date": date(1995, 5, 5), "departure_date": date(2027, 1, 10), "today": TODAY,
    "scheme": "p2p", "agency_name": "PT Maju Jaya", "agency_licensed": True,
    "visa_type": "kerja", "via_calo": False, "documents": ("ktp", "izin_keluarga"),
    "recruiter_debt": False, "family_informed": True,
}


def signals(**changes: Any) -> tuple[str, ...]:
    return risk_signals(**{**SAFE, **changes})


def test_a_procedural_departure_has_no_signal() -> None:
    assert signals() == ()


def test_unknown_answers_raise_no_signal_by_themselves() -> None:
    assert signals(agency_licensed=None, via_calo=None, recruiter_debt=None,
                   family_informed=None, visa_type="", birth_date=None,
                   departure_date=None) == ()


@pytest.mark.parametrize(("changes", "code"), [
    ({"agency_name": ""}, "tanpa_p3mi"),
    ({"agency_name": "   "}, "tanpa_p3mi"),
    ({"agency_name": "", "scheme": ""}, "tanpa_p3mi"),
    ({"agency_licensed": False}, "p3mi_tidak_berizin"),
    ({"visa_type": "turis"}, "visa_turis"),
    ({"visa_type": "kunjungan"}, "visa_turis"),
    ({"via_calo": True}, "lewat_calo"),
    ({"birth_date": date(2009, 1, 11)}, "di_bawah_umur"),  # 17 at departure
    ({"documents": ("ktp", "paspor")}, "tanpa_izin_keluarga"),
    ({"documents": ()}, "tanpa_izin_keluarga"),
    ({"recruiter_debt": True}, "utang_perekrut"),
    ({"family_informed": False}, "keluarga_tidak_tahu"),
])
def test_each_signal_alone(changes: dict[str, Any], code: str) -> None:
    assert signals(**changes) == (code,)


@pytest.mark.parametrize("scheme", ["g2g", "ukps", "mandiri", "reentry", "pelaut"])
def test_schemes_without_an_agency_do_not_need_one(scheme: str) -> None:
    assert signals(scheme=scheme, agency_name="", agency_licensed=None) == ()


@pytest.mark.parametrize("visa", ["", "kerja", "lainnya"])
def test_other_visas_are_no_signal(visa: str) -> None:
    assert signals(visa_type=visa) == ()


def test_no_agency_is_not_also_called_unlicensed() -> None:
    assert signals(agency_name="", agency_licensed=False) == ("tanpa_p3mi",)


def test_unlicensed_agency_of_a_scheme_without_p3mi_still_counts() -> None:
    assert signals(scheme="mandiri", agency_name="", agency_licensed=False) == (
        "p3mi_tidak_berizin",)


def test_age_is_counted_at_the_departure_date() -> None:
    born = date(2009, 1, 10)
    assert signals(birth_date=born, departure_date=date(2027, 1, 10)) == ()  # 18th birthday
    assert signals(birth_date=born, departure_date=date(2027, 1, 9)) == ("di_bawah_umur",)


def test_age_is_counted_today_without_a_departure_date() -> None:
    assert signals(birth_date=date(2008, 11, 23), departure_date=None) == ("di_bawah_umur",)
    assert signals(birth_date=date(2008, 11, 22), departure_date=None) == ()


def test_every_signal_at_once_comes_in_the_table_order() -> None:
    found = signals(agency_name="", visa_type="turis", via_calo=True,
                    birth_date=date(2010, 1, 1), documents=(), recruiter_debt=True,
                    family_informed=False)
    assert found == tuple(c for c in RISK_SIGNALS if c != "p3mi_tidak_berizin")
    found = signals(agency_licensed=False, visa_type="kunjungan", via_calo=True,
                    birth_date=date(2010, 1, 1), documents=(), recruiter_debt=True,
                    family_informed=False)
    assert found == tuple(c for c in RISK_SIGNALS if c != "tanpa_p3mi")


def test_codes_line_up_with_the_reference_lists() -> None:
    assert "izin_keluarga" in DOCUMENTS and "p2p" in SCHEME
    assert {"turis", "kunjungan", "kerja"} <= set(VISA_TYPE)


def test_labels_have_english() -> None:
    english = i18n.catalogue("en")
    labels = [*RISK_SIGNALS.values(), *(v for v in VISA_TYPE.values() if v != "-")]
    assert [label for label in labels if label not in english] == []
    assert english["Visa turis"] == "Tourist visa"
