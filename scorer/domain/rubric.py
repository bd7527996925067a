"""The rubric: everything an interviewer needs to run and score one interview.

The models are pydantic so that the same classes validate rubric files,
serialise the snapshot an interview pins, and are read back from that snapshot.
They hold no I/O: YAML parsing and line marks live in ``scorer.io``.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    model_serializer,
)

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64),
    Field(description="lower-case letters, digits, '-' and '_'"),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Optional prose; trimmed so that `>` versus `>-` in YAML does not change the version.
Prose = Annotated[str, StringConstraints(strip_whitespace=True)]


class _Model(BaseModel):
    # Unknown keys are errors so that a typo never passes silently.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Competency(StrEnum):
    PRACTICAL = "practical"
    THEORY = "theory"


class SectionKind(StrEnum):
    CONVERSATION = "conversation"
    HANDS_ON_NOTEPAD = "hands_on_notepad"
    CODING = "coding"


class SharedToolKind(StrEnum):
    SSH_INSTANCE = "ssh_instance"
    SHARED_NOTEPAD = "shared_notepad"


class SectionRules(_Model):
    """What the candidate may use in one section; it replaces the interview's two lists
    there (a theory conversation that is closed book inside a coding interview)."""

    candidate_may_use: list[Text] = Field(default_factory=list)  # empty: closed book
    candidate_may_not_use: list[Text] = Field(default_factory=list)


class AgendaSection(_Model):
    id: Id
    title: Text
    kind: SectionKind
    minutes: int = Field(gt=0, le=600)
    guidance: Prose = ""
    rules: SectionRules | None = None

    @model_serializer(mode="wrap")
    def _without_absent_rules(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        # A section with no rules of its own serialises as before they existed, so the
        # versions of existing rubrics, pinned by interviews and signed cards, stay the same.
        data: dict[str, object] = handler(self)
        if self.rules is None:
            data.pop("rules", None)
        return data


class Rules(_Model):
    """What the candidate may use and what the interview never covers."""

    candidate_may_use: list[Text] = Field(default_factory=list)
    candidate_may_not_use: list[Text] = Field(default_factory=list)
    screen_share: bool = False
    # Process policy, not preferences: the schema refuses any other value.
    language_models_allowed: Literal[False] = False
    research_discussion: Literal[False] = False
    notes: list[Text] = Field(default_factory=list)


class SharedTool(_Model):
    kind: SharedToolKind
    name: Text
    details: Prose = ""


class PrepItem(_Model):
    id: Id
    text: Text


class Variant(_Model):
    id: Id
    title: Text
    prompt: Text


class Question(_Model):
    id: Id
    title: Text
    prompt: Text
    section: Id | None = None
    minutes: int = Field(gt=0, le=600)
    tags: list[Id] = Field(default_factory=list)
    follow_ups: list[Text] = Field(default_factory=list)
    variants: list[Variant] = Field(default_factory=list)
    strong_answer: list[Text] = Field(min_length=1)
    dimensions: list[Id] = Field(default_factory=list)


class Level(_Model):
    score: int = Field(ge=0, le=10)
    label: Text
    anchor: Text = Field(description="what the interviewer observed at this level")


class Dimension(_Model):
    id: Id
    name: Text
    assesses: Text
    weight: float = Field(gt=0, le=100, allow_inf_nan=False)
    competency: Id | None = Field(
        default=None,
        description="a competency shared across interviews, for cross-interview comparison",
    )
    levels: list[Level] = Field(min_length=2)

    @property
    def max_score(self) -> int:
        return max(level.score for level in self.levels)

    @property
    def min_score(self) -> int:
        return min(level.score for level in self.levels)

    def level(self, score: int) -> Level | None:
        return next((lv for lv in self.levels if lv.score == score), None)


class RecommendationOption(_Model):
    id: Id
    label: Text
    hire: bool
    meaning: Text


DEFAULT_RECOMMENDATIONS: tuple[RecommendationOption, ...] = (
    RecommendationOption(
        id="strong_no", label="Strong no hire", hire=False,
        meaning="Clear evidence the candidate is below the bar in this competency.",
    ),
    RecommendationOption(
        id="no", label="No hire", hire=False,
        meaning="Not enough evidence the candidate meets the bar.",
    ),
    RecommendationOption(
        id="yes", label="Hire", hire=True,
        meaning="The candidate meets the bar with evidence to show for it.",
    ),
    RecommendationOption(
        id="strong_yes", label="Strong hire", hire=True,
        meaning="The candidate raises the bar; the evidence is unambiguous.",
    ),
)


class Rubric(_Model):
    schema_version: Literal[1] = 1
    id: Id
    title: Text
    competency: Competency
    area: Text
    interviewer_role: Text
    duration_minutes: int = Field(gt=0, le=600)
    summary: Prose = ""
    shared_tool: SharedTool
    rules: Rules
    prep: list[PrepItem] = Field(default_factory=list)
    agenda: list[AgendaSection] = Field(min_length=1)
    questions: list[Question] = Field(default_factory=list)
    dimensions: list[Dimension] = Field(min_length=1)
    recommendation: list[RecommendationOption] = Field(
        default_factory=lambda: list(DEFAULT_RECOMMENDATIONS), min_length=2
    )

    @cached_property
    def version(self) -> str:
        """A hash of the content: comments and formatting do not change it."""
        return content_hash(self)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def section(self, section_id: str | None) -> AgendaSection | None:
        return next((s for s in self.agenda if s.id == section_id), None)

    def rules_in(self, section_id: str | None) -> SectionRules:
        """What the candidate may use in a section: its own rules, else the interview's."""
        section = self.section(section_id)
        if section is not None and section.rules is not None:
            return section.rules
        return SectionRules(
            candidate_may_use=self.rules.candidate_may_use,
            candidate_may_not_use=self.rules.candidate_may_not_use,
        )

    def recommendation_option(self, option_id: str) -> RecommendationOption | None:
        return next((r for r in self.recommendation if r.id == option_id), None)

    def to_snapshot(self) -> str:
        """The canonical JSON an interview pins; `from_snapshot` reads it back."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_snapshot(cls, snapshot: str) -> Rubric:
        return cls.model_validate_json(snapshot)


def content_hash(rubric: Rubric) -> str:
    return hashlib.sha256(rubric.to_snapshot().encode("utf-8")).hexdigest()[:16]
