"""The referenti's emails and phones: on their own pages, to reach a colleague, but not
in bulk data (open data, feed, JSON-LD, search index), which anyone may reuse.

rete.yml's ``dati_aperti.contatti: true`` puts them back, and only theirs: the
``referente`` fields of schede and poli. Where a referente's address or number is also
written in a text (a polo's «come richiederlo»), bulk data carry ``HIDDEN`` instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.model import Knowledge

HIDDEN = "[contatto sulla pagina della scheda]"
CONTACT_KEYS = ("email", "telefono")  # of a referente
MIN_PHONE_DIGITS = 6  # fewer digits would hide years and counts, not phones


@dataclass(frozen=True)
class Hider:
    """What bulk data leave out. ``contacts``: whether rete.yml publishes them."""

    contacts: bool
    pattern: re.Pattern | None = None

    def text(self, value: str) -> str:
        return self.pattern.sub(HIDDEN, value) if self.pattern and value else value

    def value(self, value):
        """``value`` with every text inside it hidden: a record, a list, a text."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {key: self.value(v) for key, v in value.items()}
        return value

    def record(self, record: dict) -> dict:
        """A scheda's or polo's record without its referente's email and phone."""
        if self.contacts:
            return record
        out = dict(record)
        if isinstance(out.get("referente"), dict):
            out["referente"] = {key: v for key, v in out["referente"].items()
                                if key not in CONTACT_KEYS}
        return self.value(out)


def _phone(number: str) -> str | None:
    """A pattern for a phone however its digits are spaced: «02 1234 5678»,
    «02-12345678», «+39 02 …»."""
    digits = re.sub(r"\D", "", number)
    if len(digits) < MIN_PHONE_DIGITS:
        return None
    return r"(?<!\d)(?:\+39[\s./-]*)?" + r"[\s./-]*".join(digits) + r"(?!\d)"


def hider(k: Knowledge) -> Hider:
    """What bulk data of ``k`` leave out: every referente's email and phone, wherever
    written, unless rete.yml publishes them."""
    if k.rete.dati_aperti.contatti:
        return Hider(True)
    people = [obj.referente for obj in (*k.schede, *k.poli)]
    emails = sorted({c.email for c in people if c.email}, key=len, reverse=True)
    phones = sorted({p for c in people if c.telefono and (p := _phone(c.telefono))},
                    key=len, reverse=True)
    parts = ([trie(emails)] if emails else []) + phones
    return Hider(False, re.compile("|".join(parts), re.IGNORECASE) if parts else None)


def trie(words: list[str]) -> str:
    """A pattern for any of ``words`` (compiled with IGNORECASE) that matches where
    their alternation longest first matches, and as much: the words as a trie, so
    that each character of a text is tried once, not once per word (a page of the
    index against a thousand referenti's emails: seconds otherwise)."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:  # IGNORECASE matches a character and its lower case alike
            node = node.setdefault(char.lower() if len(char.lower()) == 1 else char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer word first

    return pattern(root)
