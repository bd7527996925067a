"""What the app asks of signing: export a scorecard, and the user's signing identity.

The export stack (reportlab, pyHanko, keyring) loads on the first use, not at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scorer.services.export import ExportResult, ExportService, PageSize
    from scorer.services.identity import Identity
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
            from scorer.services.export import ExportService, Signer, StoreSigningRecords

            self._export = ExportService(StoreSigningRecords(self._store), Signer(self._home))
        return self._export.export_interview(interview_id, path, page_size)

    def needs_identity(self) -> bool:
        from scorer.services import identity

        return identity.needs_first_run(self._home)

    def create_identity(self, name: str, email: str) -> Identity:
        """This user's first identity; refused while they have one (never replaced here)."""
        from scorer.services import identity

        return identity.create(name, email, home=self._home)

    def current_identity(self) -> Identity | None:
        from scorer.services import identity
        from scorer.services.identity import IdentityError

        try:
            return identity.show(self._home, check_key=False)
        except IdentityError:
            return None

    def retired_identities(self) -> list[Identity]:
        from scorer.services import identity

        return identity.retired(self._home)

    def export_certificates(self, target: Path) -> list[Identity]:
        """The active certificate and each retired one that signs cards, into `target`."""
        from scorer.services import identity_records

        return identity_records.export_certificates(target, self._store, self._home)
