"""Small text helpers shared by the loader, the checks and the renderers."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from datetime import date

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_iso_date(value) -> bool:
    """True for a real calendar date written AAAA-MM-GG (2026-02-30 is not one)."""
    if not isinstance(value, str) or not ISO_DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def slugify(text: str) -> str:
    """Fold a name to a slug: "Città di prova" -> "citta-di-prova"."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = re.sub(r"[^a-z0-9]+", "-", folded.lower())
    return folded.strip("-")


def did_you_mean(value: str, choices, *, cutoff: float = 0.6) -> str | None:
    """The closest of ``choices`` to ``value``, or None when nothing is close."""
    choices = [c for c in choices if isinstance(c, str)]
    if not isinstance(value, str) or not choices:
        return None
    matches = difflib.get_close_matches(value, choices, n=1, cutoff=cutoff)
    if matches:
        return matches[0]
    prefixed = [c for c in choices if c.startswith(value) or value.startswith(c)]
    return prefixed[0] if len(prefixed) == 1 and len(value) >= 3 else None


def human_list(items, *, limit: int = 12) -> str:
    """"a, b e c", cut after ``limit`` items so a hint stays readable."""
    items = [str(i) for i in items]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" … (altri {len(items) - limit})"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " e " + items[-1]


def human_size(size: int) -> str:
    """Bytes in the units a librarian reads, as Windows shows them: "1,5 MB", "12 KB"."""
    if size < 1024:
        return f"{size} byte"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            text = f"{size:.1f}".replace(".", ",")
            return f"{text.removesuffix(',0')} {unit}"
    raise AssertionError("unreachable")


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


def in_code(lines: list[str]) -> list[bool]:
    """For each line of Markdown, whether it belongs to a fenced code block (``` or
    ~~~, the fences included): a "## " there is code, not a heading. As on the site
    (pymdownx.superfences), a fence never closed opens no block. An indented code
    block needs no help: its lines start with four spaces, which no heading does."""
    inside = [False] * len(lines)
    opened = fence = None
    for n, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not match.group(2).strip():
                inside[opened:n + 1] = [True] * (n + 1 - opened)
                fence = None
        elif match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
            opened, fence = n, match.group(1)
    return inside


_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=8)
def _words_up_to(limit: int) -> re.Pattern:
    # possessive: a word is never split in two to make the count
    return re.compile(r"(?:\W*+\w++){%d}" % limit)


def word_count(markdown: str, limit: int | None = None) -> int:
    """The words of a text; with ``limit``, counting stops there (long texts cost nothing)."""
    if limit is None:
        return len(_WORD.findall(markdown))
    if limit > 0 and _words_up_to(limit).match(markdown):
        return limit
    return min(len(_WORD.findall(markdown)), max(limit, 0))


MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
          "agosto", "settembre", "ottobre", "novembre", "dicembre")


def format_date(value: date | None) -> str:
    """A date as Italians write it in prose: "3 marzo 2026"."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _decimals(value: float) -> str:
    whole, frac = f"{value:,.2f}".split(".")
    return f"{whole.replace(',', '.')},{frac}"


def format_number(value: float | int | None) -> str:
    """Italian digits: 1.250 and 12,50."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return _decimals(value)


def format_euro(value: float | int | None) -> str:
    """An amount in euro, always with cents: "1.250,00 €"."""
    return "" if value is None else f"{_decimals(value)} €"
