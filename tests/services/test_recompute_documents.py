"""An independent recomputation: every printed number follows from the embedded JSON.

The numbers are recomputed here in plain Python from the JSON the documents carry
(each original card's scorecard.json inside a packet; the cohort report's own data),
without Scorer's domain functions, and compared with the text of the pages as
poppler's pdftotext reads it. Krippendorff's α is recomputed by brute force over
every pair of values, not through a coincidence matrix.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
import subprocess
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from statistics import NormalDist
from typing import Any

import pytest
from pypdf import PdfReader

from scorer.domain.panel import PanelCard, RejectedInput
from scorer.domain.scorecard import scorecard_from_detail
from scorer.services.merge.build import BuildRequest, Merger, VerifiedCard, build_packet
from scorer.services.merge.cohort import cohort_files
from scorer.services.verify import load_trust, verify_file
from tests.domain.test_panel import KINDS, detail
from tests.support.panel_cards import NOW, Person, person, sample_details, sign_detail

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


def pdftotext(pdf: Path, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return text.replace("\u00a0", " ")


def flat(text: str) -> str:
    return " ".join(text.split())


def attachments(pdf: bytes) -> dict[str, bytes]:
    return {name: values[0] for name, values in PdfReader(BytesIO(pdf)).attachments.items()}


# -- recomputation, from JSON only ---------------------------------------------------------

def card_score(card: dict[str, Any]) -> tuple[float | None, float | None, int | None, str]:
    """(fraction, mean on the common scale, its top, the nearest level's label)."""
    dims = {d["id"]: d for d in card["rubric"]["snapshot"]["dimensions"]}
    used = []
    for entry in card["scores"]:
        d = dims.get(entry["dimension_id"])
        scores = [lv["score"] for lv in d["levels"]] if d else []
        if d is None or entry["score"] not in scores:
            continue
        used.append((d["weight"], entry["score"], min(scores), max(scores), d))
    if not used:
        return None, None, None, ""
    total = sum(w for w, *_ in used)
    fraction = sum(w * (s - lo) / (hi - lo) for w, s, lo, hi, _ in used) / total
    if len({(lo, hi) for _, _, lo, hi, _ in used}) != 1:
        return fraction, None, None, ""
    mean = round(sum(w * s for w, s, *_ in used) / total, 1)
    top = used[0][3]
    labels: dict[int, list[str]] = {}
    for d in dims.values():
        for lv in d["levels"]:
            labels.setdefault(lv["score"], []).append(lv["label"])
    nearest = min(labels, key=lambda s: (abs(s - mean), s))
    names = labels[nearest]
    label = max(dict.fromkeys(names), key=names.count)
    return fraction, mean, top, label


def pct(value: float) -> str:
    return f"{round(value * 100)} %"


def ordinal_alpha(units: Sequence[Sequence[float]]) -> tuple[float | None, int, int]:
    """(α, pairable units, pairable values), by brute force over pairs of values."""
    pairable = [list(u) for u in units if len(u) >= 2]
    pooled = [v for u in pairable for v in u]
    n = len(pooled)
    if not pairable:
        return None, 0, 0
    counts = {v: pooled.count(v) for v in set(pooled)}
    order = sorted(counts)

    def delta(c: float, k: float) -> float:
        if c == k:
            return 0.0
        lo, hi = sorted((order.index(c), order.index(k)))
        between = sum(counts[order[g]] for g in range(lo, hi + 1))
        return (between - (counts[c] + counts[k]) / 2) ** 2

    observed = sum(delta(u[i], u[j]) / (len(u) - 1)
                   for u in pairable for i in range(len(u)) for j in range(len(u)) if i != j) / n
    expected = sum(delta(pooled[i], pooled[j])
                   for i in range(n) for j in range(n) if i != j) / (n * (n - 1))
    return (None if expected == 0 else 1 - observed / expected), len(pairable), n


def least_values(levels: int) -> int:
    """Krippendorff's sample-size formula: two coders, α_min .667, p .05, p_c = 1/levels."""
    z = NormalDist().inv_cdf(0.95)
    p, a = 1 / levels, 0.667
    return math.ceil(2 * z * z * ((1 + a) * (3 - a) / (4 * (1 - a) * p * (1 - p)) - a) - 1e-9)


# -- the packet ----------------------------------------------------------------------------

SPEC = [("coding", {"python-oop": 3, "working-code": None}, "yes", "Yara Lindholm"),
        ("model-parallel", {}, "yes", "Gideon Mwangi"),
        ("math", {"ml-dl-theory": 1, "linear-algebra": 1, "probability-estimation": 1,
                  "whiteboard-communication": 1}, "no", "Samira Qureshi")]


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("packet")
    trust = folder / "trust"
    trust.mkdir()
    chair = person("Panel Chair", "chair@example.com")
    (trust / "chair.pem").write_bytes(chair.pem)
    entries = []
    for n, (kind, levels, reco, who) in enumerate(SPEC, 1):
        d = detail(kind, levels, reco=reco, interviewer=who, interview_id=n,
                   candidate="Noor Haddad", email="noor@example.com")
        signer = person(who, d.interviewer.email)
        (trust / f"{kind}.pem").write_bytes(signer.pem)
        path = folder / f"{kind}.pdf"
        path.write_bytes(sign_detail(d, signer))
        found = verify_file(path, load_trust(trust))
        assert found.ok and found.scorecard is not None
        data = path.read_bytes()
        entries.append(VerifiedCard(PanelCard(path.name, found.scorecard, found.signer,
                                              found.signed_at, NOW,
                                              hashlib.sha256(data).hexdigest()), data))
    rejected = (RejectedInput("forged.pdf", "TAMPERED", "the content changed after signing",
                              "Noor Haddad"),)
    built = build_packet(BuildRequest(tuple(entries), rejected, _merger(chair), NOW, "A4",
                                      KINDS))
    target = folder / "packet.pdf"
    target.write_bytes(built.pdf)
    return target


def _merger(someone: Person) -> Merger:
    return Merger(someone.name, someone.email, someone.fingerprint, someone.made.key_pem,
                  someone.pem)


def test_every_number_of_the_packet_follows_from_the_cards_json(packet: Path) -> None:
    files = attachments(packet.read_bytes())
    document = json.loads(files["scorer-packet.json"])
    cards = [json.loads(attachments(files[ref["attachment"]])["scorecard.json"])
             for ref in document["cards"]]
    text = flat(pdftotext(packet))
    scores = [card_score(c) for c in cards]
    fractions = [f for f, *_ in scores if f is not None]
    overall = sum(fractions) / len(fractions)
    mean = overall
    sd = math.sqrt(sum((f - mean) ** 2 for f in fractions) / len(fractions))

    # The headline: overall (partial: optimisation is missing), range and spread.
    assert "OVERALL SCORE · PARTIAL" in text and f"{pct(overall)} partial" in text
    assert f"Interviews range {pct(min(fractions))}–{pct(max(fractions))}, SD " \
        f"{round(sd * 100)} points" in text
    assert document["overall"]["fraction"] == pytest.approx(overall, abs=1e-6)
    held = {c["rubric"]["id"] for c in cards}
    missing = [k.title for k in KINDS if k.id not in held]
    assert f"{len(missing)} of {len(KINDS)} interviews missing: {missing[0]}" in text
    # Recommendations.
    hires = sum(1 for c in cards if c["recommendation"] and c["recommendation"]["hire"])
    nos = sum(1 for c in cards if c["recommendation"] and not c["recommendation"]["hire"])
    assert f"{hires} hire · {nos} no hire" in text
    # Each interview: its score line, leading with the nearest level's label, and its bar.
    for card, (fraction, value, top, label) in zip(cards, scores, strict=True):
        assert fraction is not None and value is not None
        assert f"{label} · {value:.1f} / {top}" in text
        assert f"{pct(fraction)}" in text
        scored = sum(1 for s in card["scores"] if s["score"] is not None)
        if scored < len(card["scores"]):
            assert f"({scored} of {len(card['scores'])} scored)" in text
    # Shared competencies, in levels of the common scale.
    shared: dict[str, list[tuple[int, list[int]]]] = {}
    for card in cards:
        dims = {d["id"]: d for d in card["rubric"]["snapshot"]["dimensions"]}
        for entry in card["scores"]:
            d = dims[entry["dimension_id"]]
            if d.get("competency") and entry["score"] is not None:
                levels = sorted(lv["score"] for lv in d["levels"])
                shared.setdefault(d["competency"], []).append((entry["score"], levels))
    for scores_ in shared.values():
        if len(scores_) < 2:
            continue
        assert len({tuple(levels) for _, levels in scores_}) == 1
        ranks = [levels.index(s) for s, levels in scores_]
        gap = max(ranks) - min(ranks)
        flagged = [f for f in document["flags"] if f["kind"] == "level-gap"]
        if gap >= 2:
            assert any(f"{gap} levels apart" in f["title"] for f in flagged)
            assert f"{gap} levels apart" in text
    # Page numbers and file names agree with the attachments.
    reader = PdfReader(packet)
    for ref in document["cards"]:
        assert ref["first_page"] <= ref["last_page"] <= len(reader.pages)
        assert hashlib.sha256(files[ref["attachment"]]).hexdigest() == ref["sha256"]


# -- the cohort report ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """45 sample candidates (one of them with three interviews): enough data for α."""
    from scorer.domain.panel import build_panel

    folder = tmp_path_factory.mktemp("cohort")
    chair = person("Panel Chair", "chair@example.com")
    groups: dict[str, list[PanelCard]] = {}
    for d in sample_details(45):
        card = scorecard_from_detail(d, "ab" * 32, NOW)
        groups.setdefault(d.candidate.email, []).append(PanelCard(
            f"{d.rubric.id}-{d.id}.pdf", card, d.interviewer.name, NOW, NOW,
            hashlib.sha256(f"{d.id}".encode()).hexdigest()))
    panels = []
    for index, entries in enumerate(groups.values()):
        panels.append(build_panel(entries[:3] if index == 2 else entries, (), KINDS))
    packets = [(f"p{n}-packet.pdf", hashlib.sha256(str(n).encode()).hexdigest())
               for n in range(len(panels))]
    files = cohort_files(panels, packets, (), _merger(chair), NOW, KINDS)
    target = folder / "cohort-report.pdf"
    target.write_bytes(files.pdf)
    return target


def _signed(value: float, unit: str, scale: float = 1.0, digits: int = 0) -> str:
    shown = round(value * scale, digits)
    if shown == 0:
        return f"±0{unit}"
    return f"{'+' if shown > 0 else '−'}{abs(shown):.{digits}f}{unit}"


def _three(value: float) -> str:
    shown = f"{abs(value):.3f}".lstrip("0")
    return f"−{shown}" if value < 0 else shown


def test_every_number_of_the_cohort_report_follows_from_its_json(report: Path) -> None:
    doc = json.loads(attachments(report.read_bytes())["scorer-cohort.json"])
    layout = pdftotext(report, layout=True)
    text = flat(pdftotext(report))

    def fraction(card: dict[str, Any]) -> float | None:
        used = [(d["weight"], d["score"], min(d["levels"]), max(d["levels"]))
                for d in card["dimensions"] if d["score"] is not None]
        if not used:
            return None
        return sum(w * (s - lo) / (hi - lo) for w, s, lo, hi in used) / sum(w for w, *_ in used)

    # Candidates: overall, interviews held of those expected, hire · no, in ranked order.
    every: list[float] = []
    rows = []
    for c in doc["candidates"]:
        fs = [fraction(card) for card in c["cards"]]
        assert fs == pytest.approx([card["fraction"] for card in c["cards"]], abs=1e-6)
        scored = [f for f in fs if f is not None]
        every += scored
        overall = sum(scored) / len(scored)
        held = {card["rubric_id"] for card in c["cards"]}
        partial = any(k["id"] not in held for k in doc["expected"])
        hires = sum(1 for card in c["cards"]
                    if card["recommendation"] and card["recommendation"]["hire"])
        nos = sum(1 for card in c["cards"]
                  if card["recommendation"] and not card["recommendation"]["hire"])
        row = (rf"{re.escape(c['name'])}\s+{round(overall * 100)}\s*%\s+"
               rf"{len(c['cards'])} of {len(doc['expected'])}\s+{hires}\s*·\s*{nos}")
        assert re.search(row, layout), row
        rows.append((partial, -overall))
    assert rows == sorted(rows)  # complete panels first, each by score
    assert sum(1 for partial, _ in rows if partial) == 1
    assert "Incomplete panels: partial scores" in text
    mean = sum(every) / len(every)
    assert f"The cohort's mean over every card is {pct(mean)}" in text

    # Interviewers: cards, mean ± sd, vs cohort, vs co-raters in levels.
    by_email: dict[str, list[float]] = {}
    for c in doc["candidates"]:
        for card in c["cards"]:
            by_email.setdefault(card["interviewer_email"], []).append(fraction(card) or 0.0)
    offsets = _co_rater_offsets(doc)
    for s in doc["interviewers"]:
        fs = by_email[s["email"]]
        m = sum(fs) / len(fs)
        sd = math.sqrt(sum((f - m) ** 2 for f in fs) / len(fs))
        own = offsets[s["email"]]
        row = (rf"{re.escape(s['name'])}\s+{len(fs)}\s+{round(m * 100)}\s*%\s*±\s*"
               rf"{round(sd * 100)}\s+{re.escape(_signed(m - mean, ' pts', 100))}\s+"
               rf"{re.escape(_signed(sum(own) / len(own), ' levels', digits=1))}\s+"
               rf"\(n={len(own)}\)")
        assert re.search(row.replace(r"\ ", r"\s*"), layout), row

    # α per shared dimension, by brute force, with its counts and the least data it needs.
    shown = 0
    for r in doc["reliabilities"]:
        units = [[float(d["score"]) for card in c["cards"] for d in card["dimensions"]
                  if d["key"] == r["key"] and d["score"] is not None]
                 for c in doc["candidates"]]
        value, n_units, n_values = ordinal_alpha(units)
        levels = max(len(d["levels"]) for c in doc["candidates"] for card in c["cards"]
                     for d in card["dimensions"] if d["key"] == r["key"])
        needed = least_values(levels)
        assert (r["units"], r["pairable"], r["required"]) == (n_units, n_values, needed)
        if n_values < needed:
            assert r["alpha"] is None
            assert (f"not enough data: {n_values} values from {n_units} candidates; "
                    f"{needed} needed") in text
            continue
        assert value is not None and r["alpha"] == pytest.approx(value, abs=1e-6)
        shown += 1
        interval = r["interval"]
        assert interval["low"] <= value <= interval["high"]
        assert (f"{n_units} {n_values} {_three(value)}") in text
        assert (f"95 % CI {_three(interval['low'])} to {_three(interval['high'])}") in text
        assert f"P(α < .667) = {round(interval['below_min'] * 100)} %" in text
    assert shown >= 1  # the sample has enough data for at least one dimension
    assert f"{least_values(4)} pairable values on a four-level scale" in text


def _co_rater_offsets(doc: dict[str, Any]) -> dict[str, list[float]]:
    """Per interviewer: level minus the co-raters' mean, in levels, per shared rating."""
    out: dict[str, list[float]] = {}
    for c in doc["candidates"]:
        shared: dict[str, list[tuple[str, int, list[int]]]] = {}
        for card in c["cards"]:
            for d in card["dimensions"]:
                if "/" not in d["key"] and d["score"] is not None:
                    shared.setdefault(d["key"], []).append(
                        (card["interviewer_email"], d["score"], sorted(d["levels"])))
        for scores in shared.values():
            if len(scores) < 2:
                continue
            if len({tuple(lv) for *_, lv in scores}) == 1:
                positions = [float(lv.index(s)) for _, s, lv in scores]
            else:
                steps = min(len(lv) for *_, lv in scores) - 1
                positions = [(s - lv[0]) / (lv[-1] - lv[0]) * steps for _, s, lv in scores]
            for i, (email, _, _) in enumerate(scores):
                others = [p for j, p in enumerate(positions) if scores[j][0] != email]
                if others:
                    out.setdefault(email, []).append(positions[i] - sum(others) / len(others))
    return out
