/* «Anteprima»: the scheda or the polo as the site will show it. The page's skeleton
   comes from the site's own renderer (scripts/rete/render/forms/form_preview.py, in <template
   id="rete-anteprima-modello">): its card, headings and classes are the published
   page's; this module fills each named slot with what was typed, written as the
   site's templates write it (anteprima-formati.js), and removes the slots left empty.
   Nothing typed becomes markup but what markdown.js makes of the body. */
import {cfg, state} from "./modulo.js";
import {fileName} from "./file.js";
import {blocks, images, safeHref} from "./markdown.js";
import {contact, euro, italianDate, joined, libraries, number, pageLink, paragraphs, tags,
  text, theme} from "./anteprima-formati.js";

const preview = document.getElementById("rete-anteprima");
const SHIFT = 2;  // the title is an h3 here, the body's "##" an h4
const ids = (list, table) => (list || []).filter((id) => table[id]);

/* What each slot of the card shows: a list of nodes and strings, empty for none. */
const CARD = {
  titolo: (d) => [text(d.titolo || "")],
  nome: (d) => [text(d.nome || "")],
  sintesi: (d) => (d.sintesi ? [text(d.sintesi)] : []),
  biblioteca: (d) => libraries(d.biblioteca ? [d.biblioteca] : []),
  partner: (d) => libraries(d.partner || []),
  tema: (d) => theme(d.tema),
  destinatari: (d) => joined(ids(d.destinatari, cfg.anteprima.destinatari)
    .map((id) => pageLink("destinatario", id, cfg.anteprima.destinatari[id])), ", "),
  periodo: (d) => {
    const p = d.periodo || {};
    if (!p.inizio) return [];
    let words = "dal " + italianDate(p.inizio) + (p.fine ? " al " + italianDate(p.fine) : "");
    if (d.stato) words += "; " + (cfg.anteprima.stati[d.stato] || d.stato);
    else if (!p.fine) words += ", ancora in corso";
    return [words];
  },
  stato: (d) => {  // a polo's
    if (!d.stato) return [];
    let words = cfg.anteprima.stati[d.stato] || d.stato;
    if (d.attivo_dal && d.stato === "attivo") words += " dal " + italianDate(d.attivo_dal);
    else if (d.attivo_dal) words += " (attivo dal " + italianDate(d.attivo_dal) + ")";
    if (d.proposto_il) words += "; proposto il " + italianDate(d.proposto_il);
    return [words];
  },
  referente: (d) => contact(d.referente),
  risorse: (d) => {  // mdtext.resources
    const r = d.risorse || {}, parts = [];
    if (r.personale) parts.push("personale: " + text(r.personale));
    if (r.ore !== undefined) parts.push(number(r.ore) + " ore di lavoro");
    if (r.costo !== undefined) parts.push("costo " + euro(r.costo));
    if (r.finanziamento) parts.push("finanziamento: " + text(r.finanziamento));
    return parts.length ? [parts.join("; ")] : [];
  },
  costi: (d) => {  // mdtext.costs
    const c = d.costi || {};
    const parts = ["preventivo", "consuntivo", "ricavi"].filter((k) => c[k] !== undefined)
      .map((k) => k + " " + euro(c[k]));
    return parts.length ? [parts.join("; ")] : [];
  },
  sdg: (d) => (d.sdg && d.sdg.length ? [d.sdg.map((n) => n + " – " +
    (cfg.anteprima.sdg[String(n)] || "")).join("; ")] : []),
  polo: (d) => (cfg.anteprima.poli[d.polo] ?
    [pageLink("polo", d.polo, cfg.anteprima.poli[d.polo])] : []),
  compilata_il: (d) => (d.compilata_il ? [italianDate(d.compilata_il)] : []),
  ripresa_da: (d) => joined((d.ripresa_da || []).map(source), "; ").flat(),
};

