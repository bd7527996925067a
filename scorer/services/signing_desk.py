"""What the app asks of signing: export a scorecard, and the user's signing identity.

The PDF stack (reportlab, pyHanko) loads when the first card is signed (`services.export`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scorer.services import identity, identity_records
from scorer.services.export import ExportResult, ExportService, PageSize, Signer
from scorer.services.export_records import StoreSigningRecords
from scorer.services.identity import Identity, IdentityError

if TYPE_CHECKING:
    from scorer.storage import Store


class SigningDesk:
    def __init__(self, store: Store, home: Path | None = None) -> None:
        self._store = store
        self._home = home
        self._export: ExportService | None = None

    def export_interview(
        self, interview_id: int, path: Path, page_size: PageSize = "A4"
    ) -> ExportResult:
        if self._export is None:
            self._export = ExportService(StoreSigningRecords(self._store), Signer(self._home))
        return self._export.export_interview(interview_id, path, page_size)

    def needs_identity(self) -> bool:
        return identity.needs_first_run(self._home)

    def create_identity(self, name: str, email: str) -> Identity:
        """This user's first identity; refused while they have one (never replaced here)."""
        return identity.create(name, email, home=self._home)

    def current_identity(self) -> Identity | None:
        try:
            return identity.show(self._home, check_key=False)
        except IdentityError:
            return None

    def retired_identities(self) -> list[Identity]:
        return identity.retired(self._home)

    def export_certificates(self, target: Path) -> list[Identity]:
        """The active certificate and each retired one that signs cards, into `target`."""
        return identity_records.export_certificates(target, self._store, self._home)
