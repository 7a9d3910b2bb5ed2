"use strict";
// The diplograph page: draws the embedded graph with vis-network and wires the legend
// filters, the search box and the details panel. Text that came from articles only ever
// reaches the DOM through textContent (see text() below), never as HTML.
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const info = data.info;
  const edgeTypes = data.edgeTypes;
  const evidence = data.evidence;
  const articles = data.articles;
  const directed = new Set(data.directed);
  const SVG = "http://www.w3.org/2000/svg";

  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const network = new vis.Network(
    document.getElementById("network"), { nodes: nodes, edges: edges }, data.options);

  const ends = data.edges.map((e) => [e.from, e.to]);
  const degree = new Array(info.length).fill(0);
  for (const [a, b] of ends) { degree[a] += 1; degree[b] += 1; }

  const shownNodeTypes = new Set(Object.keys(data.nodeStyles));
  const shownEdgeTypes = new Set(Object.keys(data.edgeStyles));
  let range = null; // [first day, last day] of the date filter, ISO strings
  const hiddenNodes = new Array(info.length).fill(false);
  const hiddenEdges = new Array(ends.length).fill(false);

  // --- DOM helpers: every string goes in as text ---------------------------------
  function text(tag, content, className) {
    const node = document.createElement(tag);
    if (content !== undefined && content !== null) node.textContent = String(content);
    if (className) node.className = className;
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  }

  function safeUrl(url) {
    if (!url) return null;
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  // --- legend and type toggles -------------------------------------------------
  function nodeSwatch(style) {
    const box = svg("svg", { width: 18, height: 18, viewBox: "0 0 18 18", "aria-hidden": "true" });
    const paint = { fill: style.color, stroke: style.border, "stroke-width": 1.2 };
    const shapes = {
      dot: () => svg("circle", { cx: 9, cy: 9, r: 7, ...paint }),
      square: () => svg("rect", { x: 2, y: 2, width: 14, height: 14, ...paint }),
      triangle: () => svg("polygon", { points: "9,1.5 16.5,16 1.5,16", ...paint }),
      diamond: () => svg("polygon", { points: "9,1 17,9 9,17 1,9", ...paint }),
    };
    box.appendChild(shapes[style.shape]());
    return box;
  }

  function edgeSwatch(type, style) {
    const box = svg("svg", { width: 34, height: 12, viewBox: "0 0 34 12", "aria-hidden": "true" });
    const line = { x1: 1, y1: 6, x2: directed.has(type) ? 26 : 33, y2: 6,
      stroke: style.color, "stroke-width": 2.5 };
    if (style.dashes) line["stroke-dasharray"] = style.dashes.join(" ");
    box.appendChild(svg("line", line));
    if (directed.has(type)) box.appendChild(svg("polygon", { points: "25,1 33,6 25,11", fill: style.color }));
    return box;
  }

  function toggle(fieldset, name, swatch, count, shown) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = name;
    box.addEventListener("change", () => {
      if (box.checked) shown.add(name); else shown.delete(name);
      applyFilters();
    });
    label.append(box, swatch, text("span", name.replace(/_/g, " ").toLowerCase()),
      text("span", "(" + count + ")", "note"));
    fieldset.appendChild(label);
  }

  function countBy(values) {
    const counts = new Map();
    for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
    return counts;
  }

  const nodeCounts = countBy(info.map((n) => n.type));
  for (const [type, style] of Object.entries(data.nodeStyles)) {
    toggle(document.getElementById("entity-types"), type, nodeSwatch(style),
      nodeCounts.get(type) || 0, shownNodeTypes);
  }
  const edgeCounts = countBy(edgeTypes);
  for (const [type, style] of Object.entries(data.edgeStyles)) {
    toggle(document.getElementById("relation-types"), type, edgeSwatch(type, style),
      edgeCounts.get(type) || 0, shownEdgeTypes);
  }

  // --- date filter -------------------------------------------------------------
  let firstDay = null;
  let lastDay = null;
  for (const items of evidence) {
    for (const item of items) {
      if (!item.lo) continue;
      if (firstDay === null || item.lo < firstDay) firstDay = item.lo;
      if (lastDay === null || item.hi > lastDay) lastDay = item.hi;
    }
  }
  const dateFrom = document.getElementById("date-from");
  const dateTo = document.getElementById("date-to");
  if (firstDay !== null) {
    document.getElementById("dates").hidden = false;
    for (const input of [dateFrom, dateTo]) {
      input.min = firstDay;
      input.max = lastDay;
      input.addEventListener("change", readRange);
    }
    document.getElementById("date-reset").addEventListener("click", () => {
      dateFrom.value = "";
      dateTo.value = "";
      readRange();
    });
  }

  function readRange() {
    range = dateFrom.value || dateTo.value
      ? [dateFrom.value || "0000-01-01", dateTo.value || "9999-12-31"] : null;
    applyFilters();
  }

  function inRange(edge) {
    if (range === null) return true;
    let dated = false;
    for (const item of evidence[edge]) {
      if (!item.lo) continue;
      dated = true;
      if (item.hi >= range[0] && item.lo <= range[1]) return true;
    }
    return !dated;
  }

  // --- applying the filters ----------------------------------------------------
  function applyFilters() {
    const visibleDegree = new Array(info.length).fill(0);
    const edgeShown = ends.map(([a, b], i) => {
      const shown = shownEdgeTypes.has(edgeTypes[i]) && shownNodeTypes.has(info[a].type)
        && shownNodeTypes.has(info[b].type) && inRange(i);
      if (shown) { visibleDegree[a] += 1; visibleDegree[b] += 1; }
      return shown;
    });
    const nodeChanges = [];
    info.forEach((node, i) => {
      // an entity whose every relation is filtered out goes too; one that never had any stays
      const hidden = !shownNodeTypes.has(node.type) || (degree[i] > 0 && visibleDegree[i] === 0);
      if (hidden !== hiddenNodes[i]) { hiddenNodes[i] = hidden; nodeChanges.push({ id: i, hidden: hidden }); }
    });
    const edgeChanges = [];
    edgeShown.forEach((shown, i) => {
      if (shown === hiddenEdges[i]) { hiddenEdges[i] = !shown; edgeChanges.push({ id: i, hidden: !shown }); }
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    showCounts();
  }

  function showCounts() {
    const shownNodes = hiddenNodes.filter((h) => !h).length;
    const shownEdges = hiddenEdges.filter((h) => !h).length;
    document.getElementById("counts").textContent =
      shownNodes + " of " + info.length + " entities, " + shownEdges + " of " + ends.length + " edges shown";
  }

  // --- details panel -----------------------------------------------------------
  const details = document.getElementById("details");

  function facts(pairs) {
    const list = document.createElement("dl");
    for (const [term, value] of pairs) {
      if (value === undefined || value === null || value === "") continue;
      list.append(text("dt", term), text("dd", value));
    }
    return list;
  }

  function showNode(id) {
    const node = info[id];
    details.replaceChildren(
      text("h2", node.name),
      facts([
        ["Type", node.type],
        ["Title", node.title],
        ["Country", node.country],
        ["Aliases", (node.aliases || []).join(", ")],
        ["Relations", degree[id]],
      ]));
  }

  function citation(item) {
    const line = text("p", null, "source");
    if (item.a === undefined) return line;
    const [title, source, date, url, articleId] = articles[item.a];
    const href = safeUrl(url);
    const name = title || "article " + articleId;
    if (href) {
      const link = text("a", name);
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      line.append("Article: ", link);
    } else {
      line.append("Article: ", text("span", name));
      if (url) line.append(" ", text("span", "(" + url + ")"));
    }
    const rest = [source, date].filter(Boolean).join(", ");
    if (rest) line.append(" \u2014 " + rest);
    return line;
  }

  function showEdge(id) {
    const type = edgeTypes[id];
    const [a, b] = ends[id];
    const arrow = directed.has(type) ? " \u2192 " : " \u2014 ";
    const items = evidence[id];
    const parts = [
      text("h2", type.replace(/_/g, " ").toLowerCase()),
      text("p", info[a].name + arrow + info[b].name),
      facts([["Type", type], ["Reports", items.length]]),
    ];
    for (const item of items) {
      const block = text("section", null, "evidence");
      const when = [item.w, item.wi ? "(" + item.wi + ")" : ""].filter(Boolean).join(" ");
      block.append(facts([["When", when], ["Article date", item.d], ["Title", item.t]]));
      for (const sentence of item.s) block.append(text("blockquote", sentence));
      block.append(citation(item));
      parts.push(block);
    }
    details.replaceChildren(...parts);
  }

  function clearDetails() {
    details.replaceChildren(text("p", "Click an entity or a relation to see its details and evidence.", "note"));
  }

  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else clearDetails();
  });

  // --- search ------------------------------------------------------------------
  // as fold in ingest/textfold.py: marks dropped, other letters transliterated by the
  // table the page carries (anyascii's forms), lower case, anything else one space
  const foldTable = data.foldTable || {};
  function fold(value) {
    return Array.from(String(value).normalize("NFKD").replace(/\p{M}+/gu, ""),
      (c) => (c.charCodeAt(0) < 128 ? c : (foldTable[c] ?? ""))).join("")
      .toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }

  const names = new Map(); // folded name or alias -> entity ids
  const options = document.createDocumentFragment();
  info.forEach((node, i) => {
    for (const name of [node.name, ...(node.aliases || [])]) {
      const key = fold(name);
      if (!key) continue;
      if (!names.has(key)) { names.set(key, []); options.appendChild(new Option(name)); }
      names.get(key).push(i);
    }
  });
  document.getElementById("search-names").appendChild(options);

  function find(query) {
    const wanted = fold(query);
    if (!wanted) return [];
    if (names.has(wanted)) return names.get(wanted);
    const prefix = [];
    const inside = [];
    for (const [key, ids] of names) {
      if (key.startsWith(wanted)) prefix.push(...ids);
      else if (key.includes(wanted)) inside.push(...ids);
    }
    return prefix.length ? prefix : inside;
  }

  function search(query) {
    const status = document.getElementById("search-status");
    const found = find(query);
    const visible = found.filter((i) => !hiddenNodes[i]);
    if (!found.length) { status.textContent = "No entity called \u201c" + query + "\u201d"; return null; }
    if (!visible.length) { status.textContent = "\u201c" + query + "\u201d is hidden by the filters"; return null; }
    const id = visible.reduce((best, i) => (degree[i] > degree[best] ? i : best));
    status.textContent = found.length > 1 ? found.length + " matches; showing the most connected" : "";
    network.selectNodes([id]);
    // a big graph redraws too slowly for an animation to look like one
    const animation = ends.length > 1500 ? false : { duration: 400, easingFunction: "easeInOutQuad" };
    network.focus(id, { scale: 1.0, animation: animation });
    showNode(id);
    return id;
  }

  document.getElementById("search").addEventListener("submit", (event) => {
    event.preventDefault();
    search(document.getElementById("search-input").value);
  });

  showCounts();
  network.once("afterDrawing", () => {
    window.diplographReady = performance.now();
    document.body.dataset.ready = "true";
  });
  // for tests and the console
  window.diplograph = {
    network: network,
    nodes: nodes,
    edges: edges,
    search: search,
    fold: fold,
    edgeType: (id) => edgeTypes[id],
    domPosition: (id) => network.canvasToDOM(network.getPositions([id])[id]),
  };
})();
