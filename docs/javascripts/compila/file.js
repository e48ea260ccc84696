/* The file the form makes, its name and folder, and the three ways to hand it over:
   a download, an email to the network's contact, GitHub's new-file page. */
import {cfg, state} from "./modulo.js";
import {body, data} from "./dati.js";
import {dump} from "./yaml.js";

function slugify(text) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/* NOME.md: the slug of the title, as `rete nuova` names it; a corrected file keeps
   its own name. A practice taken up whose title is still the source's would get the
   source's name (or the name its title gives): the adopting library's id follows. */
export function fileName(d) {
  if (state.correction) return state.correction.nome;
  // A request is named by its day, library and service (2026-10-15-legnano-valigie).
  if (cfg.richiesta) {
    const words = cfg.richiesta.nome_file.map((k) => d[k] || "").join(" ");
    return (slugify(String(words)) || cfg.tipo) + ".md";
  }
  const name = slugify(String(d.titolo || d.nome || "")) || cfg.tipo;
  const source = state.source;
  if (source && (name === source.slug || name === slugify(source.titolo))) {
    return name + "-" + (d.biblioteca || "ripresa") + ".md";
  }
  return name + ".md";
}

export function filePath(d) {
  return state.correction ? state.correction.percorso : cfg.cartella + "/" + fileName(d);
}

/* {name, path, text} of the file as the form stands. */
export function made() {
  const d = data();
  return {name: fileName(d), path: filePath(d), text: dump(d, body(), cfg.schema)};
}

/* Follow a link as a click does (a download, the mail client). */
export function follow(url, name) {
  const a = document.createElement("a");
  a.href = url;
  if (name) a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], {type: "text/markdown;charset=utf-8"}));
  follow(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/* The mail to the coordinators: the file itself cannot travel in a mailto: link,
   so the words say its name and ask to attach it. */
export function mailto(file) {
  const subject = (cfg.tipo === "scheda" ? "Scheda " : "Polo ") + file.name;
  const words = "Buongiorno,\n\nallego il file " + file.name + " compilato sul sito della " +
    "rete (va nella cartella " + file.path.replace(/\/[^/]*$/, "/") + ").\n\n" +
    "Ricordati di allegare il file " + file.name + " che hai appena scaricato.\n";
  return "mailto:" + cfg.contatto + "?subject=" + encodeURIComponent(subject) +
    "&body=" + encodeURIComponent(words);
}

export function githubNewFile(file) {
  return cfg.repo + "/new/main?filename=" + encodeURIComponent(file.path) +
    "&value=" + encodeURIComponent(file.text);
}
