/* The form's values as the file's data, in the schema's order (writer.dump orders the
   same way), and a file's data and body back into the form. */
import {addItem, cfg, emptyGroup, group, items, named, read, state, write} from "./modulo.js";
import {Numero, numero} from "./numeri.js";

export function isEmpty(v) {
  return v === undefined || (Array.isArray(v) && !v.length) ||
    (typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Numero) &&
     !Object.keys(v).length);
}

function collect(node, prefix) {
  const out = {};
  Object.keys(node.properties || {}).forEach((key) => {
    const v = valueOf(node.properties[key], prefix ? prefix + "." + key : key);
    if (!isEmpty(v)) out[key] = v;
  });
  return out;
}

function convert(node, text) {
  if (node.type === "integer" || node.type === "number") {
    return numero(text, node.type === "integer");
  }
  if (node.type === "boolean") return text === "true";
  return text;
}

export function valueOf(node, name) {
  if (node.type === "object") return collect(node, name);
  if (node.type === "array") {
    const inner = node.items || {};
    if (inner.type === "object") {
      return items(group(name)).map((item, n) => collect(inner, name + "." + n))
        .filter((v) => !isEmpty(v));
    }
    const els = named(name);
    let list;
    if (els.length && els[0].type === "checkbox") {
      const before = state.order[name] || [];
      list = read(name).map((v, n) => {
        const at = before.indexOf(v);
        return [at < 0 ? before.length + n : at, v];
      }).sort((a, b) => a[0] - b[0]).map((p) => p[1]);
    } else {
      list = read(name).split("\n").map((s) => s.trim()).filter(Boolean);
    }
    return list.map((v) => convert(inner, v));
  }
  const text = read(name);
  if (typeof text !== "string" || !text.trim()) return undefined;
  return convert(node, text);
}

export function data() {
  return collect(cfg.schema, "");
}

function trimBreaks(text) {
  return text.replace(/\r\n?/g, "\n").replace(/^\n+|\n+$/g, "");
}

/* The body: each section's textarea under its "## " heading, then the other text. */
export function body() {
  const parts = [];
  cfg.sezioni.forEach((section) => {
    const text = read("corpo." + section);
    if (text.trim()) parts.push("## " + section + "\n\n" + trimBreaks(text));
  });
  const other = read(cfg.altro);
  if (other.trim()) parts.push(trimBreaks(other));
  return parts.join("\n\n");
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/* For each line, whether it is in a fenced code block (text.in_code): a fence never
   closed opens no block, as on the site. */
export function inCode(lines) {
  const inside = lines.map(() => false);
  let opened = null, fence = null;
  lines.forEach((line, n) => {
    const m = FENCE.exec(line);
    if (fence !== null) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && !m[2].trim()) {
        for (let i = opened; i <= n; i++) inside[i] = true;
        fence = null;
      }
    } else if (m && !(m[1][0] === "`" && m[2].indexOf("`") >= 0)) {
      opened = n;
      fence = m[1];
    }
  });
  return inside;
}

/* The body back into the section textareas; text before the first section, unknown
   or repeated sections go, in their order, to the last textarea ("Altro testo").
   A "## " line inside a fenced code block is code, not a heading (an indented one
   never matches: the heading must start the line). */
export function splitBody(text) {
  const chunks = [{title: null, heading: "", lines: []}];
  const lines = trimBreaks(text || "").split("\n");
  const code = inCode(lines);
  lines.forEach((line, n) => {
    const m = code[n] ? null : /^## (.+?)[ \t]*$/.exec(line);
    if (m) chunks.push({title: m[1], heading: line, lines: []});
    else chunks[chunks.length - 1].lines.push(line);
  });
  const known = {}, other = [];
  chunks.forEach((c) => {
    const inner = trimBreaks(c.lines.join("\n"));
    if (c.title !== null && cfg.sezioni.indexOf(c.title) >= 0 && !(c.title in known)) {
      known[c.title] = inner;
    } else {
      const piece = c.heading ? c.heading + (inner ? "\n\n" + inner : "") : inner;
      if (piece) other.push(piece);
    }
  });
  return {known: known, other: other.join("\n\n")};
}

/* A file's data and body into the form (correcting a published scheda or polo). */
export function fill(values, text) {
  function walk(node, value, prefix) {
    Object.keys(node.properties || {}).forEach((key) => {
      const sub = node.properties[key], v = value[key];
      const name = prefix ? prefix + "." + key : key;
      if (v === undefined || v === null) return;
      if (sub.type === "object") return walk(sub, v, name);
      if (sub.type === "array" && (sub.items || {}).type === "object") {
        const g = group(name);
        emptyGroup(g);
        v.forEach((item, n) => {
          addItem(g);
          walk(sub.items, item, name + "." + n);
        });
        return;
      }
      if (sub.type === "array") {
        const els = named(name);
        if (els.length && els[0].type === "checkbox") {
          state.order[name] = v.map(String);
          return write(name, v);
        }
        return write(name, v.join("\n"));
      }
      write(name, v);
    });
  }
  walk(cfg.schema, values || {}, "");
  const parts = splitBody(text);
  cfg.sezioni.forEach((s) => write("corpo." + s, parts.known[s] || ""));
  write(cfg.altro, parts.other);
}
