"""`rete esporta`: the published schede and poli as open data files."""

from __future__ import annotations

from pathlib import Path

from ..render import opendata
from ..content.writer import write_atomic
from .common import refuse_sources, root_of, usable


def cmd_esporta(args) -> int:
    result = usable(args)
    if result is None:
        return 1
    out = Path(args.out)
    refuse_sources(root_of(args), out)
    formats = [args.formato] if args.formato else list(opendata.FORMATS)
    made = opendata.files(result.knowledge, formats)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in made.items():
        write_atomic(out / name, data)
    k = result.knowledge
    schede = "1 scheda" if len(k.pubblicate) == 1 else f"{len(k.pubblicate)} schede"
    poli = "1 polo" if len(k.poli) == 1 else f"{len(k.poli)} poli"
    print(f"Esportati {schede} e {poli} in {out}: "
          f"{', '.join(made)}. Licenza: {k.rete.licenza.nome}.")
    return 0


def register(commands, common) -> None:
    esporta = commands.add_parser(
        "esporta", parents=[common], help="esporta schede e poli come dati aperti",
        description="Scrive le schede pubblicate e i poli come dati aperti: un file JSON per "
                    "raccolta (con la licenza e lo schema accanto), un CSV per raccolta "
                    "(UTF-8, elenchi separati da «; ») e un file XLSX con un foglio per "
                    "raccolta.")
    esporta.add_argument("--formato", choices=opendata.FORMATS,
                         help="solo questo formato (di solito tutti e tre)")
    esporta.add_argument("--out", default="dati-aperti", metavar="CARTELLA",
                         help="la cartella in cui scrivere (di solito dati-aperti)")
    esporta.set_defaults(func=cmd_esporta)
