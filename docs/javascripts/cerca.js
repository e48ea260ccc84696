// Pagefind's search box on the "Cerca" page; ?q=parola starts a search at once.
window.addEventListener("DOMContentLoaded", function () {
  var ui = new PagefindUI({
    element: "#rete-ricerca",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
});
