"""The validated content as typed objects: what every renderer reads. The network's
own classes (rete.yml) live in content/network.py and are re-exported here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from .network import (DEFAULT_LICENCE, AccessibilityStatement, Audience,  # noqa: F401
                      Library, Licence, Network, OpenDataPolicy, Privacy, PublicBody,
                      SetupCosts, Theme, Workshop)


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


@dataclass(frozen=True, eq=False)
class Source:
    """One item of a scheda's ``ripresa_da``, as written, and what it names: a scheda
    of this network (``scheda``; it may be a draft) or another network's page (``url``)."""

    valore: str
    scheda: "Scheda | None" = None
    url: str | None = None

    def _key(self) -> tuple:
        return self.valore, self.url, self.scheda.slug if self.scheda else None

    def __eq__(self, other) -> bool:  # by what it names: the scheda is compared by slug
        return isinstance(other, Source) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    @property
    def shown(self) -> bool:
        """Whether a page may show it: another network's address, or a published scheda."""
        return self.url is not None or (self.scheda is not None and not self.scheda.bozza)


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
    ripresa_da: list[Source] = field(default_factory=list)
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
class Availability:
    dal: date | None = None
    al: date | None = None

    def covers(self, day: date) -> bool:
        return (self.dal is None or self.dal <= day) and (self.al is None or day <= self.al)


@dataclass(frozen=True)
class Service:
    id: str
    nome: str
    descrizione: str
    come_richiederlo: str
    per_chi: tuple[str, ...] = ()  # ids of destinatari, or "biblioteche"
    modalita: tuple[str, ...] = ()
    anticipo_giorni: int | None = None
    costo: float | None = None
    disponibile: Availability | None = None  # None: always


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
    servizio: str | None = None  # the id of the polo's service it rendered
    richiesta: str | None = None  # the request it answered (its file name)


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

    def servizio(self, ident: str | None) -> Service | None:
        return next((s for s in self.servizi if s.id == ident), None)


@dataclass(frozen=True)
class Wanted:
    """When a library would like the service."""

    dal: date
    al: date | None = None


# A request's states; "aperte" are the ones still waiting for the polo or the service.
REQUEST_STATES = ("nuova", "accettata", "rifiutata", "svolta", "annullata")
OPEN_STATES = ("nuova", "accettata")


@dataclass
class Request:
    """A library's request of a polo's service. Never published: no page, no open data."""

    slug: str
    rel: str
    polo: str  # the polo's id (its file name)
    servizio: str
    biblioteca: Library
    richiesta_il: date
    referente: Contact
    stato: str
    body: str
    periodo: Wanted | None = None
    risposta_il: date | None = None
    svolta_il: date | None = None
    partecipanti: int | None = None
    ore: float | None = None
    costo: float | None = None
    motivo: str | None = None
    dati: dict = field(default_factory=dict, repr=False)

    @property
    def aperta(self) -> bool:
        return self.stato in OPEN_STATES


@dataclass
class Knowledge:
    """The whole validated tree. ``schede`` holds drafts too; ``pubblicate`` does not."""

    rete: Network
    schede: list[Scheda]
    poli: list[Polo]
    richieste: list[Request] = field(default_factory=list)

    def __getstate__(self) -> dict:
        """The model without what it computed on demand (``_adopters``): two equal
        models pickle, and so fingerprint, alike whatever was asked of them."""
        return {name: value for name, value in vars(self).items() if name != "_adopters"}

    @property
    def pubblicate(self) -> list[Scheda]:
        return [s for s in self.schede if not s.bozza]

    @cached_property
    def _adopters(self) -> dict[str, list[Scheda]]:
        found: dict[str, list[Scheda]] = {}
        for s in self.pubblicate:
            for src in s.ripresa_da:
                if src.scheda is not None:
                    found.setdefault(src.scheda.slug, []).append(s)
        return found

    def riprese(self, scheda: Scheda) -> list[Scheda]:
        """The published schede that took ``scheda`` up (their ``ripresa_da`` names it)."""
        return list(self._adopters.get(scheda.slug, []))

    def polo(self, slug: str | None) -> Polo | None:
        return next((p for p in self.poli if p.slug == slug), None)

    def ids(self) -> dict[str, list[str]]:
        """The identifiers documents may refer to, as ``loader.Tree.ids`` gives them."""
        return {"biblioteche": list(self.rete.biblioteche), "temi": list(self.rete.temi),
                "destinatari": list(self.rete.destinatari),
                "poli": [p.slug for p in self.poli]}
