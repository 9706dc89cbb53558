// The plan page: a click on the feed's address selects all of it, ready to copy.
// A file, not an inline handler: the page's Content-Security-Policy runs no inline script.
"use strict";

document.querySelectorAll("[data-select-on-click]").forEach((input) => {
  input.addEventListener("click", () => input.select());
});
