"""Numbers written the way people write them on paper, caught before they turn into data.

YAML reads ``1.800`` as 1.8 and ``1.200,50`` as a text: an Italian thousands
separator silently becomes a decimal point. Every number field of every schema
is checked here against the text as written in the file (the YAML reader
keeps it), never against the parsed value.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .convert import italian_number, written_number
from ..problems import Problem, error
from .schema import dotted, walk

# A dot followed by groups of exactly three digits: 1.800, 12.500, 1.200.000.
# "0.500" is not one: nobody groups the thousands of zero.
_THOUSANDS = re.compile(r"^[-+]?[1-9]\d{0,2}(?:\.\d{3})+$")
_UNIT = re.compile(r"^(?P<number>.*?\d)\s*(?P<unit>[^\W\d_]+\.?)$")
_CURRENCY = re.compile(r"€|\beur(?:o)?\b", re.IGNORECASE)


def number_text(value: int | float) -> str:
    """A number as the files write it, the site's form too (compila/numeri.js): every
    digit and never an exponent, which YAML 1.1 would read as a text: 12, 12.5,
    0.0000001, 1000000000000000000000.0. A float keeps its point (2.0) and the digits
    of its ``repr``, the fewest that read back as the same float."""
    if not isinstance(value, float):
        return str(value)
    text = format(Decimal(repr(value)), "f")
    return text if "." in text else text + ".0"


def _is_number_field(node: dict) -> bool:
    kind = node.get("type")
    if isinstance(kind, list):
        return "number" in kind or "integer" in kind
    return kind == "number" or kind == "integer"


def _thousands(text: str, integer: bool) -> tuple[str, str] | None:
    if not _THOUSANDS.match(text):
        return None
    number = text.replace(".", "")
    also = "" if integer else f", oppure {number}.00"
    return (f"sembra {number} con il punto delle migliaia: scrivi {number}{also}",
            "nei numeri il punto separa i decimali: le migliaia non si separano")


def _reasons(text: str, unit: str | None) -> list[str]:
    """What differs between ``text`` and a number as the files want it."""
    reasons = []
    if _CURRENCY.search(text):
        reasons.append("senza il simbolo dell'euro")
    elif unit:
        reasons.append(f"senza «{unit}»")
    digits = _CURRENCY.sub("", text).strip()
    if re.search(r"\d[\s\u00a0\u202f]+\d", digits):
        reasons.append("senza spazi tra le cifre")
    if re.search(r"(?<![\d.])[1-9]\d{0,2}\.\d{3}(?!\d)", digits):
        reasons.append("senza il punto delle migliaia")
    if re.search(r",\d{3}(?!\d)", digits) and "." in digits:
        reasons.append("senza la virgola delle migliaia")
    elif "," in digits:
        reasons.append("con il punto, non la virgola, prima dei decimali")
    return reasons or ["senza virgolette"]


def slip(text, integer: bool = False) -> tuple[str, str] | None:
    """(message, hint) when ``text``, the text of a number field as written, is a number
    written the way a person writes it on paper; None when it is fine or not a number
    at all (the schema reports that)."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    found = _thousands(text, integer)
    if found:
        return found
    unit = None
    number = italian_number(text)
    if number is None:
        match = _UNIT.match(text)
        if match:
            unit, number = match["unit"], italian_number(match["number"])
    if number is None or (integer and not float(number).is_integer()):
        return None
    written = written_number(int(number) if integer else number)
    shown = text if len(text) <= 40 else text[:39] + "…"
    what = "un numero intero" if integer else "un numero"
    return (f"atteso {what}, trovato il testo «{shown}»",
            f"scrivi {written}, " + " e ".join(_reasons(text, unit)))


def check_numbers(doc, walked: list | None = None) -> list[Problem]:
    """One error for each number field whose text is a number written as on paper.
    ``walked`` is ``schema.walk(doc)``, when the caller has it."""
    problems = []
    for path, node, value in walk(doc) if walked is None else walked:
        if not path or not _is_number_field(node) or isinstance(value, bool):
            continue
        integer = node.get("type") == "integer"
        if isinstance(value, (int, float)) and node.get("x-campo") == "coordinata":
            continue  # 45.558 is a latitude with three decimals, not 45558
        if isinstance(value, (int, float)):  # read as a number: only the text tells
            found = _thousands(doc.numbers.get(tuple(path), ""), integer)
        else:
            found = slip(value, integer)
        if found:
            problems.append(error(doc.rel, found[0], line=doc.line_of(path), field=dotted(path),
                                  hint=found[1]))
    return problems
