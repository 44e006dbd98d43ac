/*
 * The portal's own behaviour. No inline scripts anywhere (CSP): everything lives here and is
 * attached through data- attributes.
 */
(function () {
  "use strict";

  function ready(callback) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", callback);
    } else {
      callback();
    }
  }

  // A form came back with errors: move the focus to the summary, so screen-reader and keyboard
  // users hear what went wrong and can jump to each field (WCAG 3.3.1).
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  // Buttons and links marked data-confirm ask before acting (e.g. "Withdraw the proposal?").
  function confirmOnClick(event) {
    var trigger = event.target.closest("[data-confirm]");
    if (trigger && !window.confirm(trigger.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  // Elements marked data-print print the page (e.g. the recovery codes).
  function printOnClick(event) {
    if (event.target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    }
  }

  ready(function () {
    focusErrorSummary(document);
    document.addEventListener("click", confirmOnClick, true);
    document.addEventListener("click", printOnClick);
  });

  // Content swapped in by htmx: same treatment for a form that comes back with errors.
  document.addEventListener("htmx:afterSwap", function (event) {
    focusErrorSummary(event.target);
  });
})();
