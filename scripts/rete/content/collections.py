"""Every collection of the content tree and every kind of reference, declared once.

In the spirit of Astro's ``defineCollection({loader, schema})``: a ``Collection``
says where its files live, which schema checks them, which model class and
builder turn them into objects, where their pages go, which of them are
published as open data and what they refer to. A ``Reference`` says, for each
word a schema's ``x-rif`` may hold, where its ids come from and how to speak of
it to a librarian. The loader, the checks, the builder, the renderers, the forms
and the importers read these tables; adding a collection is one entry here plus
its schema, its model class and builder, and its templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import build, model


@dataclass(frozen=True)
class Collection:
    kind: str  # "scheda": the schema's name, the documents' kind, a page template's name
    folder: str  # "schede": the folder in the tree, the open data's name
    model: type
    build: Callable  # (Document, Network) -> model object
    path: Callable  # model object -> its page, relative to docs/
    published: Callable  # Knowledge -> the objects published (pages and open data)
    what: str  # "una scheda": how a sentence names one
    every: str  # "le schede": how a sentence names them all
    references: tuple[str, ...]  # the References its fields may hold
    bundles: bool = False  # whether one may be a folder with index.md and its files
    # Whether its documents have pages, open data, a place in the site's search: a
    # request is not (its referente and notes are private), and ``published`` is empty.
    public: bool = True


@dataclass(frozen=True)
class Reference:
    name: str  # the word in ``x-rif``: a list of rete.yml or a collection's folder
    one: str  # "biblioteca": one of them; also the kind of its page
    what: str  # how a form's message names one
    unknown: str  # the checker's message for an id that is not there
    where: str  # where the ids are, in the checker's hint
    guide: str  # what the field guide says the value is
    named_by: tuple[str, ...] = ("nome",)  # the fields a librarian may write instead of the id
    none_yet: str | None = None  # for a list of rete.yml: what an empty list lacks
    page: Callable | None = None  # an entry -> its page, for lists of rete.yml

    @property
    def in_registry(self) -> bool:
        """Whether its ids are a list of rete.yml (otherwise, a collection's files)."""
        return self.none_yet is not None


_NETWORK_IDS = "tra gli identificativi della rete"

REFERENCES: dict[str, Reference] = {r.name: r for r in (
    Reference("biblioteche", "biblioteca", "una biblioteca della rete", "biblioteca sconosciuta",
              _NETWORK_IDS, "identificativi delle biblioteche (pagina «Identificativi»)",
              named_by=("nome", "comune"), none_yet="nessuna biblioteca",
              page=lambda b: f"biblioteche/{b.id}.md"),
    Reference("temi", "tema", "un tema della rete", "tema sconosciuto", _NETWORK_IDS,
              "identificativi dei temi (pagina «Identificativi»)", none_yet="nessun tema",
              page=lambda t: f"temi/{t.id}.md"),
    Reference("destinatari", "destinatario", "un destinatario della rete",
              "destinatario sconosciuto", _NETWORK_IDS,
              "identificativi dei destinatari (pagina «Identificativi»)",
              none_yet="nessun destinatario", page=lambda d: f"destinatari/{d.id}.md"),
    Reference("poli", "polo", "un polo della rete", "polo sconosciuto", "nella cartella poli/",
              "nome di un file in poli/, senza .md"),
)}

# The lists of rete.yml whose items have ids that documents refer to.
REGISTRY_LISTS = tuple(name for name, r in REFERENCES.items() if r.in_registry)


def _scheda_path(s) -> str:
    return f"schede/{s.slug}/index.md" if s.bundle else f"schede/{s.slug}.md"


COLLECTIONS: dict[str, Collection] = {c.kind: c for c in (
    Collection("scheda", "schede", model.Scheda, build.scheda, _scheda_path,
               lambda k: k.pubblicate, "una scheda", "le schede",
               ("biblioteche", "temi", "destinatari", "poli"), bundles=True),
    Collection("polo", "poli", model.Polo, build.polo, lambda p: f"poli/{p.slug}.md",
               lambda k: k.poli, "un polo", "i poli", ("biblioteche", "temi", "destinatari")),
    Collection("richiesta", "richieste", model.Request, build.richiesta,
               lambda r: f"richieste/{r.slug}.md", lambda k: [], "una richiesta",
               "le richieste", ("biblioteche", "poli"), public=False),
)}

FOLDERS = {kind: c.folder for kind, c in COLLECTIONS.items()}  # "scheda" -> "schede"
KIND_OF = {c.folder: kind for kind, c in COLLECTIONS.items()}  # "schede" -> "scheda"
KINDS = tuple(COLLECTIONS)
PUBLIC = tuple(kind for kind, c in COLLECTIONS.items() if c.public)  # with pages, open data
