// Draws the report's graph: reads the embedded JSON, lays it out top to bottom with dagre and
// builds SVG elements. Every model-controlled string goes in through textContent or setAttribute,
// never as markup.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var host = document.getElementById("graph");
  if (!host || data.nodes.length === 0) {
    document.body.setAttribute("data-layout", "none");
    return;
  }
  var CHAR = 7, LINE = 15, PAD = 8;

  function num(x) { return x === null || x === undefined ? null : Number(x); }
  function fmt(x) { x = num(x); return x === null ? "" : (isFinite(x) ? x.toPrecision(3) : String(x)); }
  function shapeText(b) { var i = data.blobs[b]; return i && i.shape ? "[" + i.shape.join(",") + "]" : ""; }

  // green at rel 1e-6 or less, red at 1e-1 or more, on a log scale; grey when not compared
  function errorColour(info) {
    if (!info || info.maxRel === undefined || info.maxRel === null) { return null; }
    var rel = num(info.maxRel);
    if (!isFinite(rel)) { return "hsl(0,80%,55%)"; }
    var t = Math.min(1, Math.max(0, (Math.log10(Math.max(rel, 1e-12)) + 6) / 5));
    return "hsl(" + Math.round(120 * (1 - t)) + ",70%,60%)";
  }
  function worstTop(n) {
    var worst = null;
    n.tops.forEach(function (t) {
      var i = data.blobs[t];
      if (i && i.maxRel !== undefined && i.maxRel !== null && (worst === null || !(num(i.maxRel) <= num(worst.maxRel)))) { worst = i; }
    });
    return worst;
  }
  function lines(n) {
    var out = [n.type, n.name];
    var shapes = n.tops.map(shapeText).filter(function (s) { return s; });
    if (shapes.length) { out.push(shapes.join(" ")); }
    if (n.weightBytes > 0) { out.push(n.weightBytes + " B weights"); }
    var w = worstTop(n);
    if (w) { out.push("max abs " + fmt(w.maxAbs) + " cos " + num(w.cosine).toFixed(6)); }
    if (n.id === data.firstDiverging) { out.push("FIRST DIVERGING"); }
    if (n.problem) { out.push("UNSUPPORTED"); }
    return out;
  }

  var g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: 20, ranksep: 34, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(function () { return {}; });
  (data.groups || []).forEach(function (gr) { g.setNode(gr.id, { group: gr, paddingTop: 18 }); });
  var producer = {};
  data.nodes.forEach(function (n) {
    var text = lines(n);
    var width = PAD * 2 + CHAR * Math.min(48, Math.max.apply(null, text.map(function (s) { return s.length; })));
    g.setNode(n.id, { node: n, text: text, width: width, height: PAD * 2 + LINE * text.length });
    if (n.group) { g.setParent(n.id, n.group); }
    n.tops.forEach(function (t) { producer[t] = n.id; });
  });
  data.nodes.forEach(function (n) {
    n.bottoms.forEach(function (b, i) {
      if (producer[b] !== undefined && producer[b] !== n.id) {
        g.setEdge(producer[b], n.id, { blob: b }, b + "\u0000" + i + "\u0000" + n.id);
      }
    });
  });
  dagre.layout(g);

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(e); }
    return e;
  }
  var size = g.graph();
  var svg = el("svg", { id: "graph-svg", width: Math.ceil(size.width), height: Math.ceil(size.height),
    viewBox: "0 0 " + Math.ceil(size.width) + " " + Math.ceil(size.height) });
  var defs = el("defs", {}, svg);
  var marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8, markerHeight: 8,
    markerUnits: "userSpaceOnUse", orient: "auto" }, defs);
  el("path", { d: "M0,0 L10,5 L0,10 z", fill: "#90a4ae" }, marker);

  g.nodes().forEach(function (id) {
    var v = g.node(id);
    if (!v.group) { return; }
    var box = el("g", { "class": "group", "data-group": v.group.id }, svg);
    el("rect", { x: v.x - v.width / 2, y: v.y - v.height / 2, width: v.width, height: v.height, rx: 6 }, box);
    var label = el("text", { x: v.x - v.width / 2 + 6, y: v.y - v.height / 2 + 12 }, box);
    var text = "fused: " + v.group.label;
    var fits = Math.max(8, Math.floor((v.width - 12) / 6.6));
    label.textContent = text.length > fits ? text.slice(0, fits - 1) + "\u2026" : text;
    var full = el("title", {}, label);
    full.textContent = text;
  });
  g.edges().forEach(function (e) {
    var edge = g.edge(e);
    var info = data.blobs[edge.blob];
    var colour = errorColour(info);
    var path = el("g", { "class": "edge" + (colour ? " measured" : ""), "data-blob": edge.blob }, svg);
    var d = edge.points.map(function (p, i) { return (i ? "L" : "M") + p.x.toFixed(1) + "," + p.y.toFixed(1); }).join(" ");
    var p = el("path", { d: d, "marker-end": "url(#arrow)" }, path);
    if (colour) { p.setAttribute("style", "stroke:" + colour); }
    var title = el("title", {}, p);
    title.textContent = edge.blob + " " + shapeText(edge.blob) + (info && info.maxAbs !== undefined ? " max abs " + fmt(info.maxAbs) : "");
  });
  var boxes = {};
  g.nodes().forEach(function (id) {
    var v = g.node(id);
    if (!v.node) { return; }
    var n = v.node;
    var cls = "layer" + (n.weightBytes > 0 ? " weighted" : "") + (n.problem ? " unsupported" : "")
      + (n.id === data.firstDiverging ? " first-diverging" : "");
    var box = el("g", { "class": cls, "data-id": n.id, "data-type": n.type, "data-name": n.name,
      transform: "translate(" + (v.x - v.width / 2).toFixed(1) + "," + (v.y - v.height / 2).toFixed(1) + ")" }, svg);
    var rect = el("rect", { width: v.width, height: v.height, rx: 4 }, box);
    var colour = errorColour(worstTop(n));
    if (colour) { rect.setAttribute("style", "fill:" + colour); }
    v.text.forEach(function (s, i) {
      var t = el("text", { x: PAD, y: PAD + LINE * (i + 1) - 4,
        "class": i === 0 ? "type" : (s === "FIRST DIVERGING" || s === "UNSUPPORTED" ? "flag" : "sub") }, box);
      t.textContent = s.length > 48 ? s.slice(0, 47) + "\u2026" : s;
    });
    box.addEventListener("click", function () { show(n, box); });
    boxes[n.id] = { node: n, box: box };
  });
  host.appendChild(svg);

  var details = document.getElementById("details");
  var selected = null;
  function show(n, box) {
    if (selected) { selected.classList.remove("selected"); }
    selected = box;
    box.classList.add("selected");
    while (details.firstChild) { details.removeChild(details.firstChild); }
    var h = document.createElement("h3");
    h.textContent = n.type + " " + n.name;
    details.appendChild(h);
    var dl = document.createElement("dl");
    function row(k, v) {
      if (v === null || v === undefined || v === "") { return; }
      var dt = document.createElement("dt"); dt.textContent = k; dl.appendChild(dt);
      var dd = document.createElement("dd"); dd.textContent = v; dl.appendChild(dd);
    }
    row("problem", n.problem);
    row("params", n.params);
    row("inputs", n.bottoms.map(function (b) { return b + " " + shapeText(b); }).join("\n"));
    row("outputs", n.tops.map(function (t) {
      var i = data.blobs[t] || {};
      return t + " " + shapeText(t) + (i.source ? " = " + i.source : "")
        + (i.maxAbs !== undefined ? " (max abs " + fmt(i.maxAbs) + ", max rel " + fmt(i.maxRel) + ", cosine " + fmt(i.cosine) + ")" : "");
    }).join("\n"));
    row("weight bytes", n.weightBytes > 0 ? String(n.weightBytes) : null);
    row("IR node", n.irNode);
    row("source nodes (" + n.sources.length + ")", n.sources.map(function (s) { return s.op + " " + s.name; }).join("\n"));
    dl.querySelectorAll("dd").forEach(function (dd) { dd.style.whiteSpace = "pre-wrap"; });
    details.appendChild(dl);
  }
  // a link such as report.html#layer:convolution_1 opens with that layer's details shown
  var wanted = boxes[decodeURIComponent(location.hash.slice(1))];
  if (wanted) { show(wanted.node, wanted.box); }
  document.body.setAttribute("data-layout", "done");
})();