/* An item of «Ripresa da» (_ripresa.md.j2): a scheda of this network by its title and
   library when the form knows them (the one being taken up, those a corrected scheda
   names), else by its name; another network's by its site. */
function source(item) {
  item = String(item);
  if (/^https:\/\//.test(item)) {
    const a = document.createElement("a");
    if (safeHref(item) !== null) a.setAttribute("href", item);
    a.setAttribute("rel", "noopener noreferrer");
    let site = item;
    try { site = new URL(item).hostname; } catch (e) { /* shown whole */ }
    a.textContent = "una pratica della rete " + site;
    return a;
  }
  const known = state.named[item];
  const link = pageLink("scheda", item, known ? known[0] : item);
  const lib = known ? cfg.anteprima.biblioteche[known[1]] : null;
  return lib ? [link, " — " + text(lib[0]) + ", " + text(lib[1])] : link;
}

function material(m) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.textContent = text(m.titolo || "");
  a.setAttribute("rel", "noopener noreferrer");
  if (m.url) {
    if (safeHref(m.url) !== null) a.setAttribute("href", m.url);
    li.append(a, " (collegamento esterno)");
    return li;
  }
  // A corrected scheda's file is published beside its page; its size is not known here.
  if (images.base !== null) {
    a.setAttribute("href", images.base + m.file.split("/").map(encodeURIComponent).join("/"));
  }
  const ext = /\.([^./]+)$/.exec(m.file || "");
  const kind = ext ? ext[1].toLowerCase() : "";
  li.append(a, " (" + (cfg.anteprima.tipi_file[kind] ||
    (kind ? "file " + kind.toUpperCase() : "file")) + ")");
  return li;
}

/* A service's facts, as services.facts words them: [label, words]. */
function facts(sv) {
  const out = [], a = cfg.anteprima;
  if (sv.per_chi && sv.per_chi.length) {
    out.push(["Per chi", sv.per_chi.map((id) => text(a.per_chi[id] ||
      (a.destinatari[id] !== undefined ? a.destinatari[id] : id))).join(", ")]);
  }
  if (sv.modalita && sv.modalita.length) {
    out.push(["Modalità", sv.modalita.map((m) => a.modalita[m] || m).join(", ")]);
  }
  if (sv.anticipo_giorni !== undefined && sv.anticipo_giorni !== null) {
    const days = Number(sv.anticipo_giorni);
    out.push(["Anticipo", days === 0 ? "si può chiedere anche per il giorno stesso" :
      "va chiesto almeno " + String(days) + (days === 1 ? " giorno" : " giorni") + " prima"]);
  }
  if (sv.costo !== undefined && sv.costo !== null) {
    out.push(["Costo", Number(sv.costo) === 0 ? "gratuito per la biblioteca che lo chiede" :
      euro(sv.costo) + " a carico della biblioteca che lo chiede"]);
  }
  const when = sv.disponibile || {};
  out.push(["Disponibile", when.dal || when.al ? [when.dal && "dal " + italianDate(when.dal),
    when.al && "al " + italianDate(when.al)].filter(Boolean).join(" ") : "sempre"]);
  return out;
}

/* «Richiedi questo servizio» (_voci.servizio): the request form, given polo and service. */
function askFor(d, sv) {
  const p = document.createElement("p"), a = document.createElement("a");
  const polo = fileName(d).replace(/\.md$/, "");
  a.className = "rete-richiedi";
  a.setAttribute("href", cfg.anteprima.richiedi + "?polo=" + encodeURIComponent(polo) +
    "&servizio=" + encodeURIComponent(sv.id));
  a.setAttribute("rel", "noopener noreferrer");
  a.textContent = "Richiedi questo servizio";
  p.append(a);
  return p;
}

