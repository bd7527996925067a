"""The interview use cases: one method per user action, each one short transaction.

Every edit returns a `Change` saying what was saved, from which the UI
refreshes. Reads return domain values (`InterviewSummary`, `InterviewDetail`);
nothing handed out is tied to the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime

from scorer.domain import edit_rules as rules
from scorer.domain.changes import Aspect, Change
from scorer.domain.completeness import missing_items
from scorer.domain.errors import RubricError
from scorer.domain.interview import (
    InterviewDetail,
    InterviewHead,
    InterviewState,
    InterviewSummary,
    QuestionStatus,
)
from scorer.domain.interview_errors import IncompleteInterview
from scorer.domain.people import Candidate, Interviewer, clean_name, normalise_email
from scorer.domain.rubric import Rubric
from scorer.domain.rubric_use import RubricUse
from scorer.domain.timer import Timer
from scorer.io.rubrics.loader import load_rubric_text
from scorer.services.clock import Clock, utc_now
from scorer.storage import Store
from scorer.storage.reads import Reader
from scorer.storage.writes import Writer

_Transition = Callable[[Timer, datetime], Timer]


def check_rubric_text(rubric: Rubric, text: str) -> None:
    """Refuse to pin a text that is not the rubric's: it must load to the same version."""
    loaded = load_rubric_text(text, f"{rubric.id}.yaml").rubric
    if loaded is None or loaded.version != rubric.version:
        raise RubricError(
            f"The text given for the rubric '{rubric.id}' is not its version "
            f"{rubric.version[:8]}; the interview was not created."
        )


class _Edit:
    """The open transaction of one edit, with the interview as it was before it."""

    def __init__(self, tx: Writer, head: InterviewHead, now: datetime) -> None:
        self.tx = tx
        self.head = head
        self.now = now
        self.state = head.state


