"""Small rubrics and a hand-driven clock, for tests that must not depend on shipped files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from scorer.domain.rubric import Rubric

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


def _levels(*labels: str) -> list[dict[str, object]]:
    return [
        {"score": score, "label": label, "anchor": f"observed: {label.lower()}"}
        for score, label in enumerate(labels, start=1)
    ]


def make_rubric(rubric_id: str = "toy", title: str = "Toy coding", **changes: object) -> Rubric:
    data: dict[str, object] = {
        "id": rubric_id,
        "title": title,
        "competency": "practical",
        "area": "Coding",
        "interviewer_role": "Coding interviewer",
        "duration_minutes": 60,
        "shared_tool": {"kind": "ssh_instance", "name": "Instance"},
        "rules": {"candidate_may_use": ["Web search"]},
        "prep": [
            {"id": "send-key", "text": "Send the SSH key"},
            {"id": "check-repo", "text": "Check the starter repository"},
        ],
        "agenda": [
            {"id": "intro", "title": "Introduction", "kind": "conversation", "minutes": 5},
            {"id": "code", "title": "Coding", "kind": "coding", "minutes": 55},
        ],
        "questions": [
            {"id": "loader", "title": "Distributed dataloader", "prompt": "Serve get_item.",
             "minutes": 30, "strong_answer": ["Uses a queue"], "dimensions": ["parallel"]},
            {"id": "debug", "title": "Fix hivemind", "prompt": "Make it work.",
             "minutes": 20, "strong_answer": ["Finds the bug"], "dimensions": ["working"]},
            {"id": "dicts", "title": "Dicts and hashing", "prompt": "Cost of a dict?",
             "minutes": 5, "strong_answer": ["O(1) average"]},
        ],
        "dimensions": [
            {"id": "parallel", "name": "Parallel paradigms", "assesses": "threads, processes",
             "weight": 1, "levels": _levels("Weak", "Fair", "Good", "Strong")},
            {"id": "working", "name": "Working code", "assesses": "it runs",
             "weight": 2, "levels": _levels("None", "Partial", "Runs", "Clean")},
        ],
    }
    data.update(changes)
    return Rubric.model_validate(data)
