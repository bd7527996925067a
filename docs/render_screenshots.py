"""Render Scorer's main screens offscreen, with demo data, into docs/screenshots/*.png.

    .venv/bin/python docs/render_screenshots.py [--dark]

The clock is fixed, so the live view is shown exactly at minute 23.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shots import grab, start_app  # the offscreen platform is chosen there, first

from scorer.paths import bundled_rubrics_dir
from scorer.services.demo import fill_demo
from scorer.services.interviews import InterviewService
from scorer.services.rubrics.library import load_library
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.services.store import open_local_store
from scorer.ui.main_window import MainWindow

SIZES = {"": (1280, 800), "-small": (1024, 640)}


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


def main(argv: list[str]) -> int:
    suffix = start_app(argv)

    home = Path(tempfile.mkdtemp(prefix="scorer-shots-"))
    store = open_local_store(home)
    library = load_library(bundled_rubrics_dir())
    clock = Clock(datetime(2026, 11, 26, 13, 30, tzinfo=UTC))
    fill_demo(store, library.rubrics, candidates=8, clock=clock)
    service = InterviewService(store, clock)
    coding = library.get("coding")
    assert coding is not None

    candidate = service.add_candidate("Amara Okafor", "amara.okafor@example.com")
    new_id = service.create_interview(
        candidate.id, coding, "Yara Lindholm", "yara.lindholm@example.com"
    ).interview_id
    service.tick_prep_item(new_id, coding.prep[0].id)
    service.tick_prep_item(new_id, coding.prep[1].id)

    window = MainWindow(service, RubricWorkspaceService(bundled_rubrics_dir()))
    for tag, size in SIZES.items():
        window.show_list()
        grab(window, f"start-screen{tag}{suffix}", size)
        window.open_interview(new_id)
        grab(window, f"before-start{tag}{suffix}", size)

    # Live at minute 23: the interviewer has asked two questions and scored a little.
    service.start(new_id)
    clock.advance(2)
    service.mark_question_asked(new_id, "distributed-dataloader")
    service.write_question_note(
        new_id, "distributed-dataloader",
        "Chose multiprocessing with a Manager queue; sketched a Proxy client first.",
    )
    clock.advance(9)
    service.write_general_notes(
        new_id,
        "[02:05] Connected over SSH with VS Code, shared screen.\n"
        "[06:40] ABC for the server, concrete ProcessServer; clean interface.\n"
        "[11:10] Bounded queue for prefetch; explained why maxsize matters.",
    )
    service.score_dimension(new_id, "python-oop", 3)
    service.write_evidence(
        new_id, "python-oop", "ABC with start/stop/get_item; client depends on the interface."
    )
    service.score_dimension(new_id, "parallel-paradigms", 3)
    clock.advance(12)
    window.open_interview(new_id)
    assert window.interview_page is not None
    window.interview_page.live.questions.select("distributed-dataloader")
    for tag, size in SIZES.items():
        grab(window, f"live-minute-23{tag}{suffix}", size)

    # The submit check, with what is still missing named.
    service.end(new_id)
    window.open_interview(new_id)
    page = window.interview_page
    assert page is not None
    dialog = page.open_submit_dialog()
    for tag, size in SIZES.items():
        grab(window, f"finished{tag}{suffix}", size)
    grab(dialog, f"submit-check{suffix}")
    dialog.close()

    # Complete and submit: the read-only view.
    for dimension in coding.dimensions:
        if service.get_interview(new_id).score(dimension.id).score is None:
            service.score_dimension(new_id, dimension.id, 3)
    service.set_recommendation(new_id, "yes")
    service.write_summary_note(
        new_id,
        "Solid engineer: clean abstractions, correct producer-consumer design, debugged "
        "methodically. Hesitated on asyncio cancellation.",
    )
    service.submit(new_id)
    window.open_interview(new_id)
    for tag, size in SIZES.items():
        grab(window, f"submitted{tag}{suffix}", size)
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
