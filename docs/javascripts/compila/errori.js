/* Mistakes shown as the GOV.UK error summary does: a summary at the top headed
   "C'è un problema", each line a link to its field, the same words beside the field
   tied to it with aria-describedby, and "Errore: " before the page's title. */
import {form} from "./modulo.js";

const summary = document.getElementById("rete-riepilogo");
const title = document.title;

function slotOf(el) {
  const box = el.closest("fieldset.rete-caselle");
  const id = box ? box.id : el.id;
  return {id: id + "-errore", slot: document.getElementById(id + "-errore"),
    target: box || el};
}

export function clearErrors() {
  form.querySelectorAll(".rete-errore").forEach((p) => {
    p.hidden = true;
    p.textContent = "";
  });
  form.querySelectorAll("[aria-invalid]").forEach((el) => {
    el.removeAttribute("aria-invalid");
    const ids = (el.getAttribute("aria-describedby") || "").split(" ")
      .filter((id) => id && !/-errore$/.test(id));
    if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
    else el.removeAttribute("aria-describedby");
  });
  form.querySelectorAll(".rete-campo--errore").forEach(
    (el) => el.classList.remove("rete-campo--errore"));
  summary.hidden = true;
  document.title = title;
}

function beside(where, message) {
  const hidden = document.createElement("span");
  hidden.className = "rete-nascosto";
  hidden.textContent = "Errore: ";
  where.slot.appendChild(hidden);
  where.slot.appendChild(document.createTextNode(message));
  where.slot.hidden = false;
  const ids = (where.target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
  ids.push(where.id);
  where.target.setAttribute("aria-describedby", ids.join(" "));
  where.target.setAttribute("aria-invalid", "true");
  const field = where.target.closest(".rete-campo");
  if (field) field.classList.add("rete-campo--errore");
}

export function showErrors(found) {
  const list = summary.querySelector("ul");
  list.innerHTML = "";
  found.forEach(([el, message]) => {
    const where = slotOf(el);
    if (where.slot && !where.slot.textContent) beside(where, message);
    const li = document.createElement("li"), a = document.createElement("a");
    a.href = "#" + el.id;
    a.textContent = message;
    a.addEventListener("click", (event) => {
      event.preventDefault();
      el.focus();
      el.scrollIntoView({block: "center"});
    });
    li.appendChild(a);
    list.appendChild(li);
  });
  summary.hidden = false;
  document.title = "Errore: " + title;
  summary.focus();
}
