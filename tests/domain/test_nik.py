"""Tests of NIK / Nomor KK validation (desa_desktop.domain.nik)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desa_desktop.domain.errors import DomainError
from desa_desktop.domain.nik import (
    PROVINCE_CODES,
    KkError,
    KkParts,
    NikError,
    NikMismatch,
    NikParts,
    cross_check,
    format_nik,
    make_nik,
    normalise_digits,
    parse_kk,
    parse_nik,
)
from desa_desktop.i18n import catalogue

TODAY = date(2025, 6, 15)
VALID = "3207124508850001"  # Jawa Barat, woman born 05/08/1985, serial 0001

# Every template seen in a raised error or a warning; checked against the
# English catalogue at the end of this module (test_every_template_has_english).
SEEN_TEMPLATES: set[str] = set()


def nik_error(text: str, today: date = TODAY) -> NikError:
    with pytest.raises(NikError) as info:
        parse_nik(text, today=today)
    SEEN_TEMPLATES.add(info.value.template)
    assert info.value.field == "nik"
    return info.value


def kk_error(text: str, today: date = TODAY) -> KkError:
    with pytest.raises(KkError) as info:
        parse_kk(text, today=today)
    SEEN_TEMPLATES.add(info.value.template)
    assert info.value.field == "kk"
    return info.value


def digits_error(text: str) -> DomainError:
    with pytest.raises(DomainError) as info:
        normalise_digits(text)
    SEEN_TEMPLATES.add(info.value.template)
    return info.value


def record(warnings: list[NikMismatch]) -> list[NikMismatch]:
    SEEN_TEMPLATES.update(w.message for w in warnings)
    return warnings


# --------------------------------------------------------------------------
# Valid NIKs and separators
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "3207124508850001",
        "3207 12 450885 0001",
        "  3207 12 4508850001\t",
        "32.07.12.450885.0001",
        "3207-1245-0885-0001",
        "3207 - 1245 - 0885 - 0001",
        "3207\u00a012\u00a0450885\u00a00001",  # non-breaking spaces from a paste
    ],
)
def test_valid_nik_with_separators(text: str) -> None:
    parts = parse_nik(text, today=TODAY)
    assert parts == NikParts(
        nik=VALID,
        province_code="32",
        regency_code="3207",
        district_code="320712",
        birth_date=date(1985, 8, 5),
        sex="P",
        serial="0001",
    )
    assert parts.province_name == "Jawa Barat"


def test_male_day_is_taken_as_is() -> None:
    parts = parse_nik("3207120508850001", today=TODAY)
    assert parts.sex == "L"
    assert parts.birth_date == date(1985, 8, 5)


@pytest.mark.parametrize(("day_field", "day"), [("41", 1), ("45", 5), ("71", 31)])
def test_female_day_is_day_plus_40(day_field: str, day: int) -> None:
    parts = parse_nik(f"320712{day_field}0185" + "0001", today=TODAY)
    assert parts.sex == "P"
    assert parts.birth_date == date(1985, 1, day)


@pytest.mark.parametrize(("day_field", "sex"), [("01", "L"), ("31", "L"), ("41", "P")])
def test_day_field_bounds(day_field: str, sex: str) -> None:
    assert parse_nik(f"320712{day_field}1290" + "0001", today=TODAY).sex == sex


def test_province_codes() -> None:
    expected = (
        [*range(11, 20), 21, *range(31, 37), *range(51, 54), *range(61, 66),
         *range(71, 77), 81, 82, *range(91, 97)]
    )
    assert sorted(int(code) for code in PROVINCE_CODES) == expected
    assert PROVINCE_CODES["11"] == "Aceh"
    assert PROVINCE_CODES["96"] == "Papua Barat Daya"


def test_normalise_digits() -> None:
    assert normalise_digits(" 12 34.56-78 ") == "12345678"
    assert normalise_digits("") == ""
    assert '"/"' in str(digits_error("12/34"))
    assert "diawali atau diakhiri" in str(digits_error("1234-"))


# --------------------------------------------------------------------------
# Error paths (one per rule, with the message content)
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "char"),
    [("3207I24508850001", "I"), ("3207/12/450885/0001", "/"), ("3207,12", ","),
     ("320712450885000١", "١")],
)
def test_bad_character(text: str, char: str) -> None:
    err = nik_error(text)
    assert str(err).startswith("NIK hanya boleh berisi angka")
    assert f'"{char}"' in str(err)
    assert err.params == {"char": char}


@pytest.mark.parametrize("text", ["-3207124508850001", "3207124508850001.", ". 3207"])
def test_separator_at_the_ends(text: str) -> None:
    err = nik_error(text)
    assert str(err) == (
        "NIK hanya boleh berisi angka (spasi, titik atau tanda hubung "
        "di antara kelompok angka boleh)."
    )


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_nik(text: str) -> None:
    assert str(nik_error(text)) == "NIK belum diisi."


@pytest.mark.parametrize(("text", "count"), [("320712450885001", 15), ("32071245088500011", 17),
                                             ("3207 12", 6)])
def test_wrong_length_says_how_many(text: str, count: int) -> None:
    err = nik_error(text)
    assert str(err) == f"NIK harus 16 angka; yang diketik {count} angka."
    assert err.template == "NIK harus 16 angka; yang diketik {count} angka."
    assert err.params == {"count": count}


@pytest.mark.parametrize("code", ["99", "00", "10", "20", "22", "37", "50", "97"])
def test_unknown_province(code: str) -> None:
    err = nik_error(code + VALID[2:])
    assert str(err) == f"Kode provinsi {code} pada NIK tidak dikenal."


def test_regency_and_district_not_00() -> None:
    assert "kabupaten/kota" in str(nik_error("3200124508850001"))
    assert "kecamatan" in str(nik_error("3207004508850001"))


@pytest.mark.parametrize("day_field", ["00", "32", "40", "72", "99"])
def test_impossible_day_field(day_field: str) -> None:
    err = nik_error(f"320712{day_field}08850001")
    assert "(digit 7-8)" in str(err)
    assert day_field in str(err)
    assert "41-71" in str(err)


@pytest.mark.parametrize("month", ["00", "13", "99"])
def test_impossible_month(month: str) -> None:
    err = nik_error(f"32071205{month}850001")
    assert str(err).startswith("Bulan lahir pada NIK (digit 9-10) tidak benar: " + month)


@pytest.mark.parametrize(
    ("nik", "shown"),
    [
        ("3207123102850001", "31/02/85"),
        ("3207127102850001", "31/02/85"),  # woman: 71 - 40 = 31
        ("3207123104900001", "31/04/90"),
        ("3207122902010001", "29/02/01"),
        ("3207126902850001", "29/02/85"),
    ],
)
def test_not_a_real_date(nik: str, shown: str) -> None:
    err = nik_error(nik)
    assert str(err) == f"Tanggal lahir pada NIK (digit 7-12) bukan tanggal yang benar: {shown}."


@pytest.mark.parametrize(("nik", "born"), [("3207122902840001", date(1984, 2, 29)),
                                           ("3207126902000001", date(2000, 2, 29)),
                                           ("3207122902200001", date(2020, 2, 29))])
def test_leap_years(nik: str, born: date) -> None:
    assert parse_nik(nik, today=TODAY).birth_date == born


def test_29_february_1900_does_not_exist() -> None:
    # Before 29/02/2000 happened, "290200" could only mean 1900, which was not leap.
    nik_error("3207122902000001", today=date(1999, 12, 31))
    assert parse_nik("3207122902000001", today=date(2000, 2, 29)).birth_date == date(2000, 2, 29)


def test_serial_0000() -> None:
    err = nik_error("3207124508850000")
    assert str(err) == "Nomor urut NIK (4 angka terakhir) tidak boleh 0000."


def test_rules_are_checked_in_order() -> None:
    # Unknown province and serial 0000: the province is reported first.
    assert "provinsi" in str(nik_error("9900003102850000"))
    # Bad month and bad serial: the month first.
    assert "Bulan" in str(nik_error("3207120513850000"))


# --------------------------------------------------------------------------
# Century rule
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("digits_7_12", "today", "born"),
    [
        ("150625", date(2025, 6, 15), date(2025, 6, 15)),  # born today
        ("160625", date(2025, 6, 15), date(1925, 6, 16)),  # tomorrow -> 1925
        ("010124", date(2025, 6, 15), date(2024, 1, 1)),
        ("010130", date(2025, 6, 15), date(1930, 1, 1)),
        ("010199", date(2025, 6, 15), date(1999, 1, 1)),
        ("010100", date(2025, 6, 15), date(2000, 1, 1)),
        ("010100", date(1999, 12, 31), date(1900, 1, 1)),
        ("311224", date(2024, 12, 31), date(2024, 12, 31)),
    ],
)
def test_century_rule(digits_7_12: str, today: date, born: date) -> None:
    parts = parse_nik(f"320712{digits_7_12}0001", today=today)
    assert parts.birth_date == born
    assert parts.birth_date <= today


def test_default_today_is_the_real_date() -> None:
    yesterday = date.today() - timedelta(days=1)
    nik = make_nik("320712", yesterday, "L", 1)
    assert parse_nik(nik).birth_date == yesterday


# --------------------------------------------------------------------------
# Nomor KK
# --------------------------------------------------------------------------


def test_valid_kk() -> None:
    parts = parse_kk("3207 12 120315 0007", today=TODAY)
    assert parts == KkParts(
        kk="3207121203150007",
        region_code="320712",
        province_code="32",
        issue_date=date(2015, 3, 12),
        serial="0007",
    )
    assert parts.province_name == "Jawa Barat"
    assert parse_kk("32.07.12.120398.0007", today=TODAY).issue_date == date(1998, 3, 12)


def test_kk_errors() -> None:
    assert str(kk_error("")) == "Nomor KK belum diisi."
    assert str(kk_error("320712120315000")) == "Nomor KK harus 16 angka; yang diketik 15 angka."
    assert '"x"' in str(kk_error("32071212031500x7"))
    assert str(kk_error("3207121203150007-")).startswith("Nomor KK hanya boleh berisi angka")
    assert str(kk_error("9907121203150007")) == "Kode provinsi 99 pada Nomor KK tidak dikenal."
    assert "kabupaten/kota pada Nomor KK" in str(kk_error("3200121203150007"))
    assert "kecamatan pada Nomor KK" in str(kk_error("3207001203150007"))
    assert str(kk_error("3207124203150007")) == (
        "Tanggal pada Nomor KK (digit 7-12) bukan tanggal yang benar: 42/03/15."
    )
    assert "31/02/15" in str(kk_error("3207123102150007"))
    assert "12/13/15" in str(kk_error("3207121213150007"))
    assert str(kk_error("3207121203150000")) == (
        "Nomor urut pada Nomor KK (4 angka terakhir) tidak boleh 0000."
    )


def test_kk_date_never_in_the_future() -> None:
    # 16/06/25 is tomorrow: the century rule makes it 1925, never a future date.
    assert parse_kk("3207121606250007", today=TODAY).issue_date == date(1925, 6, 16)
    assert parse_kk("3207121506250007", today=TODAY).issue_date == TODAY


def test_kk_has_no_female_day_rule() -> None:
    kk_error("3207124508850001")  # a valid NIK is not a valid KK (day 45)


# --------------------------------------------------------------------------
# Cross-check with the form
# --------------------------------------------------------------------------


def test_cross_check_agrees() -> None:
    parts = parse_nik(VALID, today=TODAY)
    assert record(cross_check(parts, sex="P", birth_date=date(1985, 8, 5))) == []
    assert cross_check(parts, sex="p", birth_date=None) == []
    assert cross_check(parts, sex=None, birth_date=None) == []


def test_cross_check_ignores_the_century() -> None:
    # NIK 05/08/85 is read as 1985; a record saying 1885 is not a mismatch of the NIK.
    parts = parse_nik(VALID, today=TODAY)
    assert cross_check(parts, sex=None, birth_date=date(1885, 8, 5)) == []


def test_cross_check_sex_mismatch() -> None:
    parts = parse_nik(VALID, today=TODAY)  # woman
    [warning] = record(cross_check(parts, sex="L", birth_date=date(1985, 8, 5)))
    assert warning.field == "sex"
    assert warning.text == (
        "Jenis kelamin yang diketik (Laki-laki) berbeda dengan NIK (Perempuan). "
        "Periksa kembali KTP."
    )
    man = parse_nik("3207120508850001", today=TODAY)
    [warning] = record(cross_check(man, sex="P", birth_date=None))
    assert warning.text.startswith("Jenis kelamin yang diketik (Perempuan)")


@pytest.mark.parametrize("typed", [date(1985, 8, 6), date(1985, 9, 5), date(1986, 8, 5),
                                   date(1995, 8, 5)])
def test_cross_check_birth_date_mismatch(typed: date) -> None:
    parts = parse_nik(VALID, today=TODAY)
    [warning] = record(cross_check(parts, sex="P", birth_date=typed))
    assert warning.field == "birth_date"
    assert warning.params == {"typed": typed.strftime("%d/%m/%Y"), "nik": "05/08/85"}
    assert warning.text == (
        f"Tanggal lahir yang diketik ({typed:%d/%m/%Y}) berbeda dengan tanggal lahir "
        "pada NIK (05/08/85). Periksa kembali KTP."
    )


def test_cross_check_both_mismatches_and_translation() -> None:
    parts = parse_nik(VALID, today=TODAY)
    warnings = record(cross_check(parts, sex="L", birth_date=date(1985, 8, 4)))
    assert [w.field for w in warnings] == ["sex", "birth_date"]
    english = catalogue("en")
    assert "differs" in warnings[1].translated(lambda t: english.get(t, t))
    assert "04/08/1985" in warnings[1].translated(lambda t: english.get(t, t))


def test_cross_check_rejects_unknown_sex_code() -> None:
    with pytest.raises(ValueError):
        cross_check(parse_nik(VALID, today=TODAY), sex="X", birth_date=None)


# --------------------------------------------------------------------------
# format_nik and make_nik
# --------------------------------------------------------------------------


def test_format_nik() -> None:
    assert format_nik(VALID) == "3207 12 450885 0001"
    assert format_nik("32.07.12.450885.0001") == "3207 12 450885 0001"
    assert parse_nik(format_nik(VALID), today=TODAY).nik == VALID
    # Wrong old records are displayed as they are.
    assert format_nik("12345") == "12345"
    assert format_nik("abc") == "abc"


def test_make_nik() -> None:
    assert make_nik("320712", date(1985, 8, 5), "P", 1) == VALID
    assert make_nik("320712", date(2003, 12, 31), "L", 9999) == "3207123112039999"
    for bad in [("32071", date(1985, 1, 1), "L", 1), ("990712", date(1985, 1, 1), "L", 1),
                ("320712", date(1985, 1, 1), "X", 1), ("320712", date(1985, 1, 1), "L", 0),
                ("320712", date(1985, 1, 1), "L", 10000), ("320012", date(1985, 1, 1), "L", 1)]:
        with pytest.raises(ValueError):
            make_nik(*bad)


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------

district_codes = st.builds(
    lambda province, regency, district: f"{province}{regency:02d}{district:02d}",
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.integers(1, 99),
    st.integers(1, 99),
)
# The century rule is exact for anyone younger than 100: keep today < 2040.
todays = st.dates(date(2010, 1, 1), date(2039, 12, 31))
sexes = st.sampled_from(["L", "P"])
serials = st.integers(1, 9999)


@st.composite
def nik_cases(draw: st.DrawFn) -> tuple[str, date, str, int, date]:
    today = draw(todays)
    born = draw(st.dates(date(1940, 1, 1), today))
    return draw(district_codes), born, draw(sexes), draw(serials), today


@given(nik_cases())
def test_make_then_parse_round_trip(case: tuple[str, date, str, int, date]) -> None:
    district, born, sex, serial, today = case
    nik = make_nik(district, born, sex, serial)
    assert parse_nik(nik, today=today) == NikParts(
        nik=nik,
        province_code=district[:2],
        regency_code=district[:4],
        district_code=district,
        birth_date=born,
        sex=sex,
        serial=f"{serial:04d}",
    )
    assert parse_nik(format_nik(nik), today=today).nik == nik
    assert record(cross_check(parse_nik(nik, today=today), sex=sex, birth_date=born)) == []


@st.composite
def with_separators(draw: st.DrawFn, digits: str) -> str:
    cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=8)))
    groups = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, len(digits)], strict=True)]
    seps = [draw(st.text(alphabet=" .-", min_size=1, max_size=3)) for _ in cuts]
    text = groups[0] + "".join(sep + group for sep, group in zip(seps, groups[1:], strict=True))
    pad = st.text(alphabet=" \t", max_size=2)
    return draw(pad) + text + draw(pad)


@given(st.data(), nik_cases())
def test_separators_do_not_change_the_result(
    data: st.DataObject, case: tuple[str, date, str, int, date]
) -> None:
    district, born, sex, serial, today = case
    nik = make_nik(district, born, sex, serial)
    typed = data.draw(with_separators(nik))
    assert parse_nik(typed, today=today) == parse_nik(nik, today=today)


@given(st.text(alphabet="0123456789", min_size=1, max_size=40).filter(lambda s: len(s) != 16))
def test_wrong_length_always_reported(digits: str) -> None:
    err = nik_error(digits)
    assert err.params == {"count": len(digits)}
    assert f"yang diketik {len(digits)} angka" in str(err)


@given(st.text(alphabet="0123456789", min_size=16, max_size=16), todays)
def test_any_16_digits_parse_or_raise_nik_error(digits: str, today: date) -> None:
    try:
        parts = parse_nik(digits, today=today)
    except NikError as err:
        SEEN_TEMPLATES.add(err.template)
        assert str(err) == err.template.format(**err.params)
    else:
        assert parts.nik == digits
        assert parts.birth_date <= today
        assert parts.province_code in PROVINCE_CODES


@given(st.text(alphabet="0123456789", min_size=16, max_size=16), todays)
def test_any_16_digits_parse_or_raise_kk_error(digits: str, today: date) -> None:
    try:
        parts = parse_kk(digits, today=today)
    except KkError as err:
        SEEN_TEMPLATES.add(err.template)
    else:
        assert parts.kk == digits
        assert parts.issue_date is not None
        assert parts.issue_date <= today


@given(st.text(max_size=24))
def test_any_text_parses_or_raises_nik_error(text: str) -> None:
    try:
        parse_nik(text, today=TODAY)
    except NikError as err:
        SEEN_TEMPLATES.add(err.template)


# --------------------------------------------------------------------------
# Translation (keep last: it checks the templates collected above)
# --------------------------------------------------------------------------

# One input per rule, so the check also holds when this test is run alone.
_ONE_PER_RULE_NIK = [
    "3207/12", "-3207", "", "123", "9907124508850001", "3200124508850001",
    "3207004508850001", "3207123508850001", "3207120513850001", "3207123102850001",
    "3207124508850000",
]
_ONE_PER_RULE_KK = [
    "3207/12", "-3207", "", "123", "9907121203150007", "3200121203150007",
    "3207001203150007", "3207123102150007", "3207121203150000",
]


def test_every_template_has_english() -> None:
    for text in _ONE_PER_RULE_NIK:
        nik_error(text)
    for text in _ONE_PER_RULE_KK:
        kk_error(text)
    for text in ("12/34", "1234-"):
        digits_error(text)
    parts = parse_nik(VALID, today=TODAY)
    record(cross_check(parts, sex="L", birth_date=date(1990, 1, 1)))
    man = parse_nik("3207120508850001", today=TODAY)
    record(cross_check(man, sex="P", birth_date=None))

    assert len(SEEN_TEMPLATES) >= 25
    english = catalogue("en")
    missing = sorted(SEEN_TEMPLATES - english.keys())
    assert missing == []
    for template in SEEN_TEMPLATES:
        # Same placeholders in both languages.
        assert _placeholders(english[template]) == _placeholders(template)


def _placeholders(template: str) -> set[str]:
    from string import Formatter

    return {name for _, name, _, _ in Formatter().parse(template) if name}
