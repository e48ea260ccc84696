/* The file a form makes, written as rete's writer.dump writes it (scripts/rete/content/writer.py):
   keys in the schema's order, each text in the style writer.style_of picks and each
   number as numeric.number_text writes it, so that the file made here and the file
   made by `rete` are the same bytes. */
import {Numero, numero, plainNumber} from "./numeri.js";

// What libyaml prints as it is, less the line breaks other than "\n" (writer._SAFE).
var SAFE = "\\x20-\\x7e\\xa0-\\u2027\\u202a-\\ud7ff\\ue000-\\ufefe\\uff00-\\ufffd";
var PLAIN = new RegExp("^[" + SAFE + "]*$");
var BLOCK = new RegExp("^[" + SAFE + "\\n]*$");
var LETTER = /^\p{L}/u;
var WORDS = ["yes", "no", "true", "false", "on", "off", "null", "y", "n"];
var ESCAPES = {
  0x00: "0", 0x07: "a", 0x08: "b", 0x09: "t", 0x0a: "n", 0x0b: "v", 0x0c: "f",
  0x0d: "r", 0x1b: "e", 0x22: "\"", 0x5c: "\\", 0x85: "N", 0xa0: "_",
  0x2028: "L", 0x2029: "P"
};

export function styleOf(value) {
  var clean = value.replace(/^[ \n]+|[ \n]+$/g, "") === value;
  if (LETTER.test(value) && clean && PLAIN.test(value) && value.indexOf(": ") < 0 &&
      value.indexOf(" #") < 0 && value.slice(-1) !== ":" &&
      WORDS.indexOf(value.toLowerCase()) < 0) {
    return "";
  }
  if (value.indexOf("\n") >= 0 && clean && BLOCK.test(value) && value.indexOf(" \n") < 0) {
    return "|";
  }
  if (PLAIN.test(value)) return "'";
  return "\"";
}

function hex(n, width) {
  var text = n.toString(16).toUpperCase();
  while (text.length < width) text = "0" + text;
  return text;
}

function printable(c) {  // libyaml's IS_PRINTABLE, on a code point
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

function quoted(value) {
  var out = "\"";
  for (var i = 0; i < value.length; i++) {
    var c = value.codePointAt(i);
    if (c > 0xffff) i++;
    var isBreak = c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
    if (!printable(c) || c === 0xfeff || isBreak || c === 0x22 || c === 0x5c) {
      if (ESCAPES[c] !== undefined) out += "\\" + ESCAPES[c];
      else if (c <= 0xff) out += "\\x" + hex(c, 2);
      else if (c <= 0xffff) out += "\\u" + hex(c, 4);
      else out += "\\U" + hex(c, 8);
    } else {
      out += String.fromCodePoint(c);
    }
  }
  return out + "\"";
}

function scalar(value, indent) {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Numero) return value.testo;
  if (typeof value === "number") return plainNumber(value) || String(value);
  var style = styleOf(value);
  if (style === "") return value;
  if (style === "\"") return quoted(value);
  if (style === "'") return "'" + value.split("'").join("''") + "'";
  return "|-\n" + value.split("\n").map(function (line) {
    return line ? indent + line : "";
  }).join("\n");
}

function isMap(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) &&
    !(value instanceof Numero);
}

// The lines of a mapping whose keys start at `indent`; `first` replaces the indent of
// its first line (a mapping that is an item of a list starts after "- ").
function mapping(obj, indent, first) {
  var out = "";
  Object.keys(obj).forEach(function (key, n) {
    out += (n === 0 && first !== undefined ? first : indent) + scalar(key, indent) + ":" +
      value(obj[key], indent) + "\n";
  });
  return out.slice(0, -1);
}

function value(v, indent) {
  if (Array.isArray(v)) {
    if (!v.length) return " []";
    return "\n" + v.map(function (item) {
      if (isMap(item)) return Object.keys(item).length ?
        mapping(item, indent + "  ", indent + "- ") : indent + "- {}";
      return indent + "- " + scalar(item, indent + "  ");
    }).join("\n");
  }
  if (isMap(v)) return Object.keys(v).length ? "\n" + mapping(v, indent + "  ") : " {}";
  return " " + scalar(v, indent + "  ");
}

/* `value` with its keys in the schema's order, unknown keys last (writer._ordered). */
function ordered(node, v) {
  node = node || {};
  if (Array.isArray(v)) return v.map(function (x) { return ordered(node.items, x); });
  if (!isMap(v)) return v;
  var props = node.properties || {}, out = {};
  Object.keys(props).concat(Object.keys(v)).forEach(function (key) {
    if (key in v && !(key in out)) out[key] = ordered(props[key], v[key]);
  });
  return out;
}

/* A whole scheda or polo file: front-matter, then the body (writer.dump). */
export function dump(data, body, schema) {
  data = ordered(schema, data);
  var front = Object.keys(data).length ? mapping(data, "") + "\n" : "{}\n";
  body = body.replace(/\r\n?/g, "\n").replace(/^\n+|\n+$/g, "");
  return "---\n" + front + "---\n" + (body ? "\n" + body + "\n" : "");
}

// For the tests, which compare bytes: `number` is what dati.js makes of a typed number.
window.reteYaml = {dump: dump, styleOf: styleOf, number: numero};
