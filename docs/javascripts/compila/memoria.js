/* What was typed survives a reload and a closed tab (localStorage), until the file
   is downloaded or the form is cleared with «Ricomincia». */
import {addItem, controls, emptyGroup, groups, items, read, state, write} from "./modulo.js";

let key = null;

export function keep(name) {
  key = name;
}

function snapshot() {
  const counts = {}, values = {};
  groups().forEach((g) => { counts[g.getAttribute("data-ripetuto")] = items(g).length; });
  controls().forEach((el) => { values[el.name] = read(el.name); });
  return {voci: counts, valori: values, ordine: state.order};
}

export function save() {
  try {
    localStorage.setItem(key, JSON.stringify(snapshot()));
  } catch (e) { /* private browsing or full storage: the form still works */ }
}

export function forget() {
  try {
    localStorage.removeItem(key);
  } catch (e) { /* nothing kept */ }
}

/* Put back what was kept; false when nothing was. */
export function restore() {
  let kept;
  try {
    kept = JSON.parse(localStorage.getItem(key) || "null");
  } catch (e) {
    kept = null;
  }
  if (!kept || !kept.valori) return false;
  groups().forEach((g) => {
    const n = (kept.voci || {})[g.getAttribute("data-ripetuto")] || 0;
    emptyGroup(g);
    for (let i = 0; i < n; i++) addItem(g);
  });
  Object.keys(kept.valori).forEach((name) => write(name, kept.valori[name]));
  state.order = kept.ordine || {};
  return true;
}
