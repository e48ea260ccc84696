"""libyaml's syntax errors in the words a librarian can act on, at the line to look at."""

from __future__ import annotations

from dataclasses import dataclass

from . import slips


@dataclass
class YamlProblem(Exception):
    """Why a YAML text could not be read; ``line`` is 1-based in the text.

    ``fixed`` is the line put right, when the slip is clear enough to say how;
    ``isolated`` is False when leaving the line out would not leave a sound text.
    """

    line: int | None
    message: str
    hint: str | None = None
    fixed: str | None = None
    isolated: bool = True


# libyaml's messages, in the words a librarian can act on. The last item says which
# line to show: "context" is where the unfinished thing began (the opening quote or
# bracket, the key without ':'), "problem" is where libyaml noticed.
_SYNTAX = [
    ("found a tab character",
     "la riga è rientrata con una tabulazione",
     "usa spazi e non tabulazioni per rientrare", "problem"),
    ("mapping values are not allowed",
     "ci sono due punti ':' dove non sono ammessi, oppure la riga è rientrata troppo",
     "controlla il rientro della riga; se il valore contiene ':' racchiudilo tra virgolette, "
     "per esempio: titolo: \"Leggere: che passione\"", "problem"),
    ("could not find expected ':'",
     "manca ':' dopo il nome del campo",
     "ogni riga ha la forma «campo: valore»", "context"),
    ("cannot start any token",
     "la riga contiene un carattere che non può iniziare un valore",
     "usa spazi e non tabulazioni per rientrare; racchiudi tra virgolette "
     "i valori che iniziano con @, ` o %", "problem"),
    ("while scanning a quoted scalar",
     "ci sono virgolette aperte e mai chiuse",
     "chiudi le virgolette alla fine del valore", "context"),
    ("unknown escape character",
     "tra virgolette doppie c'è una barra rovesciata \\ non valida",
     "usa le virgolette semplici ' oppure scrivi \\\\ al posto di \\", "problem"),
    ("did not find expected '-' indicator",
     "l'elenco ha un rientro non coerente",
     "allinea tutte le voci dell'elenco, ognuna preceduta da '- '", "problem"),
    ("did not find expected key",
     "il rientro delle righe non è coerente",
     "i campi dello stesso gruppo devono iniziare nella stessa colonna", "problem"),
    ("expected <block end>",
     "il rientro delle righe non è coerente",
     "i campi dello stesso gruppo devono iniziare nella stessa colonna", "problem"),
    ("did not find expected node content",
     "manca un valore dove era atteso",
     "controlla virgole, parentesi e trattini in questa riga", "problem"),
    ("did not find expected ',' or ']'",
     "un elenco tra parentesi quadre non è chiuso",
     "separa le voci con virgole e chiudi con ]", "context"),
    ("did not find expected ',' or '}'",
     "un gruppo tra parentesi graffe non è chiuso",
     "separa le voci con virgole e chiudi con }", "context"),
    ("control characters are not allowed",
     "il testo contiene caratteri di controllo invisibili",
     "ricopia la riga a mano: spesso vengono da un copia e incolla", "problem"),
    ("undefined alias",
     "gli alias YAML (*nome) non sono ammessi",
     "scrivi il valore per intero", "problem"),
    ("found undefined tag handle",
     "i tag YAML (!nome) non sono ammessi",
     "togli il punto esclamativo e scrivi il valore semplice", "problem"),
]


def _line(exc: Exception, text: str, where: str) -> int | None:
    marks = [getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)]
    if where == "context":
        marks.reverse()
    mark = next((m for m in marks if m is not None), None)
    if mark is not None:
        return mark.line + 1
    if isinstance(getattr(exc, "position", None), int):
        return text.count("\n", 0, exc.position) + 1
    return None


def syntax_problem(exc: Exception, text: str):
    """libyaml's complaint about ``text`` as a YamlProblem a librarian can act on."""
    problem = f"{getattr(exc, 'problem', '')} {getattr(exc, 'context', '')} {exc}"
    line = _line(exc, text, "problem")
    rows = text.split("\n")
    source = rows[line - 1] if line and line <= len(rows) else ""
    for where in dict.fromkeys((line, _line(exc, text, "context"))):
        slip = slips.in_line(rows[where - 1]) if where and where <= len(rows) else None
        if slip:  # a quote from Word or closed too early: say so, not what libyaml saw next
            return YamlProblem(where, slip.message, slip.hint, slip.fixed)
    if "\t" in source[:len(source) - len(source.lstrip())]:
        problem = _SYNTAX[0][0]  # the tab entry
    for needle, message, hint, where in _SYNTAX:
        if needle in problem:
            return YamlProblem(_line(exc, text, where), f"sintassi YAML non valida: {message}",
                               hint)
    return YamlProblem(
        _line(exc, text, "problem"), "sintassi YAML non valida",
        "controlla rientri, due punti e virgolette in questa riga e in quella prima")
