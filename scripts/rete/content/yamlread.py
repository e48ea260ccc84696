"""Reading a librarian's YAML past its slips: a line that can be put right is read
as put right, any other line the reader refuses is left out and the rest read
again, so one round shows most of a file's problems."""

from __future__ import annotations

import re

from . import slips
from .yamlerrors import YamlProblem
from .yamlsafe import Parsed, parse

MAX_ROUNDS = 20
_KEY_OF = re.compile(r"^\s*(?:-\s+)*([^\s:#'\"-][^\s:#]*)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _leave_out(rows: list[str], i: int) -> set[str]:
    """Blank line ``i`` and the lines indented below it; return the keys they held, and
    the key of the group they were in when that group is left empty."""
    keys = set()
    key = _KEY_OF.match(rows[i])
    if key:
        keys.add(key.group(1))
    depth, rows[i] = _indent(rows[i].expandtabs(1)), ""
    for j in range(i + 1, len(rows)):
        if rows[j].strip() and _indent(rows[j].expandtabs(1)) <= depth:
            break
        rows[j] = ""
    parent = next((r for r in reversed(rows[:i]) if r.strip()), "")
    if parent.rstrip().endswith(":") and _indent(parent) <= depth:
        key = _KEY_OF.match(parent)
        if key:
            keys.add(key.group(1))
    return keys


def read(text: str, parents=frozenset()) -> tuple[Parsed | None, list[YamlProblem]]:
    """Read one YAML document, going past the lines that have a slip.

    Every problem is returned, not raised. A line with a slip that can be put right
    (a quote from Word, ``# risorse:`` above filled-in lines, when "risorse" is one of
    ``parents``) is read as put right; any other line libyaml refuses is left out,
    with the lines indented below it, and the rest is read again, at most
    ``MAX_ROUNDS`` times. The data is None when the text could not be read at all.
    """
    if "#" not in text:  # nearly every file: no comment, nothing to put right first
        try:
            return parse(text), []
        except YamlProblem:
            pass
    rows = text.split("\n")
    problems: list[YamlProblem] = []
    for i, _key, slip in slips.commented_parents(rows, parents):
        problems.append(YamlProblem(i + 1, slip.message, slip.hint, slip.fixed))
        rows[i] = slip.fixed
    touched: set[int] = set()
    skipped: set[str] = set()
    for _ in range(MAX_ROUNDS):
        try:
            parsed = parse("\n".join(rows))
        except YamlProblem as exc:
            line = exc.line
            if line is None or not 1 <= line <= len(rows) or line in touched:
                # nothing left to isolate: what comes now follows from what was left out
                return None, problems or [exc]
            problems.append(exc)
            if not exc.isolated:
                return None, problems
            touched.add(line)
            if exc.fixed is not None:
                rows[line - 1] = exc.fixed
                continue
            skipped |= _leave_out(rows, line - 1)
            continue
        parsed.skipped = skipped
        return parsed, problems
    return None, problems
