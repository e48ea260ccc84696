"""`rete comunica`: the message about the poli, ready to send to every library."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..content.convert import italian_date
from ..problems import ReteError
from ..content.writer import write_atomic
from .common import root_of
from .libretto import _knowledge

NAME = "comunicazione"


def _since(text: str | None, today: date) -> date:
    if text is None:
        return date(today.year, 1, 1)
    parsed = italian_date(text)
    if parsed is None:
        raise ReteError(f"--dal: attesa una data come 2026-03-15 o 15/03/2026, ricevuto "
                        f"«{text}»")
    return parsed


def cmd_comunica(args) -> int:
    from ..booklet import comunica

    k = _knowledge(args)
    dal = _since(args.dal, date.today())
    out = Path(args.out) if args.out else root_of(args) / NAME
    out.mkdir(parents=True, exist_ok=True)
    message = comunica.compose(k, dal)
    html_text = comunica.to_html(k, message)
    plain = comunica.to_text(k, message)
    write_atomic(out / f"{NAME}.html", html_text)
    write_atomic(out / f"{NAME}.txt", plain)
    write_atomic(out / f"{NAME}.eml", comunica.to_eml(message, html_text, plain))
    print(f"Scritti {NAME}.html, {NAME}.txt e {NAME}.eml in {out}: "
          f"{len(message.attivi)} poli attivi, {len(message.proposti)} proposti, "
          f"{len(message.schede)} schede dal {dal.isoformat()}.")
    print(f"Apri {NAME}.eml con il programma di posta, aggiungi i destinatari e invia.")
    return 0


def register(commands, common) -> None:
    """Add `rete comunica` to the ``rete`` parser."""
    comunica = commands.add_parser(
        "comunica", parents=[common], help="prepara l'email che presenta i poli alle biblioteche",
        description="Prepara il messaggio per tutte le biblioteche: i poli attivi con i loro "
                    "servizi e referenti, i poli proposti e le schede pubblicate da una data. "
                    "Scrive la versione HTML, quella solo testo e un file .eml da aprire con "
                    "il programma di posta.")
    comunica.add_argument("--dal", metavar="AAAA-MM-GG",
                          help="le schede pubblicate da questa data (di solito dal 1° gennaio)")
    comunica.add_argument("--out", metavar="CARTELLA",
                          help="dove scrivere i file (di solito la cartella comunicazione)")
    comunica.set_defaults(func=cmd_comunica)
