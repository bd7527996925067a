"""The signed document information of a scorecard, packet or cohort report, made from its
JSON document.

The renderer writes title, author, subject and keywords from the same document it
embeds, and the signature covers them with the rest of the file; `verify` makes them
again from the embedded document and compares. A scorecard's information names the
candidate, the interview kind, the interviewer and the interview id:

    Title     Scorecard: <candidate name>, <rubric title>
    Author    <interviewer name>
    Subject   Interview <id> with <candidate name>
    Keywords  scorer-scorecard-sha256=<hex> scorer-interview=<id> scorer-kind=<rubric id>
              scorer-candidate=<candidate email> scorer-interviewer=<interviewer email>

Title, author and subject have had this form since the first signed scorecard, so
every card carries them. The keyword fields after the digest were added later: a card
that has none of them is an older card and is judged on the rest; each one present
must agree. Keyword values are percent-encoded, one word each.

Characters that a PDF text string in PDFDocEncoding cannot carry back unchanged
(control characters and the soft hyphen) are left out of these strings, on both
sides of the comparison.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, unquote

from scorer.domain.cohort_files import COHORT_DIGEST_PREFIX
from scorer.domain.packet_doc import PACKET_DIGEST_PREFIX, PacketDoc
from scorer.domain.scorecard import DIGEST_KEYWORD_PREFIX, Scorecard

FIELD_PREFIX = "scorer-"
CARD_FIELDS = ("interview", "kind", "candidate", "interviewer")


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    title: str = ""
    author: str = ""
    subject: str = ""
    keywords: str = ""


def printable(text: str) -> str:
    return "".join(c for c in text if c != "\xad" and unicodedata.category(c) != "Cc")


def _word(value: str) -> str:
    return quote(value, safe="@+")


def card_fields(card: Scorecard) -> dict[str, str]:
    """The keyword fields of a card, by name (without the `scorer-` prefix)."""
    return {
        "interview": str(card.interview.id),
        "kind": card.rubric.id,
        "candidate": card.candidate.email,
        "interviewer": card.interviewer.email,
    }


def scorecard_info(card: Scorecard, digest: str) -> DocumentInfo:
    words = [f"{DIGEST_KEYWORD_PREFIX}{digest}"]
    words += [f"{FIELD_PREFIX}{key}={_word(value)}" for key, value in card_fields(card).items()]
    return DocumentInfo(
        title=printable(f"Scorecard: {card.candidate.name}, {card.rubric.title}"),
        author=printable(card.interviewer.name),
        subject=printable(f"Interview {card.interview.id} with {card.candidate.name}"),
        keywords=" ".join(words),
    )


def packet_info(doc: PacketDoc, digest: str) -> DocumentInfo:
    count = len(doc.cards)
    return DocumentInfo(
        title=printable(f"Panel packet: {doc.candidate.name}"),
        author=printable(doc.merger.name),
        subject=printable(f"{count} verified scorecards for {doc.candidate.name}"),
        keywords=f"{PACKET_DIGEST_PREFIX}{digest}",
    )


def cohort_info(merger: str, candidates: int, digest: str) -> DocumentInfo:
    """A cohort report's: the merger as author, the number of candidates as subject."""
    return DocumentInfo(
        title="Cohort and calibration report",
        author=printable(merger),
        subject=f"Cohort report of {candidates} candidate{'s' if candidates != 1 else ''}",
        keywords=f"{COHORT_DIGEST_PREFIX}{digest}",
    )


def keyword_fields(keywords: str) -> dict[str, str]:
    """The `scorer-NAME=value` words of a keywords string (the first of each name)."""
    fields: dict[str, str] = {}
    for word in keywords.split():
        name, equals, value = word.partition("=")
        if equals and name.startswith(FIELD_PREFIX):
            fields.setdefault(name[len(FIELD_PREFIX):], unquote(value))
    return fields


def card_info_disagreement(card: Scorecard, digest: str, found: DocumentInfo) -> str | None:
    """None when the signed information agrees with the card; else a phrase naming both."""
    expected = scorecard_info(card, digest)
    differs = _fixed_fields(expected, found)
    if differs:
        return differs
    present = keyword_fields(found.keywords)
    for key, value in card_fields(card).items():
        if key in present and present[key] != value:
            return (f"its signed document information gives {key} '{present[key]}', "
                    f"but its scorecard data gives '{value}'")
    return None


def packet_info_disagreement(doc: PacketDoc, digest: str, found: DocumentInfo) -> str | None:
    return _fixed_fields(packet_info(doc, digest), found)


def cohort_info_disagreement(merger: str, candidates: int, digest: str,
                             found: DocumentInfo) -> str | None:
    return _fixed_fields(cohort_info(merger, candidates, digest), found)


def _fixed_fields(expected: DocumentInfo, found: DocumentInfo) -> str | None:
    for field in ("title", "author", "subject"):
        want, got = getattr(expected, field), printable(getattr(found, field))
        if got != want:
            shown = f"'{got}'" if got else "nothing"
            return (f"its signed document information gives the {field} {shown}, "
                    f"but its data gives '{want}'")
    return None
