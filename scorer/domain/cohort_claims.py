"""Does a cohort document agree with itself? Its numbers recomputed from its card data.

The cohort report is signed by whoever merged it, so its numbers are that person's
claims. The document also lists every counted card's levels (each card named by
the SHA-256 of its signed PDF, inside a packet named by its own SHA-256), and every
number the report prints follows from those: each card's weighted score, each
candidate's interviews, missing kinds and overall score, the cohort mean, each
interviewer's cards, mean, spread and co-rater offset, and each dimension's α with
its counts, the data it needs and its bootstrapped interval (a fixed seed makes it
repeatable). `cohort_claims_disagreement` recomputes them all and names the first
that differs; a report whose numbers were edited after they were computed fails.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from scorer.domain.cohort_doc import CohortCard, CohortDoc, DimensionLevel
from scorer.domain.krippendorff import alpha
from scorer.domain.krippendorff_bootstrap import bootstrap_alpha, required_values
from scorer.domain.panel_scores import CompetencyScore, level_position

TOLERANCE = 2e-6  # the document rounds to six decimals


def _far(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is not b
    return abs(a - b) > TOLERANCE


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def card_fraction(card: CohortCard) -> float | None:
    """The weighted score: each level placed on its scale, weighted by the rubric."""
    used = [(d.weight, d) for d in card.dimensions if d.score is not None and d.levels]
    if not used:
        return None
    total = sum(w for w, _ in used)
    return sum(w * _place(d) for w, d in used) / total


def _place(d: DimensionLevel) -> float:
    low, high = min(d.levels), max(d.levels)
    assert d.score is not None
    return 1.0 if high == low else min(1.0, max(0.0, (d.score - low) / (high - low)))


def cohort_claims_disagreement(doc: CohortDoc) -> str | None:
    """The first number of `doc` that its own card data do not give, or None."""
    return (_cards(doc) or _candidates(doc) or _interviewers(doc) or _offsets(doc)
            or _reliabilities(doc))


def _cards(doc: CohortDoc) -> str | None:
    for candidate in doc.candidates:
        for card in candidate.cards:
            if _far(card.fraction, card_fraction(card)):
                return (f"the weighted score of {candidate.name}'s {card.rubric_title} card is "
                        "not what its levels give")
    return None


def _candidates(doc: CohortDoc) -> str | None:
    expected = {k.id: k.title for k in doc.expected}
    every: list[float] = []
    order = []
    for c in doc.candidates:
        fractions = [f for f in (card.fraction for card in c.cards) if f is not None]
        every += fractions
        held = {card.rubric_id for card in c.cards}
        missing = [title for kind, title in expected.items() if kind not in held]
        hires = sum(1 for card in c.cards if card.recommendation and card.recommendation.hire)
        nos = sum(1 for card in c.cards if card.recommendation and not card.recommendation.hire)
        if (c.interviews, c.expected, c.missing, c.partial, c.hires, c.no_hires) != (
                len(c.cards), len(expected), missing, bool(missing), hires, nos):
            return f"{c.name}'s interviews, missing kinds or recommendations are not their cards'"
        if _far(c.overall, _mean(fractions)):
            return f"{c.name}'s overall score is not the mean of their cards' scores"
        order.append((c.partial, c.overall is None, -(c.overall or 0.0), c.name))
    if order != sorted(order):
        return "the candidates are not in the order of their scores"
    if doc.cards != sum(len(c.cards) for c in doc.candidates):
        return "the number of cards is not the cards listed"
    if _far(doc.cohort_mean, _mean(every)):
        return "the cohort's mean is not the mean of every card's score"
    return None


def _interviewers(doc: CohortDoc) -> str | None:
    by_email: dict[str, list[CohortCard]] = {}
    for c in doc.candidates:
        for card in c.cards:
            by_email.setdefault(card.interviewer_email.lower(), []).append(card)
    mean = _mean([f for cards in by_email.values() for f in
                  (card.fraction for card in cards) if f is not None])
    if {s.email.lower() for s in doc.interviewers} != set(by_email):
        return "the interviewers listed are not the cards' interviewers"
    for s in doc.interviewers:
        cards = by_email[s.email.lower()]
        scores = [f for f in (card.fraction for card in cards) if f is not None]
        own = _mean(scores)
        sd = (math.sqrt(sum((f - own) ** 2 for f in scores) / len(scores))
              if own is not None else None)
        deviation = own - mean if own is not None and mean is not None else None
        if s.cards != len(cards) or _far(s.mean, own) or _far(s.sd, sd) or _far(
                s.deviation, deviation):
            return f"{s.name}'s cards, mean or spread are not their cards'"
    return None


def _offsets(doc: CohortDoc) -> str | None:
    offsets: dict[str, list[float]] = {}
    for c in doc.candidates:
        shared: dict[str, list[CompetencyScore]] = {}
        for card in c.cards:
            for d in card.dimensions:
                if "/" in d.key or d.score is None or not d.levels:
                    continue  # not a shared competency, or not scored
                shared.setdefault(d.key, []).append(CompetencyScore(
                    card.rubric_title, card.interviewer, card.interviewer_email.lower(),
                    d.name, d.score, min(d.levels), max(d.levels), tuple(sorted(d.levels))))
        for scores in shared.values():
            if len(scores) < 2:
                continue
            positions = [level_position(s, scores) for s in scores]
            for i, s in enumerate(scores):
                others = [p for j, p in enumerate(positions)
                          if scores[j].interviewer_email != s.interviewer_email]
                if others:
                    offsets.setdefault(s.interviewer_email, []).append(
                        positions[i] - sum(others) / len(others))
    for person in doc.interviewers:
        own = offsets.get(person.email.lower(), [])
        if person.paired_n != len(own) or _far(person.paired_offset, _mean(own)):
            return (f"{person.name}'s offset from their co-raters is not what the shared "
                    "levels give")
    return None


def _reliabilities(doc: CohortDoc) -> str | None:
    units: dict[str, list[list[DimensionLevel]]] = {}
    for index, c in enumerate(doc.candidates):
        for card in c.cards:
            for d in card.dimensions:
                if d.score is None or not d.levels:
                    continue
                units.setdefault(d.key, [[] for _ in doc.candidates])[index].append(d)
    measured = {key for key, per in units.items() if any(len(u) >= 2 for u in per)}
    if {r.key for r in doc.reliabilities} != measured:
        return "the dimensions whose agreement is measured are not those the cards share"
    for r in doc.reliabilities:
        per = units[r.key]
        scales = {tuple(sorted(d.levels)) for u in per for d in u}
        same = len(scales) == 1
        data = [[float(d.score) if same else _place(d) for d in u if d.score is not None]
                for u in per]
        result = alpha(data, "ordinal")
        levels = max(len(s) for s in scales)
        required = required_values(levels, doc.method.alpha_min, doc.method.significance)
        enough = result.pairable >= required
        if (r.same_scale, r.levels, r.units, r.pairable, r.required, r.enough) != (
                same, levels, result.units, result.pairable, required, enough):
            return f"the counts of α for {r.name} are not what the cards give"
        shown = result.alpha if enough else None
        if _far(r.alpha, shown):
            return f"α for {r.name} is not what the cards give"
        interval = (bootstrap_alpha(data, "ordinal", replicates=doc.method.replicates,
                                    seed=doc.method.seed, confidence=doc.method.confidence)
                    if shown is not None else None)
        if (interval is None) != (r.interval is None):
            return f"the interval of α for {r.name} is not what the cards give"
        if interval is not None and r.interval is not None and (
                _far(interval.low, r.interval.low) or _far(interval.high, r.interval.high)
                or _far(interval.below_min, r.interval.below_min)):
            return f"the interval of α for {r.name} is not what the cards give"
    return None
