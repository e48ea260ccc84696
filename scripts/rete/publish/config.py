"""The site's mkdocs.yml as the tree reads it, and as a hookless engine gets it."""

from __future__ import annotations

import html
import io

import yaml
from ruamel.yaml import YAML

from .frozen import ALWAYS
from .tree import Settings
from ..content.model import Knowledge
from ..problems import ReteError
from ..render import legal, pages

HOOKS = "hooks"  # the key an engine without a plugin API ignores, or refuses


class _Tolerant(yaml.SafeLoader):
    """mkdocs.yml may carry MkDocs' tags (``!ENV``, ``!!python/name:``); the tree
    needs only the Markdown extensions, so a tag is read as its plain value."""


def _untagged(loader, suffix, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_Tolerant.add_multi_constructor("!", _untagged)
_Tolerant.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)


def read(text: str) -> dict:
    try:
        data = yaml.load(text, Loader=_Tolerant)  # noqa: S506  a safe loader
    except yaml.YAMLError as exc:
        raise ReteError(f"mkdocs.yml non si legge: {exc}",
                        hint="correggi mkdocs.yml (lo controlla anche «make sito»)") from exc
    return data if isinstance(data, dict) else {}


def settings(config: dict, site_url: str | None) -> Settings:
    """The Markdown extensions and their options, as an engine reads mkdocs.yml: the
    ones it always enables first, each once (what the hook is given, so that `rete
    genera` and the build make and keep the same tree)."""
    names, options = [], {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            for name, value in entry.items():
                names.append(name)
                options[name] = value or {}
        else:
            names.append(str(entry))
    return Settings(site_url=site_url, repo_url=config.get("repo_url"),
                    extensions=list(dict.fromkeys([*ALWAYS, *names])), configs=options)


def values(k: Knowledge, repo_url: str | None = None) -> dict:
    """What the site's configuration takes from rete.yml: the name (the theme prints it
    without escaping it: it is written escaped), the address, the licence and the
    footer of a public body's site (legal.footer)."""
    licence = k.rete.licenza
    return {"site_name": html.escape(k.rete.nome), "site_url": k.rete.sito,
            "licenza": {"nome": licence.nome, "url": licence.url,
                        "pagina": pages.OPEN_DATA_PAGE.removesuffix(".md") + "/"},
            "piede": legal.footer(k.rete, repo_url)}


def hookless(text: str, k: Knowledge) -> str:
    """mkdocs.yml without ``hooks:``, with rete.yml's values written in: comments and
    order kept, MkDocs' own tags too."""
    round_trip = YAML()
    round_trip.preserve_quotes = True
    round_trip.width = 4096
    data = round_trip.load(text)
    data.pop(HOOKS, None)
    given = values(k, data.get("repo_url"))
    data["site_name"] = given["site_name"]
    if given["site_url"]:
        data["site_url"] = given["site_url"]
    extra = data.setdefault("extra", {})
    extra["licenza"] = given["licenza"]
    extra["piede"] = given["piede"]
    out = io.StringIO()
    round_trip.dump(data, out)
    return out.getvalue()
