/* The preview's words and links, written as the site's templates write them
   (mdtext.py, _voci.md.j2, text.py): every string goes in as text. */
import {cfg} from "./modulo.js";
import {safeHref} from "./markdown.js";

export function text(value) {  // mdtext.inline: one line, spaces folded
  return String(value).split(/\s+/).filter(Boolean).join(" ");
}

export function italianDate(iso) {  // text.format_date: "5 marzo 2025"
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? +m[3] + " " + cfg.anteprima.mesi[+m[2] - 1] + " " + m[1] : String(iso || "");
}

export function decimals(value) {  // text._decimals: 1.250,50
  value = Number(value);  // a typed number (numeri.Numero) too
  const [whole, frac] = Math.abs(value).toFixed(2).split(".");
  return (value < 0 ? "-" : "") + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".") + "," + frac;
}

export function number(value) {  // text.format_number: 1.250 and 12,50
  if (value === undefined || value === null) return "";
  return Number.isInteger(Number(value)) ? decimals(value).slice(0, -3) : decimals(value);
}

export function euro(value) {  // text.format_euro
  return value === undefined || value === null ? "" : decimals(value) + " €";
}

export function pageLink(kind, id, words) {
  const a = document.createElement("a");
  a.setAttribute("href", cfg.anteprima.indirizzi[kind].replace("{id}", encodeURIComponent(id)));
  a.setAttribute("rel", "noopener noreferrer");
  a.textContent = text(words);
  return a;
}

export function libraries(ids) {  // _voci.biblioteche: "[nome](…), comune; …"
  const out = [];
  ids.filter((id) => cfg.anteprima.biblioteche[id]).forEach((id, n) => {
    const [nome, comune] = cfg.anteprima.biblioteche[id];
    if (n) out.push("; ");
    out.push(pageLink("biblioteca", id, nome), ", " + text(comune));
  });
  return out;
}

export function theme(id) {
  return cfg.anteprima.temi[id] ? [pageLink("tema", id, cfg.anteprima.temi[id])] : [];
}

export function joined(nodes, separator) {
  return nodes.flatMap((node, n) => (n ? [separator, node] : [node]));
}

export function contact(r) {  // _voci.referente
  r = r || {};
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
}

export function paragraphs(value) {  // mdtext.block: paragraphs kept, each one line
  return String(value || "").trim().split(/\n\s*\n/).filter((p) => p.trim()).map((p) => {
    const el = document.createElement("p");
    el.textContent = text(p);
    return el;
  });
}

export function tags(words) {  // Material's tags, above the title
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
