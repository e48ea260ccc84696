/* Material stores the colour palette in the browser on every first visit, chosen or
   not; the privacy page promises that a visit stores nothing: keep it only once the
   reader picks a palette (tests/site/test_piede.py). Loaded in <head>, after Material
   defines __md_set and before its bundle uses it. */
(function () {
  var store = window.__md_set, chosen = false;
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest("[data-md-component=palette]")) chosen = true;
  }, true);
  window.__md_set = function (key) {
    if (key === "__palette" && !chosen) return;
    return store.apply(this, arguments);
  };
})();
