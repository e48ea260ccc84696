"""The network as rete.yml describes it, typed: its libraries, themes, audiences, the
workshop, the licence and the public body that publishes the site (content/model.py
re-exports them with the documents' classes)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Library:
    id: str
    nome: str
    comune: str
    isil: str | None = None
    lat: float | None = None  # optional, both or neither (the schema says so)
    lon: float | None = None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    def km_to(self, other: "Library") -> float | None:
        """The great-circle distance in km, or None when either has no coordinates."""
        if not (self.located and other.located):
            return None
        p1, p2 = math.radians(self.lat), math.radians(other.lat)
        dp, dl = p2 - p1, math.radians(other.lon - self.lon)
        a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


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
    anni: tuple[int, ...] = ()  # the site's booklet: schede begun in these years
    temi: tuple[str, ...] = ()  # and of these themes (all when empty)


@dataclass(frozen=True)
class Licence:
    nome: str
    url: str


DEFAULT_LICENCE = Licence("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.it")


@dataclass(frozen=True)
class PublicBody:
    """The public body that publishes the site (``ente``)."""

    nome: str
    codice_ipa: str | None = None
    indirizzo: str | None = None
    pec: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Privacy:
    titolare: str | None = None  # the data controller
    rpd_email: str | None = None  # the data-protection officer


@dataclass(frozen=True)
class AccessibilityStatement:
    dichiarazione: str  # its address on form.agid.gov.it
    anno: int | None = None


@dataclass(frozen=True)
class OpenDataPolicy:
    # Whether the referenti's emails and phones go into bulk data (open data, feed,
    # JSON-LD, search index): off unless rete.yml says so.
    contatti: bool = False


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
    ente: PublicBody | None = None
    privacy: Privacy | None = None
    accessibilita: AccessibilityStatement | None = None
    segnalazioni: str | None = None  # an email or an address where readers report problems
    dati_aperti: OpenDataPolicy = OpenDataPolicy()
