"""The field guide: a Markdown page per collection, made from its schema."""

from __future__ import annotations

from ...content import fields, links
from ...content.collections import KINDS
from ...content.schema import schema


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(kind: str) -> str:
    """The guide to one collection's fields, as a Markdown table."""
    root = schema(kind)
    lines = [f"### {root['title']}", "", " ".join(root.get("description", "").split()), "",
             "| Campo | Obbligatorio | Tipo | Che cosa scrivere |",
             "| --- | --- | --- | --- |"]
    for f in fields.walk(kind):
        explain = " ".join(filter(None, [f.description, "; ".join(f.rules()).capitalize()
                                         + "." if f.rules() else ""]))
        lines.append(f"| `{f.path}` | {'sì' if f.required else 'no'} | {f.kind} "
                     f"| {_cell(explain)} |")
    for rule in fields.conditional_rules(kind):
        lines += ["", rule]
    sections = root.get("x-sezioni")
    if sections:
        lines += ["", "Dopo l'intestazione scrivi il testo, con le sezioni: "
                  + ", ".join(f"«{s}»" for s in sections) + "."]
    return "\n".join(lines) + "\n"


# What each short form of links.SHORT names, and an example of it.
_SHORT = {
    "scheda": ("un'altra scheda", "NOME è il nome del suo file senza .md (o della sua "
               "cartella)", "[le letture al nido](scheda:letture-al-nido)"),
    "polo": ("un polo", "NOME è il nome del suo file senza .md",
             "[il polo della lettura](polo:polo-lettura)"),
    "tema": ("la pagina di un tema", "ID è il suo identificativo in rete.yml",
             "[gli altri progetti](tema:lettura-0-6)"),
    "biblioteca": ("la pagina di una biblioteca", "ID è il suo identificativo in rete.yml",
                   "[la biblioteca](biblioteca:centrale)"),
    "destinatario": ("le pratiche per un pubblico", "ID è il suo identificativo in rete.yml",
                     "[per le famiglie](destinatario:famiglie-0-6)"),
}


def render_links() -> str:
    """How a body links to the site's pages and to its own files: the rule that
    `rete valida` checks (linkcheck.py) and the site follows."""
    rows = []
    for kind in links.SHORT:
        what, name, example = _SHORT[kind]
        word = "NOME" if "NOME" in name else "ID"
        rows.append(f"| {what} | `[testo]({kind}:{word})`: {name} | `{example}` |")
    return "\n".join([
        "### Collegamenti nel testo", "",
        "Nel testo di una scheda o di un polo un collegamento a un'altra pagina del sito "
        "si scrive così:", "",
        "| Per collegare | Scrivi | Per esempio |", "| --- | --- | --- |", *rows,
        "| una sezione di una pagina | aggiungi `#sezione`; nella stessa pagina basta "
        "`#sezione` | `[come si fa](scheda:letture-al-nido#come-si-realizza)`, "
        "`[più sotto](#difficolta-e-soluzioni)` |",
        "| un file della scheda-cartella | il nome del file, che sia tra i `materiali` "
        "(un'immagine mostrata nel testo si pubblica da sé) | "
        "`[il regolamento](regolamento.pdf)`, `![i bambini in cerchio](foto.jpg)` |", "",
        "La sezione è il suo titolo in minuscolo, senza accenti né punteggiatura, con i "
        "trattini al posto degli spazi: «## Difficoltà e soluzioni» diventa "
        "`#difficolta-e-soluzioni`.", "",
        "Vanno bene anche il nome del file, scritto a partire dal file in cui si scrive "
        "(`../poli/NOME.md` da una scheda, `altra-scheda.md`, `cartella/index.md` per "
        "una scheda-cartella), e l'indirizzo della pagina sul sito, intero "
        "(`https://…/poli/NOME/`) o a partire da quello della pagina (`../../poli/NOME/`). "
        "Nell'HTML (`<a href>`, `<img src>`) si scrive l'indirizzo, non il nome del file.",
        "", "`rete valida` controlla che ogni collegamento e ogni immagine porti a una "
        "pagina o a un file che il sito pubblica, e a una sezione che quella pagina ha; "
        "se no, dice la riga e il nome più simile. Gli indirizzi di altri siti non sono "
        "controllati.", ""])


def render_all() -> str:
    return "\n".join([*(render(kind) for kind in (*KINDS, "rete")),
                      render_links()])
