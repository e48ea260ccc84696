// What a search page does with its form, shared by a network's «Cerca» page
// (docs/javascripts/cerca.js) and the portal's (federation/modelli/cerca.js): each gives
// its engine (a promise of Pagefind) and how a result is shown. Titles and excerpts come
// from librarians' pages: they reach the page only as text, except Pagefind's own <mark>
// around the words found.

// Pagefind's excerpt is HTML: parsed in an inert document, only its text and its
// <mark> elements are copied, as new nodes.
export function excerpt(html) {
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

// A result's link and title; `href` is where it leads.
export function titled(data, href) {
  const entry = document.createElement("li");
  const link = document.createElement("a");
  link.href = href;
  link.textContent = (data.meta && data.meta.title) || data.url;
  entry.append(link);
  return entry;
}

function count(n, term) {
  if (n === 0) return `Nessun risultato per «${term}»`;
  return `${n.toLocaleString("it-IT")} ${n === 1 ? "risultato" : "risultati"} per «${term}»`;
}

// The page's form (#rete-ricerca-*): a search as the reader types or sends, PAGE_SIZE
// results at a time (only theirs are fetched), the words kept in the address (?q=) so
// that the page can be shared and reloaded.
export function searchPage({ engine, item, failed, pageSize = 5, waitMs = 300 }) {
  const form = document.getElementById("rete-ricerca-modulo");
  const input = document.getElementById("rete-ricerca-parole");
  const status = document.getElementById("rete-ricerca-stato");
  const list = document.getElementById("rete-ricerca-risultati");
  const more = document.getElementById("rete-ricerca-altri");
  let serial = 0; // the latest search: an older one's answer arriving late is dropped
  let results = [];
  let shown = 0;
  let timer = 0;

  // The next results of search `mine`; null when a newer search took over.
  async function showMore(mine) {
    const next = results.slice(shown, shown + pageSize);
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
      status.textContent = failed;
      console.error(error);
    } finally {
      if (mine === serial) list.removeAttribute("aria-busy");
    }
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => search(input.value), waitMs);
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
}
