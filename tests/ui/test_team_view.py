"""The Team view against a stand-in desk: what it shows, and that it never blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scorer.domain.team import (
    FlushReport,
    Member,
    Role,
    TeamInterview,
    TeamState,
    TeamUnreachable,
    Waiting,
)
from scorer.services.team.library import LibraryReport
from scorer.services.team.status import TeamStatus
from scorer.ui.team_view import TeamView
from scorer.ui.theme import tones

TODAY = date(2026, 12, 2)


def _row(key: str, when: date, state: TeamState) -> TeamInterview:
    return TeamInterview(key, "Cara", "cara@example.com", "coding", "ann@example.com", when,
                         state, datetime(2026, 12, 1, tzinfo=UTC))


@dataclass
class FakeDesk:
    address_: str | None = "postgresql://lee%40example.com@db.example.com/hiring"
    cards: int = 3
    role: Role = Role.LEAD
    down: bool = False
    published: list[bool] = field(default_factory=list)

    def address(self) -> str | None:
        return self.address_

    def waiting(self) -> Waiting:
        return Waiting(self.cards, 0, 0, None)

    def status(self, limit: int | None = 500) -> TeamStatus:
        if self.down:
            raise TeamUnreachable("The team store at db.example.com cannot be reached.")
        rows = [_row("a:1", date(2026, 11, 20), TeamState.SUBMITTED),
                _row("a:2", TODAY, TeamState.SCHEDULED),
                _row("a:3", date(2026, 11, 20), TeamState.PUBLISHED)]
        return TeamStatus("db.example.com", Member("lee", "Lee", "lee@example.com", self.role),
                          {TeamState.SUBMITTED: 1, TeamState.SCHEDULED: 1,
                           TeamState.PUBLISHED: 1}, 1, TODAY, rows)

    def publish(self, respect_backoff: bool = False) -> FlushReport:
        self.published.append(respect_backoff)
        sent, self.cards = self.cards, 0
        return FlushReport(sent=sent)

    def publish_library(self) -> LibraryReport:
        return LibraryReport(4, 1, 3, 0, 0, ())

    def merge_candidate(self, candidate_email: str, target: Path) -> object:
        raise AssertionError("not used here")


def _view(qtbot: QtBot, desk: FakeDesk) -> TeamView:
    view = TeamView(desk)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_view_shows_the_connection_the_outbox_and_late_interviews_first(
    qtbot: QtBot
) -> None:
    desk = FakeDesk()
    view = _view(qtbot, desk)
    assert view.outbox.text() == "3 cards waiting to publish"
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    first = view.model.index(0, 0)
    assert view.model.data(first) == "2026-11-20  LATE"
    assert view.model.data(first, Qt.ItemDataRole.ForegroundRole) == tones().alert
    assert view.model.data(view.model.index(1, 0)) == "2026-12-02"
    assert "3 interviews across the team" in view.counts.text() and "1 late" in view.counts.text()
    assert "as lead" in view.connection.text()
    assert view.library_button.isVisibleTo(view)
    view.shutdown()


def test_publishing_empties_the_outbox_line(qtbot: QtBot) -> None:
    desk = FakeDesk()
    view = _view(qtbot, desk)
    view.publish()
    qtbot.waitUntil(lambda: view.outbox.text() == "Nothing waiting to publish")
    assert False in desk.published
    view.shutdown()


def test_an_unreachable_server_is_a_message_not_an_error(qtbot: QtBot) -> None:
    desk = FakeDesk(down=True, role=Role.INTERVIEWER)
    view = _view(qtbot, desk)
    qtbot.waitUntil(lambda: view.problem.isVisibleTo(view))
    assert "cannot be reached" in view.problem.text()
    assert not view.library_button.isVisibleTo(view)
    assert view.refresh_button.isEnabled()
    view.shutdown()


def test_without_a_connection_the_view_says_how_to_connect(qtbot: QtBot) -> None:
    view = _view(qtbot, FakeDesk(address_=None, cards=0))
    assert "scorer team connect URL" in view.connection.text()
    assert not view.publish_button.isEnabled()
    view.shutdown()
