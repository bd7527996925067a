"""What the Merge dialog says: the summary line over its tables, and the details pane
about one file or one candidate, in full."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorer.domain.panel import Severity

if TYPE_CHECKING:
    from scorer.services.merge.desk import CandidateDesk, Desk
    from scorer.ui.merge_model import InputRow


def file_details(row: InputRow) -> str:
    lines = [row.path.name, f"Folder: {row.path.parent}"]
    lines += [f"The same content: {p}" for p in row.copies]
    if row.copies:
        lines.append("Identical files count once, here and in the packet.")
    checked = row.checked
    lines.append("")
    lines.append(f"Status: {row.status}")
    if checked is None:
        return "\n".join(lines)
    if checked.reason:
        lines.append(f"Reason: {checked.reason}")
    for label, value in (("Candidate", checked.candidate), ("Interview", checked.interview),
                         ("Signer", checked.signer),
                         ("Signer's email", checked.verification.signer_email),
                         ("SHA-256", checked.sha256)):
        if value:
            lines.append(f"{label}: {value}")
    return "\n".join(lines)


def candidate_details(row: CandidateDesk) -> str:
    panel = row.panel
    expected = len(panel.expected)
    counted = f"{row.counted} of {expected}" if expected else str(row.counted)
    lines = [row.label(), f"Interviews that count: {counted}"]
    if panel.partial:
        lines.append("The overall score will be partial: interviews the panel expects are "
                     "missing.")
    lines.append("")
    for status in row.kinds:
        extra = "" if status.expected else " (not expected by the panel)"
        lines.append(f"{status.kind.title}: {status.state.value}{extra}")
        lines += [f"    {note}" for note in status.notes]
    other = [r for r in row.rejected
             if not any(f"{r.path.name}:" in n for k in row.kinds for n in k.notes)]
    if other:
        lines.append("")
        lines.append("Rejected, listed in the packet:")
        lines += [f"    {r.path.name}: {r.status} · {r.reason}" for r in other]
    flags = [f for f in panel.flags if f.severity is Severity.HIGH]
    if flags:
        lines.append("")
        lines.append("To discuss (as the packet flags it):")
        lines += [f"    {f.title}: {f.detail}" if f.detail else f"    {f.title}" for f in flags]
    return "\n".join(lines)


def desk_summary(desk: Desk, listed_copies: int) -> str:
    """The line above the tables: cards, candidates, and what is not counted.

    `listed_copies` are the copies the files table shows as one row."""
    candidates = desk.candidates
    cards = desk.verified
    if len(candidates) == 1:
        text = f"{cards} verified card{'s' if cards != 1 else ''} for {candidates[0].name}"
    else:
        text = f"{cards} verified cards for {len(candidates)} candidates"
        short = sum(1 for c in candidates if c.panel.partial)
        if short:
            text += (f" · {short} with interviews not present" if short != 1
                     else " · 1 with interviews not present")
    if desk.rejected:
        text += f" · {desk.rejected} rejected (listed in the packets, not counted)"
    copies = desk.copies + listed_copies
    if copies:
        text += f" · {copies} identical cop{'ies' if copies != 1 else 'y'} counted once"
    if desk.skipped:
        text += f" · {len(desk.skipped)} earlier packet or report skipped"
    return text