class InterviewService:
    def __init__(self, store: Store, clock: Clock = utc_now) -> None:
        self._store = store
        self._clock = clock
        self._rubrics: dict[tuple[str, str], Rubric] = {}

    def now(self) -> datetime:
        return self._clock()

    # People

    def add_candidate(self, name: str, email: str) -> Candidate:
        """Create a candidate, or return the one already stored under that email."""
        name, email = clean_name(name, "candidate's name"), normalise_email(email)
        with self._store.write() as tx:
            return tx.candidate_by_email(email) or tx.add_candidate(name, email, self._clock())

    def list_candidates(self) -> list[Candidate]:
        with self._store.read() as reader:
            return reader.candidates()

    def add_interviewer(self, name: str, email: str) -> Interviewer:
        name, email = clean_name(name, "interviewer's name"), normalise_email(email)
        with self._store.write() as tx:
            return self._interviewer(tx, name, email)

    def list_interviewers(self) -> list[Interviewer]:
        with self._store.read() as reader:
            return reader.interviewers()

    # Interviews

    def create_interview(
        self,
        candidate_id: int,
        rubric: Rubric,
        interviewer_name: str,
        interviewer_email: str,
        scheduled_for: date | None = None,
        rubric_text: str | None = None,
    ) -> Change:
        """A new interview pinning `rubric` as it is now (id, version hash and snapshot),
        and the text of the file it was read from, `rubric_text`, when there is one."""
        name = clean_name(interviewer_name, "interviewer's name")
        email = normalise_email(interviewer_email)
        if rubric_text is not None:
            check_rubric_text(rubric, rubric_text)
        now = self._clock()
        with self._store.write() as tx:
            tx.candidate(candidate_id)  # refuses an unknown candidate
            interviewer = self._interviewer(tx, name, email)
            tx.pin_rubric(rubric, now)
            key = tx.pin_text(rubric_text, now) if rubric_text is not None else None
            interview_id = tx.add_interview(
                candidate_id, interviewer.id, rubric, scheduled_for, now, key
            )
        self._rubrics[(rubric.id, rubric.version)] = rubric
        return Change(interview_id, Aspect.INTERVIEW, None, now, InterviewState.NOT_STARTED)

    def list_interviews(self) -> list[InterviewSummary]:
        """Every interview, newest first."""
        with self._store.read() as reader:
            return reader.summaries()

    def count_interviews(self) -> int:
        with self._store.read() as reader:
            return reader.count_interviews()

    def get_interview(self, interview_id: int) -> InterviewDetail:
        with self._store.read() as reader:
            return reader.detail(interview_id, lambda rid, ver: self._rubric(reader, rid, ver))

    def pinned_text(self, interview_id: int) -> str | None:
        """The rubric file's text as it was when the interview was created; None for an
        interview made before texts were kept, or from no file."""
        with self._store.read() as reader:
            return reader.rubric_text(interview_id)

    def rubric_uses(self, rubric_id: str) -> list[RubricUse]:
        """Every interview of a rubric, newest first, with the version each used."""
        with self._store.read() as reader:
            return reader.rubric_uses(rubric_id)

    def missing_items(self, interview_id: int) -> list[str]:
        """What submission would still refuse, by name; empty when complete."""
        return self.get_interview(interview_id).missing()

    # The clock

    def start(self, interview_id: int) -> Change:
        return self._timer(interview_id, Timer.start)

    def pause(self, interview_id: int) -> Change:
        return self._timer(interview_id, Timer.pause)

    def resume(self, interview_id: int) -> Change:
        return self._timer(interview_id, Timer.resume)

    def end(self, interview_id: int) -> Change:
        """Stop the clock: the interview is finished but not yet submitted."""
        return self._timer(interview_id, Timer.end)

    def reopen(self, interview_id: int) -> Change:
        """Resume an ended, unsubmitted interview; the time it stood ended is a pause."""
        return self._timer(interview_id, Timer.reopen)

    # Questions

    def mark_question_asked(self, interview_id: int, question_id: str) -> Change:
        """Asked now, at the current offset (kept if it was asked before); it becomes current."""
        with self._edit(interview_id, timer=True) as edit:
            rules.check_question(self._pinned(edit), question_id)
            offset = edit.head.timer.elapsed(edit.now) if edit.head.timer.started else None
            edit.tx.mark_question(interview_id, question_id, QuestionStatus.ASKED, offset, edit.now)
            edit.tx.set_current_question(interview_id, question_id)
        return self._change(edit, Aspect.QUESTION, question_id)

    def mark_question_skipped(self, interview_id: int, question_id: str) -> Change:
        return self._set_mark(interview_id, question_id, QuestionStatus.SKIPPED)

    def unmark_question(self, interview_id: int, question_id: str) -> Change:
        """Neither asked nor skipped; the question's note stays."""
        return self._set_mark(interview_id, question_id, None)

    def set_current_question(self, interview_id: int, question_id: str | None) -> Change:
        with self._edit(interview_id) as edit:
            if question_id is not None:
                rules.check_question(self._pinned(edit), question_id)
            edit.tx.set_current_question(interview_id, question_id)
        return self._change(edit, Aspect.CURRENT_QUESTION, question_id)

    def write_question_note(self, interview_id: int, question_id: str, text: str) -> Change:
        rules.check_text(text, "question note")
        with self._edit(interview_id) as edit:
            rules.check_question(self._pinned(edit), question_id)
            edit.tx.write_question_note(interview_id, question_id, text, edit.now)
        return self._change(edit, Aspect.QUESTION, question_id)

    def add_adhoc_question(self, interview_id: int, text: str) -> Change:
        """A question the interviewer asked beyond the bank; `Change.key` is its new id."""
        text = rules.check_adhoc_text(text)
        with self._edit(interview_id, timer=True) as edit:
            offset = edit.head.timer.elapsed(edit.now) if edit.head.timer.started else None
            adhoc_id = edit.tx.add_adhoc(interview_id, text, offset, edit.now)
        return self._change(edit, Aspect.ADHOC_QUESTION, str(adhoc_id))

    def write_adhoc_note(self, interview_id: int, adhoc_id: int, text: str) -> Change:
        rules.check_text(text, "question note")
        with self._edit(interview_id) as edit:
            edit.tx.write_adhoc_note(interview_id, adhoc_id, text, edit.now)
        return self._change(edit, Aspect.ADHOC_QUESTION, str(adhoc_id))

    # Notes, scores and the verdict

    def write_general_notes(self, interview_id: int, text: str) -> Change:
        """The running notes of the interview, saved whole (the UI stamps lines [mm:ss])."""
        rules.check_text(text, "general notes")
        with self._edit(interview_id) as edit:
            edit.tx.write_general_notes(interview_id, text)
        return self._change(edit, Aspect.GENERAL_NOTES, None)

    def write_summary_note(self, interview_id: int, text: str) -> Change:
        rules.check_text(text, "summary note")
        with self._edit(interview_id) as edit:
            edit.tx.write_summary_note(interview_id, text)
        return self._change(edit, Aspect.SUMMARY_NOTE, None)

    def score_dimension(self, interview_id: int, dimension_id: str, score: int | None) -> Change:
        """Set a dimension's level (None clears it); its evidence note stays."""
        with self._edit(interview_id) as edit:
            rules.check_score(self._pinned(edit), dimension_id, score)
            edit.tx.set_score(interview_id, dimension_id, score, edit.now)
        return self._change(edit, Aspect.SCORE, dimension_id)

    def write_evidence(self, interview_id: int, dimension_id: str, text: str) -> Change:
        rules.check_text(text, "evidence note")
        with self._edit(interview_id) as edit:
            rules.check_score(self._pinned(edit), dimension_id, None)
            edit.tx.write_evidence(interview_id, dimension_id, text, edit.now)
        return self._change(edit, Aspect.SCORE, dimension_id)

    def set_recommendation(self, interview_id: int, option_id: str | None) -> Change:
        with self._edit(interview_id) as edit:
            rules.check_recommendation(self._pinned(edit), option_id)
            edit.tx.set_recommendation(interview_id, option_id)
        return self._change(edit, Aspect.RECOMMENDATION, option_id)

    def tick_prep_item(self, interview_id: int, item_id: str, ticked: bool = True) -> Change:
        with self._edit(interview_id) as edit:
            rules.check_prep_item(self._pinned(edit), item_id)
            edit.tx.set_prep(interview_id, item_id, ticked, edit.now)
        return self._change(edit, Aspect.PREP, item_id)

    def submit(self, interview_id: int) -> Change:
        """Lock the scorecard. Refused, naming each missing item, unless it is complete.

        A clock still running is stopped at the moment of submission.
        """
        with self._edit(interview_id, timer=True) as edit:
            recommendation, summary = edit.tx.verdict(interview_id)
            rubric = self._pinned(edit)
            missing = missing_items(rubric, edit.tx.scores(interview_id), recommendation, summary)
            if missing:
                raise IncompleteInterview(missing)
            timer = edit.head.timer
            if timer.started and not timer.ended:
                edit.tx.save_timer(interview_id, timer, timer.end(edit.now))
            edit.tx.submit(interview_id, edit.now)
            edit.state = InterviewState.SUBMITTED
        return self._change(edit, Aspect.SUBMISSION, None)

    # Plumbing

    @contextmanager
    def _edit(self, interview_id: int, timer: bool = False) -> Iterator[_Edit]:
        """One transaction: check the interview is editable, run the edit, stamp it.

        `timer` loads the pauses too, for edits that need the time on the clock.
        """
        now = self._clock()
        with self._store.write() as tx:
            head = tx.head(interview_id, pauses=timer)
            rules.require_editable(head)
            edit = _Edit(tx, head, now)
            yield edit
            tx.touch(interview_id, now)

    def _change(self, edit: _Edit, aspect: Aspect, key: str | None) -> Change:
        return Change(edit.head.id, aspect, key, edit.now, edit.state)

    def _timer(self, interview_id: int, transition: _Transition) -> Change:
        with self._edit(interview_id, timer=True) as edit:
            after = transition(edit.head.timer, edit.now)
            edit.tx.save_timer(interview_id, edit.head.timer, after)
            edit.state = replace(edit.head, timer=after).state
        return self._change(edit, Aspect.TIMER, None)

    def _set_mark(
        self, interview_id: int, question_id: str, status: QuestionStatus | None
    ) -> Change:
        with self._edit(interview_id) as edit:
            rules.check_question(self._pinned(edit), question_id)
            edit.tx.mark_question(interview_id, question_id, status, None, edit.now)
        return self._change(edit, Aspect.QUESTION, question_id)

    def _interviewer(self, tx: Writer, name: str, email: str) -> Interviewer:
        return tx.interviewer_by_email(email) or tx.add_interviewer(name, email, self._clock())

    def _pinned(self, edit: _Edit) -> Rubric:
        return self._rubric(edit.tx, edit.head.rubric_id, edit.head.rubric_version)

    def _rubric(self, reader: Reader, rubric_id: str, version: str) -> Rubric:
        """The pinned rubric; parsed once per version, since a pinned snapshot never changes."""
        key = (rubric_id, version)
        rubric = self._rubrics.get(key)
        if rubric is None:
            rubric = self._rubrics[key] = Rubric.from_snapshot(reader.snapshot(rubric_id, version))
        return rubric
