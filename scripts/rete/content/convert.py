"""Numbers and dates as Italians write them, read into values without guessing.

Each function returns None when the text is not clearly one value, so that
the caller reports it rather than storing something nobody wrote.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_CURRENCY = re.compile(r"^(?:€|eur(?:o)?)\s*|\s*(?:€|eur(?:o)?)$", re.IGNORECASE)
_PLAIN = re.compile(r"^[-+]?\d+(?:[.,]\d+)?$")
# Nobody groups the thousands of zero: "0.500" is a half, not five hundred.
_GROUPED_DOT = re.compile(r"^[-+]?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$")  # 1.200 or 1.200,50
_GROUPED_COMMA = re.compile(r"^[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$")  # 1,200.50 (English)
_GROUPED_SPACE = re.compile(r"^[-+]?[1-9]\d{0,2}(?: \d{3})+(?:,\d+)?$")  # 1 200,50


def italian_number(text) -> float | int | None:
    """ "1.200,50" -> 1200.5, "2.750" -> 2750, "€ 300" -> 300, "1200.50" -> 1200.5.

    A dot followed by exactly three digits is a thousands separator, as Italians
    write it; a comma is the decimal mark. Anything else is None.
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return text
    if not isinstance(text, str):
        return None
    s = _CURRENCY.sub("", _SPACES.sub(" ", text.strip())).strip()
    if not s:
        return None
    if _GROUPED_DOT.match(s):
        whole, _, frac = s.partition(",")
        s = whole.replace(".", "") + (f".{frac}" if frac else "")
    elif _GROUPED_SPACE.match(s):
        whole, _, frac = s.partition(",")
        s = whole.replace(" ", "") + (f".{frac}" if frac else "")
    elif _GROUPED_COMMA.match(s) and "." in s:
        s = s.replace(",", "")
    elif _PLAIN.match(s):
        s = s.replace(",", ".")
    else:
        return None
    value = float(s)
    return int(value) if value.is_integer() and "." not in s else value


def written_number(value: float | int) -> str:
    """A number as the files want it: 1800, 1200.50."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}" if round(value, 2) == value else repr(float(value))


_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})"
                  r"(?:[ T,]+\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def italian_date(value) -> date | None:
    """ "15/03/2026", "15/3/26", "15.03.2026", "2026-03-15", "15/03/2026 10.42.13"
    -> date(2026, 3, 15); a datetime keeps its date. Day first, always."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    s = value.strip()
    try:
        iso = _ISO.match(s)
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        dmy = _DMY.match(s)
        if dmy:
            year = int(dmy[3])
            year += 2000 if len(dmy[3]) == 2 else 0
            return date(year, int(dmy[2]), int(dmy[1]))
    except ValueError:  # 31/02/2026
        return None
    return None
