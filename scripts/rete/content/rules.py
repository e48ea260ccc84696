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

# What a request's guide says beyond its fields (`rete guida richiesta`, «Guida ai campi»):
# the rules the checks apply that the schema's table cannot show.
GUIDE_NOTES: dict[str, list[str]] = {
    "richiesta": [
        "Le date vanno in ordine: `richiesta_il` non dopo `risposta_il`, e `risposta_il` "
        "non dopo `svolta_il`.",
        "`servizio` è l'`id` di uno dei servizi del polo indicato in `polo`.",
        "`svolta_il`, `partecipanti`, `ore` e `costo` si scrivono solo quando la richiesta è "
        "`svolta`: allora conta come un'attività del polo per la biblioteca che l'ha chiesta "
        "(a meno che una voce di `attivita` del polo la indichi in `richiesta`).",
        "È un avviso chiedere a un polo che non è attivo, fuori dal periodo `disponibile` "
        "del servizio, o dalla biblioteca che è la sede del polo.",
        "Il polo registra la risposta con «rete richieste segna NOME --stato …»: il resto "
        "del file non cambia.",
        "Il referente e le note della richiesta non vengono mai pubblicati.",
    ],
}
