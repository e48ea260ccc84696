// The portal's search: one Pagefind instance over every network's own bundle (its
// site's pagefind/ folder), merged in the browser with mergeIndex. The first network
// whose bundle loads lends its pagefind.js (and its Italian stemming); every other one
// is merged into it. A bundle that cannot be loaded is skipped with a notice and never
// stops the search. Results link to the networks' own sites. The form's behaviour is
// risultati.js', shared with every network's «Cerca» page.

import { excerpt, searchPage, titled } from "./risultati.js";

const notices = document.getElementById("rete-ricerca-avvisi");

let loading = null;
let networks = [];

function notice(text) {
  const entry = document.createElement("li");
  entry.textContent = text;
  notices.append(entry);
  notices.hidden = false;
}

// Whether the bundle answers at all: Pagefind itself may only log a failure. A HEAD
// request asks for no body, so the probe costs no bytes of the entry Pagefind reads.
async function reachable(net) {
  try {
    const url = new URL("pagefind-entry.json", net.bundle);
    const answer = await fetch(url, { method: "HEAD", cache: "no-store" });
    return answer.ok;
  } catch (error) {
    return false;
  }
}

function skipped(net) {
  notice(`La ricerca di ${net.nome} non si è caricata: i suoi risultati mancano.`);
}

// Every network is asked at once (50 round trips one after the other would be the wait);
// the first bundle that loads becomes the primary, the others are merged into it.
async function start() {
  networks = await (await fetch("cerca-reti.json")).json();
  const answers = await Promise.all(networks.map(reachable));
  const ready = networks.filter((net, i) => answers[i]);
  for (const net of networks.filter((net, i) => !answers[i])) {
    notice(`La ricerca di ${net.nome} non è raggiungibile in questo momento: i suoi risultati mancano.`);
  }
  let pagefind = null;
  let primary = null;
  let rest = ready;
  while (!pagefind && rest.length) {
    const [net, ...others] = rest;
    rest = others;
    try {
      const module = await import(new URL("pagefind.js", net.bundle).href);
      await begin(module, net);
      if (await healthy(module)) [pagefind, primary] = [module, net];
      else skipped(net);
    } catch (error) {
      console.error(error);
      skipped(net);
    }
  }
  if (!pagefind) throw new Error("nessun indice");
  await Promise.all(rest.map((net) => pagefind.mergeIndex(net.bundle, { baseUrl: net.sito })
    .catch((error) => console.error(error))));
  if (!(await healthy(pagefind))) await isolate(pagefind, primary, rest);
  return pagefind;
}

async function begin(pagefind, net) {
  await pagefind.options({ noWorker: true, baseUrl: net.sito });
  await pagefind.init();
}

// Pagefind may only log a bundle it could not load, and then fails every search.
// Asking for the filters reads every merged index (none has filters: no download).
async function healthy(pagefind) {
  try {
    await pagefind.filters();
    return true;
  } catch (error) {
    console.error(error);
    return false;
  }
}

// Some merged bundle is broken: merge them again one by one, starting afresh without
// each bundle that breaks the whole (the browser has their files already).
async function isolate(pagefind, primary, nets) {
  const good = [];
  await pagefind.destroy();
  await begin(pagefind, primary);
  for (const net of nets) {
    await pagefind.mergeIndex(net.bundle, { baseUrl: net.sito }).catch(() => null);
    if (await healthy(pagefind)) {
      good.push(net);
      continue;
    }
    skipped(net);
    await pagefind.destroy();
    await begin(pagefind, primary);
    for (const ok of good) await pagefind.mergeIndex(ok.bundle, { baseUrl: ok.sito });
  }
}

function engine() {
  if (!loading) loading = start();
  return loading;
}

function networkOf(url) {
  const found = networks.find((net) => url.startsWith(net.sito));
  return found ? found.nome : "";
}

function item(data) {
  const entry = titled(data, /^https?:\/\//.test(data.url) ? data.url : "#");
  const where = document.createElement("p");
  where.className = "rete";
  where.textContent = networkOf(data.url);
  entry.append(where, excerpt(data.excerpt));
  return entry;
}

searchPage({
  engine,
  item,
  pageSize: 8,
  failed: "La ricerca non è disponibile: nessuna rete risponde. Riprova più tardi.",
});
