"""What a public body's site must say of whoever publishes it (AgID's guidelines):
the body, the privacy roles, the accessibility statement, where to report a problem.

Each missing piece is a warning on rete.yml, for the coordinators: it never stops a
librarian's pull request (`rete valida` fails on warnings only with --severo).
"""

from __future__ import annotations

from ..content.loader import Document
from ..problems import Problem, warning

GUIDE = "vedi «Coordinare la rete» e la guida ai campi di rete.yml"
AGID_FORM = "https://form.agid.gov.it"

# (path, what is missing, how to fill it in), in the order a coordinator reads rete.yml.
WANTED: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("ente",), "manca l'ente pubblico che pubblica il sito",
     "aggiungi ente: con nome, codice_ipa, indirizzo e pec; " + GUIDE),
    (("ente", "codice_ipa"), "manca il codice IPA dell'ente",
     "lo trovi cercando l'ente su https://www.indicepa.gov.it"),
    (("ente", "indirizzo"), "manca l'indirizzo della sede dell'ente",
     "scrivi via, numero, CAP e comune"),
    (("ente", "pec"), "manca la PEC (o un'email) dell'ente",
     "scrivi l'indirizzo di posta elettronica certificata dell'ente"),
    (("privacy",), "manca chi è il titolare del trattamento dei dati e chi il "
                   "responsabile della protezione dei dati",
     "aggiungi privacy: con titolare e rpd_email; " + GUIDE),
    (("privacy", "titolare"), "manca il titolare del trattamento dei dati",
     "di solito è l'ente stesso: scrivi il suo nome"),
    (("privacy", "rpd_email"), "manca l'email del responsabile della protezione dei dati",
     "chiedila all'ufficio dell'ente che si occupa di privacy"),
    (("accessibilita",), "manca la dichiarazione di accessibilità",
     f"compilala ogni anno entro il 23 settembre su {AGID_FORM} e scrivi il suo "
     "indirizzo in accessibilita.dichiarazione"),
    (("segnalazioni",), "manca dove chi legge può segnalare un problema",
     "scrivi un indirizzo email o l'indirizzo delle issue del repository"),
)


def _has(data: dict, path: tuple[str, ...]) -> bool | None:
    """Whether ``path`` has a value; None when its group is itself missing (the
    group's warning says it already)."""
    node = data
    for part in path[:-1]:
        node = node.get(part)
        if not isinstance(node, dict):
            return None
    if path == ("ente", "pec"):
        return bool(node.get("pec") or node.get("email"))
    return node.get(path[-1]) not in (None, "", {}, [])


def check_publisher(doc: Document) -> list[Problem]:
    """A warning for each piece of a public body's site that rete.yml does not give."""
    if not isinstance(doc.data, dict):
        return []
    problems = []
    for path, message, hint in WANTED:
        if _has(doc.data, path) is False:
            group = path[:-1]
            problems.append(warning(doc.rel, message, hint=hint, field=".".join(path),
                                    line=doc.line_of(list(group)) if group else None))
    return problems
