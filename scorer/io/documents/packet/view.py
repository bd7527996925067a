"""What the panel packet's summary is drawn from, and the banner over each card page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from scorer.domain.panel import Panel
from scorer.io.documents.scorecard import PageSize


@dataclass(frozen=True, slots=True)
class PacketNumbers:
    """What depends on the summary's length, which is known only once it is laid out."""

    card_pages: tuple[tuple[int, int], ...]  # packet pages (1-based) of each interview's card
    digest: str  # SHA-256 of the embedded packet document, which lists those pages


@dataclass(frozen=True, slots=True)
class PacketView:
    panel: Panel
    merger_name: str
    merger_email: str
    merged_at: datetime
    numbers: Callable[[int], PacketNumbers]  # from the summary's own page count
    card_page_total: int  # pages after the summary
    attachments: tuple[str, ...]  # each interview's original, as attached
    banners: tuple[BannerPage, ...] = ()
    page_size: PageSize = "A4"


@dataclass(frozen=True, slots=True)
class BannerPage:
    """The strip over one page of an original card."""

    size: tuple[float, float]
    signer: str
    signer_email: str
    signed_at: datetime | None
    verified_at: datetime
    card: int  # 1-based, of `cards`
    cards: int
    page: int  # 1-based, of `pages` of this card
    pages: int
