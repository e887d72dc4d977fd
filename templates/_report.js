// Enhancements only: a page of incidents is complete without this script (filters stay
// hidden). A larger report carries its incidents as data (#report-data), which this script
// renders a page at a time, as the templates would, with DOM calls only: every text from an
// article is a text node or an attribute value, never markup. Without JavaScript its first
// page is shown from markup.
(function () {
  "use strict";
  const list = document.getElementById("incidents");
  const form = document.getElementById("controls");
  if (!list || !form) return;
  // A large report's data is deflated and written in base64 (the page is a fraction of the
  // size); the browser inflates it natively, then the page starts. A browser that cannot
  // says so.
  const carrier = document.getElementById("report-data");
  if (!carrier) {
    start(null);
  } else if (!carrier.hasAttribute("data-deflate")) {
    const lines = carrier.content.textContent.split("\n");
    start(function (n) { return lines[n]; });
  } else {
    inflate(carrier.content.textContent).then(start, function () {
      const note = document.createElement("p");
      note.className = "more-note";
      note.textContent = "This browser cannot read the incidents this page carries: " +
        "the JSON report beside it has them all.";
      list.appendChild(note);
      start(null);
    });
  }

  // The data's lines, each decoded from the inflated bytes only when it is read.
  function inflate(text) {
    let bytes;
    if (Uint8Array.fromBase64) {
      bytes = Uint8Array.fromBase64(text);
    } else {
      const binary = atob(text);
      bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    }
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).arrayBuffer().then(function (buffer) {
      const data = new Uint8Array(buffer);
      const ends = [];
      for (let at = data.indexOf(10); at !== -1; at = data.indexOf(10, at + 1)) ends.push(at);
      const decoder = new TextDecoder();
      return function (n) {
        return decoder.decode(data.subarray(n ? ends[n - 1] + 1 : 0, n < ends.length ? ends[n] : data.length));
      };
    });
  }

  // lineAt(n): the data's line n (0: articles and paths, 1: sentences, 2: the filter index,
  // then an incident a line), or null for a page that is all markup.
  function start(lineAt) {
    const PAGE = Math.max(1, parseInt(list.getAttribute("data-page-size"), 10) || 50);
    const SVG = "http://www.w3.org/2000/svg";
    const REVIEW = { conflict: "Conflict", variant: "Variant", revision: "Revision", ok: "No issues" };
    const STATUS = { conflict: "Conflict", variant: "Variant", revision: "Revision", agree: "Agree",
      single: "Single source" };
    const FLAGGED = { conflict: true, variant: true, revision: true };
    const OPAQUE = /[0-9a-f]{12,}/i;

    function facetsOf(text) {
      return (text || "").split(" ").map(function (f) {
        const at = f.indexOf(":");
        return [f.slice(0, at), f.slice(at + 1)];
      });
    }

    // A report of one page has its incidents in the list; a larger one has them all as lines
    // of data, rendered when their page is shown (its list holds only the markup for a reader
    // without JavaScript, which the browser keeps as text).
    const items = Array.from(list.children).filter(function (el) {
      return el.tagName === "ARTICLE";
    }).map(function (el) {
      return { key: el.id, el: el, details: el.querySelector("details"), line: -1,
        facets: facetsOf(el.getAttribute("data-facets")), text: el.getAttribute("data-search") || "",
        background: el.hasAttribute("data-background"), parent: el.getAttribute("data-parent") };
    });
    const data = { line: lineAt, articles: null, paths: null, sentences: null };
    if (lineAt !== null) {
      JSON.parse(lineAt(2)).forEach(function (entry, n) {
        items.push({ key: "incident-" + entry[0], el: null, details: null, line: n + 3,
          facets: facetsOf(entry[1]), text: entry[2], background: entry[3] === 1,
          parent: entry[4] ? "incident-" + entry[4] : null, search: entry[2], facetText: entry[1] });
      });
    }
    const byId = new Map(items.map(function (item) { return [item.key, item]; }));
    const boxes = Array.from(form.querySelectorAll("input[name=status]"));
    const kind = document.getElementById("filter-kind");
    const search = document.getElementById("filter-text");
    const count = document.getElementById("shown-count");
    // Background mentions (incidents only mentioned in passing) are one click away, not shown.
    const showBackground = document.getElementById("show-background");
    const reported = items.filter(function (item) { return !item.background; }).length;
    const empty = document.getElementById("no-match");
    const pager = document.getElementById("pager");
    let current = null;
    let page = 0;
    let matching = [];
    let onScreen = [];
    let attached = [];

    // --- rendering from data, as the templates do ---------------------------------------

    function h(tag, attrs) {
      return fill(document.createElement(tag), attrs, arguments);
    }
    function s(tag, attrs) {
      return fill(document.createElementNS(SVG, tag), attrs, arguments);
    }
    function fill(node, attrs, args) {
      for (const name in attrs || {}) {
        const value = attrs[name];
        if (value !== null && value !== undefined && value !== false) {
          node.setAttribute(name, value === true ? "" : String(value));
        }
      }
      for (let i = 2; i < args.length; i++) add(node, args[i]);
      return node;
    }
    function add(node, child) {
      if (child === null || child === undefined || child === false || child === "") return;
      if (Array.isArray(child)) child.forEach(function (c) { add(node, c); });
      else node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    function joined(parts, separator) {
      const out = [];
      parts.forEach(function (part, n) { if (n) out.push(separator); out.push(part); });
      return out;
    }
    // Only http(s) addresses are links: the report already drops others, this makes sure.
    function web(url) { return url && /^https?:\/\//i.test(url) ? url : null; }
    // As the templates' urlencode filter quotes an id for a fragment.
    function quote(text) {
      return encodeURIComponent(text).replace(/[!'()*]/g, function (c) {
        return "%" + c.charCodeAt(0).toString(16).toUpperCase();
      }).replace(/%2F/g, "/");
    }
    function badge(status, text) {
      return h("span", { class: "badge s-" + status },
        s("svg", { class: "icon", "aria-hidden": "true" }, s("use", { href: "#i-" + status })), text);
    }
    function tables() {
      if (!data.articles) {
        const head = JSON.parse(data.line(0));
        data.articles = head[0];
        data.paths = head[1];
        data.sentences = JSON.parse(data.line(1));
      }
    }
    // An article row: id, outlet, name (0: the outlet), date in words, title, link, path's
    // number, warnings.
    function source(at) {
      const a = data.articles[at];
      return { id: a[0], outlet: a[1], name: a[2] === 0 ? a[1] : a[2], published: a[3],
        title: a[4] || null, href: web(a[5]), path: typeof a[6] === "number" ? data.paths[a[6]] : null,
        warnings: a[7] || [] };
    }

    function card(record) {
      const background = Boolean(record.b);
      const child = Boolean(record.c);
      const summary = h("summary", null,
        background && record.r === "ok" ? badge("background", "Background") : badge(record.r, REVIEW[record.r]),
        h("span", { class: "when" }, record.d),
        h("span", { class: "where" }, record.w || "place unknown"),
        h("span", { class: "label from-" + record.f }, record.l,
          background && record.r !== "ok" ? [" ", h("span", { class: "tag" }, "background")] : null,
          record.n ? [" ", h("span", { class: "tag change" }, record.n + " since the previous run")] : null),
        record.is ? h("span", { class: "issues" }, joined(record.is.map(function (issue) {
          const review = issue[2];
          return h("span", { class: "issue" }, issue[1],
            review && (review[3] || review[4]) ? [" ", badge(review[0], review[1])] : null);
        }), "; ")) : null,
        child ? null : h("span", { class: "outlets" }, (background ? "mentioned in " : "") + record.o));
      const el = h("article", { class: "incident r-" + record.r + (child ? " child" : ""),
        id: "incident-" + record.i, "data-background": background,
        "data-parent": child && record.p ? "incident-" + record.p[0] : null },
        h("details", { class: "incident-details" }, summary));
      return el;
    }

    function body(record) {
      tables();
      const sources = record.s.map(source);
      const link = function (key, label) { return h("a", { href: "#incident-" + quote(key) }, label); };
      return h("div", { class: "incident-body" },
        h("p", { class: "permalink" }, link(record.i, "Permalink"), " · incident ",
          h("code", null, record.i)),
        record.p ? h("p", { class: "background-of" },
          "Background: an earlier incident mentioned in the reports on ", link(record.p[0], record.p[1]), ".") : null,
        record.bk ? h("p", { class: "backgrounds" }, "Its articles also mention: ",
          joined(record.bk.map(function (b) { return link(b[0], b[1]); }), ", ")) : null,
        matrix(record, sources), timeline(record, sources), disputes(record, sources),
        record.ch ? chart(record.ch) : null,
        sourceList(record, sources));
    }

    function matrix(record, sources) {
      if (!record.rw.length) return h("p", { class: "no-facts" }, "No facts were extracted for this incident.");
      const head = h("tr", null, h("th", { scope: "col", class: "corner" }, "Fact"),
        sources.map(function (src) {
          return h("th", { scope: "col", class: "src" },
            src.href ? h("a", { class: "outlet", href: src.href, rel: "noopener noreferrer" }, src.outlet)
              : h("span", { class: "outlet" }, src.outlet),
            " ", h("span", { class: "pub" }, src.published),
            src.title ? [" ", h("span", { class: "title" }, src.title)] : null,
            OPAQUE.test(src.id) ? null : [" ", h("code", { class: "aid" }, src.id)]);
        }));
      const rows = record.rw.map(function (row) {
        const review = row.rv;
        return h("tr", { class: "fact s-" + row.t },
          h("th", { scope: "row" }, h("span", { class: "kind" }, row.k),
            row.j ? [" ", h("span", { class: "subject" }, row.j)] : null,
            " ", badge(row.t, STATUS[row.t] || row.t),
            review ? [" ", badge(review[0], review[1])] : null,
            review && review[4] ? [" ", h("span", { class: "carried" }, "when the values were " +
              review[4][3].join(" vs ") + (review[4][2] ? ": “" + review[4][2] + "”" : "") + "; decide again")] : null,
            FLAGGED[row.t] ? [" ", h("span", { class: "values" }, (row.v || []).join(" vs "))] : null,
            row.u ? [" ", h("span", { class: "rule" }, "Rule: " + row.u)] : null),
          row.c.map(function (cell, n) {
            const src = sources[n];
            return h("td", { "data-source": src.name + " · " + src.published },
              cell.length ? cell.map(evidence) : h("span", { class: "none", title: "not stated in this article" }, "–"));
          }));
      });
      return h("div", { class: "matrix-wrap" }, h("table", { class: "matrix" },
        h("caption", null, "Facts by source, those that need review first; open a value to read its sentence."),
        h("thead", null, head), h("tbody", null, rows)));
    }

    // A claim: value, interval, sentence, where the value starts and ends in it, opened,
    // attribution, compared as, scope in words.
    function evidence(claim) {
      const sentence = data.sentences[claim[2]];
      const value = claim[0];
      const interval = claim[1];
      const marked = claim[4] > claim[3];
      const quoteNode = h("blockquote", null, sentence.slice(0, claim[3]),
        marked ? [h("mark", null, sentence.slice(claim[3], claim[4])), sentence.slice(claim[4])] : null);
      return h("details", { class: "evidence", open: Boolean(claim[5]) },
        h("summary", null, value, interval && interval !== value ? [" ", h("small", null, interval)] : null),
        h("div", { class: "pop" }, quoteNode,
          marked ? null : h("p", null, "“" + value + "” is not written verbatim in this sentence."),
          claim[6] ? h("p", null, "Attributed to: " + claim[6]) : null,
          claim[7] ? h("p", null, "Compared as: " + claim[7]) : null,
          claim[8] ? h("p", null, "Scope: " + claim[8]) : null));
    }

    function placed(row, sources, place) {
      return { claim: row.c[place[0]][place[1]], source: sources[place[0]] };
    }
    function subject(row) { return row.j ? " (" + row.j + ")" : ""; }

    function timeline(record, sources) {
      const revised = record.rw.filter(function (row) { return row.tl; });
      if (!revised.length) return null;
      return h("section", { class: "revisions" },
        h("h3", null, badge("revision", "Revisions"), ": figures that rose as reports came in"),
        revised.map(function (row) {
          return [h("p", { class: "timeline-head" }, row.k + subject(row) + (row.u ? ". Rule: " + row.u : "")),
            h("ol", { class: "timeline" }, row.tl.map(function (step) {
              const at = placed(row, sources, step);
              return h("li", null, h("span", { class: "t-date" }, at.source.published), " ",
                h("span", { class: "t-src" }, at.source.name), " ",
                h("span", { class: "t-val" }, at.claim[1] || at.claim[0]),
                step[2] ? [" ", h("span", { class: "t-cue" }, step[2])] : null);
            }))];
        }));
    }

    function disputes(record, sources) {
      const disputed = record.rw.filter(function (row) { return row.dp; });
      if (!disputed.length) return null;
      return h("section", { class: "disputes" },
        h("h3", null, badge("conflict", "Disputed"), ": who says what"),
        disputed.map(function (row) {
          return [h("p", { class: "dispute-head" }, row.k + subject(row)),
            h("ul", { class: "dispute" }, row.dp.map(function (place) {
              const at = placed(row, sources, place);
              return h("li", null, h("span", { class: "d-who" }, at.claim[6] || "no source named"), ": ",
                h("span", { class: "d-val" }, at.claim[1] || at.claim[0]), " ",
                h("span", { class: "d-src" }, "(" + at.source.name + ", " + at.source.published + ")"));
            }))];
        }));
    }

    // width, height, label x, value x, axis y, ticks [x, label], groups [heading, y, bars].
    function chart(c) {
      const axis = c[4];
      const svg = s("svg", { viewBox: "0 0 " + c[0] + " " + c[1], width: c[0], height: c[1], role: "img",
        "aria-label": "Casualty figures by source" },
        s("path", { class: "grid", d: c[5].map(function (t) { return "M" + t[0] + " 0V" + axis; }).join("") }),
        c[5].map(function (t) { return s("text", { class: "tick", x: t[0], y: axis + 14 }, t[1]); }),
        c[6].map(function (group) {
          return [s("text", { class: "group", x: 0, y: group[1] }, group[0]), group[2].map(bar)];
        }));
      // A bar: shape, article's number (its name and date label the bar), text, y, x1, x2,
      // width, arrow.
      function bar(b) {
        const y = b[3];
        const src = source(b[1]);
        return s("g", { class: "b-" + b[0] }, s("text", { class: "who", x: c[2], y: y + 4 }, src.name + " · " + src.published),
          b[0] === "point" ? s("circle", { cx: b[4], cy: y, r: 5 })
            : b[0] !== "unknown" ? s("rect", { x: b[4], y: y - 4, width: b[6], height: 8 }) : null,
          b[7] ? [s("path", { d: b[7] }), s("path", { class: "start", d: "M" + b[4] + " " + (y - 7) + "V" + (y + 7) })] : null,
          s("text", { class: "val", x: c[3], y: y + 4 }, b[2]));
      }
      return h("figure", { class: "chart" }, svg,
        h("figcaption", null, "Dot: an exact figure. Bar: a range. Arrow: “at least”, open-ended."));
    }

    function sourceList(record, sources) {
      const mentioned = (record.m || []).map(source);
      return h("section", { class: "sources" }, h("h3", null, "Sources"),
        h("ul", null, sources.map(function (src) {
          const title = src.title ? (src.href ? h("a", { href: src.href, rel: "noopener noreferrer" }, h("q", null, src.title))
            : h("q", null, src.title)) : null;
          return h("li", null, h("span", { class: "outlet" }, src.outlet), ", " + src.published,
            title ? [": ", title] : src.href ? [": ", h("a", { href: src.href, rel: "noopener noreferrer" }, src.href)] : null,
            " ", h("code", null, src.id),
            src.path ? [" ", h("span", { class: "path" }, src.path)] : null,
            src.warnings.map(function (warning) {
              return [" ", h("span", { class: "warning" }, badge("warning", "Warning:"), " " + warning)];
            }));
        })),
        mentioned.length ? h("p", { class: "mentioned-in" }, "Mentioned in: ", joined(mentioned.map(function (src) {
          return [src.href ? h("a", { href: src.href, rel: "noopener noreferrer" }, src.name) : src.name,
            OPAQUE.test(src.id) ? null : [" ", h("code", null, src.id)]];
        }), ", ")) : null);
    }

    // The incident's element, made from its data the first time it is shown.
    function ensure(item) {
      if (!item.el) {
        item.record = JSON.parse(data.line(item.line));
        item.el = card(item.record);
        item.el.setAttribute("data-facets", item.facetText);
        item.el.setAttribute("data-search", item.search);
        item.details = item.el.firstChild;
      }
      return item.el;
    }

    // An incident's body is made when it is first opened: a template of the first page's
    // incidents without issues, or the data of an incident past the first page.
    function materialize(item) {
      const details = item.details;
      const lazy = details.querySelector(":scope > template.lazy-body");
      if (lazy) {
        details.appendChild(lazy.content.cloneNode(true));
        lazy.remove();
      } else if (item.record && !item.bodied) {
        details.appendChild(body(item.record));
        item.bodied = true;
      }
    }

    // --- filters and pages -----------------------------------------------------------------

    function applyFilters(keepPage) {
      const statuses = new Set(boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }));
      const wanted = kind.value;
      const terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      const withBackground = Boolean(showBackground && showBackground.checked);
      matching = [];
      for (const item of items) {
        let ok = (withBackground || !item.background) && item.facets.some(function (f) { return statuses.has(f[0]) && (!wanted || f[1] === wanted); });
        for (let i = 0; ok && i < terms.length; i++) ok = item.text.indexOf(terms[i]) !== -1;
        item.ok = ok;
        if (ok) matching.push(item);
      }
      const pages = Math.max(1, Math.ceil(matching.length / PAGE));
      page = keepPage === true ? Math.min(Math.max(page, 0), pages - 1) : 0;
      const shown = new Set(matching.slice(page * PAGE, (page + 1) * PAGE));
      // A background incident shown by the filters keeps its own incident above it, as context.
      shown.forEach(function (item) {
        const parent = item.parent && byId.get(item.parent);
        if (parent && !parent.ok) shown.add(parent);
      });
      show(shown);
      saveState();
      const total = withBackground ? items.length : reported;
      count.textContent = matching.length.toLocaleString("en") + " of " + total.toLocaleString("en") +
        (withBackground ? " incidents and background mentions" : " incidents") + " shown";
      empty.hidden = matching.length !== 0;
      showPager(pages);
      if (current && !shown.has(current)) setCurrent(null);
    }

    function show(shown) {
      onScreen = [];
      const wanted = [];
      for (const item of items) {
        const visible = shown.has(item);
        if (visible) onScreen.push(item);
        // Touch the DOM only when visibility changes: most keystrokes change few items.
        if (item.line < 0) {
          if (item.el.hidden === visible) item.el.hidden = !visible;
        } else if (visible) {
          wanted.push(item);
        }
        if (item.el) item.el.classList.toggle("context", visible && !item.ok);
      }
      if (wanted.length !== attached.length || wanted.some(function (item, n) { return attached[n] !== item; })) {
        attached.forEach(function (item) { item.el.remove(); });
        const fragment = document.createDocumentFragment();
        wanted.forEach(function (item) {
          fragment.appendChild(ensure(item));
          item.el.classList.toggle("context", !item.ok);
        });
        list.appendChild(fragment);
        attached = wanted;
      }
    }

    function showPager(pages) {
      if (!pager) return;
      pager.hidden = pages < 2;
      if (pages < 2) return;
      const first = page * PAGE + 1;
      const last = Math.min((page + 1) * PAGE, matching.length);
      pager.querySelector(".page-of").textContent = "Page " + (page + 1).toLocaleString("en") + " of " +
        pages.toLocaleString("en") + " · " + first.toLocaleString("en") + "–" + last.toLocaleString("en") +
        " of " + matching.length.toLocaleString("en");
      pager.querySelector(".prev").disabled = page === 0;
      pager.querySelector(".next").disabled = page >= pages - 1;
    }

    function setPage(n) {
      page = n;
      applyFilters(true);
      if (onScreen.length) onScreen[0].el.scrollIntoView({ block: "start" });
    }

    // The filters and page live in the address (?hide=ok&kind=person&q=…&background=1&page=2),
    // the open incident in its fragment: a link shows what the sender saw.
    function saveState() {
      const params = new URLSearchParams();
      const off = boxes.filter(function (b) { return !b.checked; }).map(function (b) { return b.value; });
      if (off.length) params.set("hide", off.join(","));
      if (kind.value) params.set("kind", kind.value);
      if (search.value.trim()) params.set("q", search.value.trim());
      if (showBackground && showBackground.checked) params.set("background", "1");
      if (page > 0) params.set("page", String(page + 1));
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
      page = (parseInt(params.get("page"), 10) || 1) - 1;
    }

    function resetFilters(background) {
      boxes.forEach(function (b) { b.checked = true; });
      if (showBackground && background) showBackground.checked = true;
      kind.value = "";
      search.value = "";
      applyFilters();
    }

    // Bring an incident on screen: clear the filters that hide it, then turn to its page.
    function reveal(item) {
      if (onScreen.indexOf(item) !== -1) return;
      if (!item.ok) resetFilters(item.background);
      const at = matching.indexOf(item);
      if (at !== -1 && onScreen.indexOf(item) === -1) {
        page = Math.floor(at / PAGE);
        applyFilters(true);
      }
    }

    function setCurrent(item, focus) {
      if (current && current.el) current.el.classList.remove("current");
      current = item;
      if (!item) return;
      item.el.classList.add("current");
      if (focus) {
        item.details.querySelector("summary").focus({ preventScroll: true });
        item.el.scrollIntoView({ block: "nearest" });
        history.replaceState(null, "", "#" + encodeURIComponent(item.key));
      }
    }

    // Step through the incidents on screen; past the last (or first) one, turn the page.
    function move(step) {
      const pages = Math.ceil(matching.length / PAGE);
      let at = onScreen.indexOf(current);
      if (at !== -1 && at + step >= onScreen.length && page < pages - 1) {
        setPage(page + 1);
        at = -1;
      } else if (at !== -1 && at + step < 0 && page > 0) {
        setPage(page - 1);
        at = -1;
      }
      if (!onScreen.length) return;
      let next;
      if (at === -1) next = step > 0 ? 0 : onScreen.length - 1;
      else next = Math.min(Math.max(at + step, 0), onScreen.length - 1);
      setCurrent(onScreen[next], true);
    }

    function itemFor(hash) {
      let id;
      try { id = decodeURIComponent(hash.slice(1)); } catch (e) { return null; }
      return (id && byId.get(id)) || null;
    }

    function open(item) {
      materialize(item);
      item.details.open = true;
    }

    function openFromHash() {
      const item = itemFor(location.hash);
      if (!item) return;
      reveal(item);
      open(item);
      setCurrent(item, false);
      item.el.scrollIntoView({ block: "start" });
    }

    // A link to an incident the filters hide or another page holds: show it before the browser
    // scrolls to it (it cannot scroll to an element that is hidden or not made yet). A link to
    // the incident already in the address bar fires no hashchange: open it here.
    document.addEventListener("click", function (event) {
      const link = event.target.closest && event.target.closest("a[href^='#']");
      if (!link || event.defaultPrevented || event.button !== 0) return;
      const hash = link.getAttribute("href");
      const item = itemFor(hash);
      if (!item) return;
      reveal(item);
      if (hash === location.hash) {
        event.preventDefault();
        openFromHash();
      }
    });

    // Checkboxes, the select and the search box all fire "input"; "change" would repeat it.
    form.addEventListener("input", applyFilters);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("hashchange", openFromHash);
    if (pager) {
      pager.addEventListener("click", function (event) {
        const button = event.target.closest && event.target.closest("button");
        if (!button || button.disabled) return;
        setPage(page + (button.classList.contains("next") ? 1 : -1));
      });
    }
    function itemOf(target) {
      const el = target.closest && target.closest("article.incident");
      return (el && byId.get(el.id)) || null;
    }
    // A click on an incident's line makes its body before the browser opens it: no empty frame.
    list.addEventListener("click", function (event) {
      const item = itemOf(event.target);
      if (!item) return;
      const summary = event.target.closest("summary");
      if (summary && summary.parentElement === item.details) materialize(item);
      setCurrent(item, false);
    }, true);
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
          if (current) toggle(current);
          break;
        case "o":
          if (current) toggle(current);
          break;
        default: return;
      }
      event.preventDefault();
    });
    function toggle(item) {
      if (item.details.open) item.details.open = false;
      else open(item);
    }

    // Printing shows the incidents that need review opened, as the print stylesheet does in
    // browsers that can style ::details-content; restore what the editor had open afterwards.
    let openedForPrint = [];
    window.addEventListener("beforeprint", function () {
      openedForPrint = onScreen.filter(function (it) {
        return !it.details.open && !it.el.classList.contains("r-ok");
      });
      openedForPrint.forEach(open);
    });
    window.addEventListener("afterprint", function () {
      openedForPrint.forEach(function (it) { it.details.open = false; });
      openedForPrint = [];
    });

    // Opening an incident puts it in the address; "toggle" does not bubble, so listen capturing.
    list.addEventListener("toggle", function (event) {
      const details = event.target;
      if (!details.classList || !details.classList.contains("incident-details") || !details.open) return;
      const item = itemOf(details);
      if (!item) return;
      materialize(item);
      if (location.hash !== "#" + item.key) history.replaceState(null, "", "#" + encodeURIComponent(item.key));
    }, true);

    form.hidden = false;
    window.discrepancyReport = {
      applyFilters: applyFilters, resetFilters: resetFilters, setPage: setPage,
      page: function () { return page; },
      // The incident's element with its body made, shown or not: for tests and tools.
      render: function (key) {
        const item = byId.get(key);
        if (!item) return null;
        ensure(item);
        materialize(item);
        return item.el;
      },
    };
    loadState();
    applyFilters(true);
    openFromHash();
  }
})();
