/* «Anteprima»: the scheda as the site will show it. The page's skeleton comes from the
   site's own renderer (scripts/rete/render/anteprima.py, in <template
   id="rete-anteprima-modello">): its card, headings and classes are the published
   page's; this module fills each named slot with what was typed, written as the
   site's templates write it (mdtext.py), and removes the slots left empty. Every
   string goes in as text: nothing typed becomes markup but what markdown.js makes. */
import {cfg, named, state} from "./modulo.js";
import {blocks, images, safeHref} from "./markdown.js";

const preview = document.getElementById("rete-anteprima");
const SHIFT = 2;  // the title is an h3 here, the body's "##" an h4

function text(value) {  // mdtext.inline: one line, spaces folded
  return String(value).split(/\s+/).filter(Boolean).join(" ");
}

function italianDate(iso) {  // text.format_date: "5 marzo 2025"
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? +m[3] + " " + cfg.anteprima.mesi[+m[2] - 1] + " " + m[1] : String(iso || "");
}

function decimals(value) {
  const [whole, frac] = Math.abs(value).toFixed(2).split(".");
  return (value < 0 ? "-" : "") + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".") + "," + frac;
}

function number(value) {  // text.format_number: 1.250 and 12,50
  return Number.isInteger(value) ? decimals(value).slice(0, -3) : decimals(value);
}

function pageLink(kind, id, words) {
  const a = document.createElement("a");
  a.setAttribute("href", cfg.anteprima.indirizzi[kind].replace("{id}", encodeURIComponent(id)));
  a.setAttribute("rel", "noopener noreferrer");
  a.textContent = text(words);
  return a;
}

function libraries(ids) {  // _voci.biblioteche: "[nome](…), comune; …"
  const out = [];
  ids.filter((id) => cfg.anteprima.biblioteche[id]).forEach((id, n) => {
    const [nome, comune] = cfg.anteprima.biblioteche[id];
    if (n) out.push("; ");
    out.push(pageLink("biblioteca", id, nome), ", " + text(comune));
  });
  return out;
}

function joined(nodes, separator) {
  return nodes.flatMap((node, n) => (n ? [separator, node] : [node]));
}

/* What each slot of the card shows: a list of nodes and strings, empty for none. */
const CARD = {
  titolo: (d) => [text(d.titolo || "(senza titolo)")],
  sintesi: (d) => (d.sintesi ? [text(d.sintesi)] : []),
  biblioteca: (d) => libraries(d.biblioteca ? [d.biblioteca] : []),
  partner: (d) => libraries(d.partner || []),
  tema: (d) => (cfg.anteprima.temi[d.tema] ?
    [pageLink("tema", d.tema, cfg.anteprima.temi[d.tema])] : []),
  destinatari: (d) => joined((d.destinatari || []).filter((id) => cfg.anteprima.destinatari[id])
    .map((id) => pageLink("destinatario", id, cfg.anteprima.destinatari[id])), ", "),
  periodo: (d) => {
    const p = d.periodo || {};
    if (!p.inizio) return [];
    let words = "dal " + italianDate(p.inizio) + (p.fine ? " al " + italianDate(p.fine) : "");
    if (d.stato) words += "; " + (cfg.anteprima.stati[d.stato] || d.stato);
    else if (!p.fine) words += ", ancora in corso";
    return [words];
  },
  referente: (d) => {
    const r = d.referente || {};
    if (!r.nome && !r.email) return [];
    const out = [text(r.nome || "")];
    if (r.email) {
      const a = document.createElement("a");
      if (safeHref("mailto:" + r.email) !== null) a.setAttribute("href", "mailto:" + r.email);
      a.setAttribute("rel", "noopener noreferrer");
      a.textContent = r.email;
      out.push(", ", a);
    }
    if (r.telefono) out.push(", tel. " + text(r.telefono));
    return out;
  },
  risorse: (d) => {  // mdtext.resources
    const r = d.risorse || {}, parts = [];
    if (r.personale) parts.push("personale: " + text(r.personale));
    if (r.ore !== undefined) parts.push(number(r.ore) + " ore di lavoro");
    if (r.costo !== undefined) parts.push("costo " + decimals(r.costo) + " €");
    if (r.finanziamento) parts.push("finanziamento: " + text(r.finanziamento));
    return parts.length ? [parts.join("; ")] : [];
  },
  sdg: (d) => (d.sdg && d.sdg.length ? [d.sdg.map((n) => n + " – " +
    (cfg.anteprima.sdg[String(n)] || "")).join("; ")] : []),
  polo: (d) => (cfg.anteprima.poli[d.polo] ?
    [pageLink("polo", d.polo, cfg.anteprima.poli[d.polo])] : []),
  compilata_il: (d) => (d.compilata_il ? [italianDate(d.compilata_il)] : []),
};

