from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from scorer.domain.interview_errors import InvalidEdit
from scorer.domain.timer import Pause, Timer, format_offset

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_a_timer_not_started_shows_zero() -> None:
    assert Timer().elapsed(at(500)) == 0.0
    assert not Timer().running


def test_running_time_is_wall_time_since_the_start() -> None:
    timer = Timer().start(at(0))
    assert timer.running
    assert timer.elapsed(at(90)) == 90.0


def test_pauses_are_subtracted_and_an_open_pause_freezes_the_clock() -> None:
    timer = Timer().start(at(0)).pause(at(60))
    assert timer.paused and not timer.running
    assert timer.elapsed(at(60)) == timer.elapsed(at(3600)) == 60.0
    timer = timer.resume(at(300))
    assert timer.pauses == (Pause(at(60), at(300)),)
    assert timer.elapsed(at(400)) == 160.0
    timer = timer.pause(at(500)).resume(at(510))
    assert timer.elapsed(at(600)) == 600 - 240 - 10


def test_end_stops_the_clock_and_closes_an_open_pause() -> None:
    timer = Timer().start(at(0)).pause(at(100)).end(at(400))
    assert timer.ended and not timer.paused
    assert timer.pauses == (Pause(at(100), at(400)),)
    assert timer.elapsed(at(10_000)) == 100.0


def test_remaining_goes_negative_on_overrun() -> None:
    timer = Timer().start(at(0))
    assert timer.remaining(at(60), minutes=2) == 60
    assert timer.remaining(at(180), minutes=2) == -60


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda: Timer().pause(at(1)), "has not started"),
        (lambda: Timer().resume(at(1)), "has not started"),
        (lambda: Timer().end(at(1)), "has not started"),
        (lambda: Timer().start(at(0)).start(at(1)), "already"),
        (lambda: Timer().start(at(0)).resume(at(1)), "not paused"),
        (lambda: Timer().start(at(0)).pause(at(1)).pause(at(2)), "already paused"),
        (lambda: Timer().start(at(0)).end(at(1)).end(at(2)), "has ended"),
        (lambda: Timer().start(at(0)).end(at(1)).pause(at(2)), "has ended"),
    ],
)
def test_impossible_transitions_say_why(build: object, expected: str) -> None:
    with pytest.raises(InvalidEdit, match=expected):
        build()  # type: ignore[operator]


def test_a_clock_set_back_never_makes_negative_time() -> None:
    timer = Timer().start(at(100))
    assert timer.elapsed(at(50)) == 0.0
    paused = timer.pause(at(200)).resume(at(150))  # the wall clock jumped back
    assert paused.pauses[0].seconds == 0.0
    assert paused.elapsed(at(300)) == 200.0


def test_the_same_stored_timestamps_give_the_same_time_after_a_restart() -> None:
    before = Timer().start(at(0)).pause(at(120)).resume(at(180))
    rebuilt = Timer(before.started_at, before.ended_at, before.paused_at, tuple(before.pauses))
    assert rebuilt.elapsed(at(3600)) == before.elapsed(at(3600)) == 3600 - 60


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(None, "--:--"), (0, "00:00"), (59.9, "00:59"), (754, "12:34"), (3723, "1:02:03")],
)
def test_format_offset(seconds: float | None, text: str) -> None:
    assert format_offset(seconds) == text


def test_an_ended_clock_resumes_and_the_time_it_stood_ended_is_a_pause() -> None:
    ended = Timer().start(at(0)).end(at(600))
    timer = ended.reopen(at(900))
    assert timer.running and not timer.ended
    assert timer.pauses == (Pause(at(600), at(900)),)
    assert timer.elapsed(at(960)) == 660.0
    with pytest.raises(InvalidEdit, match="has not ended"):
        timer.reopen(at(1000))
    with pytest.raises(InvalidEdit, match="has not started"):
        Timer().reopen(at(1))
