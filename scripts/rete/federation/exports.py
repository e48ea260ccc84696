"""Each network's open data as the portal reads it, or the Italian reason it is left out.

A network publishes ``schede.json`` and ``poli.json`` (``rete esporta``, or the «Dati
aperti» page of its site) and the DCAT-AP_IT ``catalogo.jsonld``. Each JSON file says
its shape (``versione``) and its licence: the portal lists only what it may republish
and knows how to read. A file without ``versione`` was written before the field
existed, when the shape was the one of version 1, and is read as such.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from ..render.opendata import EXPORT_VERSION
from .config import Federation, Member

KNOWN_VERSIONS = {1}
assert EXPORT_VERSION in KNOWN_VERSIONS, "the portal must read what rete writes"
COLLECTIONS = ("schede", "poli")
CATALOGUE = "catalogo.jsonld"
TIMEOUT = 30  # seconds for one file, when the data are read from an address
MAX_BYTES = 200 * 1024 * 1024


class Unreadable(Exception):
    """Why a network's export cannot be used, in Italian."""


@dataclass
class Network:
    member: Member
    licenza: dict
    records: dict[str, list[dict]]  # "schede" / "poli" -> the published records
    nomi: dict[str, dict[str, str]] = field(default_factory=dict)
    catalogo: bytes | None = None  # its DCAT-AP_IT catalogue, as published
    versione_assente: bool = False  # an export written before «versione»

    def __post_init__(self) -> None:
        self.scheda_ids = {r["id"] for r in self.records["schede"]}

    @property
    def id(self) -> str:
        return self.member.id

    def name(self, group: str, ident: str) -> str:
        """The name of a library, theme or audience of this network, else its id."""
        return self.nomi.get(group, {}).get(ident, ident)


@dataclass(frozen=True)
class Excluded:
    id: str
    motivo: str


def _remote(where: str) -> bool:
    return where.startswith(("https://", "http://"))


def _read(member: Member, base: Path, name: str) -> bytes | None:
    """A file of the network's data, or None when it is not there."""
    where = member.dati
    if _remote(where):
        url = where.rstrip("/") + "/" + name
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as answer:  # noqa: S310 (https only in CI)
                return answer.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            raise Unreadable(f"il sito ha risposto con l'errore {exc.code} per {name}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise Unreadable(f"impossibile scaricare {name} da {where}") from exc
    path = (base / where / name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Unreadable(f"impossibile leggere {name} nella cartella {where}") from exc


def _collection(member: Member, base: Path, name: str) -> dict:
    raw = _read(member, base, f"{name}.json")
    if raw is None:
        raise Unreadable(f"manca il file {name}.json tra i dati aperti della rete")
    if len(raw) > MAX_BYTES:
        raise Unreadable(f"il file {name}.json è troppo grande (oltre 200 MB)")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Unreadable(f"il file {name}.json non è un JSON leggibile") from None
    if not isinstance(data, dict) or not isinstance(data.get(name), list) \
            or not all(isinstance(r, dict) and isinstance(r.get("id"), str)
                       for r in data[name]):
        raise Unreadable(f"il file {name}.json non ha la forma dei dati aperti di rete "
                         f"(manca l'elenco «{name}» con un «id» per voce)")
    version = data.get("versione", 1)
    if version not in KNOWN_VERSIONS:
        raise Unreadable(f"il file {name}.json è nella versione {version!r}, che il portale "
                         f"non conosce (conosce la {', '.join(map(str, sorted(KNOWN_VERSIONS)))}):"
                         " aggiorna rete per leggerlo")
    licence = data.get("licenza")
    if not isinstance(licence, dict) or not all(
            isinstance(licence.get(k), str) and licence[k].strip() for k in ("nome", "url")):
        raise Unreadable(f"il file {name}.json non dice con quale licenza sono pubblicati i "
                         "dati (campo «licenza» con nome e indirizzo), quindi il portale non "
                         "può ripubblicarli")
    return data


def read_network(member: Member, base: Path) -> Network:
    """The network's data, or ``Unreadable`` with the reason."""
    found = {name: _collection(member, base, name) for name in COLLECTIONS}
    first = found[COLLECTIONS[0]]
    nomi = first.get("nomi") if isinstance(first.get("nomi"), dict) else {}
    try:
        catalogue = _read(member, base, CATALOGUE)
    except Unreadable:
        catalogue = None  # the portal is built without it; the records are what it lists
    return Network(member, first["licenza"], {n: d[n] for n, d in found.items()},
                   {g: v for g, v in nomi.items() if isinstance(v, dict)}, catalogue,
                   any("versione" not in d for d in found.values()))


def read_all(fed: Federation) -> tuple[list[Network], list[Excluded]]:
    """Every network that can be read, and every one left out with its reason."""
    networks, excluded = [], []
    for member in fed.reti:
        try:
            networks.append(read_network(member, fed.base))
        except Unreadable as exc:
            excluded.append(Excluded(member.id, str(exc)))
    return networks, excluded
