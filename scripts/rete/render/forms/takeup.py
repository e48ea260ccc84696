"""«Riprendi questa pratica»: what of a published scheda the form keeps when another
library takes the practice up.

The practice is kept: what it is, for whom, how it is done. What belongs to the
library that did it is left for the adopting library to write: the library and its
partners, the contact, the period and the state, the results, the resources, the
materials, the polo, and its own account of how it adapted a practice. The form's
script (``docs/javascripts/compila/riprendi.js``) reads these lists from the page
and fills the form from the scheda's data file (the one «Correggi» reads), with
``ripresa_da`` naming the source.
"""

from __future__ import annotations

from ...content.schema import schema

KIND = "scheda"
# The fields that describe the practice itself; any other is the adopting library's.
KEPT = ("titolo", "tema", "destinatari", "sintesi", "parole_chiave", "sdg")
# Body sections told by the library that took a practice up, not part of the practice.
DROPPED_SECTIONS = ("Come l'abbiamo adattata",)
FIELD = "ripresa_da"


def config(kind: str) -> dict | None:
    """The script's instructions for the form of ``kind``; None where nothing can be
    taken up (a polo, or a scheda schema without ``ripresa_da``)."""
    properties = schema(kind).get("properties", {})
    if kind != KIND or FIELD not in properties:
        return None
    return {"campi": [key for key in KEPT if key in properties],
            "sezioni_tolte": list(DROPPED_SECTIONS)}

