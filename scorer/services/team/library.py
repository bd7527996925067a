"""The lead publishes the rubric library and the trust list; members pull them.

The lead's rubric folder and trust folder stay the source of truth: publishing adds
each rubric version (keyed by the file's SHA-256) and each certificate, and retires
the certificates no longer in the trust folder.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.domain.team import TeamCertificate, TeamError, TeamRubric
from scorer.io.signatures.certificates import read_certificates
from scorer.services.rubrics.library import load_library
from scorer.services.text_files import write_text_atomic
from scorer.services.verify import load_trust

if TYPE_CHECKING:
    from scorer.team.client import TeamClient


@dataclass(frozen=True, slots=True)
class LibraryReport:
    rubrics: int  # files in the folder
    new_rubrics: int
    certificates: int
    new_certificates: int
    retired: int
    skipped: tuple[str, ...]  # rubric files that do not load, named with why

    def lines(self) -> list[str]:
        out = [f"rubrics: {self.new_rubrics} new of {self.rubrics}",
               f"trust list: {self.new_certificates} new of {self.certificates}, "
               f"{self.retired} retired"]
        out += [f"skipped {line}" for line in self.skipped]
        return out


def folder_rubrics(folder: Path) -> tuple[list[TeamRubric], list[str]]:
    library = load_library(folder)
    rubrics: list[TeamRubric] = []
    skipped: list[str] = []
    for load in library.loads:
        if load.rubric is None:
            reason = load.diagnostics[0].message if load.diagnostics else "does not load"
            skipped.append(f"{load.file}: {reason}")
            continue
        try:
            text = Path(load.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            skipped.append(f"{load.file}: {exc}")
            continue
        rubrics.append(TeamRubric(hashlib.sha256(text.encode("utf-8")).hexdigest(),
                                  load.rubric.id, load.rubric.version, Path(load.file).name,
                                  text))
    return rubrics, skipped


def folder_certificates(folder: Path) -> list[TeamCertificate]:
    trust = load_trust(folder)
    found: list[TeamCertificate] = []
    for pem in trust.pems:  # team-*.pem files pulled from the store count like any other
        for info in read_certificates(pem):
            found.append(TeamCertificate(info.fingerprint, info.name, info.email, info.pem))
    return found


def publish_library(client: TeamClient, rubric_folder: Path, trust_folder: Path
                    ) -> LibraryReport:
    if not trust_folder.is_dir():
        raise TeamError(f"The trust folder {trust_folder} does not exist; nothing was "
                        "published (an empty trust list would retire every interviewer).")
    rubrics, skipped = folder_rubrics(rubric_folder)
    certificates = folder_certificates(trust_folder)
    if not certificates:
        raise TeamError(f"The trust folder {trust_folder} holds no certificate; nothing was "
                        "published (an empty trust list would retire every interviewer).")
    new_rubrics = client.publish_rubrics(rubrics)
    new_certificates = client.publish_certificates(certificates)
    retired = client.retire_certificates(c.fingerprint for c in certificates)
    return LibraryReport(len(rubrics), new_rubrics, len(certificates), new_certificates,
                         retired, tuple(skipped))


def pull_rubrics(client: TeamClient, folder: Path) -> list[Path]:
    """Write the team's newest rubric files into `folder` where they differ; which changed."""
    changed: list[Path] = []
    for rubric in client.rubrics():
        name = Path(rubric.file_name).name
        target = folder / name
        try:
            current = target.read_text(encoding="utf-8") if target.exists() else None
        except (OSError, UnicodeDecodeError):
            current = None
        if current != rubric.text:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                write_text_atomic(target, rubric.text, "\n")
            except OSError as exc:
                raise TeamError(f"Cannot write the team rubric {target}: {exc.strerror}."
                                ) from None
            changed.append(target)
    return changed


TEAM_CERT_PREFIX = "team-"


def pull_trust(client: TeamClient, folder: Path) -> tuple[int, int]:
    """The team's live trust list into `folder` as `team-<fingerprint>.pem` files, those of
    retired certificates removed; (written, removed). Other files are left alone."""
    live = {f"{TEAM_CERT_PREFIX}{c.fingerprint[:16]}.pem": c.pem for c in client.certificates()}
    written = removed = 0
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, pem in live.items():
            target = folder / name
            if not target.exists() or target.read_bytes() != pem:
                target.write_bytes(pem)
                written += 1
        for old in folder.glob(f"{TEAM_CERT_PREFIX}*.pem"):
            if old.name not in live:
                old.unlink()
                removed += 1
    except OSError as exc:
        raise TeamError(f"Cannot update the trust folder {folder}: {exc.strerror}.") from None
    return written, removed
