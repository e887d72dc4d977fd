// Keyboard shortcuts for the review pages. Enhancements only: every action is a plain link
// or form that works without this script.
(function () {
  "use strict";

  function typing(target) {
    return target.closest && target.closest("input, select, textarea, [contenteditable]");
  }

  function follow(id) {
    const a = document.getElementById(id);
    if (a && a.href) location.assign(a.href);
    return Boolean(a);
  }

  // The filter form applies itself when a choice changes; its button stays for keyboards.
  const filters = document.getElementById("filters");
  if (filters) {
    filters.addEventListener("change", function () { filters.requestSubmit(); });
  }

  // Queue: j/k (or arrows) move through the items, Enter/o opens the current one.
  const queue = document.getElementById("queue");
  const items = queue ? Array.from(queue.querySelectorAll(".sv-item")) : [];
  let current = -1;

  function select(index) {
    if (!items.length) return;
    if (current >= 0) items[current].classList.remove("current");
    current = Math.min(Math.max(index, 0), items.length - 1);
    const item = items[current];
    item.classList.add("current");
    item.querySelector("a.sv-what").focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
  }

  if (queue) {
    queue.addEventListener("focusin", function (event) {
      const item = event.target.closest(".sv-item");
      const at = items.indexOf(item);
      if (at !== -1 && at !== current) {
        if (current >= 0) items[current].classList.remove("current");
        current = at;
        item.classList.add("current");
      }
    });
  }

  // A discrepancy's page: c/f/u (or 1/2/3) decide, n writes a note, j/k next/previous.
  const form = document.getElementById("decide");
  const buttons = form ? Array.from(form.querySelectorAll("button[data-key]")) : [];
  let sent = false;
  if (form) {
    form.addEventListener("submit", function (event) {
      // One decision per page: a second key press while the first is on its way is dropped.
      if (sent) event.preventDefault();
      sent = true;
    });
  }

  function decide(key) {
    const button = buttons.find(function (b) {
      return b.getAttribute("data-key") === key || b.getAttribute("data-digit") === key;
    });
    if (!button || sent) return Boolean(button);
    const reviewer = form.elements.namedItem("reviewer");
    if (reviewer && !reviewer.value.trim()) {
      reviewer.focus();
      reviewer.reportValidity();
      return true;
    }
    form.requestSubmit(button);
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (typing(target)) {
      if (event.key === "Escape") target.blur();
      return;
    }
    let handled = true;
    switch (event.key) {
      case "j": case "ArrowDown":
        if (queue) select(current + 1); else handled = follow("next");
        break;
      case "k": case "ArrowUp":
        if (queue) select(current - 1); else handled = follow("prev");
        break;
      case "Enter": case "o":
        // Enter on a focused link or button is the browser's own; "o" always opens the item.
        if (event.key === "Enter" && target.closest && target.closest("a, button, summary")) return;
        if (queue && current >= 0) location.assign(items[current].querySelector("a.sv-what").href);
        else handled = false;
        break;
      case "n": case "r": {
        const field = form && form.elements.namedItem(event.key === "n" ? "note" : "reviewer");
        if (field) field.focus(); else handled = false;
        break;
      }
      case "q": handled = follow("to-queue"); break;
      case "i": handled = follow("to-incident"); break;
      case "/": {
        const first = filters && filters.querySelector("select");
        if (first) first.focus(); else handled = false;
        break;
      }
      default:
        handled = form ? decide(event.key) : false;
    }
    if (handled) event.preventDefault();
  });

  document.documentElement.classList.add("js");
})();
