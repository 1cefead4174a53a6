"""Waits after failed logins (desa_desktop.domain.login_delay)."""

from __future__ import annotations

from desa_desktop.domain.login_delay import seconds_left, wait_after


def test_three_mistakes_are_free_then_the_wait_doubles_up_to_five_minutes() -> None:
    assert [wait_after(n) for n in range(0, 10)] == [0, 0, 0, 5, 10, 20, 40, 80, 160, 300]
    assert wait_after(50) == 300


def test_seconds_left_counts_down_from_the_last_failure() -> None:
    assert seconds_left(2, 1000.0, 1000.0) == 0
    assert seconds_left(3, 1000.0, 1000.0) == 5
    assert seconds_left(3, 1000.0, 1003.2) == 2
    assert seconds_left(3, 1000.0, 1005.0) == 0
    assert seconds_left(4, 1000.0, 1009.5) == 1
