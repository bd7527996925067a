"""YAML syntax errors in plain words, at the line where the mistake is.

PyYAML reports where it gave up, which is often a line or more after the slip:
a key without its colon is noticed on the next line, an unclosed quote at the
end of the file. Each rule here recognises one kind of slip from the parser's
report and the text, and names the line to fix and what to do:

    line 12: 'duration_minutes 60' needs a colon after the key
    line 2: the quote (") opened here is never closed

Anything not recognised keeps the parser's own words, at the parser's place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

Position = tuple[int, int]  # 1-based line and column
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[^\s#:'\"][^:#]*:(?:\s|$)")
_SHOWN = 60


def syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[Position, str]:
    """Where the mistake is, and what to do about it."""
    lines = text.splitlines()
    for rule in _RULES:
        found = rule(exc, lines)
        if found is not None:
            return found
    return _fallback(exc)


def _line(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def _shown(line: str) -> str:
    text = line.strip()
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _previous(lines: list[str], index: int) -> int | None:
    """The nearest line above `index` with something on it besides a comment."""
    for number in range(index - 1, -1, -1):
        if _content(_line(lines, number)):
            return number
    return None


def _spaces(count: int) -> str:
    return f"{count} space{'s' * (count != 1)}"


def _start(line: str) -> int:
    """The 1-based column of the line's first character."""
    return _indent(line) + 1


Rule = Callable[[yaml.MarkedYAMLError, list[str]], tuple[Position, str] | None]


