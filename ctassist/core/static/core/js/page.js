// Small behaviours any page can ask for with data attributes (no inline script needed):
// - data-focus-on-load: the element is scrolled into view and focused (a conflict, an error
//   summary), so keyboard and screen-reader users meet it first;
// - data-replace-url="/path/": the address bar shows that URL (a page rendered in answer to a
//   POST), so reloading the page reads it again instead of sending the form a second time;
// - data-submit-on-change: a select that sends its form when changed (the language menu);
// - data-history-back: a link that goes back in history when there is one (else its href);
// - data-submit-on-load: a form sent as soon as the page is read (an LTI launch to a tool; its
//   button stays for a browser without script).
// The Content-Security-Policy allows no inline script or handler (docs/adr/0019).
document.addEventListener("DOMContentLoaded", function () {
  var target = document.querySelector("[data-replace-url]");
  if (target && window.history && window.history.replaceState) {
    window.history.replaceState(null, "", target.getAttribute("data-replace-url"));
  }
  document.querySelectorAll("[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () {
      if (select.form) select.form.submit();
    });
  });
  document.querySelectorAll("[data-history-back]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (window.history.length > 1) {
        event.preventDefault();
        window.history.back();
      }
    });
  });
  var launch = document.querySelector("form[data-submit-on-load]");
  if (launch) launch.submit();
  var first = document.querySelector("[data-focus-on-load]");
  if (first) {
    first.scrollIntoView({ block: "start" });
    first.focus({ preventScroll: true });
  }
});
