"""What an interviewer's computer sends: interview status and signed cards.

Both are idempotent. A status carries a version (the local outbox's sequence
number) and only a newer one replaces what the server holds; a card is keyed by
the SHA-256 of its bytes, so sending it twice stores it once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorer.domain.team import CardFacts, StatusUpdate

if TYPE_CHECKING:
    import psycopg

_STATUS = """
INSERT INTO scorer_team.interviews AS i
    (key, candidate_name, candidate_email, kind, interviewer_email, scheduled_for, state, version)
VALUES (%s, %s, lower(%s), %s, lower(%s), %s, %s, %s)
ON CONFLICT (key) DO UPDATE SET
    candidate_name = EXCLUDED.candidate_name, candidate_email = EXCLUDED.candidate_email,
    kind = EXCLUDED.kind, interviewer_email = EXCLUDED.interviewer_email,
    scheduled_for = EXCLUDED.scheduled_for,
    state = CASE WHEN i.state = 'published' THEN i.state ELSE EXCLUDED.state END,
    version = EXCLUDED.version, updated_at = now(), updated_by = session_user
WHERE i.version < EXCLUDED.version
"""

_CARD = """
INSERT INTO scorer_team.cards (sha256, interview_key, candidate_email, kind, interviewer_email,
    fingerprint, recommendation, card_json, pdf)
VALUES (%s, %s, lower(%s), %s, lower(%s), %s, %s, %s, %s)
ON CONFLICT (sha256) DO NOTHING
"""


def send_status(connection: psycopg.Connection, update: StatusUpdate) -> bool:
    """Upsert one interview's status; False when the server already had this version."""
    with connection.transaction():
        cursor = connection.execute(_STATUS, (
            update.key, update.candidate_name, update.candidate_email, update.kind,
            update.interviewer_email, update.scheduled_for, update.state.value, update.version))
        return cursor.rowcount > 0


def send_card(connection: psycopg.Connection, facts: CardFacts, pdf: bytes) -> bool:
    """Store one signed card; False when it was there already."""
    with connection.transaction():
        cursor = connection.execute(_CARD, (
            facts.sha256, facts.interview_key, facts.candidate_email, facts.kind,
            facts.interviewer_email, facts.fingerprint, facts.recommendation, facts.card_json,
            pdf))
        return cursor.rowcount > 0
