"""The validated content as typed objects: what every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Library:
    id: str
    nome: str
    comune: str
    isil: str | None = None


@dataclass(frozen=True)
class Theme:
    id: str
    nome: str
    descrizione: str | None = None


@dataclass(frozen=True)
class Audience:
    id: str
    nome: str


@dataclass(frozen=True)
class SetupCosts:
    """What the workshop's set-up costs, in euro."""

    allestimento: float | None = None
    materiali: float | None = None
    altro: float | None = None


@dataclass(frozen=True)
class Workshop:
    titolo: str
    data: date
    luogo: str
    costi: SetupCosts | None = None
    anni: tuple[int, ...] = ()  # the site's booklet: schede active in these years
    temi: tuple[str, ...] = ()  # and of these themes (all when empty)


@dataclass(frozen=True)
class Licence:
    nome: str
    url: str


DEFAULT_LICENCE = Licence("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.it")


@dataclass
class Network:
    nome: str
    sito: str
    biblioteche: dict[str, Library]
    temi: dict[str, Theme]
    destinatari: dict[str, Audience]
    workshop: Workshop | None = None
    contatto: str | None = None  # where librarians send what they fill in on the site
    licenza: Licence = DEFAULT_LICENCE  # of the content: schede, poli, open data


@dataclass(frozen=True)
class Contact:
    nome: str
    email: str
    telefono: str | None = None


@dataclass(frozen=True)
class Resources:
    personale: str | None = None
    ore: float | None = None
    costo: float | None = None
    finanziamento: str | None = None


@dataclass(frozen=True)
class Material:
    titolo: str
    file: str | None = None  # relative to the bundle
    url: str | None = None
    path: Path | None = None  # absolute, for files
    size: int | None = None

    @property
    def extension(self) -> str:
        name = self.file or self.url or ""
        tail = name.rsplit("/", 1)[-1]
        return tail.rsplit(".", 1)[-1].lower() if "." in tail else ""


@dataclass(frozen=True)
class Period:
    inizio: date
    fine: date | None = None


@dataclass
class Scheda:
    slug: str
    rel: str
    titolo: str
    biblioteca: Library
    tema: Theme
    destinatari: list[Audience]
    sintesi: str
    referente: Contact
    inizio: date
    body: str
    fine: date | None = None
    partner: list[Library] = field(default_factory=list)
    stato: str | None = None
    risorse: Resources | None = None
    risultati: str | None = None
    trasferibilita: str | None = None
    parole_chiave: list[str] = field(default_factory=list)
    sdg: list[int] = field(default_factory=list)
    polo: str | None = None
    materiali: list[Material] = field(default_factory=list)
    compilata_il: date | None = None
    bozza: bool = False
    bundle: Path | None = None
    # What the page publishes beside it: its name (NFC, "/") -> the file on disk.
    files: dict[str, Path] = field(default_factory=dict)
    dati: dict = field(default_factory=dict, repr=False)  # the front-matter as written

    @property
    def libraries(self) -> list[Library]:
        return [self.biblioteca, *self.partner]

    @property
    def periodo(self) -> Period:
        """The schema's ``periodo``: the model keeps its two dates flat, for sorting."""
        return Period(self.inizio, self.fine)

    @property
    def pubblicata_il(self) -> date:
        """The day the scheda counts as new (feed, communications): the day it was
        filled in, or else the day its activity began."""
        return self.compilata_il or self.inizio


@dataclass(frozen=True)
class Service:
    nome: str
    descrizione: str
    come_richiederlo: str


@dataclass(frozen=True)
class Costs:
    preventivo: float | None = None
    consuntivo: float | None = None
    ricavi: float | None = None


@dataclass(frozen=True)
class Activity:
    data: date
    titolo: str
    biblioteche: tuple[Library, ...] = ()
    partecipanti: int | None = None
    ore: float | None = None
    costo: float | None = None


@dataclass
class Polo:
    slug: str
    rel: str
    nome: str
    tema: Theme
    biblioteca: Library
    sintesi: str
    referente: Contact
    stato: str
    body: str
    partner: list[Library] = field(default_factory=list)
    proposto_il: date | None = None
    attivo_dal: date | None = None
    servizi: list[Service] = field(default_factory=list)
    costi: Costs | None = None
    attivita: list[Activity] = field(default_factory=list)
    dati: dict = field(default_factory=dict, repr=False)  # the front-matter as written

    @property
    def libraries(self) -> list[Library]:
        return [self.biblioteca, *self.partner]

    @property
    def annunciato_il(self) -> date | None:
        """The day the polo counts as new: the day it became active, or was proposed."""
        return self.attivo_dal or self.proposto_il


@dataclass
class Knowledge:
    """The whole validated tree. ``schede`` holds drafts too; ``pubblicate`` does not."""

    rete: Network
    schede: list[Scheda]
    poli: list[Polo]

    @property
    def pubblicate(self) -> list[Scheda]:
        return [s for s in self.schede if not s.bozza]

    def polo(self, slug: str | None) -> Polo | None:
        return next((p for p in self.poli if p.slug == slug), None)

    def ids(self) -> dict[str, list[str]]:
        """The identifiers documents may refer to, as ``loader.Tree.ids`` gives them."""
        return {"biblioteche": list(self.rete.biblioteche), "temi": list(self.rete.temi),
                "destinatari": list(self.rete.destinatari),
                "poli": [p.slug for p in self.poli]}
