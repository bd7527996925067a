"""Hostile inputs for the guarded readers: PDFs and rubric YAML built on the spot."""

from __future__ import annotations

import os
from pathlib import Path


def minimal_pdf(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (numbered from 1, the first the catalog) with a correct xref."""
    body = b"%PDF-1.7\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    body += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
             "%%EOF\n").encode()
    return body


def unsigned_card_pdf(scorecard_json: bytes) -> bytes:
    """An unsigned PDF carrying `scorecard_json` as its scorecard.json attachment."""
    stream = (b"<< /Type /EmbeddedFile /Length " + str(len(scorecard_json)).encode()
              + b" >>\nstream\n" + scorecard_json + b"\nendstream")
    return minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names "
        b"[(scorecard.json) 4 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
        b"<< /Type /Filespec /F (scorecard.json) /EF << /F 5 0 R >> >>",
        stream,
    ])


def nested_json(depth: int) -> bytes:
    return b'{"schema": "scorer.scorecard/1", "x": ' + b"[" * depth + b"]" * depth + b"}"


def alias_bomb(levels: int, width: int = 9) -> str:
    """The billion-laughs YAML: each level's list names the previous level `width` times."""
    lines = ['a0: &a0 "lol"']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def deep_block_yaml(depth: int) -> str:
    return "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + "v\n"


def deep_flow_yaml(depth: int) -> str:
    return "x: " + "[" * depth + "]" * depth + "\n"


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def link_to(path: Path, target: str) -> Path:
    path.symlink_to(target)
    return path
