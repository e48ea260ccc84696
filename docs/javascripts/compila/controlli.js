/* The checks: what the constraint attributes generated from the schema say, and the
   rules HTML cannot state (end after start, at least one audience, one of two fields,
   a field required by another's value). Each problem is [control, message]. */
import {cfg, controls, form, group, groups, items, named, read} from "./modulo.js";
import {isEmpty, valueOf} from "./dati.js";

export function labelOf(el) {
  const box = el.closest("fieldset.rete-caselle");
  const source = box ? box.querySelector("legend") :
    form.querySelector("label[for=\"" + CSS.escape(el.id) + "\"]");
  const text = source.cloneNode(true);
  text.querySelectorAll(".rete-facoltativo").forEach((s) => s.remove());
  let words = "«" + text.textContent.trim() + "»";
  const item = el.closest(".rete-voce");
  if (item) words += " (" + item.querySelector("legend").textContent.trim() + ")";
  return words;
}

function length(text) {
  return Array.from(text).length;
}

function chars(n) {
  return n === 1 ? "1 carattere" : n + " caratteri";
}

/* An invisible control character, said as `rete valida` says it (invisible.describe):
   the first by its code and name, and the words before it. */
export function invisible(text) {
  const rule = cfg.invisibili;
  const all = text.match(new RegExp(rule.modello, "gu"));
  if (!all) return null;
  const chars = Array.from(text), code = all[0].codePointAt(0);
  const at = chars.indexOf(all[0]);
  const hex = code.toString(16).toUpperCase().padStart(4, "0");
  const what = code >= 0xd800 && code <= 0xdfff ? "metà di un carattere" :
    rule.nomi[hex] || "carattere di controllo";
  const named = "U+" + hex + " (" + what + ")";
  let before = chars.slice(Math.max(0, at - rule.prima), at).join("")
    .replace(new RegExp(rule.modello, "gu"), "").split(/\s+/).filter(Boolean).join(" ");
  if (at > rule.prima && before.indexOf(" ") >= 0) before = before.slice(before.indexOf(" ") + 1);
  const where = at === 0 ? "all'inizio" : before ?
    "dopo «" + (at > rule.prima ? "…" : "") + before + "»" : "dopo alcuni spazi";
  if (all.length === 1) return "il testo contiene un carattere invisibile, " + named + ", " + where;
  return "il testo contiene " + all.length + " caratteri invisibili: il primo è " + named + ", " +
    where;
}

/* A list written one value a line: how many, and each line's form. */
function lines(el, label) {
  const values = el.value.split("\n").map((s) => s.trim()).filter(Boolean);
  const max = el.getAttribute("data-max");
  if (max && values.length > +max) {
    return label + ": " + values.length + " righe; al massimo " + max;
  }
  const pattern = el.getAttribute("data-pattern");
  const at = pattern ? values.findIndex((v) => !new RegExp(pattern, "u").test(v)) : -1;
  if (at < 0) return null;
  return label + ", riga «" + values[at] + "»: " +
    (el.getAttribute("data-messaggio") || "il valore non ha la forma attesa");
}

function problem(el) {
  const v = el.value, label = labelOf(el);
  if (el.validity.badInput) {
    return label + (el.type === "date" ? ": la data non è completa o non esiste" :
      ": scrivi solo il numero, per esempio 12 o 12.5");
  }
  if (!v.trim()) {
    if (!el.required) return null;
    return label + (el.tagName === "SELECT" ? ": scegli un valore" :
      el.type === "date" ? ": scegli una data" : ": scrivilo, è obbligatorio");
  }
  const hidden = invisible(v);
  if (hidden) return label + ": " + hidden;
  const min = el.getAttribute("minlength"), max = el.getAttribute("maxlength");
  if (min && length(v) < +min) {
    return label + ": troppo corto, " + chars(length(v)) + "; ne servono almeno " + min;
  }
  if (max && length(v) > +max) {
    return label + ": troppo lungo, " + chars(length(v)) + "; al massimo " + max;
  }
  if (el.getAttribute("data-tipo") === "righe") return lines(el, label);
  const pattern = el.getAttribute("data-pattern");
  if (pattern && !new RegExp(pattern, "u").test(v)) {
    return label + ": " +
      (el.getAttribute("data-messaggio") || "il valore non ha la forma attesa");
  }
  if (el.type === "number") {
    if (el.min !== "" && +v < +el.min) return label + ": non può essere minore di " + el.min;
    if (el.max !== "" && +v > +el.max) return label + ": non può essere maggiore di " + el.max;
    if (el.step === "1" && !Number.isInteger(+v)) return label + ": scrivi un numero intero";
  }
  const after = el.getAttribute("data-dopo");
  if (after) {
    const first = named(after)[0];
    if (first && first.value && v < first.value) {
      return label + ": la data viene prima di " + labelOf(first);
    }
  }
  return null;
}

function conditional(found) {
  const rule = cfg.schema["if"], then = cfg.schema.then;
  if (!rule || !then) return;
  const met = Object.keys(rule.properties || {}).every(
    (key) => read(key) === String(rule.properties[key]["const"]));
  if (!met) return;
  const because = (then["x-messaggi"] || {}).required || "è obbligatorio";
  (then.required || []).forEach((key) => {
    if (!isEmpty(valueOf(cfg.schema.properties[key], key))) return;
    const g = group(key);
    const target = g ? g.querySelector(".rete-aggiungi") : named(key)[0];
    const said = g ? (((then.properties || {})[key] || {})["x-messaggi"] || {}).minItems : null;
    const legend = g ? "«" + g.querySelector("legend").textContent
      .replace("(facoltativo)", "").trim() + "»" : labelOf(target);
    found.push([target, legend + ": " + (said || because)]);
  });
}

function alternatives(found) {
  groups().forEach((g) => {
    const name = g.getAttribute("data-ripetuto");
    const node = (cfg.schema.properties[name] || {}).items || {};
    if (!node.oneOf) return;
    let keys = [];
    node.oneOf.forEach((o) => { keys = keys.concat(o.required || []); });
    items(g).forEach((item, n) => {
      const given = keys.filter((k) => {
        const el = named(name + "." + n + "." + k, item)[0];
        return el && el.value.trim();
      });
      if (given.length !== 1) {
        const el = named(name + "." + n + "." + keys[0], item)[0];
        found.push([el, "«" + item.querySelector("legend").textContent.trim() + "»: " +
          ((node["x-messaggi"] || {}).oneOf || "scegli una sola delle possibilità")]);
      }
    });
  });
}

/* Every problem of the form, in the order of the page, each once. */
export function check() {
  const found = [], seen = {};
  controls().forEach((el) => {
    // a hidden value is the form's own (a request's state), not the librarian's
    if (el.type === "checkbox" || el.type === "hidden") return;
    const message = problem(el);
    if (message) found.push([el, message]);
  });
  form.querySelectorAll("fieldset[data-min]").forEach((box) => {
    const checked = box.querySelectorAll("input:checked").length;
    const min = +box.getAttribute("data-min");
    if (checked < min) {
      found.push([box.querySelector("input"), "«" + box.querySelector("legend").textContent
        .trim() + "»: " + (min === 1 ? "scegline almeno uno" : "scegline almeno " + min)]);
    }
  });
  alternatives(found);
  conditional(found);
  found.sort((a, b) => {
    if (a[0] === b[0]) return 0;
    return a[0].compareDocumentPosition(b[0]) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  return found.filter((p) => {
    const key = p[0].id + p[1];
    if (seen[key]) return false;
    seen[key] = true;
    return true;
  });
}