def _missing_colon(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[Position, str] | None:
    """`duration_minutes 60`: the parser looked for the key's colon and met the next line."""
    if exc.problem != "could not find expected ':'" or exc.context_mark is None:
        return None
    index = exc.context_mark.line
    line = _line(lines, index)
    return (index + 1, _start(line)), f"'{_shown(line)}' needs a colon after the key"


def _unclosed_quote(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[Position, str] | None:
    if exc.context != "while scanning a quoted scalar" or exc.context_mark is None:
        return None
    mark = exc.context_mark
    quote = _line(lines, mark.line)[mark.column : mark.column + 1] or '"'
    if exc.problem and "escape" in exc.problem:
        bad = (exc.problem.split("character", 1)[-1].strip() if "character" in exc.problem
               else "")
        return (
            (exc.problem_mark.line + 1, exc.problem_mark.column + 1) if exc.problem_mark
            else (mark.line + 1, mark.column + 1),
            f"a backslash in double quotes starts an escape, and {bad or 'this one'} is not "
            "one YAML knows: use single quotes, or write the backslash twice",
        )
    return (
        (mark.line + 1, mark.column + 1),
        f"the quote ({quote}) opened here is never closed; end the text with {quote}",
    )


def _quote_ran_on(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[Position, str] | None:
    """A quote left open on one line and closed by a quote many lines below: the parser
    fails after that one, far from the slip."""
    mark = exc.problem_mark
    if mark is None:
        return None
    last: yaml.Token | None = None
    try:
        for token in yaml.scan("\n".join(lines), Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    if not (
        isinstance(last, yaml.ScalarToken) and last.style in ('"', "'")
        and last.start_mark.line < last.end_mark.line and mark.line - last.end_mark.line <= 1
    ):
        return None
    start, quote = last.start_mark, last.style
    return (
        (start.line + 1, start.column + 1),
        f"the quote ({quote}) opened here is not closed on this line; the next {quote}, on "
        f"line {last.end_mark.line + 1}, closes it: end the text with {quote} here",
    )


def _tab(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[Position, str] | None:
    if exc.problem is None or "'\\t'" not in exc.problem or exc.problem_mark is None:
        return None
    mark = exc.problem_mark
    return (
        (mark.line + 1, mark.column + 1),
        "a tab is used for indentation here; YAML indents with spaces only",
    )


def _unclosed_bracket(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[Position, str] | None:
    if exc.context_mark is None or exc.context not in (
        "while parsing a flow sequence", "while parsing a flow mapping"
    ):
        return None
    mark = exc.context_mark
    opened, closing, what = (
        ("[", "]", "list") if exc.context.endswith("sequence") else ("{", "}", "mapping")
    )
    return (
        (mark.line + 1, mark.column + 1),
        f"the '{opened}' opened here is never closed: end the {what} with '{closing}', "
        "its items separated by commas",
    )


def _colon_in_value(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[Position, str] | None:
    """`mapping values are not allowed here`: a second colon, or a key run into the line above."""
    if exc.problem != "mapping values are not allowed here" or exc.problem_mark is None:
        return None
    index, column = exc.problem_mark.line, exc.problem_mark.column
    line = _line(lines, index)
    before = line[:column]
    if re.match(r"^\s*(?:-\s+)?[^\s:#]+$", before) is None:
        # `title: Part one: the sequel`: a colon and a space inside the value.
        key = line.split(":", 1)[0].strip().removeprefix("- ").strip()
        return (
            (index + 1, column + 1),
            f"the value of '{key}' has a colon followed by a space, which YAML reads as a "
            "new key: put the whole value in quotes",
        )
    above = _previous(lines, index)
    if above is None:
        return None
    previous = _line(lines, above)
    item = previous.strip().startswith("- ")
    if ":" not in previous and (not item or _indent(line) > _indent(previous)):
        # `kind shared_notepad` above (or `- id loader`, an item's first key): read together
        # with this line as one value.
        return (above + 1, _start(previous)), f"'{_shown(previous)}' needs a colon after the key"
    if _indent(line) > _indent(previous) and _KEY_LINE.match(previous):
        return (
            (index + 1, _start(line)),
            f"'{_shown(line)}' is indented more than '{_shown(previous)}' above it, which "
            "already has its value: line the two keys up, or give the key above no value "
            "to put this under it",
        )
    return None


def _off_level(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[Position, str] | None:
    """`expected <block end>`: a line whose indentation fits nothing above it."""
    if exc.problem_mark is None or exc.problem is None or not exc.problem.startswith(
        "expected <block end>"
    ):
        return None
    index = exc.problem_mark.line
    line = _line(lines, index)
    stripped = line.strip()
    shown = _shown(line)
    position = (index + 1, _start(line))
    if re.match(r"^-[^\s-]", stripped):
        return position, f"'{shown}' needs a space after the '-' to be a list item"
    if "'<scalar>'" in exc.problem and exc.problem_mark.column > _indent(line):
        # `title: "text" more`: something after the closing quote.
        return (
            (index + 1, exc.problem_mark.column + 1),
            "there is text after the closing quote: put the whole value inside the quotes",
        )
    if stripped.startswith("- ") and "'-'" in exc.problem:
        return position, f"'{shown}' is a list item among keys: indent it under its key"
    opened = exc.context_mark
    if (
        exc.context == "while parsing a block collection" and not stripped.startswith("-")
        and opened is not None and _indent(line) == opened.column
    ):
        return position, (
            f"'{shown}' is at the level of the list's items (the lines that start with '- ') "
            "but is not one: indent it under an item, or start it with '- '"
        )
    above = _previous(lines, index)
    reference = _line(lines, above) if above is not None else ""
    if _indent(line) == _indent(reference):
        return position, (
            f"YAML cannot read '{shown}' here: a colon, a quote or a '- ' may be missing "
            "on this line or the one above"
        )
    return position, (
        f"'{shown}' is indented {_spaces(_indent(line))}, which lines up with nothing above "
        f"it (the line above is indented {_spaces(_indent(reference))}): indent it like the "
        "lines it belongs with"
    )


def _undefined_alias(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[Position, str] | None:
    if exc.problem is None or not exc.problem.startswith("found undefined alias"):
        return None
    mark = exc.problem_mark
    name = exc.problem.split("'")[1] if "'" in exc.problem else ""
    return (
        (mark.line + 1, mark.column + 1) if mark else (1, 1),
        f"'*{name}' refers to an anchor '&{name}' that is not defined above it",
    )


def _bad_character(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[Position, str] | None:
    found = re.match(r"found character '(.+)' that cannot start any token", exc.problem or "")
    if found is None or exc.problem_mark is None:
        return None
    mark = exc.problem_mark
    return (
        (mark.line + 1, mark.column + 1),
        f"YAML reads {found.group(1)} here as a special character: put the value in quotes",
    )


def _fallback(exc: yaml.MarkedYAMLError) -> tuple[Position, str]:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    context = ""
    if exc.context and exc.problem:
        context = f" (while {exc.context.removeprefix('while ')}"
        opened = exc.context_mark
        if opened is not None and mark is not None and opened.line != mark.line:
            context += f" started on line {opened.line + 1}"
        context += ")"
    position = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return position, f"YAML syntax error: {problem}{context}"


_RULES: tuple[Rule, ...] = (
    _missing_colon, _unclosed_quote, _quote_ran_on, _tab, _unclosed_bracket, _colon_in_value,
    _off_level, _undefined_alias, _bad_character,
)
