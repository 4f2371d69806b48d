// Dateline: open the timeline entry a mark or link points at, and show it.
(function () {
  function openEntry(hash) {
    if (!hash || hash.indexOf("#entry-") !== 0) return;
    var entry = document.getElementById(hash.slice(1));
    if (!entry) return;
    entry.open = true;
    entry.classList.add("flash");
    entry.scrollIntoView({ block: "center" });
    setTimeout(function () { entry.classList.remove("flash"); }, 1500);
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("a.entry-link") : null;
    if (!target) return;
    event.preventDefault();
    var hash = target.getAttribute("href");
    history.replaceState(null, "", hash);
    openEntry(hash);
  });
  window.addEventListener("hashchange", function () { openEntry(location.hash); });
  document.addEventListener("DOMContentLoaded", function () { openEntry(location.hash); });
})();
