"""Does each link of a page lead to a page or file the site publishes? Decided as
the site decides it.

A Markdown link or image with a path is resolved as MkDocs resolves it, from the
page's file in the docs tree (``altra.md``, ``../poli/nome.md``, ``foto.jpg``): when
that file is not published and the path has an extension, MkDocs stops a strict
build. Any other relative address (``../altra/``, ``/poli/nome/``, an HTML ``href``
or ``src``, which MkDocs leaves as written) is resolved as a browser does, from the
page's address, and must be a published page's address or a file. A short form
(``scheda:nome``…) must name a page that exists. An ``#anchor`` must be one of the
ids the target page will have. Web addresses, ``mailto:`` and other schemes are
not resolved here (checks.check_body and the sanitiser judge them).
"""

from __future__ import annotations

import posixpath
from functools import cached_property
from urllib.parse import unquote, urlsplit

import ada_url
from rapidfuzz import fuzz, process

from ..content import bundles, links
from ..content.links import url_of
from ..problems import Problem, error
from ..content.ids import own_id
from ..content.sitemap import UNKNOWN, Page, SiteMap
from ..content.urls import page_address

GUESSES = 50  # broken links of a page that get a suggestion: each one reads every name
LIKE = 60  # how alike (0-100, rapidfuzz's ratio) a suggested path must be
RULE = ("per un'altra scheda scrivi [testo](scheda:nome), per un polo [testo](polo:nome), "
        "per un file mettilo nella cartella della scheda e aggiungilo ai «materiali»")

_FILE = "il nome del file, senza .md"
_ID = "il suo identificativo in rete.yml"
_NAMED = {"scheda": ("la scheda", _FILE), "polo": ("il polo", _FILE),
          "tema": ("il tema", _ID), "biblioteca": ("la biblioteca", _ID),
          "destinatario": ("il destinatario", _ID)}


class _Urls:
    """The site map by address."""

    def __init__(self, site: SiteMap):
        self.by_url = {url_of(p): p for p in site.pages} | {p: p for p in site.files}
        self.drafts = {url_of(p): p for p in site.drafts}

    def find(self, rest: str, table: dict) -> str | None:
        for guess in (rest, rest + "/", rest.removesuffix("index.html")):
            if guess in table:
                return table[guess]
        return None


