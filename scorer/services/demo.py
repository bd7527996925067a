"""Sample data for trying the app and for benchmarks: `scorer demo`.

Each candidate has a latent ability; each interviewer a leniency; each score is
ability + leniency + noise, mapped onto the dimension's levels. So a candidate's
four scorecards agree roughly, as real ones do, and the recommendation follows
the scores. Everything is deterministic for a given seed and `now`.

`give_identities` then gives each sample interviewer a signing identity, as
`scorer identity create` would (the key in the keyring, the certificate in the
data home, not the user's default), records it on the interviewer, writes the
certificates to `<data home>/interviewers/` and makes that the profile's trust
folder: the sample interviews export, verify and merge out of the box. It reuses
identities made before, so a second run adds no keys. When the keyring cannot be
used it makes none at all and says why in one sentence.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

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
from scorer.paths import data_home, settings_path
from scorer.services import demo_text as text
from scorer.services import identity, keyring_store
from scorer.services.clock import Clock, utc_now
from scorer.services.keyring_store import KeyringUnavailable
from scorer.services.settings import load_settings, save_settings
from scorer.storage import Store, signing
from scorer.storage.bulk import bulk_import

if TYPE_CHECKING:
    from scorer.services.identity import Identity

SEED = 20250303
DEFAULT_CANDIDATES = 12
TRUST_FOLDER = "interviewers"  # in the data home: the sample interviewers' certificates


class _Stage(Enum):
    SUBMITTED = "submitted"
    FINISHED = "finished"  # ended days ago and never submitted: a forgotten scorecard
    IN_PROGRESS = "in_progress"


@dataclass(frozen=True)
class DemoResult:
    candidates: int
    interviews: int
    interviewers: tuple[str, ...]
    people: tuple[tuple[str, str], ...] = ()  # (name, email) of each sample interviewer


@dataclass(frozen=True)
class DemoSigning:
    """What `give_identities` did for the sample interviewers."""

    created: tuple[str, ...] = ()  # names of those who got a new identity
    reused: tuple[str, ...] = ()  # names of those whose identity from before was kept
    folder: Path | None = None  # where their certificates were written
    trusted: bool = False  # whether the profile's trust folder is `folder`
    configured: Path | None = None  # the trust folder set before, when it is another one
    problem: str | None = None  # one sentence, when they got no identities


def fill_demo(
    store: Store,
    rubrics: Sequence[Rubric],
    candidates: int = DEFAULT_CANDIDATES,
    *,
    clock: Clock = utc_now,
    seed: int = SEED,
    force: bool = False,
    texts: Mapping[tuple[str, str], str] | None = None,
) -> DemoResult:
    """Fill the store with sample interviews; refuse a store already in use unless `force`.

    `texts` are the rubric files' texts by (rubric id, version), pinned with the interviews.
    """
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
    ids = bulk_import(store, iter_demo(rubrics, candidates, now, seed), now, texts)
    people = sample_people(rubrics)
    return DemoResult(candidates, len(ids), tuple(name for name, _ in people), people)


def sample_people(rubrics: Sequence[Rubric]) -> tuple[tuple[str, str], ...]:
    """(name, email) of the sample interviewers that `build_demo` uses for these rubrics."""
    found = _interviewers(rubrics).values()
    return tuple(dict.fromkeys((person.name, person.email) for person in found))


def give_identities(
    store: Store, people: Sequence[tuple[str, str]], home: Path | None = None
) -> DemoSigning:
    """A signing identity for each sample interviewer in the store: all of them, or none.

    Identities recorded before (certificate in the data home, key in the keyring)
    are reused. If the keyring cannot be used, nothing is made and `problem` says
    why; if it fails half-way, the identities made so far are removed again.
    """
    home = home or data_home()
    try:
        keyring_store.checked_backend()
    except KeyringUnavailable as exc:
        return DemoSigning(problem=_no_identities(exc))
    with store.read() as reader:
        recorded = signing.interviewer_certificates(reader.connection, [e for _, e in people])
    chosen: dict[str, Identity] = {}
    made: list[Identity] = []
    created: list[str] = []
    reused: list[str] = []
    folder = home / TRUST_FOLDER
    try:
        for _, email in people:
            if email not in recorded or email in chosen:
                continue  # not in this store
            name, fingerprint = recorded[email]
            found = identity.find(fingerprint, home) if fingerprint else None
            if found is not None and identity.has_key(found.fingerprint):
                chosen[email] = found
                reused.append(name)
                continue
            new = identity.create(name, email, make_default=False, home=home)
            made.append(new)
            created.append(name)
            chosen[email] = new
        for email, person in chosen.items():
            identity.write_file(folder / f"{_file_stem(email)}.pem", person.certificate.pem)
        with store.write() as tx:
            for email, person in chosen.items():
                signing.set_interviewer_certificate(tx.connection, email, person.fingerprint)
    except KeyringUnavailable as exc:
        _discard(made, home)
        return DemoSigning(problem=_no_identities(exc))
    except BaseException:
        _discard(made, home)
        raise
    if not chosen:
        return DemoSigning()
    trusted, configured = _trust(folder, home)
    return DemoSigning(tuple(created), tuple(reused), folder, trusted, configured)


def _discard(made: Sequence[Identity], home: Path) -> None:
    for person in made:
        identity.discard(person.fingerprint, home)


def _trust(folder: Path, home: Path) -> tuple[bool, Path | None]:
    """Make `folder` the profile's trust folder, unless the user set another one."""
    path = settings_path(home)
    settings = load_settings(path)
    if settings.trust_folder and Path(settings.trust_folder) != folder:
        return False, Path(settings.trust_folder)
    if settings.trust_folder is None or Path(settings.trust_folder) != folder:
        save_settings(replace(settings, trust_folder=str(folder)), path)
    return True, None


def _no_identities(exc: KeyringUnavailable) -> str:
    return (f"The sample interviewers got no signing identities, so their interviews cannot be "
            f"exported yet, because {exc.cause}: {exc.remedy}, then run "
            "`scorer demo --identities`.")


def _file_stem(email: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in email.lower())


def build_demo(
    rubrics: Sequence[Rubric], candidates: int, now: datetime, seed: int = SEED
) -> list[InterviewDetail]:
    return list(iter_demo(rubrics, candidates, now, seed))


def iter_demo(
    rubrics: Sequence[Rubric], candidates: int, now: datetime, seed: int = SEED
) -> Iterator[InterviewDetail]:
    """The sample interviews one by one, each candidate's in rubric order."""
    rng = random.Random(seed)
    interviewers = _interviewers(rubrics)
    leniency = {r.id: rng.gauss(0.0, 0.35) for r in rubrics}
    people = _candidates(rng, candidates)
    span = min(360, 4 * candidates)
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
            yield _interview(rng, rubric, person, interviewers[rubric.id], skill, start, now,
                             stage)


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
