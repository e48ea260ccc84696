// The «Cerca» page: a small search form over Pagefind's JavaScript API (pagefind.js,
// built beside the site by the hook). Titles and excerpts come from librarians' pages:
// they reach the page only as text, except Pagefind's own <mark> around the words found.

const PAGE_SIZE = 5; // results shown at once; only theirs are fetched
const WAIT_MS = 300; // typing pauses this long before a search

// Relative to this script, not to "/": the site may be served under an address prefix.
const PAGEFIND = new URL("../pagefind/pagefind.js", import.meta.url).href;

const form = document.getElementById("rete-ricerca-modulo");
const input = document.getElementById("rete-ricerca-parole");
const status = document.getElementById("rete-ricerca-stato");
const list = document.getElementById("rete-ricerca-risultati");
const more = document.getElementById("rete-ricerca-altri");

let loading = null; // the promise of Pagefind's module, loaded once
let serial = 0; // the latest search: an older one's answer arriving late is dropped
let results = []; // the latest search's results; their data is fetched 5 at a time
let shown = 0;
let timer = 0;

function engine() {
  if (!loading) {
    loading = import(PAGEFIND).then(async (pagefind) => {
      // Searching in the page itself, as Pagefind did before 1.5: its worker would be
      // another 12 KB (gzipped) to download for the first search, for no result more.
      await pagefind.options({ noWorker: true });
      await pagefind.init();
      return pagefind;
    });
    loading.catch(() => { loading = null; }); // a later search tries again
  }
  return loading;
}

function count(n, term) {
  const number = n.toLocaleString("it-IT");
  if (n === 0) return `Nessun risultato per «${term}»`;
  return `${number} ${n === 1 ? "risultato" : "risultati"} per «${term}»`;
}

// Pagefind's excerpt is HTML: parsed in an inert document, only its text and its
// <mark> elements are copied, as new nodes.
function excerpt(html) {
  const parsed = new DOMParser().parseFromString(html || "", "text/html").body;
  const paragraph = document.createElement("p");
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      paragraph.append(mark);
    } else {
      paragraph.append(document.createTextNode(node.textContent));
    }
  }
  return paragraph;
}

function item(data) {
  const entry = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = (data.meta && data.meta.title) || data.url;
  entry.append(link, excerpt(data.excerpt));
  return entry;
}

// The next PAGE_SIZE results of search `mine`; null when a newer search took over.
async function showMore(mine) {
  const next = results.slice(shown, shown + PAGE_SIZE);
  const data = await Promise.all(next.map((result) => result.data()));
  if (mine !== serial) return null;
  const entries = data.map(item);
  list.append(...entries);
  shown += next.length;
  more.hidden = shown >= results.length;
  return entries;
}

function keepInAddress(term) {
  const url = new URL(window.location.href);
  if (term) url.searchParams.set("q", term);
  else url.searchParams.delete("q");
  window.history.replaceState(window.history.state, "", url);
}

async function search(text) {
  const mine = ++serial;
  const term = text.trim();
  keepInAddress(term);
  if (!term) {
    results = [];
    shown = 0;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
    return;
  }
  list.setAttribute("aria-busy", "true");
  try {
    const found = await (await engine()).search(term);
    if (mine !== serial) return;
    results = found ? found.results : [];
    shown = 0;
    list.replaceChildren();
    if (await showMore(mine)) status.textContent = count(results.length, term);
  } catch (error) {
    if (mine !== serial) return;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "La ricerca non è riuscita: ricarica la pagina e riprova.";
    console.error(error);
  } finally {
    if (mine === serial) list.removeAttribute("aria-busy");
  }
}

input.addEventListener("input", () => {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => search(input.value), WAIT_MS);
});
input.addEventListener("focus", () => { engine().catch(() => {}); }, { once: true });

form.addEventListener("submit", (event) => {
  event.preventDefault();
  window.clearTimeout(timer);
  search(input.value);
});

more.addEventListener("click", async () => {
  more.disabled = true;
  try {
    const entries = await showMore(serial);
    // The keyboard goes on from the first new result, not back to the page's top.
    if (entries && entries.length) entries[0].querySelector("a").focus();
  } finally {
    more.disabled = false;
  }
});

form.hidden = false;
const asked = new URLSearchParams(window.location.search).get("q");
if (asked) {
  input.value = asked;
  search(asked);
}
