"""A synthetic network that looks like a real one, the same for the same seed.

Titles of varied length from a vocabulary of Italian words, bodies of 300-900
words in the three sections, some folder schede with materials, poli with
activity logs. Used by ``make bench`` and by the scale tests.
"""

from __future__ import annotations

import random
from pathlib import Path

NOUNS = """biblioteca lettura letture libro libri albi bambini ragazzi adolescenti famiglie
genitori nonni anziani adulti volontari scuola scuole nido infanzia classe insegnanti comunità
quartiere paese frazione piazza parco giardino cortile archivio memoria storia fotografie mappe
musica teatro cinema film fumetti poesia racconti fiabe favole romanzi gialli giochi gioco
laboratorio laboratori corso corsi incontro incontri festa festival mostra rassegna maratona
prestito servizio servizi rete sportello consulenza orientamento lavoro curriculum lingua
lingue italiano inglese arabo cinese spagnolo migranti cittadinanza diritti salute benessere
ambiente natura orto semi piante clima energia scienza matematica robotica coding informatica
computer tablet internet digitale podcast radio video giornale giornalino riviste quotidiani
carcere ospedale casa riposo mercato stazione treno bicicletta cammino passeggiata estate
inverno autunno primavera sera notte domenica sabato vacanze compiti studio esame università
tesi ricerca biografie autori scrittori illustratori editori traduttori bibliotecari
lettori ascolto voce silenzio gentilezza inclusione accessibilità disabilità sordi ciechi
dislessia audiolibri braille caffè tè cucina ricette sapori territorio tradizioni dialetto
canzoni danza arte pittura disegno fotografia scultura artigianato cucito maglia riparazione
baratto scambio dono premio concorso gara torneo scacchi enigmi indovinelli tesoro
caccia""".split()
ADJECTIVES = """ad alta voce piccoli grandi giovani nuovi nuove aperta aperto diffusa diffuso
condiviso condivisa sospeso sospesa itinerante notturna notturno estivo estiva invernale
digitali locale locali solidale solidali gentile facile facili insieme lenta lento
partecipata partecipato multilingue accessibile inclusiva creativa creativo""".split()
LINKS = "di per con tra in al alla nel nella dei delle degli e a da sul sulla".split()
SECTIONS = ("Descrizione", "Come si realizza", "Difficoltà e soluzioni")
PLURAL_THEMES = ["Lettura 0-6", "Storia locale", "Inclusione", "Lavoro e orientamento",
                 "Scienza e tecnologia", "Lingue", "Ambiente", "Salute", "Arte e musica",
                 "Giochi", "Anziani", "Scuola", "Cittadinanza", "Cinema", "Fumetti"]


def title(rng: random.Random, words: int | None = None) -> str:
    """A title such as «Letture ad alta voce al nido con i nonni»."""
    count = words or rng.choice((3, 4, 4, 5, 5, 6, 7, 8, 10, 12))
    out: list[str] = []
    while len(out) < count:
        out.append(rng.choice(NOUNS))
        if len(out) < count and rng.random() < 0.35:
            out.append(rng.choice(ADJECTIVES))
        if len(out) < count - 1:
            out.append(rng.choice(LINKS))
    return " ".join(out[:count]).capitalize()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(NOUNS if rng.random() < 0.6 else LINKS + ADJECTIVES)
             for _ in range(rng.randint(8, 20))]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, paragraphs: list[str]) -> str:
    """300-900 words in the three sections, from a pool of paragraphs."""
    target = rng.randint(300, 900)
    parts = []
    for section in SECTIONS:
        words, chosen = 0, []
        while words < target // 3:
            chosen.append(rng.choice(paragraphs))
            words += chosen[-1].count(" ") + 1
        parts.append(f"## {section}\n\n" + "\n\n".join(chosen))
    return "\n\n".join(parts) + "\n"


def short_body(rng: random.Random, paragraphs: list[str]) -> str:
    """A few paragraphs, one per section (about 100-200 words): the schede where the
    fixed cost of each file, not its length, is most of the work."""
    return "\n\n".join(f"## {section}\n\n{rng.choice(paragraphs)} {rng.choice(paragraphs)}"
                       for section in SECTIONS) + "\n"


