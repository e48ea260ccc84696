"""``federazione.yml``: the portal's name and the networks it lists, validated against
``schemi/federazione.yml`` by the same checker as rete.yml (Italian messages, lines,
hints), plus the checks a schema cannot make (repeated ids, a theme naming an unknown
network)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.loader import Document
from ..content.schemacheck import validate
from ..content.yamlerrors import YamlProblem
from ..content.yamlsafe import parse
from ..problems import Problem, error
from ..text import did_you_mean

KIND = "federazione"


@dataclass(frozen=True)
class Member:
    id: str
    nome: str
    sito: str
    dati: str  # an address, or a folder (relative to federazione.yml)


@dataclass
class Federation:
    nome: str
    sito: str
    ente: str | None
    reti: list[Member]
    # regional theme -> the (network, theme) pairs it gathers
    temi: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    base: Path = Path(".")  # the folder of federazione.yml

    def __post_init__(self) -> None:
        # (network, theme) -> regional theme; the first mapping naming a pair wins
        self._themes: dict[tuple[str, str], str] = {}
        for regional, pairs in self.temi.items():
            for pair in pairs:
                self._themes.setdefault(tuple(pair), regional)

    def regional_theme(self, rete: str, tema: str) -> str:
        """The portal's theme for a network's theme: the mapping's, else the same id."""
        return self._themes.get((rete, tema), tema)


def _extra(doc: Document) -> list[Problem]:
    problems, seen = [], set()
    ids = [r.get("id") for r in doc.data.get("reti", [])]
    for i, rid in enumerate(ids):
        if rid in seen:
            problems.append(error(doc.rel, f"la rete «{rid}» è elencata due volte",
                                  line=doc.line_of(["reti", i, "id"]), field=f"reti.{i}.id",
                                  hint="ogni rete ha un identificativo diverso"))
        seen.add(rid)
    for regional, items in (doc.data.get("temi") or {}).items():
        for j, item in enumerate(items):
            rid = item.split(":", 1)[0]
            if rid not in seen:
                guess = did_you_mean(rid, list(seen))
                problems.append(error(
                    doc.rel, f"il tema «{regional}» nomina la rete «{rid}», che non è elencata",
                    line=doc.line_of(["temi", regional, j]), field=f"temi.{regional}.{j}",
                    hint=f"forse intendevi «{guess}»?" if guess
                    else "usa l'identificativo di una rete elencata in «reti»"))
    return problems


def load(path: Path) -> tuple[Federation | None, list[Problem]]:
    """The federation described by ``path``, or None and the problems that stop it."""
    rel = path.name
    try:
        parsed = parse(path.read_text("utf-8"))
    except YamlProblem as exc:
        return None, [error(rel, exc.message, line=exc.line, hint=exc.hint)]
    except UnicodeDecodeError:
        return None, [error(rel, "il file non è un testo UTF-8",
                            hint="salvalo di nuovo scegliendo la codifica UTF-8")]
    if not isinstance(parsed.data, dict):
        return None, [error(rel, "il file non descrive un portale",
                            hint="scrivi i campi nome, sito e reti, uno per riga")]
    doc = Document(kind=KIND, path=path, rel=rel, data=parsed.data, lines=parsed.lines)
    problems = validate(doc)
    problems += [] if problems else _extra(doc)
    if problems:
        return None, problems
    data = doc.data
    return Federation(
        data["nome"], data["sito"], data.get("ente"),
        [Member(r["id"], r["nome"], r["sito"], r["dati"]) for r in data["reti"]],
        {t: [tuple(i.split(":", 1)) for i in items] for t, items in data.get("temi", {}).items()},
        path.resolve().parent), []