function paragraphs(value) {  // mdtext.block: paragraphs kept, each one line of text
  return String(value || "").trim().split(/\n\s*\n/).filter((p) => p.trim()).map((p) => {
    const el = document.createElement("p");
    el.textContent = text(p);
    return el;
  });
}

function material(m) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.textContent = text(m.titolo || "");
  a.setAttribute("rel", "noopener noreferrer");
  if (m.url) {
    if (safeHref(m.url) !== null) a.setAttribute("href", m.url);
    li.append(a, " (collegamento esterno)");
  } else {
    // A corrected scheda's file is published beside its page; its size is not known here.
    if (images.base !== null) {
      a.setAttribute("href", images.base + m.file.split("/").map(encodeURIComponent).join("/"));
    }
    const ext = /\.([^./]+)$/.exec(m.file || "");
    const kind = ext ? ext[1].toLowerCase() : "";
    li.append(a, " (" + (cfg.anteprima.tipi_file[kind] ||
      (kind ? "file " + kind.toUpperCase() : "file")) + ")");
  }
  return li;
}

function tags(words) {  // Material's tags, above the title
  const box = document.createElement("div");
  box.className = "md-tags";
  words.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).forEach((w) => {
    const tag = document.createElement("span");
    tag.className = "md-tag";
    tag.textContent = w;
    box.append(tag);
  });
  return box;
}

/* The scheda page for data `d` and body `body`, filled into a copy of the skeleton. */
export function page(d, body) {
  const root = document.getElementById("rete-anteprima-modello").content.cloneNode(true);
  Object.keys(CARD).forEach((key) => {
    const slot = root.querySelector("[data-campo=\"" + key + "\"]");
    if (!slot) return;
    const nodes = CARD[key](d);
    if (!nodes.length) {
      const label = slot.previousElementSibling;
      if (slot.tagName === "DD" && label && label.tagName === "DT") label.remove();
      slot.remove();
      return;
    }
    slot.append(...nodes);
    slot.removeAttribute("data-campo");
  });
  [["risultati", () => paragraphs(d.risultati)],
   ["trasferibilita", () => paragraphs(d.trasferibilita)],
   ["corpo", () => blocks(body, SHIFT)],
   ["materiali", () => (d.materiali || []).map(material)]].forEach(([key, make]) => {
    const slot = root.querySelector("[data-campo=\"" + key + "\"]");
    const nodes = make();
    const heading = root.querySelector("[data-titolo=\"" + key + "\"]");
    if (!nodes.length && heading) heading.remove();
    if (key === "materiali" && !nodes.length) slot.parentNode.remove();
    else slot.replaceWith(...nodes);
    if (heading) heading.removeAttribute("data-titolo");
  });
  if (d.parole_chiave && d.parole_chiave.length) root.prepend(tags(d.parole_chiave));
  return root;
}

/* A polo has no skeleton yet: its preview lists the card's fields in a simple way. */
function plain(d, body) {
  const box = document.createDocumentFragment();
  const add = (tag, words, parent) => {
    const el = document.createElement(tag);
    el.textContent = words;
    (parent || box).append(el);
    return el;
  };
  add("h3", d.titolo || d.nome || "(senza titolo)");
  if (d.sintesi) add("p", d.sintesi);
  const dl = add("dl", "");
  Object.keys(cfg.schema.properties).forEach((key) => {
    if (["titolo", "nome", "sintesi"].indexOf(key) >= 0 || d[key] === undefined) return;
    const field = named(key)[0];
    let v = d[key];
    if (field && field.tagName === "SELECT") {
      v = field.options[field.selectedIndex].textContent;
    } else if (field && field.type === "checkbox") {
      v = named(key).filter((e) => e.checked).map((e) => e.closest("label").textContent)
        .join(", ");
    } else if (typeof v === "object") {
      v = JSON.stringify(v).replace(/[{}[\]"]/g, " ").replace(/\s+/g, " ").trim();
    }
    add("dt", cfg.schema.properties[key].title || key, dl);
    add("dd", String(v), dl);
  });
  blocks(body, SHIFT).forEach((b) => box.append(b));
  return box;
}

export function show(d, body) {
  // A corrected scheda's images are published beside its page.
  const path = state.correction && cfg.anteprima ? state.correction.percorso : null;
  images.base = path ? cfg.anteprima.radice + path.replace(/index\.md$|\.md$/, "/")
    .replace(/\/\/$/, "/") : null;
  const box = preview.querySelector(".rete-anteprima-pagina");
  box.replaceChildren(cfg.anteprima ? page(d, body) : plain(d, body));
  preview.hidden = false;
  const title = preview.querySelector("h2");
  title.setAttribute("tabindex", "-1");
  title.focus();
}
