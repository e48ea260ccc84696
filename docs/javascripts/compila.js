/* The form to fill in a scheda, a polo or a request of a service (pages compila/scheda/,
   compila/polo/, compila/richiesta/).

   The controls and their constraints are generated from the schema by
   scripts/rete/render/forms/form.py; the modules in compila/ explain mistakes in Italian
   (controlli.js, errori.js), keep what was typed (memoria.js), read the form as the
   file's data (dati.js), write the file as rete's writer does (yaml.js, file.js) and
   show it as the site will (anteprima.js, markdown.js). Nothing is sent anywhere:
   the file is made in the browser. This module wires them to the buttons. */
import {addItem, cfg, form, groups, emptyGroup, removeItem, state} from "./compila/modulo.js";
import {body, data, fill} from "./compila/dati.js";
import {forget, keep, restore, save} from "./compila/memoria.js";
import {check} from "./compila/controlli.js";
import {clearErrors, showErrors} from "./compila/errori.js";
import {download, follow, githubNewFile, made, mailto} from "./compila/file.js";
import {show} from "./compila/anteprima.js";
import {asked, handedOver, issueUrl, prefill, requestMail, tooSoon} from "./compila/richiesta.js";
import {takeUp, wanted} from "./compila/riprendi.js";

const status = document.getElementById("rete-stato");

function say(text) {
  status.textContent = text;
  status.hidden = false;
}

function act(action) {
  if (action === "anteprima") return show(data(), body());
  const file = made();
  if (action === "github") {
    window.open(asked ? issueUrl() : githubNewFile(file), "_blank", "noopener");
    return say(asked ? handedOver(file, action) :
      "Su GitHub controlla il file e premi «Propose new file».");
  }
  download(file.name, file.text);
  forget();
  if (action === "email") follow(asked ? requestMail(file) : mailto(file));
  if (asked) return say(handedOver(file, action));
  say("Hai scaricato il file " + file.name + ". Mandalo ai coordinatori della rete" +
    (cfg.contatto ? " (" + cfg.contatto + ")" : "") + " o mettilo nella cartella condivisa: " +
    "va in " + file.path + ".");
}

function startOver() {
  if (!window.confirm("Vuoi cancellare tutto quello che hai scritto in questo modulo?")) return;
  forget();
  form.reset();
  groups().forEach(emptyGroup);
  state.order = {};
  clearErrors();
  if (state.correction) fill(state.correction.dati, state.correction.corpo);
  if (asked) prefill();
  if (state.takenUp) fill(state.takenUp.dati, state.takenUp.corpo);
  say("Il modulo è stato svuotato.");
}

function wire() {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const action = event.submitter ? event.submitter.getAttribute("data-azione") : "scarica";
    clearErrors();
    status.hidden = true;
    const found = check().concat(tooSoon());
    if (found.length) return showErrors(found);
    act(action || "scarica");
  });
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const g = button.closest("[data-ripetuto]");
    if (button.classList.contains("rete-aggiungi")) {
      addItem(g).querySelector("input, select, textarea").focus();
      save();
    } else if (button.classList.contains("rete-togli")) {
      removeItem(g, button.closest(".rete-voce"));
      save();
    } else if (button.classList.contains("rete-ricomincia")) {
      startOver();
    }
  });
  form.addEventListener("input", save);
  form.addEventListener("change", save);
}

/* «Correggi questa scheda» opens the form with ?correggi=SLUG, «Riprendi questa
   pratica» with ?riprendi=SLUG: the published file's data (compila/TIPO/dati/SLUG.json,
   written at build time) fill it, all of it to correct the file, what describes the
   practice to take it up (riprendi.js); unless what was typed last time is still kept. */
function start() {
  let slug = new URLSearchParams(location.search).get("correggi");
  if (slug && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) slug = null;
  const source = slug ? null : wanted();
  keep("rete-compila-" + cfg.tipo + (slug ? "-" + slug : "") +
    (source ? "-riprendi-" + source : ""));
  wire();
  const restored = restore();
  if (asked) prefill();
  if (!slug && !source) return form.setAttribute("data-pronto", "");
  form.setAttribute("aria-busy", "true");
  fetch("dati/" + (slug || source) + ".json").then((response) => {
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  }).then((found) => {
    if (source) {
      state.takenUp = takeUp(found, source);
      if (!restored) fill(state.takenUp.dati, state.takenUp.corpo);
      return say("Stai riprendendo «" + state.source.titolo + "»: scegli la tua " +
        "biblioteca, scrivi il referente, il periodo e i risultati, adatta il resto e " +
        "scarica il file.");
    }
    state.correction = found;
    state.named = found.fonti || {};
    if (!restored) fill(found.dati, found.corpo);
    say("Stai correggendo " + found.percorso + ": cambia quello che serve e scarica il " +
      "file, che ha lo stesso nome.");
  }).catch(() => {
    say("Non trovo i dati di «" + (slug || source) + "»: puoi compilare il modulo da capo.");
  }).then(() => {
    form.removeAttribute("aria-busy");
    form.setAttribute("data-pronto", "");
  });
}

if (form) start();
