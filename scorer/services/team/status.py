"""The lead's and panel's view of the team: interviews by state, late ones first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from scorer.domain.team import LATE_AFTER_DAYS, Member, TeamInterview, TeamState

if TYPE_CHECKING:
    from scorer.team.client import TeamClient


@dataclass(frozen=True, slots=True)
class TeamStatus:
    address: str
    member: Member | None
    counts: dict[TeamState, int]
    late: int
    today: date
    interviews: list[TeamInterview]  # late first; at most the limit asked for

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "store": self.address,
            "member": None if self.member is None else {
                "email": self.member.email, "name": self.member.name,
                "role": self.member.role.value},
            "counts": {state.value: self.counts.get(state, 0) for state in TeamState},
            "late": self.late,
            "today": self.today.isoformat(),
            "interviews": [{
                "key": row.key, "candidate": row.candidate_name,
                "candidate_email": row.candidate_email, "kind": row.kind,
                "interviewer": row.interviewer_email,
                "scheduled_for": row.scheduled_for.isoformat() if row.scheduled_for else None,
                "state": row.state.value, "late": row.late(self.today),
                "updated_at": row.updated_at.isoformat(),
            } for row in self.interviews],
        }

    def lines(self) -> list[str]:
        who = (f"{self.member.name} <{self.member.email}>, {self.member.role.value}"
               if self.member else "not a member")
        out = [f"team store {self.address} · you: {who}"]
        counts = ", ".join(f"{self.counts.get(s, 0)} {s.label}" for s in TeamState)
        out.append(f"{self.total} interview{'s' if self.total != 1 else ''}: {counts}; "
                   f"{self.late} late")
        for row in self.interviews:
            flag = "LATE " if row.late(self.today) else ""
            when = row.scheduled_for.isoformat() if row.scheduled_for else "unscheduled"
            out.append(f"{flag}{when}  {row.state.label:<11} {row.kind:<14} "
                       f"{row.candidate_name} <{row.candidate_email}>  by "
                       f"{row.interviewer_email}")
        if len(self.interviews) < self.total:
            out.append(f"… {self.total - len(self.interviews)} more (--limit 0 shows all)")
        return out


def late_before(today: date) -> date:
    return today - timedelta(days=LATE_AFTER_DAYS)


def team_status(client: TeamClient, today: date, limit: int | None = 50) -> TeamStatus:
    cutoff = late_before(today)
    counts, late = client.state_counts(cutoff)
    return TeamStatus(
        address=client.address, member=client.whoami(), counts=counts, late=late, today=today,
        interviews=client.interviews(cutoff, limit),
    )
