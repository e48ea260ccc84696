"""Checks that span documents or go beyond types: dates, files, style, names
(the references are checked in ``references``)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Callable

from . import invisible, similar
from ..content.rules import DATE_ORDER, MIN_WORDS
from ..content.listing import RESERVED
from ..content.loader import Document
from ..problems import Problem, error, warning
from ..runtime.helper import IN_PROCESS, InProcess
from ..content.schema import dotted, schema
from ..content import bundles
from ..text import did_you_mean, human_size, is_iso_date, word_count
from ..content.urls import elsewhere, page_address

# The fields that the checks across documents (check_slugs, check_titles,
# check_poli_themes, adoptions.check_ripresa) read, besides each document's kind, names and "skipped": all that
# a second process sends back of each document it has read (validate._split).
ACROSS = ("titolo", "tema", "ripresa_da", "periodo",
          # services.check_across: a request's polo, service and dates, a polo's
          # services, activities, state and seat
          "polo", "servizio", "biblioteca", "stato", "richiesta_il", "servizi",
          "attivita")
# Every pattern over the body is linear: see bundles.shown.


def _ordered(doc: Document, first: list, then: list) -> list[Problem]:
    def get(path):
        node = doc.data
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        return node if isinstance(node, str) else None

    a, b = get(first), get(then)
    if is_iso_date(a) and is_iso_date(b) and b < a:  # ISO dates sort as text
        return [error(doc.rel, f"la data {b} viene prima di {dotted(first)} ({a})",
                      line=doc.line_of(then), field=dotted(then),
                      hint="controlla l'anno e l'ordine delle date")]
    return []


def check_dates(doc: Document) -> list[Problem]:
    problems = []
    for first, then in DATE_ORDER.get(doc.kind, []):
        problems += _ordered(doc, list(first), list(then))
    return problems


def _material_problem(doc: Document, name: str) -> tuple[str, str] | None:
    """Why a material path is not acceptable, and what to do; None if it is fine."""
    if doc.bundle is None:
        return ("i file allegati si possono usare solo in una scheda-cartella",
                "crea la cartella schede/NOME/, sposta la scheda in index.md e metti "
                "il file accanto")
    beside = "metti il file accanto a index.md e scrivi solo il suo nome"
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or re.match(r"^[A-Za-z]:", name) or ".." in pure.parts:
        return "il percorso deve restare dentro la cartella della scheda", beside
    if "\\" in name:
        return ("nel percorso usa la barra / e non la barra rovesciata \\",
                f"scrivi «{pure.as_posix()}»")
    windows = bundles.path_problem(name)
    if windows:
        return (f"il nome non va bene: {windows}",
                "rinomina il file con lettere, cifre e trattini e scrivi qui il nuovo nome")
    name = bundles.nfc(name)
    if name in doc.sources:
        kind = bundles.kind_problem(name)
        if kind:
            return kind, bundles.KIND_HINT
        size = doc.sources[name].stat().st_size
        return (bundles.size_problem(size), "riduci il file (per un PDF: «Riduci dimensione "
                "file»; per un video: una risoluzione più bassa) oppure pubblicalo altrove "
                "e metti il collegamento in «url»") if bundles.size_problem(size) else None
    if pure.as_posix() == "index.md":
        return "index.md è il testo della scheda, non un materiale", beside
    target = doc.bundle / pure
    try:
        if not target.resolve().is_relative_to(doc.bundle.resolve()):
            return ("il file punta fuori dalla cartella della scheda",
                    "copia il file dentro la cartella della scheda, al posto del collegamento")
        if target.is_file():
            return ("i file che iniziano con . ~ o _ non vengono pubblicati",
                    "rinomina il file senza quel primo carattere")
    except (OSError, ValueError):  # a name too long, or with characters no disk allows
        return ("il nome del file non è valido",
                "rinomina il file con un nome breve, fatto di lettere, cifre e trattini")
    guess = did_you_mean(name, doc.files)
    return ("il file non esiste nella cartella della scheda",
            f"forse intendevi «{guess}»?" if guess else beside)


def check_bundle(doc: Document) -> list[Problem]:
    """A bundle folder's own files: their names, their number, what the page publishes
    and how much; a file neither named nor shown is reported, not published."""
    if doc.bundle is None:
        return []
    folder = doc.rel.rsplit("/", 1)[0] + "/"
    problems = []
    if len(doc.files) > bundles.MAX_FILES:
        problems.append(error(folder, f"la cartella contiene più di {bundles.MAX_FILES} file",
                              hint="tieni solo i materiali della scheda; raccogli le foto in "
                                   "un archivio pubblicato altrove e mettine il collegamento"))
    published = bundles.published(doc)
    for name in doc.files:
        windows = bundles.path_problem(name)
        if windows:
            problems.append(error(folder + name, f"il nome del file non va bene: {windows}",
                                  hint="rinominalo con lettere, cifre e trattini"))
    shown = bundles.body_files(doc.slug, doc.body)
    for name in sorted(shown & set(doc.files)):
        kind = bundles.kind_problem(name) or (
            None if bundles.extension(name) in bundles.SHOWN
            else "una pagina può mostrare solo immagini, audio e video")
        if kind:
            problems.append(error(doc.rel, f"il testo mostra «{name}»: {kind}",
                                  line=doc.body_line, hint=bundles.KIND_HINT))
    names = bundles.named(doc.data)
    guessed = {did_you_mean(n, doc.files) for n in names if n not in doc.sources}
    wanted = set(published) | shown | set(names) | guessed  # a typo is reported already
    for name in doc.files[:bundles.MAX_FILES]:
        if name not in wanted:
            problems.append(warning(folder + name, "il file non è tra i materiali della "
                                                   "scheda e non viene pubblicato",
                                    hint="aggiungilo in «materiali» con un titolo, oppure "
                                         "toglilo dalla cartella"))
    total = sum(doc.sources[n].stat().st_size for n in published)
    if total > bundles.MAX_TOTAL:
        problems.append(error(doc.rel, f"i materiali pubblicati sono troppo grandi: "
                                       f"{human_size(total)} in tutto, il limite è "
                                       f"{human_size(bundles.MAX_TOTAL)}",
                              field="materiali",
                              hint="riduci i file più grandi oppure pubblicali altrove e "
                                   "metti il collegamento in «url»"))
    return problems


def check_materials(doc: Document) -> list[Problem]:
    problems = []
    items = doc.data.get("materiali")
    for i, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict) or not isinstance(item.get("file"), str) or \
                invisible.INVISIBLE.search(item["file"]):  # reported with the other fields
            continue
        found = _material_problem(doc, item["file"])
        if found:
            path = ["materiali", i, "file"]
            problems.append(error(doc.rel, f"{found[0]}: «{item['file']}»",
                                  line=doc.line_of(path), field=dotted(path), hint=found[1]))
    return problems


_NO_ALT = {"md": "scrivi tra le parentesi quadre che cosa mostra: "
                 "![bambini che leggono](foto.jpg)",
           "html": "aggiungi alt=\"…\" che dica che cosa mostra"}


def check_body(doc: Document, site: str | None = None) -> list[Problem]:
    """Invisible characters, images without alternative text, and anything the body
    would load from another server (decided as the sanitiser decides it, against the
    site's address)."""
    problems = invisible.check_body(doc)
    page = None  # parsed only for a body that shows something
    for offset, syntax, alt, addresses in bundles.shown(doc.body):
        page = page or page_address(site, doc.rel)
        line = doc.body_line + offset
        if alt is not None and not alt.strip():
            problems.append(warning(doc.rel, "un'immagine non ha il testo alternativo",
                                    line=line, hint=_NO_ALT[syntax]))
        if any(elsewhere(a.strip("<>"), page) for a in addresses):
            problems.append(warning(
                doc.rel, "l'immagine è su un altro sito e non verrà mostrata: chi legge la "
                         "pagina non deve collegarsi a siti esterni", line=line,
                hint="scarica l'immagine, mettila nella cartella della scheda e scrivi "
                     "solo il suo nome"))
    words = word_count(doc.body, limit=MIN_WORDS) if doc.kind == "scheda" else MIN_WORDS
    if words < MIN_WORDS:
        problems.append(warning(doc.rel, f"il testo della scheda è breve: "
                                         f"{'1 parola' if words == 1 else f'{words} parole'}, "
                                         f"ne consigliamo almeno {MIN_WORDS}",
                                line=doc.body_line,
                                hint="racconta nelle sezioni Descrizione, Come si realizza e "
                                     "Difficoltà e soluzioni"))
    return problems


def check_registry(doc: Document) -> list[Problem]:
    """Ids in rete.yml's lists must be unique."""
    problems = []
    for key in schema("rete")["properties"]:
        items = doc.data.get(key)
        if not isinstance(items, list):
            continue
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            ident = item.get("id") if isinstance(item, dict) else None
            if not isinstance(ident, str):
                continue
            if ident in RESERVED:
                problems.append(error(doc.rel, f"l'identificativo «{ident}» è riservato alle "
                                               "pagine indice del sito",
                                      line=doc.line_of([key, i, "id"]),
                                      field=dotted([key, i, "id"]),
                                      hint="scegli un altro identificativo"))
            elif ident in seen:
                problems.append(error(doc.rel, f"identificativo ripetuto: «{ident}» è già "
                                               f"usato alla voce {seen[ident] + 1}",
                                      line=doc.line_of([key, i, "id"]),
                                      field=dotted([key, i, "id"]),
                                      hint="ogni identificativo deve essere diverso"))
            else:
                seen[ident] = i
    return problems


def check_slugs(docs: list[Document]) -> list[Problem]:
    """A scheda's file and a scheda's folder may not share a name (poli are files only)."""
    problems, seen = [], {}
    for doc in docs:
        key = (doc.kind, doc.slug)
        if key in seen:
            problems.append(error(doc.rel, f"c'è già una scheda con lo stesso nome: {seen[key]}",
                                  hint="rinomina uno dei due, oppure unisci le due schede"))
        else:
            seen[key] = doc.rel
    return problems


def check_titles(schede: list[Document], helper: InProcess = IN_PROCESS,
                 meanwhile: Callable[[], object] | None = None) -> list[Problem]:
    """Warn about a titolo nearly equal to an earlier one's (difflib ratio >= 0.9).
    A ``helper`` with a second process does half the search; ``meanwhile`` is other
    work of this process, done while the second one starts."""
    titled = [d for d in schede if isinstance(d.data.get("titolo"), str)]
    found = similar.first_near_duplicates([d.data["titolo"].casefold() for d in titled],
                                          helper, meanwhile)
    return [warning(titled[later].rel,
                    f"il titolo è quasi uguale a quello di {titled[earlier].rel}",
                    line=titled[later].line_of(["titolo"]), field="titolo",
                    hint="se è la stessa pratica, unisci le schede; "
                         "altrimenti scegli un titolo più distinto")
            for later, earlier in sorted(found.items())]


def check_poli_themes(poli: list[Document], schede: list[Document]) -> list[Problem]:
    themes = {d.data["tema"] for d in schede if isinstance(d.data.get("tema"), str)}
    return [warning(p.rel, f"nessuna scheda ha il tema «{p.data['tema']}» di questo polo",
                    line=p.line_of(["tema"]), field="tema",
                    hint="un polo è più utile con almeno una buona pratica del suo tema")
            for p in poli if isinstance(p.data.get("tema"), str) and p.data["tema"] not in themes]
