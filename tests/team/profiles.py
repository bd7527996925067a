"""Interviewer profiles for the team tests: a data home, a local store, a signing identity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from scorer.domain.rubric import Rubric
from scorer.domain.team import Role, TeamCertificate
from scorer.services import identity
from scorer.services.export import ExportResult, ExportService, Signer
from scorer.services.export_records import StoreSigningRecords
from scorer.services.interviews import InterviewService
from scorer.services.store import open_local_store
from scorer.services.team.access import connect_profile
from scorer.storage import Store
from scorer.team.client import TeamClient
from tests.team.conftest import TeamDb


@dataclass
class Profile:
    home: Path
    store: Store
    who: identity.Identity
    interviews: InterviewService

    @property
    def email(self) -> str:
        return self.who.email

    def close(self) -> None:
        self.store.close()

    def schedule(self, candidate: str, candidate_email: str, rubric: Rubric,
                 when: date | None = None) -> int:
        service = self.interviews
        known = {c.email: c for c in service.list_candidates()}
        person = known.get(candidate_email) or service.add_candidate(candidate, candidate_email)
        change = service.create_interview(person.id, rubric, self.who.name, self.email,
                                          scheduled_for=when)
        return change.interview_id

    def conduct(self, interview_id: int, rubric: Rubric, score: int = 3) -> None:
        service = self.interviews
        service.start(interview_id)
        for dimension in rubric.dimensions:
            service.score_dimension(interview_id, dimension.id, score)
        service.set_recommendation(interview_id, rubric.recommendation[0].id)
        service.write_summary_note(interview_id, "Solid work.")
        service.end(interview_id)
        service.submit(interview_id)

    def export(self, interview_id: int, folder: Path) -> ExportResult:
        records = StoreSigningRecords(self.store)
        folder.mkdir(parents=True, exist_ok=True)
        return ExportService(records, Signer(self.home)).export_interview(
            interview_id, folder / f"{self.home.name}-{interview_id}.pdf")


def make_profile(root: Path, name: str, email: str) -> Profile:
    home = root / email.split("@")[0]
    store = open_local_store(home)
    who = identity.create(name, email, home=home)
    return Profile(home, store, who, InterviewService(store))


def certificate_of(profile: Profile) -> TeamCertificate:
    cert = profile.who.certificate
    return TeamCertificate(cert.fingerprint, cert.name, cert.email, cert.pem)


def connected_interviewer(team_db: TeamDb, root: Path, name: str, email: str) -> Profile:
    """An interviewer on the team list, whose certificate the lead has published and whose
    profile is connected to the team store."""
    profile = make_profile(root, name, email)
    team_db.add(name, email, Role.INTERVIEWER)
    team_db.add("Lee Lead", "lee@example.com", Role.LEAD)
    with TeamClient(team_db.url("lee@example.com"), "secret-pw") as lead:
        lead.publish_certificates([certificate_of(profile)])
    connect_profile(profile.store, team_db.url(profile.email), "secret-pw")
    return profile
