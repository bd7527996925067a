"""Merging from the team store: its cards, verified here, into a folder the merge reads.

Every downloaded card is verified against the team's trust list and checked against
its row (`team_trust.check_card`); only those that pass are written out, and the
merge then verifies them once more, as it does any file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.domain.team import TeamError
from scorer.services.team.trust import CheckedCard, card_label, check_cards, team_trust

if TYPE_CHECKING:
    from scorer.team.client import TeamClient


@dataclass(frozen=True, slots=True)
class TeamCards:
    cards: Path  # the verified cards, one file each
    trust: Path  # the team's trust list, one PEM file per certificate
    written: int
    rejected: tuple[CheckedCard, ...]


def download_cards(client: TeamClient, folder: Path, candidate_email: str | None = None
                   ) -> TeamCards:
    certificates = client.certificates()
    checked = check_cards(client.cards(candidate_email), team_trust(certificates))
    if not checked:
        whose = f" of {candidate_email}" if candidate_email else ""
        raise TeamError(f"The team store at {client.address} holds no card{whose} that you may "
                        "read (an interviewer reads a candidate's cards once their own is "
                        "published).")
    cards, trust = folder / "cards", folder / "trust"
    cards.mkdir(parents=True, exist_ok=True)
    trust.mkdir(parents=True, exist_ok=True)
    for cert in certificates:
        (trust / f"{cert.fingerprint[:16]}.pem").write_bytes(cert.pem)
    written = 0
    for item in checked:
        if item.ok:
            (cards / card_label(item.card)).write_bytes(item.card.pdf)
            written += 1
    return TeamCards(cards, trust, written, tuple(c for c in checked if not c.ok))
