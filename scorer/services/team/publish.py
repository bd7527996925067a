"""Sending the outbox to the team store: in order, idempotently, with back-off.

A row leaves the outbox only after the server acknowledged it, so a crash or a
lost connection at any point leaves it to be sent again, and sending it again
stores nothing twice (cards are keyed by their SHA-256, statuses by version).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from scorer.domain.team import (
    FlushReport,
    StatusUpdate,
    TeamError,
    TeamRefused,
    TeamState,
    TeamUnreachable,
)
from scorer.services.team.trust import card_facts, team_trust
from scorer.storage import team_outbox

if TYPE_CHECKING:
    from scorer.domain.team import Waiting
    from scorer.services.verify import TrustStore
    from scorer.storage import Store
    from scorer.storage.team_outbox import OutboxItem, StatusFacts
    from scorer.team.client import TeamClient

FIRST_RETRY = 5.0  # seconds; doubled at each failed attempt
LAST_RETRY = 600.0


def retry_delay(attempts: int) -> float:
    return float(min(FIRST_RETRY * 2 ** max(attempts, 0), LAST_RETRY))


def state_of(facts: StatusFacts) -> TeamState:
    if facts.submitted_at is not None:
        return TeamState.SUBMITTED
    if facts.ended_at is not None:
        return TeamState.ENDED
    if facts.started_at is not None:
        return TeamState.IN_PROGRESS
    return TeamState.SCHEDULED


def interview_key(origin: str, interview_id: int) -> str:
    return f"{origin}:{interview_id}"


class Publisher:
    def __init__(self, store: Store, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._clock = clock

    def waiting(self) -> Waiting:
        with self._store.read() as reader:
            return team_outbox.waiting(reader.connection)

    def flush(self, client: TeamClient, *, respect_backoff: bool = False,
              on_sent: Callable[[OutboxItem], None] | None = None) -> FlushReport:
        """Send what is due; `respect_backoff` for the app's background retries."""
        now = self._clock()
        with self._store.read() as reader:
            link = team_outbox.linked(reader.connection)
            items = team_outbox.due(reader.connection, now if respect_backoff else None)
        if link is None:
            raise TeamError("This profile is not connected to a team store; run "
                            "`scorer team connect URL` first.")
        report = FlushReport()
        covered: dict[int, int] = {}  # interview id -> status version sent
        trust: TrustStore | None = None
        for position, item in enumerate(items):
            if item.kind == "status" and covered.get(item.interview_id, 0) >= item.id:
                continue
            try:
                if item.kind == "status":
                    covered[item.interview_id] = self._send_status(client, link.origin, item)
                else:
                    if trust is None:
                        trust = team_trust(client.certificates())
                    self._send_card(client, link.origin, item, trust)
            except TeamUnreachable as exc:
                report.unreachable = exc.message
                self._failed([i.id for i in items[position:]], exc.message, items[position])
                break
            except TeamRefused as exc:
                report.refused.append(exc.message)
                self._failed([item.id], exc.message, item)
                continue
            report.sent += 1
            if on_sent is not None:
                on_sent(item)
        waiting = self.waiting()
        report.waiting_cards, report.waiting_statuses = waiting.cards, waiting.statuses
        return report

    def _send_status(self, client: TeamClient, origin: str, item: OutboxItem) -> int:
        with self._store.read() as reader:
            facts = team_outbox.status_facts(reader.connection, item.interview_id)
            version = team_outbox.latest_status(reader.connection, item.interview_id)
        if facts is not None:
            client.send_status(StatusUpdate(
                key=interview_key(origin, item.interview_id),
                candidate_name=facts.candidate_name, candidate_email=facts.candidate_email,
                kind=facts.rubric_id, interviewer_email=facts.interviewer_email,
                scheduled_for=facts.scheduled_for, state=state_of(facts), version=version,
            ))
        with self._store.write() as tx:
            team_outbox.done_statuses(tx.connection, item.interview_id, version)
        return version

    def _send_card(self, client: TeamClient, origin: str, item: OutboxItem,
                   trust: TrustStore) -> None:
        with self._store.read() as reader:
            pdf = team_outbox.card_pdf(reader.connection, item.id)
        if pdf is not None:
            facts = card_facts(pdf, interview_key(origin, item.interview_id), trust)
            client.send_card(facts, pdf)
        with self._store.write() as tx:
            team_outbox.done(tx.connection, [item.id])

    def _failed(self, item_ids: list[int], error: str, first: OutboxItem) -> None:
        with self._store.write() as tx:
            team_outbox.failed(tx.connection, item_ids, error,
                               self._clock() + retry_delay(first.attempts))
