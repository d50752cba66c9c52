// Small behaviours any page can ask for with data attributes (no inline script needed):
// - data-focus-on-load: the element is scrolled into view and focused (a conflict, an error
//   summary), so keyboard and screen-reader users meet it first;
// - data-replace-url="/path/": the address bar shows that URL (a page rendered in answer to a
//   POST), so reloading the page reads it again instead of sending the form a second time.
document.addEventListener("DOMContentLoaded", function () {
  var target = document.querySelector("[data-replace-url]");
  if (target && window.history && window.history.replaceState) {
    window.history.replaceState(null, "", target.getAttribute("data-replace-url"));
  }
  var first = document.querySelector("[data-focus-on-load]");
  if (first) {
    first.scrollIntoView({ block: "start" });
    first.focus({ preventScroll: true });
  }
});
