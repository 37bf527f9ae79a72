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

/* A form with [data-busy] whose next page takes a while (figures counted over many municipalities)
   says so in its [data-busy-status] element, a live region, until that page arrives; the message
   is cleared when the browser shows this page again from its history. */
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches || !form.matches("form[data-busy]")) {
    return;
  }
  var status = form.querySelector("[data-busy-status]");
  if (status) {
    status.textContent = form.getAttribute("data-busy");
  }
  form.setAttribute("aria-busy", "true");
});

window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.removeAttribute("aria-busy");
    var status = form.querySelector("[data-busy-status]");
    if (status) {
      status.textContent = "";
    }
  });
});
