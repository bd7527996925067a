"""Signed scorecards of the sample interviews, for the panel-merge tests and benchmarks.

The sample interviewers get their own signing identities (keys kept in memory,
no keyring), and each submitted sample interview is signed the way `scorer
export` signs it. `signed_cards()` builds one set per process and keeps it: the
tests copy what they need.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.domain.interview import InterviewDetail
from scorer.domain.scorecard import scorecard_from_detail
from scorer.io.documents.scorecard import render_scorecard
from scorer.io.pdf.signature_stamp import STAMP_FORM
from scorer.io.signatures.certificates import NewIdentity, create_identity
from scorer.io.signatures.sign import LoadedKey, load_key, sign_scorecard
from scorer.paths import bundled_rubrics_dir
from scorer.services.demo import build_demo
from scorer.services.rubrics.library import load_library

if TYPE_CHECKING:
    from scorer.services.merge.pool import WorkerPool

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    made: NewIdentity
    key: LoadedKey

    @property
    def fingerprint(self) -> str:
        return self.made.certificate.fingerprint

    @property
    def pem(self) -> bytes:
        return self.made.certificate.pem


@dataclass(frozen=True)
class CardSet:
    folder: Path  # <folder>/<candidate-slug>/<n>-<rubric>.pdf
    trust: Path  # every sample interviewer's certificate
    people: dict[str, Person]  # by email
    by_candidate: dict[str, list[Path]]  # candidate name -> card files, interview order
    details: list[InterviewDetail]


def person(name: str, email: str) -> Person:
    made = create_identity(name, email)
    return Person(name, email, made, load_key(made.key_pem, made.certificate.pem))


def sign_detail(detail: InterviewDetail, signer: Person, exported_at: datetime = NOW) -> bytes:
    card = scorecard_from_detail(detail, signer.fingerprint, exported_at)
    rendered = render_scorecard(card)
    box = rendered.signature_box
    return sign_scorecard(rendered.pdf, signer.key, card.to_json_bytes(), page=box.page,
                          box=box.rounded(), stamp_form=STAMP_FORM,
                          signer_name=card.interviewer.name, signed_at=exported_at)


def slug(name: str) -> str:
    kept = "".join(c if c.isalnum() else "-" for c in name.lower())
    return "-".join(p for p in kept.split("-") if p)


def sample_details(candidates: int, seed: int = 20250303) -> list[InterviewDetail]:
    """Every submitted sample interview of `candidates` fully interviewed candidates."""
    library = load_library(bundled_rubrics_dir())
    # Two more than needed: the demo's last two candidates are still in progress.
    details = build_demo(library.rubrics, candidates + 2, NOW, seed)
    done = [d for d in details if d.submitted_at is not None]
    names = list(dict.fromkeys(d.candidate.name for d in done))[:candidates]
    chosen = [d for d in done if d.candidate.name in names]
    # Sample interviews carry id 0; number them as a store would.
    from dataclasses import replace

    return [replace(d, id=i + 1) for i, d in enumerate(chosen)]


def build_cards(folder: Path, candidates: int, seed: int = 20250303,
                people: dict[str, Person] | None = None) -> CardSet:
    details = sample_details(candidates, seed)
    people = dict(people or {})
    for detail in details:
        who = detail.interviewer
        if who.email not in people:
            people[who.email] = person(who.name, who.email)
    trust = folder / "interviewers"
    trust.mkdir(parents=True, exist_ok=True)
    for email, someone in people.items():
        (trust / f"{slug(email)}.pem").write_bytes(someone.pem)
    by_candidate: dict[str, list[Path]] = {}
    for index, detail in enumerate(details):
        target = folder / "cards" / slug(detail.candidate.name)
        target.mkdir(parents=True, exist_ok=True)
        files = by_candidate.setdefault(detail.candidate.name, [])
        path = target / f"{len(files) + 1}-{detail.rubric.id}.pdf"
        signed_at = NOW - timedelta(days=len(details) - index)
        path.write_bytes(sign_detail(detail, people[detail.interviewer.email], signed_at))
        files.append(path)
    return CardSet(folder / "cards", trust, people, by_candidate, details)


@cache
def signed_cards() -> CardSet:
    """Two sample candidates' four signed cards each, built once per process."""
    folder = Path(tempfile.mkdtemp(prefix="scorer-panel-cards-"))
    atexit.register(shutil.rmtree, folder, True)
    return build_cards(folder, 2)


def copy_cards(paths: Sequence[Path], target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    out = []
    for path in paths:
        copy = target / path.name
        shutil.copyfile(path, copy)
        out.append(copy)
    return out


@cache
def shared_pool() -> WorkerPool:
    """One pool of warm checking workers for every merge test in the process."""
    from scorer.services.merge.pool import WorkerPool
    from scorer.services.merge.tasks import warm_up
    from scorer.services.merge.workers import WORKER_MODULES

    pool = WorkerPool(workers=2, warm_up=warm_up, preload=WORKER_MODULES)
    atexit.register(pool.close)
    pool.start()
    return pool
