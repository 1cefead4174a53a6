"""How long to wait after failed logins: a curious visitor guessing passwords
at the shared laptop is slowed to a crawl, an officer who mistyped twice is not.
"""

from __future__ import annotations

FREE_ATTEMPTS = 3
FIRST_WAIT = 5
MAX_WAIT = 300


def wait_after(failures: int) -> int:
    """Seconds to wait before the next attempt after ``failures`` failures in a row.

    No wait for the first three mistakes; then 5, 10, 20, 40... seconds, at
    most five minutes.
    """
    if failures < FREE_ATTEMPTS:
        return 0
    return min(MAX_WAIT, FIRST_WAIT * 2 ** (failures - FREE_ATTEMPTS))


def seconds_left(failures: int, last_failure: float, now: float) -> int:
    """Whole seconds still to wait at ``now`` (0 when a new attempt is allowed)."""
    remaining = last_failure + wait_after(failures) - now
    return max(0, int(remaining + 0.999))
