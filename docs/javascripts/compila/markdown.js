/* A librarian's Markdown as the elements Python-Markdown makes of it on the site, for
   the common subset: paragraphs, ATX and setext headings, lists, quotes, code (fenced
   and indented), rules, emphasis, code spans, links and autolinks. Everything is built
   with DOM calls and text nodes: raw HTML stays text, and a link keeps its address only
   when the site's sanitiser would (http, https, mailto, tel, or relative). Not a
   Markdown library: the site allows no external request and has no build step, and
   the preview needs only what schede are written with. */

const SCHEMES = ["http", "https", "mailto", "tel"];
const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;
const CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const ITEM = /^( {0,3})([-*+]|\d+\.)[ \t]+(.*)$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const INDENTED = /^(?: {4}|\t)/;

function el(tag, children) {
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

function paragraph(lines) {
  return el("p", inline(lines.map((l) => l.replace(/^[ \t]+/, "")).join("\n")
    .replace(/[ \t]+$/, "")));
}

/* The line closing the fence `fence` opened on line `i`, or -1: a fence never closed
   opens no block (pymdownx.superfences). */
function closed(lines, i, fence) {
  for (let n = i + 1; n < lines.length; n++) {
    const m = CLOSE.exec(lines[n]);
    if (m && m[1][0] === fence[0] && m[1].length >= fence.length) return n;
  }
  return -1;
}

/* The blocks of `text` as nodes; headings one level down for every `shift`. */
export function blocks(text, shift) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const out = [];
  let i = 0;
  const heading = (n, words) => el("h" + Math.min(n + shift, 6), inline(words));
  while (i < lines.length) {
    const line = lines[i];
    let m;
    if (!line.trim()) {
      i++;
    } else if ((m = FENCE.exec(line)) && closed(lines, i, m[1]) > i) {
      const end = closed(lines, i, m[1]);
      const code = lines.slice(i + 1, end);
      i = end + 1;
      // pymdownx.superfences through Pygments: the same wrapper, without the colours.
      const box = el("div", [el("pre", [el("span"), el("code", [code.join("\n") + "\n"])])]);
      box.className = "highlight";
      out.push(box);
    } else if (INDENTED.test(line)) {
      const code = [];
      while (i < lines.length && (INDENTED.test(lines[i]) || !lines[i].trim())) {
        code.push(lines[i++].replace(INDENTED, ""));
      }
      while (code.length && !code[code.length - 1].trim()) code.pop();
      out.push(el("pre", [el("code", [code.join("\n") + "\n"])]));
    } else if ((m = HEADING.exec(line))) {
      out.push(heading(m[1].length, m[2] || ""));
      i++;
    } else if (RULE.test(line)) {
      out.push(el("hr"));
      i++;
    } else if (QUOTE.test(line)) {
      const inner = [];
      while (i < lines.length && lines[i].trim()) {
        m = QUOTE.exec(lines[i++]);
        inner.push(m ? m[1] : lines[i - 1]);
      }
      out.push(el("blockquote", blocks(inner.join("\n"), shift)));
    } else if ((m = ITEM.exec(line))) {
      i = list(lines, i, shift, out);
    } else {
      const para = [];
      while (i < lines.length && lines[i].trim() &&
             !(FENCE.test(lines[i]) && closed(lines, i, FENCE.exec(lines[i])[1]) > i) &&
             !HEADING.test(lines[i]) && !(para.length && SETEXT.test(lines[i]))) {
        para.push(lines[i++]);
      }
      if (i < lines.length && para.length && SETEXT.test(lines[i]) && lines[i].trim()) {
        out.push(heading(lines[i++].trim()[0] === "=" ? 1 : 2, para.join(" ").trim()));
      } else {
        out.push(paragraph(para));
      }
    }
  }
  return out;
}

/* A list from line `i`; returns the line after it. Items separated by blank lines
   have their text in paragraphs, as Python-Markdown makes a "loose" list. */
function list(lines, i, shift, out) {
  const ordered = /\d/.test(ITEM.exec(lines[i])[2]);
  const entries = [];
  let loose = false, blank = false;
  while (i < lines.length) {
    const line = lines[i], m = ITEM.exec(line);
    if (m) {
      if (blank && entries.length) loose = true;
      entries.push([m[3]]);
    } else if (!line.trim()) {
      blank = true;
      i++;
      continue;
    } else if (INDENTED.test(line) || !blank) {
      entries[entries.length - 1].push(blank ? "" : null, line.replace(INDENTED, ""));
    } else {
      break;
    }
    blank = false;
    i++;
  }
  const node = el(ordered ? "ol" : "ul");
  entries.forEach((entry) => {
    const text = entry.filter((l) => l !== null).join("\n");
    const li = el("li");
    const inner = loose || entry.indexOf("") >= 0 || /\n\s*(?:[-*+]|\d+\.)[ \t]/.test(text);
    if (inner) {
      blocks(text, shift).forEach((b) => li.append(b));
    } else {
      inline(text).forEach((n) => li.append(n));
    }
    node.append(li);
  });
  out.push(node);
  return i;
}
