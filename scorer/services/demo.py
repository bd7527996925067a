"""Sample data for trying the app and for benchmarks: `scorer demo`.

Each candidate has a latent ability; each interviewer a leniency; each score is
ability + leniency + noise, mapped onto the dimension's levels. So a candidate's
four scorecards agree roughly, as real ones do, and the recommendation follows
the scores. Everything is deterministic for a given seed and `now`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from scorer.domain.errors import ScorerError
from scorer.domain.interview import (
    AdHocQuestion,
    DimensionScore,
    InterviewDetail,
    QuestionMark,
    QuestionStatus,
)
from scorer.domain.people import Candidate, Interviewer
from scorer.domain.rubric import Dimension, Rubric
from scorer.domain.timer import Pause, Timer, format_offset
from scorer.services import demo_text as text
from scorer.services.clock import Clock, utc_now
from scorer.storage import Store

SEED = 20250303
DEFAULT_CANDIDATES = 12


class _Stage(Enum):
    SUBMITTED = "submitted"
    FINISHED = "finished"  # ended days ago and never submitted: a forgotten scorecard
    IN_PROGRESS = "in_progress"


@dataclass(frozen=True)
class DemoResult:
    candidates: int
    interviews: int
    interviewers: tuple[str, ...]


def fill_demo(
    store: Store,
    rubrics: Sequence[Rubric],
    candidates: int = DEFAULT_CANDIDATES,
    *,
    clock: Clock = utc_now,
    seed: int = SEED,
    force: bool = False,
) -> DemoResult:
    """Fill the store with sample interviews; refuse a store already in use unless `force`."""
    if not rubrics:
        raise ScorerError("No valid rubrics to build sample interviews from.")
    if candidates < 1:
        raise ScorerError("The number of candidates must be at least 1.")
    with store.read() as reader:
        existing = reader.count_interviews()
    if existing and not force:
        raise ScorerError(
            f"The store {store.path} already has {existing} interviews; try "
            "`scorer --home DIR demo` for a separate profile, or add --force."
        )
    now = clock()
    details = build_demo(rubrics, candidates, now, seed)
    store.bulk_import(details, now)
    names = tuple(dict.fromkeys(d.interviewer.name for d in details))
    return DemoResult(candidates, len(details), names)


def build_demo(
    rubrics: Sequence[Rubric], candidates: int, now: datetime, seed: int = SEED
) -> list[InterviewDetail]:
    rng = random.Random(seed)
    interviewers = _interviewers(rubrics)
    leniency = {r.id: rng.gauss(0.0, 0.35) for r in rubrics}
    people = _candidates(rng, candidates)
    span = min(360, 4 * candidates)
    details = []
    for index, person in enumerate(people):
        ability = rng.gauss(0.0, 1.0)
        last, second_last = index == candidates - 1, index == candidates - 2
        days_ago = 2 + (candidates - 1 - index) * span // max(candidates - 1, 1)
        if second_last:
            days_ago = 3
        day = (now - timedelta(days=days_ago)).replace(hour=8, minute=0, second=0, microsecond=0)
        for slot, rubric in enumerate(rubrics):
            final = slot == len(rubrics) - 1
            if last:
                start = now - timedelta(minutes=25 + 75 * (len(rubrics) - 1 - slot))
            else:
                start = day + timedelta(hours=2 * slot, minutes=rng.randint(0, 15))
            stage = _Stage.SUBMITTED
            if final and last:
                stage = _Stage.IN_PROGRESS
            elif final and second_last:
                stage = _Stage.FINISHED
            skill = ability + leniency[rubric.id] + rng.gauss(0.0, 0.4)
            details.append(
                _interview(rng, rubric, person, interviewers[rubric.id], skill, start, now, stage)
            )
    return details


def _interview(
    rng: random.Random, rubric: Rubric, candidate: Candidate, interviewer: Interviewer,
    skill: float, start: datetime, now: datetime, stage: _Stage,
) -> InterviewDetail:
    minutes = rubric.duration_minutes + rng.gauss(0.0, 4.0)
    pauses: tuple[Pause, ...] = ()
    if stage is not _Stage.IN_PROGRESS and rng.random() < 0.25:
        begin = start + timedelta(minutes=rng.uniform(10, minutes - 10))
        pauses = (Pause(begin, begin + timedelta(minutes=rng.uniform(1, 6))),)
    paused = sum(p.seconds for p in pauses)
    if stage is _Stage.IN_PROGRESS:
        timer = Timer(started_at=start)
    else:
        timer = Timer(start, start + timedelta(minutes=minutes, seconds=paused), None, pauses)
    elapsed = timer.elapsed(now)
    questions, current = _questions(rng, rubric, skill, elapsed)
    scored = list(rubric.dimensions)
    if stage is _Stage.IN_PROGRESS:
        scored = scored[:1]
    elif stage is _Stage.FINISHED:
        scored = scored[:-1]
    scores = tuple(_score(rng, dimension, skill, rubric) for dimension in scored)
    recommendation = _recommendation(rubric, scores) if stage is _Stage.SUBMITTED else None
    submitted = None
    if stage is _Stage.SUBMITTED and timer.ended_at is not None:
        delay = timedelta(minutes=rng.uniform(5, 120))
        submitted = max(timer.ended_at, min(timer.ended_at + delay, now - timedelta(minutes=1)))
    adhoc: tuple[AdHocQuestion, ...] = ()
    if rng.random() < 0.15:
        adhoc = (AdHocQuestion(0, rng.choice(text.ADHOC), rng.uniform(0.5, 0.9) * elapsed,
                               rng.choice(text.EVIDENCE[_band(skill)])),)
    return InterviewDetail(
        id=0,
        candidate=candidate,
        interviewer=interviewer,
        rubric=rubric,
        rubric_version=rubric.version,
        created_at=start - timedelta(days=rng.randint(2, 14), hours=rng.randint(0, 8)),
        updated_at=submitted or timer.ended_at or now,
        scheduled_for=start.date(),
        timer=timer,
        submitted_at=submitted,
        current_question_id=current,
        questions=questions,
        adhoc_questions=adhoc,
        scores=scores,
        prep_ticked=frozenset(item.id for item in rubric.prep),
        general_notes=_general_notes(rng, rubric, elapsed),
        summary_note=_summary(rng, rubric, scores, recommendation) if submitted else "",
        recommendation=recommendation,
    )


def _questions(
    rng: random.Random, rubric: Rubric, skill: float, elapsed: float
) -> tuple[tuple[QuestionMark, ...], str | None]:
    marks, clock, current = [], rng.uniform(120, 360), None
    for question in rubric.questions:
        if clock > elapsed:
            break
        if rng.random() < 0.2:
            marks.append(QuestionMark(question.id, QuestionStatus.SKIPPED))
            continue
        point = rng.choice(question.strong_answer)
        note = f"Covered: {point}" if skill + rng.gauss(0, 0.8) > 0 else f"Missed: {point}"
        marks.append(QuestionMark(question.id, QuestionStatus.ASKED, round(clock, 1), note))
        current = question.id
        clock += question.minutes * 60 * rng.uniform(0.7, 1.2)
    return tuple(marks), current


def _score(
    rng: random.Random, dimension: Dimension, skill: float, rubric: Rubric
) -> DimensionScore:
    z = skill + rng.gauss(0.0, 0.7)
    levels = sorted(dimension.levels, key=lambda level: level.score)
    probability = 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))
    level = levels[min(len(levels) - 1, int(probability * len(levels)))]
    question = next((q for q in rubric.questions if dimension.id in q.dimensions), None)
    where = f"On '{question.title}': " if question else ""
    evidence = f"{where}{rng.choice(text.EVIDENCE[_band(z)])} ({level.label})"
    return DimensionScore(dimension.id, level.score, evidence)


def _normalised(rubric: Rubric, scores: Sequence[DimensionScore]) -> float:
    total = weight = 0.0
    for entry in scores:
        dimension = rubric.dimension(entry.dimension_id)
        if dimension is None or entry.score is None:
            continue
        span = (dimension.max_score - dimension.min_score) or 1
        total += dimension.weight * (entry.score - dimension.min_score) / span
        weight += dimension.weight
    return total / weight if weight else 0.0


def _recommendation(rubric: Rubric, scores: Sequence[DimensionScore]) -> str:
    options = rubric.recommendation  # no-hire first, weakest to strongest (rubric checks)
    return options[min(len(options) - 1, int(_normalised(rubric, scores) * len(options)))].id


def _summary(
    rng: random.Random, rubric: Rubric, scores: Sequence[DimensionScore], recommendation: str | None
) -> str:
    option = rubric.recommendation_option(recommendation) if recommendation else None
    names = {d.id: d.name for d in rubric.dimensions}
    ranked = sorted(scores, key=lambda s: s.score or 0)
    best, worst = names[ranked[-1].dimension_id], names[ranked[0].dimension_id]
    label = option.label if option else "No recommendation"
    return f"{label}. Strongest on {best}; weakest on {worst}. {rng.choice(text.CLOSING)}"


def _general_notes(rng: random.Random, rubric: Rubric, elapsed: float) -> str:
    phrases = text.NOTES.get(rubric.competency.value, text.NOTES["practical"])
    count = rng.randint(3, 6)
    stamps = sorted(rng.uniform(30, max(60.0, elapsed)) for _ in range(count))
    return "\n".join(f"[{format_offset(t)}] {rng.choice(phrases)}" for t in stamps)


def _band(z: float) -> int:
    return 0 if z < -0.5 else (1 if z < 0.6 else 2)


def _interviewers(rubrics: Sequence[Rubric]) -> dict[str, Interviewer]:
    spares = iter(text.SPARE_INTERVIEWERS)
    out = {}
    for rubric in rubrics:
        fallback = ("Sam Example", f"{rubric.id}@example.com")
        name, email = text.INTERVIEWERS.get(rubric.id) or next(spares, fallback)
        out[rubric.id] = Interviewer(0, name, email)
    return out


def _candidates(rng: random.Random, count: int) -> list[Candidate]:
    pairs = [(f, s) for f in text.FIRST_NAMES for s in text.LAST_NAMES]
    rng.shuffle(pairs)
    pairs.remove(("Łukasz", "Øster-Müller"))
    pairs.insert(0, ("Łukasz", "Øster-Müller"))
    taken: set[str] = set()
    people = []
    for index in range(count):
        first, last = pairs[index % len(pairs)]
        if index >= len(pairs):  # more candidates than name pairs: add a middle initial
            first = f"{first} {chr(ord('A') + (index // len(pairs)) % 26)}."
        name = f"{first} {last}"
        people.append(Candidate(0, name, text.email_for(name, taken)))
    return people