function services(d, slot) {  // polo.md.j2: heading, description, how to ask, facts
  const list = d.servizi || [];
  if (!list.length) {
    const p = document.createElement("p");
    p.textContent = "Il polo non ha ancora descritto i suoi servizi.";
    return [p];
  }
  return list.flatMap((sv) => {
    const h = document.createElement("h" + slot.getAttribute("data-livello"));
    h.textContent = text(sv.nome || "");
    const how = document.createElement("p"), label = document.createElement("strong");
    label.textContent = slot.getAttribute("data-etichetta");
    how.append(label, " " + text(sv.come_richiederlo || ""));
    const ul = document.createElement("ul");
    facts(sv).forEach(([name, words]) => {
      const li = document.createElement("li"), strong = document.createElement("strong");
      strong.textContent = name + ":";
      li.append(strong, " " + words);
      ul.append(li);
    });
    // How often it was asked for in the year is the site's to count, not the form's.
    return [h, ...paragraphs(sv.descrizione), how, ul, ...(sv.id ? [askFor(d, sv)] : [])];
  });
}

function activity(a) {  // a row of the polo's table
  const tr = document.createElement("tr");
  [italianDate(a.data), text(a.titolo || ""),
   ids(a.biblioteche, cfg.anteprima.biblioteche).map((id) =>
     text(cfg.anteprima.biblioteche[id][0])).join(", "),
   number(a.partecipanti), number(a.ore), euro(a.costo)].forEach((words) => {
    const td = document.createElement("td");
    td.textContent = words;
    tr.append(td);
  });
  return tr;
}

function themeNote(d) {  // the site lists the published schede; the form cannot
  const name = cfg.anteprima.temi[d.tema];
  return name ? ["Qui il sito elenca le buone pratiche pubblicate sul tema " + text(name) +
    "."] : [];
}

/* The page for data `d` and body `body`, filled into a copy of the skeleton. */
export function page(d, body) {
  const root = document.getElementById("rete-anteprima-modello").content.cloneNode(true);
  const slot = (key) => root.querySelector("[data-campo=\"" + key + "\"]");
  Object.keys(CARD).forEach((key) => {
    const el = slot(key);
    if (!el) return;
    const nodes = CARD[key](d);
    if (!nodes.length) {
      const label = el.previousElementSibling;
      if (el.tagName === "DD" && label && label.tagName === "DT") label.remove();
      return el.remove();
    }
    el.append(...nodes);
    el.removeAttribute("data-campo");
  });
  const sections = {
    risultati: () => paragraphs(d.risultati),
    trasferibilita: () => paragraphs(d.trasferibilita),
    corpo: () => blocks(body, SHIFT),
    materiali: () => (d.materiali || []).map(material),
    servizi: () => services(d, slot("servizi")),
    attivita: () => (d.attivita || []).map(activity),
  };
  Object.keys(sections).forEach((key) => {
    const el = slot(key);
    if (!el) return;
    const nodes = sections[key]();
    const heading = root.querySelector("[data-titolo=\"" + key + "\"]");
    if (heading) heading.removeAttribute("data-titolo");
    if (nodes.length && el.tagName === "TBODY") return el.append(...nodes);
    if (nodes.length) return el.replaceWith(...nodes);
    if (heading) heading.remove();
    (el.closest("ul, table") || el).remove();
  });
  const note = slot("schede_tema");
  if (note) note.append(...themeNote(d));
  root.querySelectorAll("[data-campo]").forEach((el) => el.removeAttribute("data-campo"));
  if (d.parole_chiave && d.parole_chiave.length) root.prepend(tags(d.parole_chiave));
  return root;
}

export function show(d, body) {
  // A corrected scheda's images and files are published beside its page.
  const path = state.correction ? state.correction.percorso : null;
  images.base = path ? cfg.anteprima.radice + path.replace(/index\.md$|\.md$/, "/")
    .replace(/\/\/$/, "/") : null;
  preview.querySelector(".rete-anteprima-pagina").replaceChildren(page(d, body));
  preview.hidden = false;
  const title = preview.querySelector("h2");
  title.setAttribute("tabindex", "-1");
  title.focus();
}
