"""Cards that claim one interview under different certificates: neither is counted.

A re-export of an interview by the certificate that signed it before supersedes the
older card (`panel_flags.deduplicate`). Two cards signed by different certificates
must never silently replace each other. They conflict when they claim

- the same interview: its kind, id and creation time in the interviewer's store
  (two stores do not give one interview the same creation time); or
- the same interviewer (by email) for the same interview kind of this candidate:
  the same person signing one candidate's interview under two certificates.

Different interviewers giving the same interview kind to one candidate do not
conflict: each counts (`card_flags` notes it). Every card of a conflict is set
apart, not counted, and listed as a CONFLICT input; one HIGH flag names the signers,
until the panel removes the card that should not be there.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from scorer.domain.identity_match import fold_email, person_label, short_fingerprint
from scorer.domain.panel_cards import PanelCard, RejectedInput
from scorer.domain.panel_flags import Flag, FlagKind, Severity

CONFLICT_STATUS = "CONFLICT"


def conflicts(cards: Sequence[PanelCard]
              ) -> tuple[list[PanelCard], list[RejectedInput], list[Flag]]:
    """(the cards that count, the conflicting ones as inputs not counted, their flags)."""
    parent = list(range(len(cards)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    claims: dict[tuple[object, ...], list[int]] = {}
    for index, entry in enumerate(cards):
        for claim in _claims(entry):
            claims.setdefault(claim, []).append(index)
    for members in claims.values():
        signed_by = {cards[i].fingerprint for i in members}
        if len(signed_by) > 1:
            for i in members[1:]:
                parent[root(i)] = root(members[0])
    groups: dict[int, list[int]] = {}
    for index in range(len(cards)):
        groups.setdefault(root(index), []).append(index)
    counted: list[PanelCard] = []
    apart: list[RejectedInput] = []
    flags: list[Flag] = []
    for members in groups.values():
        group = [cards[i] for i in members]
        if len({e.fingerprint for e in group}) < 2:
            counted += group
            continue
        flags.append(_flag(group))
        reason = ("another certificate signed a card for the same interview; not counted "
                  "until the panel removes one")
        apart += [RejectedInput(e.source, CONFLICT_STATUS, reason, e.card.candidate.name,
                                signer_label(e)) for e in group]
    return counted, apart, flags


def _claims(entry: PanelCard) -> list[tuple[object, ...]]:
    card = entry.card
    interview: tuple[str, str, int, datetime] = (
        "interview", card.rubric.id, card.interview.id, card.interview.created_at)
    return [interview, ("interviewer", fold_email(card.interviewer.email), card.rubric.id)]


def signer_label(entry: PanelCard) -> str:
    """`Name <email>, certificate 0123456789abcdef…`: who signed a card, by certificate."""
    who = person_label(entry.signer, entry.signer_email or entry.card.interviewer.email)
    return f"{who}, certificate {short_fingerprint(entry.fingerprint)}"


def _flag(group: Sequence[PanelCard]) -> Flag:
    card = group[0].card
    signers = list(dict.fromkeys(signer_label(e) for e in group))
    files = "; ".join(f"{e.source} signed by {signer_label(e)}" for e in group)
    return Flag(
        FlagKind.CONFLICT, Severity.HIGH,
        f"{card.rubric.title}: {len(signers)} certificates claim one interview",
        f"{files}. Neither is counted until the panel removes the card that should not "
        "be there.",
    )
