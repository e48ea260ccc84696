"""The figures across networks: what each network lists, who is left out, and the
practices one network took up from another (a ``ripresa_da`` that is the address of a
scheda page on another network's site), in the shape of `rete diffusione` with the
network of each side.

A scheda's page on a rete site is ``{sito}schede/{id}/``: an address is matched to a
network by its site and to a scheda by that path, whatever its query or fragment.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass

from .config import Federation
from .exports import Excluded, Network


@dataclass(frozen=True)
class CrossAdoption:
    scheda: str
    rete: str
    ripresa_da: str
    da_rete: str | None  # None: a site the portal does not list


def _normal(url: str) -> str:
    url = url.split("#", 1)[0].split("?", 1)[0]
    if url.endswith("index.html"):
        url = url[: -len("index.html")]
    return url.rstrip("/").lower().replace("http://", "https://", 1)


def locate(url: str, networks: list[Network]) -> tuple[str | None, str | None]:
    """(network, scheda) of a scheda page's address; (None, None) when no listed site has
    it; (network, None) when the site is listed but the path is not one of its schede."""
    target = _normal(url)
    for net in networks:  # a few dozen sites: a loop costs less than an index
        site = _normal(net.member.sito)
        if target == site or target.startswith(site + "/"):
            rest = target[len(site) + 1:].split("/")
            if len(rest) == 2 and rest[0] == "schede":
                return net.id, rest[1] if rest[1] in net.scheda_ids else None
            return net.id, None
    return None, None


def cross_adoptions(networks: list[Network]) -> list[CrossAdoption]:
    """One entry per (scheda, address of its ``ripresa_da`` on another site), in the
    order of the networks and of their schede; a network's own address is not one."""
    found = []
    for net in networks:
        for s in net.records["schede"]:
            for item in s.get("ripresa_da") or []:
                if not isinstance(item, str) or not item.startswith(("https://", "http://")):
                    continue
                rete, _ = locate(item, networks)
                if rete != net.id:
                    found.append(CrossAdoption(s["id"], net.id, item, rete))
    return found


def summary(networks: list[Network], excluded: list[Excluded]) -> dict:
    """What `rete federa --formato json` prints."""
    return {"reti": [{"id": n.id, "schede": len(n.records["schede"]),
                      "poli": len(n.records["poli"])} for n in networks],
            "escluse": [asdict(e) for e in excluded],
            "adozioni_tra_reti": [asdict(a) for a in cross_adoptions(networks)]}


def _year(s: dict) -> int | None:
    start = (s.get("periodo") or {}).get("inizio")
    return int(start[:4]) if isinstance(start, str) and start[:4].isdigit() else None


def spread(fed: Federation, networks: list[Network]) -> dict:
    """`rete diffusione`'s JSON across networks, ``rete`` beside each library and scheda:
    only adoptions between two listed networks (those the portal can name)."""
    by_id = {n.id: n for n in networks}
    schede = {(n.id, s["id"]): s for n in networks for s in n.records["schede"]}
    adozioni, adopters = [], defaultdict(set)
    took, taken, themes, seen = Counter(), defaultdict(set), Counter(), set()
    for a in cross_adoptions(networks):
        if a.da_rete is None:
            continue
        _, origin_id = locate(a.ripresa_da, networks)
        s = schede[(a.rete, a.scheda)]
        origin = schede.get((a.da_rete, origin_id)) if origin_id else None
        da_lib = origin["biblioteca"] if origin else None
        adozioni.append({"scheda": a.scheda, "rete": a.rete, "biblioteca": s["biblioteca"],
                         "ripresa_da": a.ripresa_da, "da_rete": a.da_rete,
                         "da_scheda": origin_id, "da_biblioteca": da_lib, "anno": _year(s)})
        if (a.rete, a.scheda) not in seen:
            seen.add((a.rete, a.scheda))
            took[(a.rete, s["biblioteca"])] += 1
            themes[fed.regional_theme(a.rete, s.get("tema", ""))] += 1
        if origin:
            adopters[(a.da_rete, origin_id)].add((a.rete, s["biblioteca"]))
            taken[(a.da_rete, da_lib)].add((a.rete, a.scheda))
    libraries = sorted(set(took) | set(taken))
    return {
        "adozioni": adozioni,
        "piu_riprese": sorted(({"scheda": sid, "rete": rid, "biblioteche": len(libs)}
                               for (rid, sid), libs in adopters.items()),
                              key=lambda t: (-t["biblioteche"], t["rete"], t["scheda"])),
        "biblioteche": sorted(({"id": lib, "rete": rid,
                                "nome": by_id[rid].name("biblioteche", lib),
                                "ha_ripreso": took[(rid, lib)],
                                "e_stata_ripresa": len(taken[(rid, lib)])}
                               for rid, lib in libraries),
                              key=lambda b: (-b["e_stata_ripresa"], -b["ha_ripreso"],
                                             b["rete"], b["id"])),
        "per_tema": dict(sorted(themes.items(), key=lambda kv: (-kv[1], kv[0]))),
    }
