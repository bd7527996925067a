"""The checks an edit passes before it is stored, against the interview's pinned rubric."""

from __future__ import annotations

from scorer.domain.interview import InterviewHead
from scorer.domain.interview_errors import InvalidEdit, ReadOnlyInterview
from scorer.domain.rubric import Rubric

# Far beyond any real note; a paste of a whole log file is refused with a message.
MAX_TEXT = 200_000


def require_editable(head: InterviewHead) -> None:
    if head.submitted_at is not None:
        when = head.submitted_at.strftime("%Y-%m-%d %H:%M UTC")
        raise ReadOnlyInterview(
            f"The {head.rubric_title} interview of {head.candidate_name} was submitted on "
            f"{when} and can no longer be changed."
        )


def check_question(rubric: Rubric, question_id: str) -> None:
    if rubric.question(question_id) is None:
        raise InvalidEdit(f"The rubric '{rubric.title}' has no question '{question_id}'.")


def check_score(rubric: Rubric, dimension_id: str, score: int | None) -> None:
    dimension = rubric.dimension(dimension_id)
    if dimension is None:
        raise InvalidEdit(f"The rubric '{rubric.title}' has no dimension '{dimension_id}'.")
    if score is not None and dimension.level(score) is None:
        levels = ", ".join(str(level.score) for level in dimension.levels)
        raise InvalidEdit(
            f"{score} is not a level of '{dimension.name}'; choose one of {levels}."
        )


def check_recommendation(rubric: Rubric, option_id: str | None) -> None:
    if option_id is not None and rubric.recommendation_option(option_id) is None:
        choices = ", ".join(option.id for option in rubric.recommendation)
        raise InvalidEdit(f"'{option_id}' is not a recommendation; choose one of {choices}.")


def check_prep_item(rubric: Rubric, item_id: str) -> None:
    if not any(item.id == item_id for item in rubric.prep):
        raise InvalidEdit(f"The rubric '{rubric.title}' has no prep item '{item_id}'.")


def check_text(text: str, what: str) -> str:
    if len(text) > MAX_TEXT:
        raise InvalidEdit(f"The {what} is longer than {MAX_TEXT:,} characters; shorten it.")
    return text


def check_adhoc_text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise InvalidEdit("The ad-hoc question is empty; type the question you asked.")
    return check_text(cleaned, "ad-hoc question")
