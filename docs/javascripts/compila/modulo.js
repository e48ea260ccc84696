/* The form's controls, read and written by their name (the field's dotted path), and
   its repeated groups (materiali, servizi, attivita) with their "aggiungi"/"togli". */

export const form = document.getElementById("rete-modulo");
export const cfg = form ?
  JSON.parse(document.getElementById("rete-modulo-dati").textContent) : null;
// What the other modules share: the file being corrected ({nome, percorso, dati,
// corpo, fonti}), the scheda being taken up ({slug, titolo}) and what it fills in
// ({dati, corpo}), the schede «Ripresa da» can name (slug: [titolo, biblioteca]),
// and, for each list of ids, the order the file had them in.
export const state = {correction: null, source: null, takenUp: null, named: {}, order: {}};

export function controls(scope) {
  return Array.from((scope || form).querySelectorAll(
    "input[name], select[name], textarea[name]"));
}

export function named(name, scope) {
  return Array.from((scope || form).querySelectorAll("[name=\"" + CSS.escape(name) + "\"]"));
}

export function read(name, scope) {
  const els = named(name, scope);
  if (!els.length) return "";
  if (els[0].type === "checkbox") return els.filter((e) => e.checked).map((e) => e.value);
  return els[0].value;
}

export function write(name, value, scope) {
  const els = named(name, scope);
  if (!els.length) return;
  if (els[0].type === "checkbox") {
    const wanted = (Array.isArray(value) ? value : [value]).map(String);
    els.forEach((e) => { e.checked = wanted.indexOf(e.value) >= 0; });
  } else {
    els[0].value = value === undefined || value === null ? "" : String(value);
  }
}

export function groups() {
  return Array.from(form.querySelectorAll("[data-ripetuto]"));
}

export function group(name) {
  return form.querySelector("[data-ripetuto=\"" + CSS.escape(name) + "\"]");
}

export function items(g) {
  return Array.from(g.querySelector(".rete-voci").children);
}

export function emptyGroup(g) {
  g.querySelector(".rete-voci").innerHTML = "";
}

/* A new item at the end of a group, from the group's <template>: its names and its
   number are the item's index. */
export function addItem(g) {
  const n = items(g).length;
  const html = g.querySelector("template").innerHTML
    .split("__N__").join(String(n)).split("__M__").join(String(n + 1));
  const holder = document.createElement("template");
  holder.innerHTML = html;
  holder.content.querySelectorAll("fieldset[data-caselle]").forEach(copyBoxes);
  g.querySelector(".rete-voci").appendChild(holder.content);
  return items(g)[n];
}

/* An item's list of boxes that the form shows already (the network's libraries, as
   partners), sent once in the page (form.py) and copied here: named for the item's
   field, none ticked, the first with the id the error summary links to. */
function copyBoxes(set) {
  const from = document.getElementById(set.getAttribute("data-caselle"));
  const name = set.getAttribute("data-nome");
  from.querySelectorAll(":scope > label").forEach((label, n) => {
    const copy = label.cloneNode(true), box = copy.querySelector("input");
    box.removeAttribute("id");
    box.checked = false;
    box.setAttribute("name", name);
    if (!n) box.id = set.id + "-0";
    set.append(copy);
  });
  set.removeAttribute("data-caselle");
  set.removeAttribute("data-nome");
}

function itemValues(g) {
  const prefix = g.getAttribute("data-ripetuto") + ".";
  return items(g).map((item, n) => {
    const values = {};
    controls(item).forEach((el) => {
      values[el.name.slice((prefix + n + ".").length)] = read(el.name, item);
    });
    return values;
  });
}

function setItems(g, list) {
  const prefix = g.getAttribute("data-ripetuto") + ".";
  emptyGroup(g);
  list.forEach((values, n) => {
    const item = addItem(g);
    Object.keys(values).forEach((key) => write(prefix + n + "." + key, values[key], item));
  });
}

/* Remove one item: the ones after it move up and take its index, so the names stay
   0, 1, 2…; the focus goes to the item now in its place, or to "aggiungi". */
export function removeItem(g, item) {
  const list = itemValues(g);
  const n = items(g).indexOf(item);
  list.splice(n, 1);
  setItems(g, list);
  const left = items(g);
  const next = left[Math.min(n, left.length - 1)];
  (next ? next.querySelector("input, select, textarea") :
    g.querySelector(".rete-aggiungi")).focus();
}
