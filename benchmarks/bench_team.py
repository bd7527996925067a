"""The team store on a throwaway PostgreSQL cluster: publish latency, `team status` over
100,000 interviews, and a 100-candidate merge from the store against the same from files.

    .venv/bin/python benchmarks/bench_team.py [--runs 15] [--interviews 100000]
        [--candidates 100] [--merge-runs 1]

Baselines run in the same process: one round trip to the server (`SELECT 1`) for the
reads, exporting the card (render, sign, write) for publishing it, and the same
per-candidate merge from files for the merge from the store. The server runs on this
machine: a real network adds its round trips.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks._table import grid, timings_ms  # noqa: E402
from benchmarks.bench_merge import make_cards  # noqa: E402

STATES = ("scheduled", "in_progress", "ended", "submitted", "published")


def _ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.0f} ms"


def _fill_interviews(admin_url: str, count: int) -> None:
    import psycopg

    rng = random.Random(20261202)
    today = date.today()
    with psycopg.connect(admin_url) as root, root.cursor() as cursor, cursor.copy(
        "COPY scorer_team.interviews (key, candidate_name, candidate_email, kind, "
        "interviewer_email, scheduled_for, state, version) FROM STDIN"
    ) as copy:
        for n in range(count):
            copy.write_row((f"bulk:{n}", f"Candidate {n // 4}", f"c{n // 4}@example.com",
                            ("coding", "math", "model-parallel", "optimisation")[n % 4],
                            f"i{n % 400}@example.com",
                            today - timedelta(days=rng.randrange(0, 365)),
                            rng.choices(STATES, (1, 1, 1, 1, 30))[0], 1))


def _load_cards(admin_url: str, trust_folder: Path, files: list[Path]) -> None:
    """The sample cards into the store as their interviewers would have published them."""
    import psycopg

    from scorer.services.team.library import folder_certificates
    from scorer.services.team.trust import card_facts, team_trust

    certificates = folder_certificates(trust_folder)
    trust = team_trust(certificates)
    with psycopg.connect(admin_url) as root:
        for cert in certificates:
            root.execute("INSERT INTO scorer_team.certificates (fingerprint, name, email, pem) "
                         "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                         (cert.fingerprint, cert.name, cert.email, cert.pem.decode()))
        for number, path in enumerate(files):
            pdf = path.read_bytes()
            facts = card_facts(pdf, f"cards:{number}", trust)
            root.execute(
                "INSERT INTO scorer_team.interviews (key, candidate_name, candidate_email, "
                "kind, interviewer_email, scheduled_for, state, version) VALUES "
                "(%s, %s, %s, %s, %s, current_date, 'submitted', 1)",
                (facts.interview_key, facts.candidate_email, facts.candidate_email, facts.kind,
                 facts.interviewer_email))
            root.execute(
                "INSERT INTO scorer_team.cards (sha256, interview_key, candidate_email, kind, "
                "interviewer_email, fingerprint, recommendation, card_json, pdf) VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (facts.sha256, facts.interview_key, facts.candidate_email, facts.kind,
                 facts.interviewer_email, facts.fingerprint, facts.recommendation,
                 facts.card_json, pdf))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--interviews", type=int, default=100_000)
    parser.add_argument("--candidates", type=int, default=100)
    parser.add_argument("--merge-runs", type=int, default=1)
    args = parser.parse_args()

    from tests.support.pg_cluster import server_bin, start_cluster

    folder = server_bin()
    if folder is None:
        print("skipped: PostgreSQL's server programs are not installed (apt package "
              "postgresql; `.ci/system-deps.sh test` installs it).")
        return 0
    work = Path(tempfile.mkdtemp(prefix="scorer-bench-team-"))
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.keyrings.FileKeyring"
    os.environ["SCORER_TEST_KEYRING"] = str(work / "keyring.json")
    os.environ["SCORER_HOME"] = str(work / "home")
    import keyring

    from tests.support.keyrings import FileKeyring

    keyring.set_keyring(FileKeyring())
    cluster = start_cluster(folder)
    try:
        rows = run(args, cluster, work)
    finally:
        cluster.remove()
        shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(grid(("measurement", "median", "runs", "ratio"), rows))
    print(f"{os.cpu_count()} CPUs, load average {load:.2f} at the end; PostgreSQL on this "
          "machine")
    return 0


def run(args: argparse.Namespace, cluster: object, work: Path) -> list[tuple[str, ...]]:
    from scorer.domain.team import Role, TeamCertificate
    from scorer.services.merge import MergeService
    from scorer.services.team.access import connect_profile
    from scorer.services.team.merge import download_cards
    from scorer.services.team.publish import Publisher
    from scorer.services.team.status import team_status
    from scorer.team import admin
    from scorer.team.client import TeamClient
    from scorer.team.connection import connect
    from scorer.team.migrate import init_team
    from tests.services.factories import make_rubric
    from tests.team.profiles import make_profile

    cluster.create_database("bench")  # type: ignore[attr-defined]
    admin_url = cluster.admin_url("bench")  # type: ignore[attr-defined]
    init_team(admin_url)
    with connect(admin_url) as root:
        admin.add_member(root, "ann@example.com", "Ann", "ann@example.com", Role.INTERVIEWER,
                         "pw")
        admin.add_member(root, "lee@example.com", "Lee", "lee@example.com", Role.LEAD, "pw")
    rows: list[tuple[str, ...]] = []

    # Publishing: one submitted interview's status and card, against exporting the card.
    ann = make_profile(work, "Ann", "ann@example.com")
    cert = ann.who.certificate
    lead = TeamClient(cluster.url("bench", "lee@example.com"), "pw")  # type: ignore[attr-defined]
    lead.publish_certificates([TeamCertificate(cert.fingerprint, cert.name, cert.email,
                                               cert.pem)])
    connect_profile(ann.store, cluster.url("bench", ann.email), "pw")  # type: ignore[attr-defined]
    rubric = make_rubric()
    publisher = Publisher(ann.store)
    ping, exports, publishes = [], [], []
    with TeamClient(cluster.url("bench", ann.email), "pw") as client:  # type: ignore[attr-defined]
        client.whoami()
        for n in range(args.runs + 1):
            interview = ann.schedule(f"Cand {n}", f"cand{n}@example.com", rubric)
            ann.conduct(interview, rubric)
            start = time.perf_counter()
            ann.export(interview, work / "cards")
            exported = time.perf_counter()
            report = publisher.flush(client)
            done = time.perf_counter()
            assert report.sent >= 2 and not report.refused, report
            exports.append((exported - start) * 1000)
            publishes.append((done - exported) * 1000)
        for _ in range(args.runs):
            ping += timings_ms(lambda: client.whoami(), 1)
    ann.close()
    exports, publishes = exports[1:], publishes[1:]  # the first warms the caches
    export_ms, publish_ms = statistics.median(exports), statistics.median(publishes)
    ping_ms = statistics.median(ping)
    rows += [
        ("one round trip (whoami), baseline for reads", _ms(ping_ms), str(args.runs), "1.0x"),
        ("export a card (render, sign, write), baseline", _ms(export_ms), str(args.runs),
         "1.0x"),
        ("publish it: status + card (verify, send, ack)", _ms(publish_ms), str(args.runs),
         f"{publish_ms / export_ms:.2f}x export"),
    ]

    # `team status` over many interviews, as the lead.
    _fill_interviews(admin_url, args.interviews)
    with connect(admin_url, autocommit=True) as root:
        root.execute("ANALYZE scorer_team.interviews")
    today = date.today()
    first = timings_ms(lambda: team_status(lead, today, 50), args.runs)
    every = timings_ms(lambda: team_status(lead, today, None), max(3, args.runs // 5))
    rows += [
        (f"team status, {args.interviews:,} interviews, first 50 rows",
         _ms(statistics.median(first)), str(len(first)),
         f"{statistics.median(first) / ping_ms:.0f}x round trip"),
        (f"team status, {args.interviews:,} interviews, every row",
         _ms(statistics.median(every)), str(len(every)),
         f"{statistics.median(every) / ping_ms:.0f}x round trip"),
    ]

    # A per-candidate merge: from files, and from the store.
    print(f"signing {4 * args.candidates} sample cards…", file=sys.stderr)
    trust, by_candidate = make_cards(work / "sample", args.candidates)
    files = [p for paths in by_candidate.values() for p in paths]
    _load_cards(admin_url, trust, files)
    from scorer.services import identity

    chair = identity.create("Lee", "lee@example.com")
    (trust / "lee.pem").write_bytes(chair.certificate.pem)
    count = len(by_candidate)

    def from_files() -> None:
        target = work / "out-files"
        shutil.rmtree(target, ignore_errors=True)
        with MergeService(trust) as service:
            paths = service.expand([work / "sample" / "cards"])
            service.start_workers(len(paths))
            service.build_per_candidate(service.check(paths), target)

    def from_store() -> None:
        target = work / "out-store"
        shutil.rmtree(target, ignore_errors=True)
        with tempfile.TemporaryDirectory(dir=work) as scratch:
            team = download_cards(lead, Path(scratch))
            with MergeService(team.trust) as service:
                paths = service.expand([team.cards])
                service.start_workers(len(paths))
                service.build_per_candidate(service.check(paths), target)

    download = timings_ms(lambda: download_cards(lead, Path(tempfile.mkdtemp(dir=work))),
                         max(1, args.merge_runs))
    files_ms = statistics.median(timings_ms(from_files, args.merge_runs))
    store_ms = statistics.median(timings_ms(from_store, args.merge_runs))
    rows += [
        (f"merge {count} candidates ({len(files)} cards) from files, baseline",
         _ms(files_ms), str(args.merge_runs), "1.0x"),
        (f"download + verify {len(files)} cards from the store", _ms(statistics.median(download)),
         str(len(download)), f"{statistics.median(download) / files_ms:.2f}x"),
        (f"merge {count} candidates from the store", _ms(store_ms), str(args.merge_runs),
         f"{store_ms / files_ms:.2f}x"),
    ]
    lead.close()
    return rows


if __name__ == "__main__":
    sys.exit(main())