class Checker:
    """The links of pages against one site map."""

    def __init__(self, site: SiteMap):
        self.site = site
        self._here = ("", "")  # the last page's path and address
        self._guesses = GUESSES

    @cached_property
    def _urls(self) -> _Urls:
        return _Urls(self.site)

    @cached_property
    def _everything(self) -> list[str]:
        return [*self.site.pages, *self.site.files]

    @cached_property
    def _root(self) -> tuple[tuple[str, str, str], str]:
        """The site's origin and the path of its root folder."""
        root = ada_url.URL(page_address(self.site.site, ""))
        return (root.protocol, root.host, root.port), root.pathname

    def _address(self, path: str) -> str:
        """The address of the page at ``path``, for the page being checked."""
        if self._here[0] != path:
            self._here = (path, page_address(self.site.site, url_of(path)))
        return self._here[1]

    def check(self, page: Page) -> list[Problem]:
        """One error for each link of ``page`` that would not lead where it says."""
        problems: list[Problem] = []
        self._guesses = GUESSES
        judged: dict[tuple, tuple[str, str] | None] = {}  # the same link, written again
        for link in page.links:
            key = (link.address, link.syntax, link.image)
            if key not in judged:
                judged[key] = self._link(page, link)
            found = judged[key]
            if found:
                message, hint = found
                problems.append(error(page.rel, message, line=page.first + link.line,
                                      hint=hint))
        return problems

    def _link(self, page: Page, link: links.Link) -> tuple[str, str] | None:
        address = link.address.strip()
        try:
            parts = urlsplit(address)
        except ValueError:
            return self._missing(page, link, None, "url")
        if parts.scheme or parts.netloc:
            return self._other_scheme(page, link, address)
        if address.startswith(("/", "\\")):
            return self._by_url(page, link, address)
        if not parts.path:
            return self._anchor(page, link, page.path, parts.fragment, same=True)
        if link.syntax == "html":
            return self._by_url(page, link, address)
        path = unquote(parts.path)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), path))
        target = target.lstrip("/")
        if self.site.published(target):
            return self._anchor(page, link, target, parts.fragment)
        if posixpath.splitext(path)[1]:  # MkDocs stops the build
            return self._missing(page, link, target, "md")
        return self._by_url(page, link, address)

    def _other_scheme(self, page: Page, link: links.Link, address: str):
        found = links.short(address)
        site = self.site.site
        if found and found[0] in links.SHORT:
            kind, name, rest = found
            target = self.site.short(kind, name)
            if target is None:
                guess = process.extractOne(name, self.site.names.get(kind, []),
                                           scorer=fuzz.ratio, score_cutoff=LIKE)
                hint = (f"forse intendevi «{kind}:{guess[0]}»?" if guess else
                        f"dopo «{kind}:» scrivi {_NAMED[kind][1]}")
                return (f"il collegamento «{link.address}» non si apre: {_NAMED[kind][0]} "
                        f"«{name}» non esiste", hint)
            if target in self.site.drafts:
                return self._draft(link)
            return self._anchor(page, link, target, urlsplit(rest).fragment if rest else "")
        if found:
            guess = process.extractOne(found[0], list(links.SHORT), scorer=fuzz.ratio,
                                       score_cutoff=LIKE)
            if guess:
                return (f"il collegamento «{link.address}» non si apre: «{found[0]}:» non è "
                        "un modo di collegare", f"scrivi «{guess[0]}:{found[1]}»")
        if site and address.startswith(site.rstrip("/") + "/"):
            return self._by_url(page, link, address)
        return None

    def _by_url(self, page: Page, link: links.Link, address: str):
        """An address resolved as a browser does, from the page's address."""
        origin, folder = self._root
        try:
            url = ada_url.URL(address, base=self._address(page.path))
        except ValueError:
            return self._missing(page, link, None, "url")
        if (url.protocol, url.host, url.port) != origin:
            return None  # another server: a web address (checks.check_body, the sanitiser)
        if not url.pathname.startswith(folder):
            return (f"il collegamento «{link.address}» porta fuori dal sito",
                    "per una pagina del sito scrivi un percorso relativo, come "
                    "../poli/nome.md, oppure " + RULE)
        rest = unquote(url.pathname[len(folder):])
        target = self._urls.find(rest, self._urls.by_url)
        if target is None:
            if self._urls.find(rest, self._urls.drafts):
                return self._draft(link)
            return self._missing(page, link, posixpath.normpath(rest) if rest else None, "url")
        return self._anchor(page, link, target, url.hash[1:])

    def _anchor(self, page: Page, link: links.Link, target: str, anchor: str,
                same: bool = False):
        if not anchor or (target != page.path and target not in self.site.pages):
            return None  # a file's #fragment (a PDF's page) is the browser's business
        ids = page.anchors if target == page.path else self.site.ids(target)
        if ids is UNKNOWN:
            return None
        generated = not page.rel.startswith("docs/")
        wanted = own_id(anchor) if same and generated else anchor
        if wanted in ids:
            return None
        guess = process.extractOne(anchor, sorted(ids), scorer=fuzz.ratio, score_cutoff=LIKE)
        where = "questa pagina" if target == page.path else f"la pagina «{target}»"
        hint = (f"forse intendevi «#{guess[0]}»?" if guess else
                "dopo # scrivi il titolo della sezione in minuscolo, con i trattini al posto "
                "degli spazi e senza accenti né apostrofi: «## Come si fa» diventa #come-si-fa")
        return f"il collegamento «{link.address}»: {where} non ha la sezione «#{anchor}»", hint

    def _draft(self, link: links.Link) -> tuple[str, str]:
        return (f"il collegamento «{link.address}» porta a una scheda in bozza, che non "
                "viene pubblicata", "togli il collegamento, oppure togli «bozza: true» "
                "da quella scheda quando è pronta")

    def _missing(self, page: Page, link: links.Link, target: str | None, style: str):
        what = "l'immagine" if link.image else "il collegamento"
        if target in self.site.unpublished:
            why = self.site.unpublished[target]
            return (f"{what} «{link.address}» porta a un file della cartella che non viene "
                    f"pubblicato" + (f": {why}" if why else ""),
                    "aggiungilo in «materiali» con un titolo" if not why else bundles.KIND_HINT)
        if target in self.site.drafts:
            return self._draft(link)
        nowhere = f"{what} «{link.address}» non porta a nessuna pagina né file del sito"
        if style == "url" and link.syntax == "html" and (target or "").endswith(".md"):
            path = unquote(urlsplit(link.address.strip()).path)
            meant = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), path))
            if meant in self.site.pages:
                return (nowhere, "nell'HTML scrivi l'indirizzo della pagina, "
                                 f"«{links.relative_url(meant, page.path)}»")
        self._guesses -= 1
        guess = self._nearest(page, target, style) if target and self._guesses >= 0 else None
        if guess:
            return nowhere, f"forse intendevi «{guess}»?"
        if page.path.startswith("schede/") and not page.path.endswith("/index.md") \
                and "/" not in link.address:
            return nowhere, ("un file si pubblica dalla cartella della scheda: crea la "
                             "cartella schede/NOME/, sposta la scheda in index.md, metti il "
                             "file accanto" + ("" if link.image else " e aggiungilo ai «materiali»"))
        return nowhere, RULE

    def _nearest(self, page: Page, target: str, style: str) -> str | None:
        """The published page or file nearest ``target`` (a docs path, or an address
        below the site's root), as the page would write it in the style of the link."""
        by_url = self._urls.by_url
        choices = list(by_url) if style == "url" else self._everything
        guess = process.extractOne(target, choices, scorer=fuzz.ratio, score_cutoff=LIKE)
        found = guess and (by_url[guess[0]] if style == "url" else guess[0])
        if not found or found == page.path:
            return None
        if style == "md":
            return posixpath.relpath(found, posixpath.dirname(page.path) or ".")
        return links.relative_url(found, page.path)


def check(pages: list[Page], site: SiteMap) -> list[Problem]:
    """Every broken link of ``pages``, in the order of the pages and of their text."""
    checker = Checker(site)
    return [p for page in pages if page.links for p in checker.check(page)]
