// The «Cerca» page: a small search form over Pagefind's JavaScript API (pagefind.js,
// built beside the site by the hook). The form's behaviour is risultati.js', shared with
// the portal of a network of networks; here, the engine and how a result is shown.

import { excerpt, searchPage, titled } from "./risultati.js";

// Relative to this script, not to "/": the site may be served under an address prefix.
const PAGEFIND = new URL("../pagefind/pagefind.js", import.meta.url).href;

let loading = null; // the promise of Pagefind's module, loaded once

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

function item(data) {
  const entry = titled(data, data.url);
  entry.append(excerpt(data.excerpt));
  return entry;
}

searchPage({
  engine,
  item,
  pageSize: 5,
  failed: "La ricerca non è riuscita: ricarica la pagina e riprova.",
});
