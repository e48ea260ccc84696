/* The request form (compila/richiesta/): the chosen polo's services, the polo and the
   service taken from the address (?polo=…&servizio=…, as «Richiedi questo servizio»
   links), today's date, the notice each service needs (anticipo_giorni), and the two
   ways to hand the request over: an email to the polo's referente with the request in
   its body, or GitHub's «Richiedi un servizio» issue form, filled in. Nothing is sent
   by the page itself. The data come from scripts/rete/render/forms/request.py. */
import {cfg, named, read, write} from "./modulo.js";
import {body, data} from "./dati.js";
import {labelOf} from "./controlli.js";

export const asked = cfg && cfg.tipo === "richiesta" ? cfg.richiesta : null;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
let wired = false;

function local(day) {
  return day.getFullYear() + "-" + String(day.getMonth() + 1).padStart(2, "0") + "-" +
    String(day.getDate()).padStart(2, "0");
}

function shown(iso) {
  const [y, m, d] = iso.split("-");
  return d + "/" + m + "/" + y;
}

function days(n) {
  return n === 1 ? "1 giorno" : n + " giorni";
}

function chosen() {
  const polo = asked.poli[read("polo")];
  return {polo: polo, service: polo ? polo.servizi[read("servizio")] : undefined};
}

/* The first day the service may be wanted: the request's day (not before today: a
   request dated back asks no sooner) plus the notice. */
function earliest() {
  const {service} = chosen();
  if (!service || !service.anticipo) return null;
  const from = read("richiesta_il"), today = local(new Date());
  const day = new Date((/^\d{4}-\d{2}-\d{2}$/.test(from) && from > today ? from : today) +
    "T12:00");
  day.setDate(day.getDate() + service.anticipo);
  return local(day);
}

function notice() {
  const slot = document.getElementById("f-servizio-anticipo");
  const {service} = chosen();
  const first = earliest();
  const from = named("periodo.dal")[0];
  if (from) from.min = first || "";
  if (!service) {
    slot.textContent = read("polo") ? "Scegli uno dei servizi del polo." : "";
  } else if (first) {
    slot.textContent = "«" + service.nome + "» va chiesto con almeno " +
      days(service.anticipo) + " di anticipo: il periodo può cominciare dal " +
      shown(first) + " in poi.";
  } else {
    slot.textContent = "Il polo non indica con quanto anticipo chiedere «" + service.nome + "».";
  }
}

/* Only the chosen polo's services can be picked; a service of another polo is let go. */
function sync() {
  const polo = read("polo");
  const select = named("servizio")[0];
  const wanted = select.value;
  select.querySelectorAll("option[data-polo]").forEach((o) => {
    const mine = o.getAttribute("data-polo") === polo;
    o.hidden = !mine;
    o.disabled = !mine;
  });
  select.querySelectorAll("optgroup").forEach((g) => {
    g.hidden = !g.querySelector("option:not([disabled])");
  });
  const same = select.querySelector("option[data-polo=\"" + CSS.escape(polo) + "\"][value=\"" +
    CSS.escape(wanted) + "\"]");
  if (same) same.selected = true;
  else select.value = "";
  notice();
}

/* The address's polo and service win over what was kept from last time: the library
   came from that service's «Richiedi questo servizio». Again after «Ricomincia». */
export function prefill() {
  const query = new URLSearchParams(location.search);
  const polo = query.get("polo"), service = query.get("servizio");
  if (polo && SLUG.test(polo) && asked.poli[polo]) {
    write("polo", polo);
    if (service && SLUG.test(service) && asked.poli[polo].servizi[service]) {
      named("servizio")[0].value = service;
    }
  }
  if (!read("richiesta_il")) write("richiesta_il", local(new Date()));
  sync();
  if (wired) return;
  wired = true;
  named("polo")[0].addEventListener("change", sync);
  named("servizio")[0].addEventListener("change", notice);
  named("richiesta_il")[0].addEventListener("change", notice);
}

/* A period that starts sooner than the service's notice allows: [control, message]. */
export function tooSoon() {
  if (!asked) return [];
  const first = earliest();
  const from = named("periodo.dal")[0];
  if (!first || !from || !from.value || from.value >= first) return [];
  const {service} = chosen();
  return [[from, labelOf(from) + ": «" + service.nome + "» va chiesto con almeno " +
    days(service.anticipo) + " di anticipo, scegli un giorno dal " + shown(first) + " in poi"]];
}

function at(d, path) {
  return path.split(".").reduce((v, key) => (v && typeof v === "object" ? v[key] : undefined), d);
}

function library(d) {
  return asked.nomi.biblioteche[d.biblioteca] || d.biblioteca;
}

/* RFC 6068: a line break in a mailto: body is %0D%0A. */
function encode(text) {
  return encodeURIComponent(text.replace(/\r?\n/g, "\r\n"));
}

/* The mail to the polo's referente: what is asked, by whom, and the file itself (a
   mailto: link cannot attach it), which the polo saves in richieste/. */
export function requestMail(file) {
  const d = data(), polo = asked.poli[d.polo], service = polo.servizi[d.servizio];
  const who = d.referente || {};
  const lines = ["Buongiorno,", "", "la biblioteca " + library(d) + " chiede il servizio «" +
    service.nome + "» del polo " + polo.nome + "."];
  if (d.periodo && d.periodo.dal) {
    lines.push("Periodo desiderato: dal " + shown(d.periodo.dal) +
      (d.periodo.al ? " al " + shown(d.periodo.al) : "") + ".");
  }
  lines.push("", "Referente: " + [who.nome, who.email, who.telefono && "tel. " + who.telefono]
    .filter(Boolean).join(", ") + ".");
  const notes = body();
  if (notes) lines.push("", notes);
  lines.push("", "Qui sotto c'è la richiesta come file della rete: salvala nella cartella " +
    "richieste/ con il nome " + file.name + ".", "", file.text);
  return "mailto:" + polo.email + "?subject=" +
    encode("Richiesta del servizio «" + service.nome + "» – " + library(d)) +
    "&body=" + encode(lines.join("\n"));
}

/* GitHub's «Richiedi un servizio» issue form, each question filled in by its id; the
   dropdowns take names, as the form shows them. */
export function issueUrl() {
  const d = data(), polo = asked.poli[d.polo], service = polo.servizi[d.servizio];
  const parts = ["template=" + encodeURIComponent(asked.modulo_issue),
    "title=" + encodeURIComponent("[richiesta] " + service.nome + " – " + library(d))];
  asked.domande.forEach((q) => {
    let v = q.campo === "corpo" ? body() : at(d, q.campo);
    if (v === undefined || v === null || v === "") return;
    if (q.rif) v = (asked.nomi[q.rif] || {})[v] || v;
    parts.push(encodeURIComponent(q.id) + "=" + encodeURIComponent(String(v)));
  });
  return cfg.repo + "/issues/new?" + parts.join("&");
}

/* What the status line says once the file is made. */
export function handedOver(file, action) {
  if (action === "github") {
    return "Su GitHub controlla la richiesta e premi «Create»: i coordinatori la " +
      "ricevono come proposta.";
  }
  const polo = asked.poli[read("polo")];
  return "Hai scaricato il file " + file.name + "." + (action === "email" ?
    " Il programma di posta ha preparato il messaggio per " + polo.email + ": controllalo e " +
    "invialo." : " Mandalo al referente del polo (" + polo.email + ") o ai coordinatori " +
    "della rete: va in " + file.path + ".");
}
