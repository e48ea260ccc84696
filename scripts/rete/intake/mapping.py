"""MAPPA.yml: which column of a survey spreadsheet fills which field of a scheda.

Written by hand by a coordinator, or started by ``rete importa tabella
--mappa-vuota``. Every column of the file must be mapped (to a field, to a
section of the body, or explicitly ignored), so no answer is ever dropped
without someone having decided it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from ..content import fields
from ..problems import ReteError
from ..content.refs import fold
from ..text import did_you_mean, human_list
from . import values

BODY = "corpo"
IGNORE = "ignora"
KIND = "scheda"
MAX_HEADER_ROW = 1000  # titles further down are a mistake, not a survey export
_KEYS = ("colonne", "separatore", "codifica", "foglio", "riga_intestazione")
# Survey tools add a column of their own for when the answer was sent.
_TIMESTAMP = {"informazioni cronologiche", "timestamp", "data e ora", "ora di completamento",
              "ora di inizio", "submitdate", "data invio", "data di invio"}


@dataclass
class Mapping:
    columns: dict[str, str]  # header, spaces normalised -> target
    separatore: str | None = None
    codifica: str | None = None
    foglio: str | None = None
    headers: dict[str, str] = field(default_factory=dict)  # normalised -> as written
    riga_intestazione: int | None = None  # the row with the titles, as the spreadsheet shows it


def norm(header) -> str:
    return " ".join(str(header if header is not None else "").split())


def mappable() -> dict[str, fields.Field]:
    """The fields a column can fill: plain values and lists of plain values."""
    found = {}
    for f in fields.walk(KIND):
        if "[]" in f.path or f.node.get("type") == "object" or \
                f.item.get("type") == "object":
            continue
        found[f.path] = f
    return found


def _check_target(header: str, target) -> str:
    if not isinstance(target, str) or not target.strip():
        raise ReteError(f"nella mappa la colonna «{header}» non dice a che campo va",
                        hint=f"scrivi un campo, «{BODY}», «{BODY}.Titolo della sezione» "
                             f"oppure «{IGNORE}»")
    target = target.strip()
    if target in (BODY, IGNORE) or (target.startswith(BODY + ".") and target[6:].strip()):
        return target
    known = mappable()
    if target not in known:
        guess = did_you_mean(target, list(known))
        raise ReteError(f"nella mappa la colonna «{header}» va a un campo sconosciuto: "
                        f"«{target}»",
                        hint=f"forse intendevi «{guess}»?" if guess else
                        f"i campi sono: {human_list(sorted(known), limit=40)}; oppure «{BODY}», "
                        f"«{BODY}.Titolo della sezione», «{IGNORE}»")
    return target


def load(path: Path) -> Mapping:
    """Read and check MAPPA.yml; every mistake is a ReteError naming the column."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text("utf-8-sig"))
    except FileNotFoundError:
        raise ReteError(f"la mappa {path} non esiste",
                        hint="creala con «rete importa tabella FILE --mappa-vuota > MAPPA.yml»") \
            from None
    except UnicodeDecodeError:
        raise ReteError(f"la mappa {path.name} non è salvata in UTF-8",
                        hint="salvala con la codifica UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" alla riga {mark.line + 1}" if mark else ""
        raise ReteError(f"la mappa {path.name} non si legge{where}: controlla rientri e "
                        "virgolette",
                        hint='scrivi una colonna per riga: "Intestazione": campo') from None
    if not isinstance(data, dict) or not isinstance(data.get("colonne"), dict) \
            or not data["colonne"]:
        raise ReteError(f"la mappa {path.name} non ha la sezione «colonne»",
                        hint='scrivi «colonne:» e sotto, rientrato, "Intestazione": campo')
    for key in data:
        if key not in _KEYS:
            guess = did_you_mean(str(key), list(_KEYS))
            raise ReteError(f"la mappa ha una voce sconosciuta: «{key}»",
                            hint=f"forse intendevi «{guess}»?" if guess
                            else f"le voci sono: {human_list(_KEYS)}")
    columns, headers, filled = {}, {}, {}
    for header, target in data["colonne"].items():
        target = _check_target(str(header), target)
        if target != IGNORE and not target.startswith(BODY) and target in filled:
            raise ReteError(f"nella mappa due colonne vanno allo stesso campo «{target}»: "
                            f"«{filled[target]}» e «{header}»",
                            hint=f"manda una delle due a «{BODY}.Titolo della sezione» "
                                 f"oppure a «{IGNORE}»")
        filled[target] = str(header)
        columns[norm(header)] = target
        headers[norm(header)] = str(header)
    sep = data.get("separatore")
    if sep is not None and (not isinstance(sep, str) or len(sep.replace("\\t", "\t")) != 1):
        raise ReteError(f"il separatore della mappa deve essere un solo carattere: «{sep}»",
                        hint='per esempio separatore: ";"')
    first = data.get("riga_intestazione")
    if first is not None and (isinstance(first, bool) or not isinstance(first, int)
                              or not 1 <= first <= MAX_HEADER_ROW):
        raise ReteError(f"nella mappa «riga_intestazione» deve essere un numero di riga da 1 "
                        f"a {MAX_HEADER_ROW}: trovato «{first}»",
                        hint="scrivi il numero della riga con i titoli delle colonne, come lo "
                             "mostra il foglio di calcolo: per esempio riga_intestazione: 3")
    foglio = data.get("foglio")
    return Mapping(columns, sep.replace("\\t", "\t") if sep else None,
                   data.get("codifica"), None if foglio is None else str(foglio), headers,
                   first)


def match_headers(mapping: Mapping, headers: list[str]) -> None:
    """Every column of the file mapped, and every mapped column in the file."""
    present = [norm(h) for h in headers]
    absent = [h for h in mapping.columns if h not in present]
    if absent:
        h = absent[0]
        guess = did_you_mean(h, present, cutoff=0.5)
        raise ReteError(f"la colonna «{mapping.headers.get(h, h)}» della mappa non è nel file",
                        hint=f"forse nel file si chiama «{guess}»?" if guess
                        else f"le colonne del file sono: {human_list(present, limit=30)}")
    unmapped = [h for h in present if h and h not in mapping.columns]
    if unmapped:
        listed = ", ".join(f"«{h}»" for h in unmapped)
        raise ReteError(f"{'la colonna' if len(unmapped) == 1 else 'le colonne'} {listed} "
                        f"del file {'non è' if len(unmapped) == 1 else 'non sono'} nella mappa",
                        hint=f"aggiungile alla mappa: a un campo, a «{BODY}.Titolo della "
                             f"sezione», oppure a «{IGNORE}» se non servono (nessuna risposta "
                             "viene scartata senza che qualcuno l'abbia deciso)")


def guess(header: str) -> str:
    """The field a header most likely fills, by likeness to the schema's titles."""
    folded = fold(header)
    if folded in _TIMESTAMP:
        return "compilata_il"
    best, score = None, 0.0
    for path, f in mappable().items():
        names = {fold(values.label(KIND, path).replace("›", " ")), fold(f.label),
                 fold(path.replace(".", " ").replace("_", " "))}
        for name in names:
            s = fuzz.token_set_ratio(folded, name) if len(name) > 3 else \
                (100.0 if folded == name else 0.0)
            if s > score:
                best, score = path, s
    return best if best and score >= 80 else f"{BODY}.{norm(header)}"


def empty(headers: list[str], described: str, header_row: int | None = None) -> str:
    """A starting MAPPA.yml for these headers, each with its guessed field."""
    lines = ["# Mappa delle colonne: controlla ogni riga prima di importare.",
             "# A destra: un campo della scheda, «corpo» (il testo), «corpo.Titolo» (una",
             "# sezione del testo con quel titolo) oppure «ignora».",
             "# Altre voci, se servono: separatore e codifica (di un CSV), foglio (il nome",
             "# del foglio da leggere, se non è il primo), riga_intestazione (il numero della",
             "# riga con i titoli delle colonne, se non è la prima).",
             f"# File letto: {described}."]
    if header_row:
        lines.append(f"riga_intestazione: {header_row}")
    lines.append("colonne:")
    for header in headers:
        if not norm(header):
            continue
        target = guess(header)
        key = yaml.safe_dump(norm(header), allow_unicode=True, default_style='"',
                             width=10**6).strip()
        value = yaml.safe_dump(target, allow_unicode=True, width=10**6).strip() \
            .removesuffix("\n...").strip()
        lines.append(f"  {key}: {value}")
    return "\n".join(lines) + "\n"
