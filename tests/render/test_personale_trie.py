"""The referenti's emails are hidden from bulk data by one pattern built as a trie
(``personal.trie``): it must hide exactly what the alternation of the emails, longest
first, hid, however the emails share their beginnings."""

from __future__ import annotations

import random
import re

from rete.render.personal import HIDDEN, trie

EMAILS = ["anna@bib.it", "anna@bib.it.example.org", "Anna.Rossi@bib.it", "an@bib.it",
          "ANNA@BIB.IT", "b+1@x.it", "b@x.it", "mario.0212345678@comune.it"]


def _alternation(emails: list[str]) -> re.Pattern:
    longest = sorted(set(emails), key=len, reverse=True)
    return re.compile("|".join(re.escape(e) for e in longest), re.IGNORECASE)


def test_the_trie_hides_what_the_alternation_hid():
    plain, fast = _alternation(EMAILS), re.compile(trie(EMAILS), re.IGNORECASE)
    rng = random.Random(7)
    pieces = [*EMAILS, "anna@bib", "@bib.it", ".example.org", " ", "<a href=\"mailto:",
              "x", "1", "ANNA@bib.IT", "anna@bib.itx"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        assert fast.sub(HIDDEN, text) == plain.sub(HIDDEN, text), text


def test_the_longest_email_wins_where_one_begins_another():
    fast = re.compile(trie(["anna@bib.it", "anna@bib.it.example.org"]), re.IGNORECASE)
    assert fast.sub(HIDDEN, "scrivi a ANNA@bib.it.example.org.") == f"scrivi a {HIDDEN}."
    assert fast.sub(HIDDEN, "anna@bib.it.example") == f"{HIDDEN}.example"
