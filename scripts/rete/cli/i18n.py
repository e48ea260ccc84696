"""Italian words for argparse, which only speaks through gettext.

argparse looks up ``_`` and ``ngettext`` in its own module at call time; the
project ships no compiled catalogue, so a small table stands in for one.
"""

from __future__ import annotations

import argparse

_IT = {
    "usage: ": "uso: ",
    "positional arguments": "argomenti",
    "options": "opzioni",
    "optional arguments": "opzioni",
    "show this help message and exit": "mostra questo aiuto ed esce",
    "%(prog)s: error: %(message)s\n": "%(prog)s: errore: %(message)s\n",
    "unrecognized arguments: %s": "argomenti non riconosciuti: %s",
    "the following arguments are required: %s": "mancano questi argomenti: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "scelta non valida: %(value)r (scegli tra %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argomento %(argument_name)s: %(message)s",
    "expected one argument": "serve un valore",
    "expected at most one argument": "serve al massimo un valore",
    "expected at least one argument": "serve almeno un valore",
    "ambiguous option: %(option)s could match %(matches)s":
        "opzione ambigua: %(option)s potrebbe essere %(matches)s",
    "not allowed with argument %s": "non si può usare insieme a %s",
    "invalid %(type)s value: %(value)r": "valore non valido: %(value)r",
    "unexpected option string: %s": "opzione inattesa: %s",
    "one of the arguments %s is required": "serve uno di questi argomenti: %s",
    "subcommands": "comandi",
}
_IT_PLURAL = {"expected %s argument": ("serve %s valore", "servono %s valori")}


def _gettext(message: str) -> str:
    return _IT.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    if singular in _IT_PLURAL:
        one, many = _IT_PLURAL[singular]
        return one if n == 1 else many
    return singular if n == 1 else plural


def install() -> None:
    argparse._ = _gettext
    argparse.ngettext = _ngettext
