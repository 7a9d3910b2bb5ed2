"use strict";
// The diplograph page: draws the embedded graph with vis-network and wires the legend
// filters, the time slider, the search box, the exports and the details panel. Text that
// came from articles only ever reaches the DOM through textContent (see text() below) or
// vis-network's tooltips (plain strings, set as innerText), never as HTML.
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const info = data.info;
  const edgeTypes = data.edgeTypes;
  const evidence = data.evidence;
  const articles = data.articles;
  const directed = new Set(data.directed);
  const eventTypes = new Set(data.events);
  const SVG = "http://www.w3.org/2000/svg";
  const BIG = data.big; // many edges: the page draws the overview itself (see level of detail)
  const RELAYOUT_LIMIT = 800; // shown entities above which a filter change keeps the positions
  const FONT = 14; // label size of the nodes (vis-network's default)
  const NATIVE_LABEL_MIN = 4; // vis draws a label when FONT * scale >= drawThreshold - 1
  const HUB_LABELS = 30; // labels drawn by the page below that zoom, most connected first
  const GRID = [150, 45]; // spacing of entities shown without a shown relation (room for a label)

  const ends = data.edges.map((e) => [e.from, e.to]);
  const degree = new Array(info.length).fill(0);
  const incident = info.map(() => []);
  const pairs = new Map(); // "low,high" -> edge ids between the two
  ends.forEach(([a, b], i) => {
    degree[a] += 1; degree[b] += 1;
    incident[a].push(i); incident[b].push(i);
    const key = Math.min(a, b) + "," + Math.max(a, b);
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key).push(i);
  });
  const undated = evidence.map((items, i) => eventTypes.has(edgeTypes[i]) && !items.some((item) => item.lo));
  const ranked = info.map((_, i) => i).sort((a, b) => degree[b] - degree[a] || a - b);
  const base = new Map(data.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));

  // --- filter state ------------------------------------------------------------
  const shownNodeTypes = new Set(Object.keys(data.nodeStyles));
  const shownEdgeTypes = new Set(Object.keys(data.edgeStyles));
  let showLonely = false; // entities without a shown event relation
  let includeUndated = false;
  let range = null; // [first day, last day] of the date filter, ISO strings
  const expanded = new Set(); // entities whose every relation is shown whatever the filters
  const hiddenNodes = new Array(info.length).fill(false);
  const hiddenEdges = new Array(ends.length).fill(false);

  function inRange(edge) {
    if (range === null || !eventTypes.has(edgeTypes[edge])) return true;
    if (undated[edge]) return includeUndated;
    return evidence[edge].some((item) => item.lo && item.hi >= range[0] && item.lo <= range[1]);
  }

  /** Which entities and edges the filters show: [hidden nodes, hidden edges]. */
  function visibility() {
    const candidate = info.map((node) => shownNodeTypes.has(node.type));
    const edgeShown = new Array(ends.length).fill(false);
    const eventDegree = new Array(info.length).fill(0);
    const forced = new Set(expanded);
    ends.forEach(([a, b], i) => {
      if (expanded.has(a) || expanded.has(b)) {
        edgeShown[i] = true; forced.add(a); forced.add(b);
      } else if (eventTypes.has(edgeTypes[i]) && shownEdgeTypes.has(edgeTypes[i]) && candidate[a]
                 && candidate[b] && inRange(i)) {
        edgeShown[i] = true; eventDegree[a] += 1; eventDegree[b] += 1;
      }
    });
    const nodeHidden = info.map((_, i) =>
      !(forced.has(i) || (candidate[i] && (showLonely || eventDegree[i] > 0))));
    ends.forEach(([a, b], i) => {
      // relations without a date of their own (office, part of) join two shown entities
      if (!edgeShown[i] && !eventTypes.has(edgeTypes[i]) && shownEdgeTypes.has(edgeTypes[i])) {
        edgeShown[i] = !nodeHidden[a] && !nodeHidden[b];
      }
    });
    return [nodeHidden, edgeShown.map((shown) => !shown)];
  }

  // --- tooltips: plain strings, which vis-network shows as text ----------------
  function pretty(type) { return type.replace(/_/g, " ").toLowerCase(); }

  function nodeTooltip(id) {
    const node = info[id];
    const about = [node.type, node.title, node.country].filter(Boolean).join(" \u00b7 ");
    return node.name + "\n" + about + "\n" + degree[id] + " relation" + (degree[id] === 1 ? "" : "s");
  }

  function edgeTooltip(id) {
    const [a, b] = ends[id];
    const arrow = directed.has(edgeTypes[id]) ? " \u2192 " : " \u2014 ";
    const count = evidence[id].length;
    return pretty(edgeTypes[id]) + ": " + info[a].name + arrow + info[b].name + "\n"
      + (count ? count + " article" + (count === 1 ? "" : "s") : "") + (undated[id] ? " (undated)" : "");
  }

  const [startNodes, startEdges] = visibility();
  for (const node of data.nodes) {
    node.title = nodeTooltip(node.id);
    node.hidden = startNodes[node.id];
    hiddenNodes[node.id] = node.hidden;
  }
  for (const edge of data.edges) {
    edge.title = edgeTooltip(edge.id);
    edge.hidden = startEdges[edge.id];
    hiddenEdges[edge.id] = edge.hidden;
  }

  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const network = new vis.Network(
    document.getElementById("network"), { nodes: nodes, edges: edges }, data.options);

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

  function button(label, onClick, className) {
    const node = text("button", label, className);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
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

  function toggle(fieldset, name, swatch, count, shown, before) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = name;
    box.addEventListener("change", () => {
      if (box.checked) shown.add(name); else shown.delete(name);
      applyFilters();
    });
    label.append(box, swatch, text("span", pretty(name)), text("span", "(" + count + ")", "note"));
    fieldset.insertBefore(label, before);
  }

  function countBy(values) {
    const counts = new Map();
    for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
    return counts;
  }

  const entityBox = document.getElementById("entity-types");
  const entityEnd = entityBox.querySelector("label");
  const nodeCounts = countBy(info.map((n) => n.type));
  for (const [type, style] of Object.entries(data.nodeStyles)) {
    toggle(entityBox, type, nodeSwatch(style), nodeCounts.get(type) || 0, shownNodeTypes, entityEnd);
  }
  const edgeCounts = countBy(edgeTypes);
  const relationBox = document.getElementById("relation-types");
  const relationEnd = relationBox.querySelector("p");
  for (const [type, style] of Object.entries(data.edgeStyles)) {
    toggle(relationBox, type, edgeSwatch(type, style), edgeCounts.get(type) || 0, shownEdgeTypes, relationEnd);
  }
  document.getElementById("lonely-count").textContent =
    "(" + info.filter((node) => !node.ev).length + ")";
  document.getElementById("show-lonely").addEventListener("change", (event) => {
    showLonely = event.target.checked;
    applyFilters();
  });

  // --- colour by country -------------------------------------------------------
  function countryOf(node) { return node.country || (node.type === "Country" ? node.key.slice(8) : ""); }
  const countryRank = [...countBy(info.map(countryOf).filter(Boolean))].sort((a, b) => b[1] - a[1]);
  const countryColor = new Map(countryRank.slice(0, data.countryColors.length)
    .map(([code], k) => [code, data.countryColors[k]]));
  const OTHER = "#b8b8b8";

  function colourByCountry(on) {
    nodes.update(info.map((node, id) => {
      const fill = on ? countryColor.get(countryOf(node)) || OTHER : data.nodeStyles[node.type].color;
      const border = on ? "#4d4d4d" : data.nodeStyles[node.type].border;
      return { id: id, color: { background: fill, border: border,
        highlight: { background: fill, border: "#000000" } } };
    }));
    const legend = document.getElementById("countries");
    legend.hidden = !on;
    legend.replaceChildren(text("legend", "Countries"));
    for (const [code, count] of countryRank.slice(0, data.countryColors.length)) {
      const label = document.createElement("label");
      const dot = text("span", null, "swatch");
      dot.style.background = countryColor.get(code);
      label.append(dot, text("span", code), text("span", "(" + count + ")", "note"));
      legend.appendChild(label);
    }
    if (countryRank.length > data.countryColors.length) {
      const label = document.createElement("label");
      const dot = text("span", null, "swatch");
      dot.style.background = OTHER;
      label.append(dot, text("span", "other or none"));
      legend.appendChild(label);
    }
  }
  document.getElementById("by-country").addEventListener("change", (event) => colourByCountry(event.target.checked));

  // --- dates: range inputs, a month slider and play ------------------------------
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
  const sliderFrom = document.getElementById("slider-from");
  const sliderTo = document.getElementById("slider-to");
  const months = []; // "YYYY-MM" from the first dated relation to the last
  let playing = null;

  function monthEnd(month) {
    const [year, m] = month.split("-").map(Number);
    return month + "-" + String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, "0");
  }

  if (firstDay !== null) {
    document.getElementById("dates").hidden = false;
    for (let [year, m] = firstDay.split("-").map(Number); ; m += 1) {
      if (m > 12) { year += 1; m = 1; }
      const month = year + "-" + String(m).padStart(2, "0");
      months.push(month);
      if (month >= lastDay.slice(0, 7)) break;
    }
    for (const slider of [sliderFrom, sliderTo]) {
      slider.min = 0;
      slider.max = months.length - 1;
      slider.step = 1;
    }
    sliderFrom.value = 0;
    sliderTo.value = months.length - 1;
    sliderFrom.addEventListener("input", () => fromSlider(sliderFrom));
    sliderTo.addEventListener("input", () => fromSlider(sliderTo));
    for (const input of [dateFrom, dateTo]) {
      input.min = firstDay;
      input.max = lastDay;
      input.addEventListener("change", readRange);
    }
    document.getElementById("date-reset").addEventListener("click", () => {
      stopPlaying();
      dateFrom.value = "";
      dateTo.value = "";
      readRange();
    });
    document.getElementById("date-undated").addEventListener("change", (event) => {
      includeUndated = event.target.checked;
      applyFilters();
    });
    document.getElementById("date-play").addEventListener("click", () => (playing ? stopPlaying() : play()));
    document.getElementById("undated-count").textContent = "(" + undated.filter(Boolean).length + ")";
    showSlider();
  }

  function fromSlider(moved) {
    let lo = Number(sliderFrom.value);
    let hi = Number(sliderTo.value);
    if (lo > hi) { if (moved === sliderFrom) hi = lo; else lo = hi; }
    setMonths(lo, hi);
  }

  function setMonths(lo, hi, quiet) {
    dateFrom.value = months[lo] + "-01";
    dateTo.value = monthEnd(months[hi]);
    readRange(quiet);
  }

  function showSlider() {
    const lo = range ? Math.max(0, months.findIndex((m) => monthEnd(m) >= range[0])) : 0;
    let hi = months.length - 1;
    if (range) while (hi > 0 && months[hi] + "-01" > range[1]) hi -= 1;
    sliderFrom.value = lo;
    sliderTo.value = hi;
    document.getElementById("slider-label").textContent = range
      ? (range[0] === "0000-01-01" ? "\u2026" : range[0]) + " to " + (range[1] === "9999-12-31" ? "\u2026" : range[1])
      : "all dates (" + months[0] + " to " + months[months.length - 1] + ")";
  }

  /** Move a window of the current width month by month to the end; positions stay put meanwhile. */
  function play() {
    let lo = Number(sliderFrom.value);
    let hi = Number(sliderTo.value);
    const width = hi - lo < months.length - 1 ? hi - lo : Math.min(2, months.length - 1);
    if (hi >= months.length - 1 || hi - lo === months.length - 1) { lo = 0; hi = width; }
    document.getElementById("date-play").textContent = "Stop";
    setMonths(lo, hi, true);
    playing = setInterval(() => {
      if (hi >= months.length - 1) { stopPlaying(); return; }
      lo += 1; hi += 1;
      setMonths(lo, hi, true);
    }, 700);
  }

  function stopPlaying() {
    if (!playing) return;
    clearInterval(playing);
    playing = null;
    document.getElementById("date-play").textContent = "Play";
    applyFilters();
  }

  function readRange(quiet) {
    range = dateFrom.value || dateTo.value
      ? [dateFrom.value || "0000-01-01", dateTo.value || "9999-12-31"] : null;
    showSlider();
    applyFilters(quiet === true);
  }

  // --- applying the filters, re-layout and fit -----------------------------------
  const layouts = new Map(); // shown nodes and edges -> positions, so a view always looks the same
  const current = new Map(base); // where each node is now
  let layoutRun = 0;

  /** Show what the filters keep; then lay it out and fit it, unless `keepPositions`. */
  function applyFilters(keepPositions) {
    const [nodeHidden, edgeHidden] = visibility();
    const nodeChanges = [];
    nodeHidden.forEach((hidden, i) => {
      if (hidden !== hiddenNodes[i]) { hiddenNodes[i] = hidden; nodeChanges.push({ id: i, hidden: hidden }); }
    });
    const edgeChanges = [];
    edgeHidden.forEach((hidden, i) => {
      if (hidden !== hiddenEdges[i]) { hiddenEdges[i] = hidden; edgeChanges.push({ id: i, hidden: hidden }); }
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    showCounts();
    if (keepPositions !== true) relayout();
  }

  function relayout() {
    const run = ++layoutRun;
    document.body.dataset.layout = "busy";
    const shownEdges = [];
    hiddenEdges.forEach((hidden, i) => { if (!hidden) shownEdges.push(i); });
    const linked = new Set();
    for (const e of shownEdges) { linked.add(ends[e][0]); linked.add(ends[e][1]); }
    const shownNodes = [];
    hiddenNodes.forEach((hidden, i) => { if (!hidden) shownNodes.push(i); });
    const key = shownNodes.join(",") + "|" + shownEdges.join(",");
    const done = (positions) => {
      if (run !== layoutRun) return;
      layouts.set(key, positions);
      const moved = [];
      for (const [id, p] of positions) {
        const now = current.get(id);
        if (now.x !== p.x || now.y !== p.y) { moved.push({ id: id, x: p.x, y: p.y }); current.set(id, p); }
      }
      if (moved.length) nodes.update(moved);
      network.fit({ animation: false });
      document.body.dataset.layout = "settled";
    };
    if (layouts.has(key)) { done(layouts.get(key)); return; }
    const start = new Map(shownNodes.map((id) => [id, base.get(id)]));
    if (layouts.size === 0 || shownNodes.length > RELAYOUT_LIMIT || linked.size < 3) {
      // the first view, and big ones, keep the layout computed in Python
      done(lineUpLonely(start, linked));
      return;
    }
    const moving = shownNodes.filter((id) => linked.has(id));
    nodes.update(moving.map((id) => ({ id: id, x: base.get(id).x, y: base.get(id).y, physics: true })));
    edges.update(shownEdges.map((id) => ({ id: id, physics: true })));
    network.once("stabilizationIterationsDone", () => {
      const settled = network.getPositions(moving);
      nodes.update(moving.map((id) => ({ id: id, physics: false })));
      edges.update(shownEdges.map((id) => ({ id: id, physics: false })));
      for (const id of moving) { start.set(id, settled[id]); current.set(id, settled[id]); }
      done(lineUpLonely(start, linked));
    });
    network.stabilize(Math.min(300, 60 + 2 * moving.length));
  }

  /** Entities shown without a shown relation go in a grid right of the others. */
  function lineUpLonely(positions, linked) {
    const lonely = [...positions.keys()].filter((id) => !linked.has(id));
    if (!lonely.length || lonely.length === positions.size) return positions;
    let right = -Infinity;
    let top = Infinity;
    for (const [id, p] of positions) {
      if (!linked.has(id)) continue;
      right = Math.max(right, p.x);
      top = Math.min(top, p.y);
    }
    const columns = Math.ceil(Math.sqrt(lonely.length));
    lonely.sort((a, b) => degree[b] - degree[a] || a - b).forEach((id, k) => {
      positions.set(id, { x: right + GRID[0] + (k % columns) * GRID[0], y: top + Math.floor(k / columns) * GRID[1] });
    });
    return positions;
  }

  function showCounts() {
    const shownNodes = hiddenNodes.filter((h) => !h).length;
    const shownEdges = hiddenEdges.filter((h) => !h).length;
    document.getElementById("counts").textContent =
      shownNodes + " of " + info.length + " entities, " + shownEdges + " of " + ends.length + " edges shown";
  }

  // --- level of detail: a big graph seen whole is drawn in a few batched strokes ---------
  // vis-network strokes every edge on its own (with dashes and arrow heads), which takes
  // about a second per frame at 20k edges in a software-rendered canvas. Below LOW_DETAIL
  // zoom, where dashes and arrows are a pixel wide anyway, edges are drawn as one path per
  // colour and nodes as one path of dots per colour (at least MIN_DOT pixels across);
  // selected edges bold, selected nodes by vis-network, highlighted. Zoomed in,
  // vis-network draws the edges with both ends in view; those leaving it are drawn as
  // short stubs towards their other end (the selection's in full).
  const LOW_DETAIL = 0.3;
  const MIN_DOT = 1.5;
  const STUB = 40; // pixels drawn of an edge whose other end is out of view (big graphs)
  const renderer = network.renderer;
  const visDrawNodes = renderer._drawNodes;
  function lowDetail() { return BIG && network.getScale() < LOW_DETAIL; }

  function batched(items, paint) {
    const groups = new Map();
    for (const item of items) {
      const colour = paint(item);
      if (!groups.has(colour)) groups.set(colour, []);
      groups.get(colour).push(item);
    }
    return groups;
  }

  /** The edges that can show in the view, split into those with both ends in it and those
   * leaving it. vis-network strokes every edge whole, even off screen, and a dashed line
   * thousands of pixels long costs milliseconds: leaving edges are drawn plain, batched. */
  function edgesInView(body) {
    const container = body.container;
    const low = network.DOMtoCanvas({ x: 0, y: 0 });
    const high = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    const inside = (node) => node.x >= low.x && node.x <= high.x && node.y >= low.y && node.y <= high.y;
    const within = [];
    const leaving = [];
    for (const id of body.edgeIndices) {
      const e = body.edges[id];
      if (!e.connected) continue;
      if (inside(e.from) && inside(e.to)) { within.push(e); continue; }
      // a bent edge bulges out of its ends' box by at most half their distance
      const margin = e.options.smooth.enabled ? Math.max(Math.abs(e.from.x - e.to.x), Math.abs(e.from.y - e.to.y)) / 2 : 0;
      if (Math.max(e.from.x, e.to.x) + margin >= low.x && Math.min(e.from.x, e.to.x) - margin <= high.x
          && Math.max(e.from.y, e.to.y) + margin >= low.y && Math.min(e.from.y, e.to.y) - margin <= high.y) {
        leaving.push(e);
      }
    }
    const pad = 20 / network.getScale();
    return { within: within, leaving: leaving,
      box: [low.x - pad, low.y - pad, high.x + pad, high.y + pad] };
  }

  /** The part of the segment inside `box` [left, top, right, bottom] (Liang-Barsky), or null. */
  function clipped(x0, y0, x1, y1, box) {
    const dx = x1 - x0;
    const dy = y1 - y0;
    let t0 = 0;
    let t1 = 1;
    for (const [p, q] of [[-dx, x0 - box[0]], [dx, box[2] - x0], [-dy, y0 - box[1]], [dy, box[3] - y0]]) {
      if (p === 0) { if (q < 0) return null; continue; }
      const t = q / p;
      if (p < 0) { if (t > t1) return null; if (t > t0) t0 = t; } else { if (t < t0) return null; if (t < t1) t1 = t; }
    }
    return [x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy];
  }

  /** `length` of the edge from each of its ends that lies in `box`, towards the other end. */
  function stubs(ctx, e, box, length) {
    const dx = e.to.x - e.from.x;
    const dy = e.to.y - e.from.y;
    const k = Math.min(1, length / Math.max(Math.hypot(dx, dy), 1e-9));
    const inBox = (n) => n.x >= box[0] && n.x <= box[2] && n.y >= box[1] && n.y <= box[3];
    if (inBox(e.from)) { ctx.moveTo(e.from.x, e.from.y); ctx.lineTo(e.from.x + k * dx, e.from.y + k * dy); }
    if (inBox(e.to)) { ctx.moveTo(e.to.x, e.to.y); ctx.lineTo(e.to.x - k * dx, e.to.y - k * dy); }
  }

  /** Straight lines, one stroke per colour, opacity, width and dashes (wider ones one by one);
   * `fade` scales the opacity. Lines wider than a pixel cost by their whole length in a
   * software canvas: with `box`, only their part in it is stroked; with `stub`, only that
   * length from each end in `box`. */
  function strokeBatched(ctx, list, { width, fade = 1, box = null, stub = 0, dashes = false }) {
    ctx.save();
    const paint = (e) => [e.options.color.color, e.options.color.opacity, width(e),
      dashes ? e.options.dashes || "" : ""].join("|");
    for (const [key, group] of batched(list, paint)) {
      const [colour, opacity, lineWidth, pattern] = key.split("|");
      ctx.setLineDash(pattern && pattern !== "false" ? pattern.split(",").map(Number) : []);
      ctx.strokeStyle = colour;
      ctx.globalAlpha = Number(opacity) * fade;
      ctx.lineWidth = Number(lineWidth);
      // wider lines are filled as polygons: in one path their overlaps make a costly shape
      const hairline = Number(lineWidth) * network.getScale() <= 1.01;
      ctx.beginPath();
      for (const e of group) {
        if (stub) { stubs(ctx, e, box, stub); continue; }
        const line = box ? clipped(e.from.x, e.from.y, e.to.x, e.to.y, box) : [e.from.x, e.from.y, e.to.x, e.to.y];
        if (!line) continue;
        if (!hairline) ctx.beginPath();
        ctx.moveTo(line[0], line[1]);
        ctx.lineTo(line[2], line[3]);
        if (!hairline) ctx.stroke();
      }
      if (hairline) ctx.stroke();
    }
    ctx.restore();
  }

  if (BIG && ["_drawEdges", "_drawArrows", "_drawNodes"].every((f) => typeof renderer[f] === "function")) {
    renderer._drawEdges = function (ctx) {
      const all = this.body.edges;
      if (!lowDetail()) {
        const view = edgesInView(this.body);
        // leaving the view: the selection's edges clipped to it, the others as stubs
        strokeBatched(ctx, view.leaving.filter((e) => e.selected),
          { width: (e) => e.options.width + 2, box: view.box });
        strokeBatched(ctx, view.leaving.filter((e) => !e.selected),
          { width: () => 1 / network.getScale(), fade: 0.8, box: view.box, stub: STUB / network.getScale() });
        // within it: straight ones batched with their dashes; bent or selected ones by vis
        const own = view.within.filter((e) => e.selected || e.options.smooth.enabled);
        strokeBatched(ctx, view.within.filter((e) => !e.selected && !e.options.smooth.enabled),
          { width: (e) => e.options.width, dashes: true });
        for (const e of own) e.draw(ctx);
        return;
      }
      const scale = network.getScale();
      const shown = this.body.edgeIndices.map((id) => all[id]).filter((e) => e.connected);
      strokeBatched(ctx, shown.filter((e) => !e.selected), { width: () => 1 / scale, fade: 0.6 });
      strokeBatched(ctx, shown.filter((e) => e.selected), { width: () => 2 / scale }); // the selection, bold
    };
    renderer._drawArrows = function (ctx) {
      if (!lowDetail()) for (const e of edgesInView(this.body).within) e.drawArrows(ctx);
    };
    renderer._drawNodes = function (ctx, alwaysShow) {
      if (!lowDetail()) return visDrawNodes.call(this, ctx, alwaysShow);
      const all = this.body.nodes;
      const shown = this.body.nodeIndices.map((id) => all[id]);
      // vis-network finds the node under the pointer by the box its drawing of the shape sets
      for (const n of shown) {
        n.updateBoundingBox(ctx, n.selected);
        n.shape.left = n.x - n.shape.width / 2;
        n.shape.top = n.y - n.shape.height / 2;
      }
      const scale = network.getScale();
      for (const [colour, group] of batched(shown.filter((n) => !n.selected), (n) => n.options.color.background)) {
        ctx.fillStyle = colour;
        ctx.beginPath();
        for (const n of group) {
          const r = Math.max(n.options.size, MIN_DOT / scale);
          ctx.moveTo(n.x + r, n.y);
          ctx.arc(n.x, n.y, r, 0, 2 * Math.PI);
        }
        ctx.fill();
      }
      for (const n of shown) if (n.selected) n.draw(ctx);
      return { drawExternalLabels: () => {} };
    };
  }

  // --- labels of the most connected entities when vis's own are too small ---------
  let hubLabels = [];
  const labelWidths = new Map(); // entity -> width of its name at 100px

  network.on("afterDrawing", (ctx) => {
    hubLabels = [];
    const scale = network.getScale();
    if (FONT * scale >= NATIVE_LABEL_MIN) return;
    const size = 13 / scale;
    ctx.save();
    ctx.font = size + "px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineWidth = 4 / scale;
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#ffffff";
    ctx.fillStyle = "#1d1d1d";
    const taken = [];
    for (const id of ranked) {
      if (hubLabels.length >= HUB_LABELS) break;
      if (hiddenNodes[id]) continue;
      const node = network.body.nodes[id];
      if (!labelWidths.has(id)) {
        ctx.font = "100px system-ui, sans-serif";
        labelWidths.set(id, ctx.measureText(info[id].name).width);
        ctx.font = size + "px system-ui, sans-serif";
      }
      const width = labelWidths.get(id) * size / 100;
      const box = [node.x - width / 2, node.y + node.options.size + 2 / scale, width, size * 1.2];
      if (taken.some((t) => box[0] < t[0] + t[2] && t[0] < box[0] + box[2]
                             && box[1] < t[1] + t[3] && t[1] < box[1] + box[3])) continue;
      taken.push(box);
      ctx.strokeText(info[id].name, node.x, box[1]);
      ctx.fillText(info[id].name, node.x, box[1]);
      hubLabels.push(id);
    }
    ctx.restore();
  });

  // --- details panel -----------------------------------------------------------
  const details = document.getElementById("details");
  const OUT = { MET_WITH: "met with", HELD_CALL: "held a call with", PROPOSED_COOPERATION:
    "proposed cooperation with", PLANS_VISIT: "plans to visit", VISITED: "visited", LEADER_OF: "leader of",
    PART_OF: "part of" };
  const IN = { PROPOSED_COOPERATION: "cooperation proposed by", PLANS_VISIT: "visit planned by",
    VISITED: "visited by", LEADER_OF: "led by", PART_OF: "includes" };
  let focused = null;

  function facts(pairs) {
    const list = document.createElement("dl");
    for (const [term, value] of pairs) {
      if (value === undefined || value === null || value === "") continue;
      list.append(text("dt", term), text("dd", value));
    }
    return list;
  }

  /** Mark the focus entity with a halo and select it with its neighbours and relations. */
  function highlight(id) {
    const changes = [];
    if (focused !== null && focused !== id) changes.push({ id: focused, shadow: { enabled: false } });
    changes.push({ id: id, shadow: { enabled: true, color: "rgba(0,0,0,0.75)", size: 18, x: 0, y: 0 } });
    nodes.update(changes);
    focused = id;
    const shownEdges = incident[id].filter((e) => !hiddenEdges[e]);
    const neighbours = new Set(shownEdges.flatMap((e) => ends[e]));
    neighbours.add(id);
    network.setSelection({ nodes: [...neighbours], edges: shownEdges }, { unselectAll: true, highlightEdges: false });
  }

  function unfocus() {
    if (focused === null) return;
    nodes.update({ id: focused, shadow: { enabled: false } });
    focused = null;
  }

  function articleLine(index, tag) {
    const [title, source, date, url, articleId] = articles[index];
    const line = text(tag || "li");
    const href = safeUrl(url);
    const name = title || "article " + articleId;
    if (href) {
      const link = text("a", name);
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      line.append(link);
    } else {
      line.append(text("span", name));
      if (url) line.append(" ", text("span", "(" + url + ")"));
    }
    const rest = [source, date || "undated"].filter(Boolean).join(", ");
    line.append(" \u2014 " + rest);
    return line;
  }

  function showNode(id) {
    const node = info[id];
    highlight(id);
    const parts = [
      text("h2", node.name),
      facts([
        ["Type", node.type],
        ["Title", node.title],
        ["Country", node.country],
        ["Aliases", (node.aliases || []).join(", ")],
        ["Relations", degree[id]],
      ]),
    ];
    const isExpanded = expanded.has(id);
    parts.push(button(isExpanded ? "Collapse neighbours" : "Expand: show all its neighbours", () => {
      if (isExpanded) expanded.delete(id); else expanded.add(id);
      applyFilters();
      showNode(id);
    }));
    const groups = new Map(); // phrase -> counterpart -> articles
    for (const e of incident[id]) {
      const [a, b] = ends[e];
      const type = edgeTypes[e];
      const incoming = directed.has(type) && b === id;
      const phrase = incoming ? IN[type] : OUT[type];
      const other = a === id ? b : a;
      if (!groups.has(phrase)) groups.set(phrase, new Map());
      const group = groups.get(phrase);
      group.set(other, (group.get(other) || 0) + evidence[e].length);
    }
    if (groups.size) parts.push(text("h3", "Counterparts"));
    for (const [phrase, group] of groups) {
      const total = [...group.values()].reduce((s, n) => s + n, 0);
      parts.push(text("p", phrase + " (" + group.size + (total > group.size ? ", " + total + " reports" : "") + ")", "note"));
      const list = text("ul");
      for (const [other, count] of [...group].sort((x, y) => y[1] - x[1] || x[0] - y[0])) {
        const item = text("li");
        item.append(button(info[other].name, () => showNode(other), "link"));
        if (count > 1) item.append(" \u00d7" + count);
        if (hiddenNodes[other]) item.append(text("span", " (hidden)", "note"));
        list.appendChild(item);
      }
      parts.push(list);
    }
    const mentions = node.m || [];
    parts.push(text("h3", "Articles (" + mentions.length + ")"));
    const list = text("ul");
    for (const index of mentions) list.appendChild(articleLine(index));
    parts.push(list);
    details.replaceChildren(...parts);
  }

  function citation(item) {
    if (item.a === undefined) return text("p", null, "source");
    const line = articleLine(item.a, "p");
    line.className = "source";
    line.prepend("Article: ");
    return line;
  }

  function relationBlock(id) {
    const type = edgeTypes[id];
    const [a, b] = ends[id];
    const arrow = directed.has(type) ? " \u2192 " : " \u2014 ";
    const items = evidence[id];
    const block = text("section", null, "pair");
    block.append(
      text("h3", pretty(type)),
      text("p", info[a].name + arrow + info[b].name),
      facts([["Type", type], ["Reports", items.length]]));
    if (undated[id]) block.append(text("p", "Undated: none of its articles has a date.", "undated"));
    for (const item of items) {
      const section = text("section", null, "evidence");
      const when = [item.w, item.wi ? "(" + item.wi + ")" : ""].filter(Boolean).join(" ");
      section.append(facts([["When", when], ["Article date", item.d || (eventTypes.has(type) ? "undated" : "")],
        ["Title", item.t]]));
      for (const sentence of item.s) section.append(text("blockquote", sentence));
      section.append(citation(item));
      block.append(section);
    }
    return block;
  }

  /** Every relation between the clicked edge's two entities, the clicked one first. */
  function showEdge(id) {
    unfocus();
    const [a, b] = ends[id];
    const all = pairs.get(Math.min(a, b) + "," + Math.max(a, b));
    const others = all.filter((e) => e !== id);
    details.replaceChildren(
      text("h2", info[a].name + " \u2014 " + info[b].name),
      text("p", all.length + " relation type" + (all.length === 1 ? "" : "s") + " between them", "note"),
      ...[id, ...others].map(relationBlock));
  }

  function clearDetails() {
    unfocus();
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
    // a big graph redraws too slowly for an animation to look like one
    const animation = BIG ? false : { duration: 400, easingFunction: "easeInOutQuad" };
    network.focus(id, { scale: 1.0, animation: animation });
    showNode(id);
    return id;
  }

  document.getElementById("search").addEventListener("submit", (event) => {
    event.preventDefault();
    search(document.getElementById("search-input").value);
  });

  // --- export what is shown ------------------------------------------------------
  function shownGraph() {
    const shownNodes = [];
    hiddenNodes.forEach((hidden, i) => { if (!hidden) shownNodes.push(i); });
    const shownEdges = [];
    hiddenEdges.forEach((hidden, i) => { if (!hidden) shownEdges.push(i); });
    return { nodes: shownNodes, edges: shownEdges };
  }

  function exportJson() {
    const shown = shownGraph();
    return JSON.stringify({
      nodes: shown.nodes.map((i) => {
        const n = info[i];
        return { id: n.key, name: n.name, type: n.type, title: n.title || null, country: n.country || null };
      }),
      edges: shown.edges.map((e) => ({
        source: info[ends[e][0]].key,
        target: info[ends[e][1]].key,
        type: edgeTypes[e],
        relations: evidence[e].map((item) => ({
          article_id: item.a === undefined ? null : articles[item.a][4],
          date: item.d || null, when: item.w || null, when_iso: item.wi || null, sentences: item.s,
        })),
      })),
    }, null, 1);
  }

  function xml(value) {
    return String(value).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&apos;");
  }

  function exportGraphml() {
    const shown = shownGraph();
    const out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'];
    for (const [id, target, name] of [["name", "node", "name"], ["type", "node", "type"],
      ["title", "node", "title"], ["country", "node", "country"], ["rel", "edge", "type"],
      ["reports", "edge", "reports"], ["dates", "edge", "dates"]]) {
      const type = id === "reports" ? "int" : "string";
      out.push('<key id="' + id + '" for="' + target + '" attr.name="' + name + '" attr.type="' + type + '"/>');
    }
    out.push('<graph id="G" edgedefault="directed">');
    for (const i of shown.nodes) {
      const n = info[i];
      out.push('<node id="' + xml(n.key) + '"><data key="name">' + xml(n.name) + '</data><data key="type">'
        + xml(n.type) + "</data>" + (n.title ? '<data key="title">' + xml(n.title) + "</data>" : "")
        + (n.country ? '<data key="country">' + xml(n.country) + "</data>" : "") + "</node>");
    }
    for (const e of shown.edges) {
      const dates = [...new Set(evidence[e].map((item) => item.d).filter(Boolean))].sort().join(" ");
      out.push('<edge id="e' + e + '" source="' + xml(info[ends[e][0]].key) + '" target="'
        + xml(info[ends[e][1]].key) + '"><data key="rel">' + xml(edgeTypes[e]) + '</data><data key="reports">'
        + evidence[e].length + "</data>" + (dates ? '<data key="dates">' + xml(dates) + "</data>" : "") + "</edge>");
    }
    out.push("</graph>", "</graphml>");
    return out.join("\n");
  }

  function download(name, blob) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  function exportPng() {
    const source = document.querySelector("#network canvas");
    const canvas = document.createElement("canvas");
    canvas.width = source.width;
    canvas.height = source.height;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(source, 0, 0);
    canvas.toBlob((blob) => download("diplograph.png", blob), "image/png");
  }

  document.getElementById("export-png").addEventListener("click", exportPng);
  document.getElementById("export-json").addEventListener("click",
    () => download("diplograph.json", new Blob([exportJson()], { type: "application/json" })));
  document.getElementById("export-graphml").addEventListener("click",
    () => download("diplograph.graphml", new Blob([exportGraphml()], { type: "application/xml" })));

  showCounts();
  relayout();
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
    hubLabels: () => hubLabels.slice(),
    focused: () => focused,
    lowDetail: lowDetail,
    nativeLabels: () => FONT * network.getScale() >= NATIVE_LABEL_MIN,
    exportJson: exportJson,
    exportGraphml: exportGraphml,
    domPosition: (id) => network.canvasToDOM(network.getPositions([id])[id]),
  };
})();