def make_tree(root: Path, n: int, title_words: int | None = None, seed: int = 42,
              short_every: int = 0, workshop: int | None = None) -> None:
    """A valid network of ``n`` schede, 60 libraries, 15 themes and poli, 10 audiences.

    ``title_words`` fixes the number of words of every title (longer pages);
    by default titles vary from 3 to 12 words. With ``short_every`` N, one scheda in N
    has a short body (``short_body``; 1: all of them); with ``workshop``, rete.yml has
    a workshop in that year, and concluded schede an end date.
    """
    rng = random.Random(seed)
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(400)]
    libs = [f"biblioteca-{i}" for i in range(60)]
    themes = [f"tema-{i}" for i in range(15)]
    audiences = [f"pubblico-{i}" for i in range(10)]
    lines = ["nome: Rete di prova", "sito: https://rete.example.it/", "biblioteche:"]
    lines += [f"  - {{id: {b}, nome: Biblioteca {i}, comune: Comune {i}}}"
              for i, b in enumerate(libs)]
    lines += ["temi:"] + [f"  - {{id: {t}, nome: {PLURAL_THEMES[i]}}}"
                          for i, t in enumerate(themes)]
    lines += ["destinatari:"] + [f"  - {{id: {a}, nome: Pubblico {i}}}"
                                 for i, a in enumerate(audiences)]
    if workshop:
        lines += ["workshop:", "  titolo: Buone pratiche in mostra",
                  f"  data: {workshop}-05-20", "  luogo: Biblioteca 0"]
    (root / "rete.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "schede").mkdir()
    (root / "poli").mkdir()
    for i, t in enumerate(themes):
        log = "".join(
            f"  - {{data: 2026-{m:02d}-{rng.randint(1, 28):02d}, titolo: {title(rng, 4)}, "
            f"biblioteche: [{rng.choice(libs)}], partecipanti: {rng.randint(3, 80)}, "
            f"ore: {rng.randint(1, 6)}, costo: {rng.randint(0, 400)}}}\n"
            for m in range(1, 13))
        (root / "poli" / f"polo-{i}.md").write_text(
            f"---\nnome: Polo {PLURAL_THEMES[i].lower()}\ntema: {t}\nbiblioteca: {libs[i]}\n"
            f"sintesi: Il polo offre servizi alle biblioteche della rete sul tema {i}.\n"
            f"referente: {{nome: Referente {i}, email: polo{i}@example.it}}\nstato: attivo\n"
            f"attivo_dal: 2026-03-01\n"
            f"servizi:\n  - {{id: consulenza, nome: Consulenza, descrizione: {sentence(rng)}, "
            f"come_richiederlo: Scrivere a polo{i}@example.it}}\n"
            f"costi: {{preventivo: {rng.randint(500, 5000)}, "
            f"consuntivo: {rng.randint(500, 5000)}}}\n"
            f"attivita:\n{log}---\n\n{sentence(rng)}\n", encoding="utf-8")
    for i in range(n):
        named = title(rng, title_words)  # the draws in the order of the first corpus
        lib, theme = rng.choice(libs), rng.choice(themes)
        audience = ", ".join(rng.sample(audiences, rng.randint(1, 3)))
        summary = (sentence(rng) + " " + sentence(rng))[:290]
        year, month = rng.randint(18, 26), rng.randint(1, 12)
        state = rng.choice(["in-corso", "conclusa", "ricorrente"])
        words = ", ".join(rng.sample(NOUNS, rng.randint(1, 4)))
        # with a workshop, a concluded practice has ended within two years
        end = (f", fine: 20{min(year + 1 + i % 2, 26)}-12-31" if workshop
               and state == "conclusa" else "")
        front = (
            f"titolo: {named}\nbiblioteca: {lib}\ntema: {theme}\n"
            f"destinatari: [{audience}]\nsintesi: {summary}\n"
            f"referente: {{nome: Persona {i}, email: persona{i}@example.it}}\n"
            f"periodo: {{inizio: 20{year}-{month:02d}-01{end}}}\n"
            f"stato: {state}\nparole_chiave: [{words}]\n")
        short = short_every and i % short_every == 0
        text = short_body(rng, paragraphs) if short else body(rng, paragraphs)
        if i % 10 == 3:  # one scheda in ten is a folder with its materials
            folder = root / "schede" / f"scheda-{i:05d}"
            folder.mkdir()
            (folder / "volantino.txt").write_text(sentence(rng) + "\n", encoding="utf-8")
            front += "materiali:\n  - {titolo: Volantino, file: volantino.txt}\n"
            target = folder / "index.md"
        else:
            target = root / "schede" / f"scheda-{i:05d}.md"
        target.write_text(f"---\n{front}---\n\n{text}", encoding="utf-8")
