"""The interview clock, computed from stored timestamps and never from counted ticks.

A timer is the moment it started, the pauses taken (closed intervals plus at most
one open pause) and the moment it ended. Elapsed time at any `now` follows from
those alone, so it survives a restart of the app, a sleeping laptop or a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from scorer.domain.interview_errors import InvalidEdit


@dataclass(frozen=True, slots=True)
class Pause:
    started_at: datetime
    ended_at: datetime

    @property
    def seconds(self) -> float:
        return max(0.0, (self.ended_at - self.started_at).total_seconds())


@dataclass(frozen=True, slots=True)
class Timer:
    started_at: datetime | None = None
    ended_at: datetime | None = None
    paused_at: datetime | None = None
    pauses: tuple[Pause, ...] = ()

    @property
    def started(self) -> bool:
        return self.started_at is not None

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    @property
    def paused(self) -> bool:
        return self.paused_at is not None and self.ended_at is None

    @property
    def running(self) -> bool:
        return self.started and not self.ended and not self.paused

    def elapsed(self, now: datetime) -> float:
        """Seconds on the clock at `now`: wall time since the start, less the pauses."""
        if self.started_at is None:
            return 0.0
        stop = self.ended_at or now
        if self.paused_at is not None:
            # An open pause stops the clock at the moment it began.
            stop = min(stop, self.paused_at)
        paused = sum(p.seconds for p in self.pauses if p.ended_at <= stop)
        return max(0.0, (stop - self.started_at).total_seconds() - paused)

    def remaining(self, now: datetime, minutes: int) -> float:
        """Seconds left of a `minutes`-long interview; negative once it overruns."""
        return minutes * 60 - self.elapsed(now)

    # Transitions: each returns the new timer or says why it cannot happen.

    def start(self, now: datetime) -> Timer:
        if self.started_at is not None:
            raise InvalidEdit("The interview clock is already running; it started once.")
        return replace(self, started_at=now)

    def pause(self, now: datetime) -> Timer:
        self._require_live("paused")
        if self.paused_at is not None:
            raise InvalidEdit("The interview clock is already paused.")
        return replace(self, paused_at=_not_before(now, self._last_event()))

    def resume(self, now: datetime) -> Timer:
        self._require_live("resumed")
        if self.paused_at is None:
            raise InvalidEdit("The interview clock is not paused.")
        pause = Pause(self.paused_at, _not_before(now, self.paused_at))
        return replace(self, paused_at=None, pauses=(*self.pauses, pause))

    def end(self, now: datetime) -> Timer:
        """Stop the clock for good; an open pause is closed at the same moment."""
        self._require_live("ended")
        end = _not_before(now, self._last_event())
        timer = self
        if timer.paused_at is not None:
            timer = timer.resume(end)
        return replace(timer, ended_at=end)

    def reopen(self, now: datetime) -> Timer:
        """Resume an ended clock; the time between the end and now counts as a pause."""
        if self.started_at is None:
            raise InvalidEdit("The interview clock has not started, so it cannot be resumed.")
        if self.ended_at is None:
            raise InvalidEdit("The interview has not ended, so there is nothing to resume.")
        gap = Pause(self.ended_at, _not_before(now, self.ended_at))
        return replace(self, ended_at=None, pauses=(*self.pauses, gap))

    def _require_live(self, verb: str) -> None:
        if self.started_at is None:
            raise InvalidEdit(f"The interview clock has not started, so it cannot be {verb}.")
        if self.ended_at is not None:
            raise InvalidEdit(f"The interview has ended, so its clock cannot be {verb}.")

    def _last_event(self) -> datetime:
        moments = [self.started_at, self.paused_at, *(p.ended_at for p in self.pauses)]
        return max(m for m in moments if m is not None)


def _not_before(now: datetime, earlier: datetime) -> datetime:
    """A clock set back (NTP, a manual change) must not make negative intervals."""
    return max(now, earlier)


def format_offset(seconds: float | None) -> str:
    """`[mm:ss]` stamps as the interviewer sees them; hours only when needed."""
    if seconds is None:
        return "--:--"
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"

