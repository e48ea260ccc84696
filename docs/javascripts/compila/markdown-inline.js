/* Inline Markdown (one paragraph's text) as the nodes Python-Markdown makes of it:
   emphasis, code spans, links, autolinks, images and backslash escapes; the rest is
   text. A link keeps its address only when the site's sanitiser would (http, https,
   mailto, tel, or relative); an image only when it is one of the page's own files. */

const SCHEMES = ["http", "https", "mailto", "tel"];

/* An element with its children (nodes or strings, which become text). */
export function el(tag, children) {
  const node = document.createElement(tag);
  (children || []).forEach((c) => node.append(c));
  return node;
}

/* The href the sanitiser would keep, or null. Control characters and spaces are
   what browsers drop from a scheme ("java\tscript:"), so they are dropped here too
   before it is read. */
export function safeHref(url) {
  const bare = url.replace(/[\u0000-\u0020\u007f]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(bare);
  if (scheme && SCHEMES.indexOf(scheme[1].toLowerCase()) < 0) return null;
  return url.trim();
}

function link(text, url, title) {
  const a = el("a", inline(text));
  const href = safeHref(url);
  if (href !== null) a.setAttribute("href", href);
  if (title) a.setAttribute("title", title);
  a.setAttribute("rel", "noopener noreferrer");
  return a;
}

/* Where the page's own files are, for its images (set by the preview), or null. */
export const images = {base: null};

/* An image only from the page's own folder: the site drops the address of any
   other server's, and the preview asks no other server for anything. */
function image(alt, url, title) {
  const img = document.createElement("img");
  img.setAttribute("alt", alt);
  const own = !/^[a-z][a-z0-9+.-]*:|^[\\/]/i.test(url.replace(/[\u0000-\u0020]/g, ""));
  if (own && images.base !== null) img.setAttribute("src", images.base + url);
  if (title) img.setAttribute("title", title);
  return img;
}

/* The index of the "]" closing the "[" at `start`, or -1. */
function closing(text, start) {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "[") depth++;
    else if (text[i] === "]" && --depth === 0) return i;
  }
  return -1;
}

const EMPHASIS = [
  [/^\*\*(?=\S)([\s\S]*?\S)\*\*/, "strong"],
  [/^__(?=\S)([\s\S]*?\S)__(?!\w)/, "strong"],
  [/^\*(?=[^\s*])([\s\S]*?[^\s*])\*(?!\*)/, "em"],
  [/^_(?=[^\s_])([\s\S]*?[^\s_])_(?!\w)/, "em"],
];
const CODE = /^(`+)([\s\S]*?[^`])\1(?!`)/;
const AUTOLINK = /^<((?:https?|ftp):\/\/[^>\s]+|mailto:[^>\s]+|[^>\s@]+@[^>\s@]+)>/i;
const TITLE = /^(?:\s+(["'])(.*?)\1)?\s*\)/;

/* A link's "(address "title")" at the start of `text`, as [whole, address, title]:
   parentheses inside the address count, as Python-Markdown counts them. */
function target(text) {
  if (text[0] !== "(") return null;
  let i = 1, depth = 0, url = "";
  while (text[i] === " ") i++;
  if (text[i] === "<") {
    const end = text.indexOf(">", i);
    if (end < 0) return null;
    url = text.slice(i + 1, end);
    i = end + 1;
  } else {
    for (; i < text.length && !/\s/.test(text[i]); i++) {
      if (text[i] === "(") depth++;
      else if (text[i] === ")" && depth-- === 0) break;
      url += text[i];
    }
  }
  const m = TITLE.exec(text.slice(i));
  return m ? [text.slice(0, i + m[0].length), url, m[2]] : null;
}

/* The element that starts at `i`, as [node, length], or null for a plain character. */
function span(text, i) {
  const c = text[i], rest = text.slice(i);
  let m;
  if (c === "`" && (m = CODE.exec(rest))) return [el("code", [m[2].trim()]), m[0].length];
  if (c === "<" && (m = AUTOLINK.exec(rest))) {
    const a = link("", m[1].indexOf(":") < 0 ? "mailto:" + m[1] : m[1]);
    a.textContent = m[1].replace(/^mailto:/i, "");
    return [a, m[0].length];
  }
  if (c === "[" || (c === "!" && text[i + 1] === "[")) {
    const open = i + (c === "!" ? 1 : 0), end = closing(text, open);
    const found = end > 0 && target(text.slice(end + 1));
    if (!found) return null;
    const words = text.slice(open + 1, end);
    return [c === "!" ? image(words, found[1], found[2]) :
      link(words, found[1], found[2]), end + 1 + found[0].length - i];
  }
  // "_" emphasises only between words' edges (Python-Markdown's smart emphasis).
  if ((c === "*" || (c === "_" && !(i && /\w/.test(text[i - 1]))))) {
    for (const [pattern, tag] of EMPHASIS) {
      if ((m = pattern.exec(rest))) return [el(tag, inline(m[1])), m[0].length];
    }
  }
  if (c === " " && (m = /^ {2,}\n/.exec(rest))) return [el("br"), m[0].length];
  return null;
}

/* Inline Markdown as a list of nodes. */
export function inline(text) {
  const out = [];
  let plain = "";
  for (let i = 0; i < text.length;) {
    if (text[i] === "\\" && i + 1 < text.length && !/[\n ]/.test(text[i + 1])) {
      plain += text[i + 1];  // pymdownx.escapeall: a backslash makes any character literal
      i += 2;
      continue;
    }
    const found = span(text, i);
    if (!found) {
      plain += text[i++];
      continue;
    }
    if (plain) out.push(document.createTextNode(plain));
    plain = "";
    out.push(found[0]);
    i += found[1];
  }
  if (plain) out.push(document.createTextNode(plain));
  return out;
}
