"""What the app's Team view calls: the connection, the outbox, the team's interviews,
the lead's library publishing, and a candidate's packet built from the team store.

Everything that talks to the server is meant for a worker thread; `address` and
`waiting` read only the local store.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.domain.team import FlushReport
from scorer.paths import data_home
from scorer.services import merge  # the face: the merge service loads when a packet is built
from scorer.services.rubrics.folder import resolve_rubric_folder
from scorer.services.settings import load_settings
from scorer.services.team.access import linked_url, open_client
from scorer.services.team.library import LibraryReport, publish_library
from scorer.services.team.merge import download_cards
from scorer.services.team.publish import Publisher
from scorer.services.team.status import TeamStatus, team_status
from scorer.team.connection import safe_url

if TYPE_CHECKING:
    from collections.abc import Callable

    from scorer.domain.team import Waiting
    from scorer.services.merge.results import PacketResult
    from scorer.storage import Store


@dataclass(frozen=True, slots=True)
class TeamPacket:
    packet: PacketResult
    verified: int
    rejected: tuple[str, ...]  # one line per card the team store holds that did not verify


class TeamDesk:
    def __init__(self, store: Store, home: Path | None = None,
                 today: Callable[[], date] = date.today) -> None:
        self._store = store
        self._home = home
        self._today = today
        self._publisher = Publisher(store)

    def address(self) -> str | None:
        url = linked_url(self._store)
        return safe_url(url) if url else None

    def waiting(self) -> Waiting:
        return self._publisher.waiting()

    def status(self, limit: int | None = 500) -> TeamStatus:
        with open_client(self._store) as client:
            return team_status(client, self._today(), limit)

    def publish(self, respect_backoff: bool = False) -> FlushReport:
        with open_client(self._store) as client:
            return self._publisher.flush(client, respect_backoff=respect_backoff)

    def publish_library(self) -> LibraryReport:
        settings = load_settings()
        rubrics = resolve_rubric_folder(settings, self._home or data_home()).path
        with open_client(self._store) as client:
            return publish_library(client, rubrics, settings.trust_dir(self._home))

    def merge_candidate(self, candidate_email: str, target: Path) -> TeamPacket:
        with tempfile.TemporaryDirectory(prefix="scorer-team-merge-") as folder:
            with open_client(self._store) as client:
                team = download_cards(client, Path(folder), candidate_email)
            with merge.MergeService(team.trust, home=self._home) as service:
                paths = service.expand([team.cards])
                service.start_workers(len(paths))
                checked = service.check(paths)
                packet = service.build_packet(checked, target)
        return TeamPacket(packet, team.written,
                          tuple(item.verification.line() for item in team.rejected))
