/* A table wider than the screen (a polo's activities on a phone) scrolls in the box
   the theme wraps it in; that box then takes the keyboard focus and a name, so it can
   be scrolled without a mouse (WCAG 2.1.1, axe's scrollable-region-focusable). A box
   that does not scroll stays out of the tab order. */
function mark() {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach((box) => {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Tabella: scorri per vederla tutta");
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  });
}

window.addEventListener("load", mark);
window.addEventListener("resize", mark);
