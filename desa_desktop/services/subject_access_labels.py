"""The words of the data-subject printout: field labels and how stored codes read.

Kept apart from ``subject_access`` (which gathers the data) so both stay
short. The labels are the forms' own, so the person reads on paper what the
officer saw on screen; the GUI translates them through ``desa_desktop.i18n``.
"""

from __future__ import annotations

from typing import Any

from desa_desktop.domain.reference import (
    COLLECTION_METHOD,
    COUNTRIES,
    EDUCATION,
    JOB,
    MARITAL_STATUS,
    PROCEDURAL,
    RELATION_TO_HEAD,
    RISK_ANSWER,
    RISK_QUESTIONS,
    SCHEME,
    SECTOR,
    SEX,
    STATUS,
    VISA_TYPE,
    VISIT_KIND,
    VISIT_OUTCOME,
)

#: What each kind of record is called in the history.
ENTITY_LABELS = {
    "person": "Data pribadi",
    "household": "Data keluarga",
    "placement": "Penempatan",
    "visit": "Kunjungan",
}
#: The audit log's action codes as the printout says them.
ACTION_LABELS = {
    "create": "dibuat",
    "update": "diubah",
    "delete": "dihapus",
    "restore": "dipulihkan",
    "printed": "dicetak untuk yang bersangkutan",
}

#: The placement form's "Tanda risiko" fields, in the form's order: field -> label.
RISK_FIELD_LABELS = {
    "visa_type": "Jenis visa",
    "agency_licensed": RISK_QUESTIONS["agency_licensed"],
    "via_calo": RISK_QUESTIONS["via_calo"],
    "recruiter_name": "Nama perekrut/calo",
    "recruiter_debt": RISK_QUESTIONS["recruiter_debt"],
    "family_informed": RISK_QUESTIONS["family_informed"],
}

#: Indonesian labels of the recorded fields (the forms' own labels, so they match).
FIELD_LABELS = {
    "nik": "NIK",
    "full_name": "Nama lengkap",
    "sex": "Jenis kelamin",
    "birth_place": "Tempat lahir",
    "birth_date": "Tanggal lahir",
    "phone": "No. HP",
    "education": "Pendidikan",
    "marital_status": "Status perkawinan",
    "relation_to_head": "Hubungan dengan kepala keluarga",
    "household_id": "Keluarga",
    "passport_number": "No. paspor",
    "collection_method": "Cara pengumpulan data",
    "collected_on": "Tanggal pendataan",
    "notes": "Catatan",
    "status": "Status",
    "last_country": "Negara terakhir",
    "kk_number": "No. KK",
    "head_name": "Nama kepala keluarga",
    "dusun": "Dusun",
    "rw": "RW",
    "rt": "RT",
    "address": "Alamat",
    "country": "Negara tujuan",
    "sector": "Sektor",
    "job": "Jabatan/pekerjaan",
    "scheme": "Skema penempatan",
    "agency_name": "Nama P3MI",
    "departure_date": "Tanggal berangkat",
    "contract_end": "Akhir kontrak",
    "return_date": "Tanggal pulang",
    "procedural": "Prosedural",
    "documents": "Dokumen",
    **RISK_FIELD_LABELS,
    "visit_date": "Tanggal kunjungan",
    "kind": "Jenis kunjungan",
    "outcome": "Hasil kunjungan",
    "follow_up_date": "Tanggal kunjungan ulang",
}
#: Bookkeeping columns: true, but they tell the person nothing about themselves.
HIDDEN_FIELDS = frozenset({"id", "village_code", "created_at", "updated_at", "revision",
                           "changed_by", "deleted_at", "name_key", "person_id", "officer_id"})
CODE_TABLES: dict[str, dict[Any, str]] = {
    "sex": SEX, "education": EDUCATION, "marital_status": MARITAL_STATUS,
    "relation_to_head": RELATION_TO_HEAD, "collection_method": COLLECTION_METHOD,
    "status": STATUS, "last_country": COUNTRIES, "country": COUNTRIES, "sector": SECTOR,
    "job": JOB, "scheme": SCHEME, "kind": VISIT_KIND, "outcome": VISIT_OUTCOME,
    "visa_type": VISA_TYPE,
}
#: Yes / no / not known fields (None is an answer too): field -> labels by answer.
FLAG_TABLES: dict[str, dict[bool | None, str]] = {
    "procedural": PROCEDURAL, **{name: RISK_ANSWER for name in RISK_QUESTIONS}}
DATE_FIELDS = frozenset({"birth_date", "collected_on", "departure_date", "contract_end",
                         "return_date", "visit_date", "follow_up_date"})


def placement_risk_rows(placement: Any) -> list[tuple[str, str]]:
    """The risk answers of a placement (``PlacementView``) as label/value pairs."""
    rows: list[tuple[str, str]] = []
    for name, label in RISK_FIELD_LABELS.items():
        value = getattr(placement, name)
        if name in FLAG_TABLES:
            rows.append((label, FLAG_TABLES[name][value]))
        elif name in CODE_TABLES:
            rows.append((label, CODE_TABLES[name].get(value, value)))
        else:
            rows.append((label, value))
    return rows
