// Enhancements only: the page is complete without this script (filters stay hidden).
(function () {
  "use strict";
  const list = document.getElementById("incidents");
  const form = document.getElementById("controls");
  if (!list || !form) return;
  const items = Array.from(list.children).map(function (el) {
    return {
      el: el,
      details: el.querySelector("details"),
      facets: (el.getAttribute("data-facets") || "").split(" ").map(function (f) {
        const at = f.indexOf(":");
        return [f.slice(0, at), f.slice(at + 1)];
      }),
      text: el.getAttribute("data-search") || "",
      background: el.hasAttribute("data-background"),
      parent: el.getAttribute("data-parent"),
    };
  });
  const byId = new Map(items.map(function (item) { return [item.el.id, item]; }));
  const boxes = Array.from(form.querySelectorAll("input[name=status]"));
  const kind = document.getElementById("filter-kind");
  const search = document.getElementById("filter-text");
  const count = document.getElementById("shown-count");
  // Background mentions (incidents only mentioned in passing) are one click away, not shown.
  const showBackground = document.getElementById("show-background");
  const reported = items.filter(function (item) { return !item.background; }).length;
  const empty = document.getElementById("no-match");
  let current = null;

  function applyFilters() {
    const statuses = new Set(boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }));
    const wanted = kind.value;
    const terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const withBackground = Boolean(showBackground && showBackground.checked);
    let shown = 0;
    for (const item of items) {
      let ok = (withBackground || !item.background) && item.facets.some(function (f) { return statuses.has(f[0]) && (!wanted || f[1] === wanted); });
      for (let i = 0; ok && i < terms.length; i++) ok = item.text.indexOf(terms[i]) !== -1;
      item.ok = ok;
      if (ok) shown++;
    }
    // A background incident shown by the filters keeps its own incident above it, as context.
    for (const item of items) {
      const parent = item.ok && item.parent && byId.get(item.parent);
      if (parent && !parent.ok) parent.context = true;
    }
    for (const item of items) {
      const visible = item.ok || Boolean(item.context);
      // Touch the DOM only when visibility changes: most keystrokes change few items.
      if (item.el.hidden === visible) item.el.hidden = !visible;
      item.el.classList.toggle("context", !item.ok && visible);
      item.context = false;
    }
    saveState();
    const total = withBackground ? items.length : reported;
    count.textContent = shown.toLocaleString("en") + " of " + total.toLocaleString("en") +
      (withBackground ? " incidents and background mentions" : " incidents") + " shown";
    empty.hidden = shown !== 0;
    if (current && current.el.hidden) setCurrent(null);
  }

  // The filters live in the address (?hide=ok&kind=person&q=…&background=1), the open
  // incident in its fragment: a link shows what the sender saw.
  function saveState() {
    const params = new URLSearchParams();
    const off = boxes.filter(function (b) { return !b.checked; }).map(function (b) { return b.value; });
    if (off.length) params.set("hide", off.join(","));
    if (kind.value) params.set("kind", kind.value);
    if (search.value.trim()) params.set("q", search.value.trim());
    if (showBackground && showBackground.checked) params.set("background", "1");
    const query = params.toString();
    if (query === location.search.slice(1)) return;
    try {
      history.replaceState(null, "", (query ? "?" + query : location.pathname) + location.hash);
    } catch (e) { /* an address the browser will not rewrite: the filters still apply */ }
  }

  function loadState() {
    const params = new URLSearchParams(location.search);
    const off = (params.get("hide") || "").split(",");
    boxes.forEach(function (b) { b.checked = off.indexOf(b.value) === -1; });
    const wanted = params.get("kind") || "";
    if (Array.from(kind.options).some(function (o) { return o.value === wanted; })) kind.value = wanted;
    search.value = params.get("q") || "";
    if (showBackground) showBackground.checked = params.get("background") === "1";
  }

  function resetFilters(background) {
    boxes.forEach(function (b) { b.checked = true; });
    if (showBackground && background) showBackground.checked = true;
    kind.value = "";
    search.value = "";
    applyFilters();
  }

  function setCurrent(item, focus) {
    if (current) current.el.classList.remove("current");
    current = item;
    if (!item) return;
    item.el.classList.add("current");
    if (focus) {
      item.details.querySelector("summary").focus({ preventScroll: true });
      item.el.scrollIntoView({ block: "nearest" });
      history.replaceState(null, "", "#" + encodeURIComponent(item.el.id));
    }
  }

  function move(step) {
    const visible = items.filter(function (item) { return !item.el.hidden; });
    if (!visible.length) return;
    const at = visible.indexOf(current);
    let next;
    if (at === -1) next = step > 0 ? 0 : visible.length - 1;
    else next = Math.min(Math.max(at + step, 0), visible.length - 1);
    setCurrent(visible[next], true);
  }

  function itemFor(hash) {
    let id;
    try { id = decodeURIComponent(hash.slice(1)); } catch (e) { return null; }
    const el = id && document.getElementById(id);
    return (el && items.find(function (it) { return it.el === el; })) || null;
  }

  function openFromHash() {
    const item = itemFor(location.hash);
    if (!item) return;
    if (item.el.hidden) resetFilters(item.background);
    item.details.open = true;
    setCurrent(item, false);
    item.el.scrollIntoView({ block: "start" });
  }

  // A link to an incident the filters hide: show it before the browser scrolls to it (it
  // cannot scroll to a hidden element, and would leave the page at the top). A link to the
  // incident already in the address bar fires no hashchange: open it here.
  document.addEventListener("click", function (event) {
    const link = event.target.closest && event.target.closest("a[href^='#']");
    if (!link || event.defaultPrevented || event.button !== 0) return;
    const hash = link.getAttribute("href");
    const item = itemFor(hash);
    if (!item) return;
    if (item.el.hidden) resetFilters(item.background);
    if (hash === location.hash) {
      event.preventDefault();
      openFromHash();
    }
  });

  // Checkboxes, the select and the search box all fire "input"; "change" would repeat it.
  form.addEventListener("input", applyFilters);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("hashchange", openFromHash);
  list.addEventListener("click", function (event) {
    const el = event.target.closest && event.target.closest("article.incident");
    const item = el && items.find(function (it) { return it.el === el; });
    if (item) setCurrent(item, false);
  });
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target.closest && target.closest("input, select, textarea, [contenteditable]")) return;
    switch (event.key) {
      case "j": case "ArrowDown": move(1); break;
      case "k": case "ArrowUp": move(-1); break;
      case "Enter":
        // A focused summary or link already acts on Enter by itself.
        if (target.closest && target.closest("summary, a, button")) return;
        if (current) current.details.open = !current.details.open;
        break;
      case "o":
        if (current) current.details.open = !current.details.open;
        break;
      default: return;
    }
    event.preventDefault();
  });

  // Printing shows the incidents that need review opened, as the print stylesheet does in
  // browsers that can style ::details-content; restore what the editor had open afterwards.
  let openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = items.filter(function (it) {
      return !it.el.hidden && !it.details.open && !it.el.classList.contains("r-ok");
    });
    openedForPrint.forEach(function (it) { it.details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (it) { it.details.open = false; });
    openedForPrint = [];
  });

  // An incident without issues carries its body as a template: made live when first opened.
  function materialize(details) {
    const lazy = details.querySelector(":scope > template.lazy-body");
    if (!lazy) return;
    details.appendChild(lazy.content.cloneNode(true));
    lazy.remove();
  }

  // Opening an incident puts it in the address; "toggle" does not bubble, so listen capturing.
  list.addEventListener("toggle", function (event) {
    const details = event.target;
    if (!details.classList || !details.classList.contains("incident-details") || !details.open) return;
    materialize(details);
    const el = details.closest("article.incident");
    if (el && location.hash !== "#" + el.id) history.replaceState(null, "", "#" + encodeURIComponent(el.id));
  }, true);

  form.hidden = false;
  window.discrepancyReport = { applyFilters: applyFilters, resetFilters: resetFilters };
  loadState();
  applyFilters();
  openFromHash();
})();
