"""Content rules that JSON Schema cannot say, stated once beside the schemas.

The checker enforces them; the site's form, the network's page and the April
figures read them from here, so a rule changes in one place.
"""

from __future__ import annotations

# A scheda's body should have at least this many words to tell how the activity went.
MIN_WORDS = 80

# Dates that must not come before another one: (earlier, later), by collection.
# The site's form checks the same pairs in the browser.
DATE_ORDER: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "scheda": [(("periodo", "inizio"), ("periodo", "fine"))],
    "polo": [(("proposto_il",), ("attivo_dal",))],
    "richiesta": [(("richiesta_il",), ("risposta_il",)), (("risposta_il",), ("svolta_il",)),
                  (("richiesta_il",), ("svolta_il",)), (("periodo", "dal"), ("periodo", "al"))],
}

# A request's state once the service was given, and the fields only that state has
# (the others need, by the schema's allOf, risposta_il or motivo).
REQUEST_DONE = "svolta"
DONE_ONLY = ("svolta_il", "partecipanti", "ore", "costo")
# The states a request may move to from each state (`rete richieste segna`): a request
# once served or cancelled stays so; a refused one may still be accepted.
REQUEST_NEXT = {
    "nuova": ("accettata", "rifiutata", "svolta", "annullata"),
    "accettata": ("rifiutata", "svolta", "annullata"),
    "rifiutata": ("accettata",),
    "svolta": (),
    "annullata": (),
}
# How many days a request may wait for an answer when its service names no anticipo.
DEFAULT_WAIT_DAYS = 7
