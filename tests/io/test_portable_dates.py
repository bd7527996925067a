"""Documents render where `strftime` knows only the C89 directives (as on Windows).

glibc also accepts extensions such as `%-d`; Windows raises ValueError for them. Here
`time.strftime`, which `datetime.strftime` and date formatting call, is narrowed to the
C89 set while a scorecard, a packet and a cohort report are rendered, so a new
glibc-only directive fails on Linux too.
"""

from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from scorer.domain.dates import utc_day, utc_day_time
from scorer.domain.scorecard import scorecard_from_detail
from scorer.io.documents.scorecard import render_scorecard
from scorer.services import identity
from scorer.services.merge import MergeService
from tests.support import fixtures
from tests.support.panel_cards import signed_cards
from tests.support.sample import submitted_detail

memory_keyring = fixtures.memory_keyring

C89 = frozenset("aAbBcdHIjmMpSUwWxXyYZ%")
_DIRECTIVE = re.compile(r"%(.?)")


def _c89_only(original: Callable[..., str]) -> Callable[..., str]:
    def strftime(format: str, *args: Any) -> str:
        for directive in _DIRECTIVE.findall(format):
            if directive not in C89:
                raise ValueError(f"Invalid format string {format!r}: %{directive} is not C89")
        return original(format, *args)
    return strftime


@pytest.fixture
def c89_strftime(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "strftime", _c89_only(time.strftime))


class InlinePool:
    """The merge's worker pool, run in this process so that the narrowed strftime applies."""

    size = 1

    def start(self, count: int | None = None) -> None:
        pass

    def close(self) -> None:
        pass

    def run(self, function: Callable[[Any], Any], arguments: Sequence[Any], timeout: float,
            on_result: Callable[[int, Any], None] | None = None,
            cancel: threading.Event | None = None) -> list[Any]:
        results = []
        for index, argument in enumerate(arguments):
            results.append(function(argument))
            if on_result is not None:
                on_result(index, results[-1])
        return results


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
                    .split())


def test_the_narrowed_strftime_refuses_glibc_extensions(c89_strftime: None) -> None:
    moment = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)
    with pytest.raises(ValueError, match="%-"):
        moment.strftime("%-d %b")
    with pytest.raises(ValueError, match="%e"):
        f"{moment:%e}"
    assert moment.strftime("%d %b %Y %H:%M %%") == "04 Mar 2026 05:06 %"


def test_dates_are_written_without_strftime_or_the_locale(c89_strftime: None) -> None:
    moment = datetime(2026, 3, 4, 23, 6, tzinfo=UTC)
    assert utc_day(moment) == "4 Mar 2026"
    assert utc_day(moment, long_month=True) == "4 March 2026"
    assert utc_day_time(moment) == "4 Mar 2026 23:06 UTC"
    assert utc_day_time(moment, separator=", ") == "4 Mar 2026, 23:06 UTC"


def test_a_scorecard_renders(c89_strftime: None) -> None:
    detail = submitted_detail()
    card = scorecard_from_detail(detail, "ab" * 32, datetime(2026, 11, 20, 15, 5, tzinfo=UTC))
    text = _text(render_scorecard(card).pdf)
    assert "20 November 2026" in text
    assert "20 Nov 2026, 15:05 UTC" in text


def test_a_packet_and_a_cohort_report_render(
    c89_strftime: None, memory_keyring: object, scorer_home: Path, tmp_path: Path
) -> None:
    chair = identity.create("Panel Chair", "chair@example.com")
    cards = signed_cards()
    trust = tmp_path / "trust"
    shutil.copytree(cards.trust, trust)
    (trust / "chair.pem").write_bytes(chair.certificate.pem)
    service = MergeService(trust, pool=InlinePool())  # type: ignore[arg-type]
    result = service.build_per_candidate(service.check(service.expand([cards.folder])),
                                         tmp_path / "out")
    assert len(result.packets) > 1 and result.report is not None
    packet_text = _text(result.packets[0].path.read_bytes())
    assert re.search(r"\b\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d UTC", packet_text), packet_text[:500]
    assert "Cohort" in _text(result.report.read_bytes())
