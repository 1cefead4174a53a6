"""The workflow of a case file: which status may follow which, in plain words."""

from __future__ import annotations

import pytest

from desa_desktop import i18n
from desa_desktop.domain import case_workflow
from desa_desktop.domain.case_reference import CASE_STATUS, OPEN_STATUSES
from desa_desktop.domain.case_workflow import allowed_transitions, can_reopen, check_transition
from desa_desktop.domain.errors import DomainError

#: The moves of the issue-4 contract, written out once more on purpose.
EXPECTED = {
    "dilaporkan": {"diverifikasi", "ditutup"},
    "diverifikasi": {"dirujuk", "ditangani", "ditutup"},
    "dirujuk": {"ditangani", "selesai", "ditutup"},
    "ditangani": {"dirujuk", "selesai", "ditutup"},
    "selesai": {"ditutup"},
    "ditutup": set(),
}


@pytest.mark.parametrize("status", sorted(CASE_STATUS))
def test_each_status_offers_exactly_the_contract_moves(status: str) -> None:
    assert set(allowed_transitions(status)) == EXPECTED[status]


@pytest.mark.parametrize(("old", "new"), [(o, n) for o, moves in EXPECTED.items() for n in moves])
def test_allowed_moves_pass(old: str, new: str) -> None:
    check_transition(old, new)  # no error


@pytest.mark.parametrize(("old", "new"), [
    (o, n) for o in CASE_STATUS for n in CASE_STATUS if n not in EXPECTED[o]
])
def test_every_other_move_is_refused(old: str, new: str) -> None:
    with pytest.raises(DomainError):
        check_transition(old, new)


def test_refusal_names_both_statuses_by_their_labels() -> None:
    with pytest.raises(DomainError) as info:
        check_transition("dilaporkan", "selesai")
    assert str(info.value) == (
        "Status kasus tidak dapat diubah dari \u201cDilaporkan\u201d menjadi "
        "\u201cSelesai ditangani\u201d.")
    assert info.value.field == "status"
    english = info.value.translated(lambda t: i18n.translate(t, "en"))
    assert english == ("The case status cannot change from \u201cDilaporkan\u201d to "
                       "\u201cSelesai ditangani\u201d.")


def test_a_status_cannot_move_to_itself() -> None:
    for status in CASE_STATUS:
        assert status not in allowed_transitions(status)


def test_unknown_target_status_is_named() -> None:
    with pytest.raises(DomainError, match="tidak dikenal: dibatalkan"):
        check_transition("dilaporkan", "dibatalkan")
    assert allowed_transitions("entah") == ()


def test_only_finished_cases_can_be_reopened_and_they_reopen_into_handling() -> None:
    assert {s for s in CASE_STATUS if can_reopen(s)} == {"selesai", "ditutup"}
    assert not any(can_reopen(s) for s in OPEN_STATUSES)
    assert case_workflow.REOPEN_STATUS == "ditangani"


def test_every_open_status_can_still_be_closed() -> None:
    # No case gets stuck: from every open status "ditutup" is reachable in one step.
    for status in OPEN_STATUSES:
        assert "ditutup" in allowed_transitions(status)
