/* «Riprendi questa pratica» opens the scheda form with ?riprendi=SLUG: the published
   scheda's data (compila/scheda/dati/SLUG.json, the file «Correggi» reads too) fill
   the form with what describes the practice, and `ripresa_da` names the source.
   What belongs to the library that did it (the library, its contact, the period, the
   results…) is left for the adopting library to write: the build says which fields
   and sections are kept (cfg.riprendi, from scripts/rete/render/forms/takeup.py). */
import {cfg, state} from "./modulo.js";

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/* The slug of ?riprendi=, or null when there is none or it is not a slug. */
export function wanted() {
  const slug = new URLSearchParams(location.search).get("riprendi");
  return slug && SLUG.test(slug) && cfg.riprendi ? slug : null;
}

function keptSections(text) {
  const dropped = cfg.riprendi.sezioni_tolte;
  const out = [];
  let keep = true;
  (text || "").replace(/\r\n?/g, "\n").split("\n").forEach((line) => {
    const m = /^## (.+?)[ \t]*$/.exec(line);
    if (m) keep = dropped.indexOf(m[1]) < 0;
    if (keep) out.push(line);
  });
  return out.join("\n").replace(/^\n+|\n+$/g, "");
}

/* {dati, corpo} of the new scheda taken up from `found` (the published scheda's
   {nome, percorso, dati, corpo}). */
export function takeUp(found, slug) {
  const dati = {};
  cfg.riprendi.campi.forEach((key) => {
    if (found.dati[key] !== undefined) dati[key] = found.dati[key];
  });
  dati.ripresa_da = [slug];
  state.source = {slug: slug, titolo: found.dati.titolo || slug};
  state.named = {};
  state.named[slug] = [state.source.titolo, found.dati.biblioteca];
  return {dati: dati, corpo: keptSections(found.corpo)};
}
