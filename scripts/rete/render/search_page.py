"""The search pages' shared script, ``modelli/risultati.js``: what a search form does
with its results. A network's «Cerca» page (docs/javascripts/cerca.js, which imports it
from beside itself) and the portal of a network of networks (``federation.portal``)
publish it next to their own script, which gives the engine and how a result is shown."""

from __future__ import annotations

from importlib import resources

NAME = "risultati.js"
PATH = f"javascripts/{NAME}"  # in a network's docs tree, beside cerca.js


def script() -> str:
    return resources.files("rete.render").joinpath("modelli", NAME).read_text("utf-8")
