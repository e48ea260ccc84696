/* A librarian's Markdown as the elements Python-Markdown makes of it on the site, for
   the common subset: paragraphs, ATX and setext headings, lists, quotes, code (fenced
   and indented), rules; emphasis, code spans and links inside them. Everything is built
   with DOM calls and text nodes: raw HTML stays text (markdown-inline.js makes the
   text of each block). Not a Markdown library: the site allows no external request
   and has no build step, and the preview needs only what schede are written with. */

import {el, inline} from "./markdown-inline.js";

export {images, safeHref} from "./markdown-inline.js";

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;
const CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const ITEM = /^( {0,3})([-*+]|\d+\.)[ \t]+(.*)$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const INDENTED = /^(?: {4}|\t)/;

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
