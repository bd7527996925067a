"""The panel's desk: a merge's checked inputs by candidate, as their packets will have them.

- Identical files (one SHA-256) count once: the first one listed stands for its copies.
- Each verified card belongs to its candidate (by email, `candidate_key`); a rejected
  input to the candidate its card names (by email, else by name), or to none (then
  the cohort report lists it; with one candidate, their packet does).
- Each candidate's panel is the one their packet is built from (`build_panel` on the
  same cards, rejected inputs and expected kinds), so the desk and the packet agree.
- Each interview kind of a candidate's panel is present (a card counts), not
  submitted (only an unsigned card), rejected (only cards that were rejected or are
  in conflict) or missing (no file at all).

`scorer merge --per-candidate` and the Merge dialog both build from `assign`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from scorer.domain.panel import Panel, PanelKind, build_panel, candidate_key
from scorer.services.merge.results import CheckedInput
from scorer.services.verify import Verdict


class KindState(StrEnum):
    PRESENT = "present"
    MISSING = "missing"
    NOT_SUBMITTED = "not submitted"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class KindStatus:
    kind: PanelKind
    state: KindState
    notes: tuple[str, ...] = ()  # one line per file behind the state, "21.pdf: TAMPERED · …"
    expected: bool = True  # False for a kind the panel does not expect, held anyway


@dataclass(frozen=True, slots=True)
class CandidateDesk:
    key: str
    name: str
    email: str
    cards: tuple[CheckedInput, ...]  # verified, one per content
    rejected: tuple[CheckedInput, ...]  # rejected inputs that name this candidate
    panel: Panel
    kinds: tuple[KindStatus, ...]

    @property
    def counted(self) -> int:
        return len(self.panel.interviews)

    @property
    def problems(self) -> bool:
        """Something to look at: a kind not present, or a rejected input."""
        return bool(self.rejected) or any(k.state is not KindState.PRESENT for k in self.kinds)

    def label(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name


@dataclass(frozen=True, slots=True)
class Assignment:
    """The distinct inputs, sorted into what each candidate's packet is built from."""

    cards: dict[str, list[CheckedInput]]  # by candidate key, in the order first seen
    rejected: dict[str, list[CheckedInput]]  # by candidate key
    unassigned: list[CheckedInput]  # rejected, naming no candidate of the merge
    skipped: list[CheckedInput]  # verified packets and cohort reports: not inputs


@dataclass(frozen=True, slots=True)
class Desk:
    candidates: tuple[CandidateDesk, ...]
    unassigned: tuple[CheckedInput, ...]
    skipped: tuple[CheckedInput, ...]
    expected: tuple[PanelKind, ...]
    copies: int = 0  # inputs left out as copies of another
    by_key: dict[str, CandidateDesk] = field(default_factory=dict)

    @property
    def verified(self) -> int:
        return sum(len(c.cards) for c in self.candidates)

    @property
    def rejected(self) -> int:
        return len(self.unassigned) + sum(len(c.rejected) for c in self.candidates)


def distinct(checked: Sequence[CheckedInput]) -> list[CheckedInput]:
    """One input per content: a later file with the SHA-256 of an earlier one is left out."""
    seen: set[str] = set()
    out = []
    for item in checked:
        if item.sha256:
            if item.sha256 in seen:
                continue
            seen.add(item.sha256)
        out.append(item)
    return out


def assign(checked: Sequence[CheckedInput]) -> Assignment:
    items = distinct(checked)
    cards: dict[str, list[CheckedInput]] = {}
    for item in items:
        if item.ok:
            card = item.verification.scorecard
            assert card is not None
            cards.setdefault(candidate_key(card), []).append(item)
    names = {key: group[0].candidate for key, group in cards.items()}
    rejected: dict[str, list[CheckedInput]] = {key: [] for key in cards}
    unassigned: list[CheckedInput] = []
    skipped: list[CheckedInput] = []
    for item in items:
        if item.ok:
            continue
        if item.skipped:
            skipped.append(item)
            continue
        owner = _owner(item, cards, names)
        if owner is None:
            unassigned.append(item)
        else:
            rejected[owner].append(item)
    if len(cards) == 1:  # one packet: it lists every rejected input, as `build_packet` does
        (only,) = rejected
        rejected[only] += unassigned
        unassigned = []
    return Assignment(cards, rejected, unassigned, skipped)


def _owner(item: CheckedInput, cards: dict[str, list[CheckedInput]],
           names: dict[str, str]) -> str | None:
    card = item.verification.scorecard
    if card is not None:  # the card names its candidate's email: no guess by name
        key = candidate_key(card)
        return key if key in cards else None
    if item.candidate:
        return next((key for key, name in names.items() if name == item.candidate), None)
    return None


def desk(checked: Sequence[CheckedInput], expected: Sequence[PanelKind] = ()) -> Desk:
    """What the packets built from `checked` will hold, candidate by candidate."""
    assignment = assign(checked)
    out = []
    for key, group in assignment.cards.items():
        rejected = assignment.rejected[key]
        panel = build_panel([c.panel_card() for c in group],
                            tuple(r.rejected() for r in rejected), expected)
        out.append(CandidateDesk(key, panel.candidate_name, panel.candidate_email,
                                 tuple(group), tuple(rejected), panel,
                                 _kinds(panel, group, rejected, expected)))
    copies = sum(1 for c in checked if not c.skipped) - sum(
        1 for c in distinct(checked) if not c.skipped)
    return Desk(tuple(out), tuple(assignment.unassigned), tuple(assignment.skipped),
                tuple(expected), copies, {c.key: c for c in out})


def _kinds(panel: Panel, cards: Sequence[CheckedInput], rejected: Sequence[CheckedInput],
           expected: Sequence[PanelKind]) -> tuple[KindStatus, ...]:
    held = {i.card.rubric.id for i in panel.interviews}
    kinds = list(expected)
    listed = {k.id for k in kinds}
    for interview in panel.interviews:
        rubric = interview.card.rubric
        if rubric.id not in listed:
            listed.add(rubric.id)
            kinds.append(PanelKind(rubric.id, rubric.title))
    expected_ids = {k.id for k in expected}
    counted = {i.entry.sha256 for i in panel.interviews}
    set_aside = {e.sha256 for e in panel.set_aside}
    out = []
    for kind in kinds:
        wanted = kind.id in expected_ids
        if kind.id in held:
            names = tuple(c.path.name for c in cards if c.sha256 in counted and
                          _kind_of(c) == kind.id)
            out.append(KindStatus(kind, KindState.PRESENT, names, wanted))
            continue
        # Verified cards of the kind that do not count are in conflict (see `build_panel`).
        refused = [c for c in cards if _kind_of(c) == kind.id and c.sha256 not in set_aside]
        notes = tuple(f"{c.path.name}: not counted: another certificate claims this "
                      "interview" for c in refused)
        failed = [r for r in rejected if _kind_of(r) == kind.id]
        notes += tuple(f"{r.path.name}: {r.status} · {r.reason}" for r in failed)
        if refused or any(r.verification.verdict is not Verdict.UNSIGNED for r in failed):
            state = KindState.REJECTED
        elif failed:
            state = KindState.NOT_SUBMITTED
        else:
            state = KindState.MISSING
        out.append(KindStatus(kind, state, notes, wanted))
    return tuple(out)


def _kind_of(item: CheckedInput) -> str:
    card = item.verification.scorecard
    return card.rubric.id if card is not None else ""
