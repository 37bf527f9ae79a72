/* Koers: small enhancements on top of htmx. Every screen also works without JavaScript. */
document.documentElement.classList.add("js");

/* After htmx swapped in a new page of results through a link inside [data-move-focus], put the
   keyboard focus on the new results' heading, so that it is not lost with the removed link. */
document.addEventListener("htmx:afterSwap", function (event) {
  var source = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (!source || !source.closest || !source.closest("[data-move-focus]")) {
    return;
  }
  var heading = event.detail.target.querySelector("[data-focus-after-swap]");
  if (heading) {
    heading.focus();
  }
});

/* A button with [data-print] prints the page (instead of an inline onclick, which the
   Content-Security-Policy blocks). */
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
