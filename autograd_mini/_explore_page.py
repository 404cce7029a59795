"""The explorer page (`autograd_mini.explore`): HTML, CSS and plain JavaScript in one template.

``@@TITLE@@``, ``@@DATA@@`` (the graph's numbers as JSON), ``@@SVG_LR@@`` and ``@@SVG_TB@@`` (the two
layouts) are filled in by `explore`. The page loads nothing: a Content-Security-Policy forbids every
request, so it behaves the same from ``file://``, an e-mail attachment or a projector without network.

JSON the script reads (``D``): ``nodes[i]`` for the value at position ``i`` of `topological_order` with
``name role frozen op data grad replay symbol explain step``, ``inputs`` (``[child, ∂name/∂child, local]``
per input) and ``sent`` (``[position, contribution, input's grad after]`` per input, from the tape);
``steps[k]`` = ``[node, text]`` in the order backward() processed them; ``root``, ``rootName``,
``mismatches`` (names whose ``.grad`` differ from the replay).
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@@TITLE@@</title>
<style>
:root { --lit: #d62728; --cur: #ff7f0e; --sel: #1f77b4; --ink: #222; --muted: #777; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); }
body { display: flex; flex-direction: column; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; padding: 6px 12px; border-bottom: 1px solid #ddd; background: #fafafa; }
header h1 { font-size: 16px; margin: 0 8px 0 0; font-weight: 600; }
.group { display: flex; align-items: center; gap: 4px; }
button, select { font: inherit; padding: 2px 8px; border: 1px solid #bbb; border-radius: 4px; background: white; cursor: pointer; }
button:hover, select:hover { border-color: var(--sel); }
#tape-step { min-width: 5.5em; text-align: center; font-variant-numeric: tabular-nums; font-weight: 600; }
main { flex: 1; display: flex; min-height: 0; }
#graph { flex: 1; overflow: auto; min-width: 0; background: white; }
#graph svg { display: block; }
aside { width: 430px; max-width: 45vw; overflow: auto; border-left: 1px solid #ddd; padding: 8px 12px; background: #fcfcfc; }
aside h2 { font-size: 15px; margin: 6px 0; }
aside h3 { font-size: 13px; margin: 10px 0 4px; color: #444; }
pre { white-space: pre-wrap; word-break: break-word; font: 12px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; background: #f3f3f3; padding: 6px 8px; border-radius: 4px; margin: 4px 0; }
table.kv td { padding: 1px 10px 1px 0; vertical-align: top; }
table.kv td:first-child { color: var(--muted); }
ul { margin: 4px 0; padding-left: 18px; }
.hint { color: var(--muted); }
.note { color: #8a4b00; background: #fff4e0; padding: 4px 8px; border-radius: 4px; }
a.go { color: var(--sel); cursor: pointer; text-decoration: underline; }
#tape-text { min-height: 3em; }
g.value, g.op, g.edge.input { cursor: pointer; }
g.edge path.hit { stroke: transparent; stroke-width: 12px; fill: none; pointer-events: stroke; }
g.value.pending text.gradtext { fill: #aaa; font-style: italic; }
g.lit > polygon, g.lit > ellipse, g.lit > path:not(.hit), g.lit > polyline { stroke: var(--lit); stroke-width: 2.5px; }
g.edge.lit > polygon { fill: var(--lit); }
g.value.current > polygon, g.op.current > ellipse { stroke: var(--cur); stroke-width: 4px; }
g.value.current > polygon { fill: #fff0dc; }
g.edge.sending > path:not(.hit) { stroke: var(--cur); stroke-width: 3px; }
g.edge.sending > polygon { stroke: var(--cur); fill: var(--cur); }
g.edge.sending text { fill: #b35900; font-weight: bold; }
g.value.selected > polygon { stroke: var(--sel); stroke-width: 4px; }
g.edge.selected > path:not(.hit) { stroke: var(--sel); stroke-width: 4px; }
g.edge.selected > polygon { stroke: var(--sel); fill: var(--sel); }
.off { display: none; }
</style>
</head>
<body>
<header>
  <h1 id="title">@@TITLE@@</h1>
  <div class="group" role="group" aria-label="backward tape">
    <span class="hint">backward tape</span>
    <button id="tape-reset" title="before backward() (Home)">|◀</button>
    <button id="tape-prev" title="previous step (←)">◀</button>
    <span id="tape-step" aria-live="polite"></span>
    <button id="tape-next" title="next step (→)">▶</button>
    <button id="tape-end" title="after backward() (End)">▶|</button>
  </div>
  <label class="group"><input type="checkbox" id="show-grads" checked> gradients</label>
  <label class="group">edge labels
    <select id="edge-labels">
      <option value="none">none</option>
      <option value="local" selected>local ∂</option>
      <option value="contribution">contribution +=</option>
      <option value="both">both</option>
    </select></label>
  <label class="group">layout
    <select id="layout">
      <option value="LR">left to right</option>
      <option value="TB">top to bottom</option>
    </select></label>
  <div class="group" role="group" aria-label="zoom">
    <button id="zoom-out" title="zoom out">−</button>
    <button id="zoom-fit" title="fit to the window">fit</button>
    <button id="zoom-in" title="zoom in">+</button>
  </div>
</header>
<main>
  <div id="graph"></div>
  <aside>
    <section id="details"><p class="hint">Click a value for its gradient, path by path (the chain rule); click an edge for its local derivative and what it adds to the input's gradient.</p></section>
    <section id="tape-panel"><h3>backward tape</h3><pre id="tape-text"></pre><p id="mismatch" class="note off"></p></section>
  </aside>
</main>
<template id="svg-LR">@@SVG_LR@@</template>
<template id="svg-TB">@@SVG_TB@@</template>
<script type="application/json" id="graph-data">@@DATA@@</script>
<script>
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = D.nodes, N = nodes.length, S = D.steps.length;
  var state = { step: S, grads: true, labels: "local", layout: "LR", zoom: 1, selected: null };
  var parents = nodes.map(function () { return []; });
  nodes.forEach(function (n, p) { n.inputs.forEach(function (inp, pos) { parents[inp[0]].push([p, pos]); }); });
  var current = -1, els = null;
  var $ = function (id) { return document.getElementById(id); };
  var HINT = $("details").textContent;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function mount() {
    var graph = $("graph");
    graph.replaceChildren($("svg-" + state.layout).content.cloneNode(true));
    var svg = graph.querySelector("svg");
    els = { svg: svg, value: [], grad: [], op: [], result: [], edge: nodes.map(function (n) { return new Array(n.inputs.length); }) };
    svg.querySelectorAll("g.value").forEach(function (g) {
      var i = +g.getAttribute("data-index"), texts = g.querySelectorAll("text");
      els.value[i] = g;
      for (var k = texts.length - 1; k >= 0; k--) {
        if (texts[k].textContent.indexOf("grad ") === 0) { els.grad[i] = texts[k]; texts[k].classList.add("gradtext"); break; }
      }
    });
    svg.querySelectorAll("g.op").forEach(function (g) { els.op[+g.getAttribute("data-op")] = g; });
    svg.querySelectorAll("g.edge.result").forEach(function (g) { els.result[+g.getAttribute("data-result")] = g; });
    svg.querySelectorAll("g.edge.input").forEach(function (g) {
      els.edge[+g.getAttribute("data-parent")][+g.getAttribute("data-position")] = g;
      g.querySelectorAll("text").forEach(function (t) {
        var s = t.textContent;
        t.classList.add(s.indexOf("+=") === 0 ? "lbl-contribution" : "lbl-local");
      });
      var path = g.querySelector("path");
      if (path) { var hit = path.cloneNode(false); hit.setAttribute("class", "hit"); g.appendChild(hit); }
    });
    applyZoom();
    render();
  }

  function svgSize() {
    var pt = 4 / 3;
    return [parseFloat(els.svg.getAttribute("data-width")) * pt, parseFloat(els.svg.getAttribute("data-height")) * pt];
  }
  function fitZoom() {
    var box = $("graph"), size = svgSize();
    return Math.min(1, (box.clientWidth - 4) / size[0], (box.clientHeight - 4) / size[1]);
  }
  function applyZoom() {
    var size = svgSize();
    els.svg.style.width = Math.max(1, size[0] * state.zoom) + "px";
    els.svg.style.height = Math.max(1, size[1] * state.zoom) + "px";
  }

  function stepOf(i) { return nodes[i].step || 0; }

  function litSet(i) {
    var reach = new Uint8Array(N);
    reach[i] = 1;
    for (var j = i + 1; j < N; j++) {
      var inputs = nodes[j].inputs;
      for (var k = 0; k < inputs.length; k++) { if (reach[inputs[k][0]]) { reach[j] = 1; break; } }
    }
    return reach;
  }

  function render() {
    current = state.step > 0 ? D.steps[state.step - 1][0] : -1;
    var sel = state.selected, reach = null;
    if (sel && sel.kind === "node") reach = litSet(sel.i);
    var showLocal = state.labels === "local" || state.labels === "both";
    var showContribution = state.grads && (state.labels === "contribution" || state.labels === "both");
    for (var i = 0; i < N; i++) {
      var done = stepOf(i) <= state.step, g = els.value[i];
      if (els.grad[i]) {
        els.grad[i].textContent = !state.grads ? "grad ?" : done ? "grad " + nodes[i].replay : "grad …";
      }
      if (g) {
        g.classList.toggle("pending", state.grads && !done);
        g.classList.toggle("current", i === current);
        g.classList.toggle("lit", !!reach && reach[i] === 1);
        g.classList.toggle("selected", !!sel && sel.kind === "node" && sel.i === i);
      }
      var onPath = !!reach && reach[i] === 1 && i !== sel.i;
      if (els.op[i]) { els.op[i].classList.toggle("lit", onPath); els.op[i].classList.toggle("current", i === current); }
      if (els.result[i]) els.result[i].classList.toggle("lit", onPath);
      var edges = els.edge[i], sent = stepOf(i) <= state.step;
      for (var pos = 0; pos < edges.length; pos++) {
        var e = edges[pos];
        if (!e) continue;
        e.classList.toggle("lit", onPath && reach[nodes[i].inputs[pos][0]] === 1);
        e.classList.toggle("sending", i === current);
        e.classList.toggle("selected", !!sel && sel.kind === "edge" && sel.p === i && sel.pos === pos);
        e.querySelectorAll("text").forEach(function (t) {
          var contribution = t.classList.contains("lbl-contribution");
          t.classList.toggle("off", contribution ? !(showContribution && sent) : !showLocal);
        });
      }
    }
    $("tape-step").textContent = state.step + " / " + S;
    $("tape-text").textContent = state.step === 0
      ? "Before backward(): every grad is 0. backward() seeds " + nodes[D.root].symbol + " = 1, then visits the " + S +
        " values root first (reverse topological order). Press → (or ▶) to step."
      : !state.grads ? "step " + state.step + ": " + nodes[current].name + " (gradients hidden)"
      : "step " + state.step + ": " + D.steps[state.step - 1][1];
    var note = $("mismatch");
    note.classList.toggle("off", D.mismatches.length === 0);
    note.textContent = D.mismatches.length ? "note: the .grad of " + D.mismatches.length + " values (" + D.mismatches.slice(0, 5).join(", ") +
      (D.mismatches.length > 5 ? ", …" : "") + ") differ from this replay of one backward(): call backward() once, after zero_grad(), before explore()." : "";
    renderDetails();
  }

  function link(i) {
    var a = el("a", "go", nodes[i].name);
    a.addEventListener("click", function () { select({ kind: "node", i: i }); });
    return a;
  }
  function row(table, key, value) {
    var tr = el("tr");
    tr.appendChild(el("td", "", key));
    var td = el("td");
    if (typeof value === "string") td.textContent = value; else td.appendChild(value);
    tr.appendChild(td);
    table.appendChild(tr);
  }
  function grad(text) { return state.grads ? text : "?"; }

  function renderDetails() {
    var box = $("details"), sel = state.selected;
    box.replaceChildren();
    if (!sel) { box.appendChild(el("p", "hint", HINT)); return; }
    if (sel.kind === "node") nodeDetails(box, sel.i); else edgeDetails(box, sel.p, sel.pos);
  }

  function nodeDetails(box, i) {
    var n = nodes[i];
    var h = el("h2", "", n.name);
    var role = n.role === "parameter" && n.frozen ? "frozen parameter" : n.role === "output" ? "output / loss" : n.role;
    if (role) h.appendChild(el("span", "hint", "  (" + role + ")"));
    box.appendChild(h);
    var t = el("table", "kv");
    row(t, "data", n.data);
    row(t, "grad", grad(n.grad));
    box.appendChild(t);
    if (n.op) {
      box.appendChild(el("h3", "", "made by " + n.op + " from"));
      var ul = el("ul");
      n.inputs.forEach(function (inp) {
        var li = el("li");
        li.appendChild(link(inp[0]));
        li.appendChild(document.createTextNode(": local " + inp[1] + " = " + inp[2]));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    } else {
      box.appendChild(el("p", "hint", "a leaf (an input, a weight or a constant): no op made it"));
    }
    if (parents[i].length) {
      box.appendChild(el("h3", "", "feeds (what each adds to " + n.name + ".grad)"));
      var ul2 = el("ul");
      parents[i].forEach(function (pp) {
        var p = nodes[pp[0]], li = el("li");
        li.appendChild(link(pp[0]));
        var sent = p.sent ? p.sent[pp[1]] : null;
        var text = " (" + p.op + "): local " + p.inputs[pp[1]][1] + " = " + p.inputs[pp[1]][2];
        if (state.grads && sent) text += "; adds " + paren(p.inputs[pp[1]][2]) + " × " + paren(p.replay) + " = " + sent[1];
        li.appendChild(document.createTextNode(text));
        ul2.appendChild(li);
      });
      box.appendChild(ul2);
    }
    box.appendChild(el("h3", "", "chain rule: " + n.symbol));
    box.appendChild(el("pre", "explain", state.grads ? n.explain : "(hidden with the gradients)"));
  }

  function paren(text) { return text.charAt(0) === "-" ? "(" + text + ")" : text; }

  function edgeDetails(box, p, pos) {
    var parent = nodes[p], inp = parent.inputs[pos], child = nodes[inp[0]];
    var h = el("h2");
    h.appendChild(link(inp[0]));
    h.appendChild(document.createTextNode(" → "));
    h.appendChild(link(p));
    h.appendChild(el("span", "hint", "  (" + parent.op + ", input " + (pos + 1) + " of " + parent.inputs.length + ")"));
    box.appendChild(h);
    var t = el("table", "kv");
    row(t, "local derivative", inp[1] + " = " + inp[2]);
    var sent = parent.sent ? parent.sent[pos] : null;
    if (sent) {
      row(t, "contribution", state.grads ? inp[2] + " × " + paren(parent.replay) + " = " + sent[1] : "?");
      row(t, child.name + ".grad after it", grad(sent[2]));
    }
    box.appendChild(t);
    box.appendChild(el("p", "hint", "backward() adds local × " + parent.symbol + " (the parent's gradient) to " + child.name +
      ".grad at step " + stepOf(p) + " of the tape."));
  }

  function select(sel) { state.selected = sel; render(); }
  function go(step) {
    state.step = Math.max(0, Math.min(S, step));
    render();
    var g = current >= 0 ? els.value[current] : null;  // keep the node being processed in view
    if (g && g.scrollIntoView) g.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  $("graph").addEventListener("click", function (ev) {
    var t = ev.target, g = t.closest ? t.closest("g.value, g.op, g.edge.input") : null;
    if (!g) { if (state.selected) { state.selected = null; render(); } return; }
    if (g.classList.contains("value")) select({ kind: "node", i: +g.getAttribute("data-index") });
    else if (g.classList.contains("op")) select({ kind: "node", i: +g.getAttribute("data-op") });
    else select({ kind: "edge", p: +g.getAttribute("data-parent"), pos: +g.getAttribute("data-position") });
  });
  $("tape-reset").addEventListener("click", function () { go(0); });
  $("tape-prev").addEventListener("click", function () { go(state.step - 1); });
  $("tape-next").addEventListener("click", function () { go(state.step + 1); });
  $("tape-end").addEventListener("click", function () { go(S); });
  $("show-grads").addEventListener("change", function (ev) { state.grads = ev.target.checked; render(); });
  $("edge-labels").addEventListener("change", function (ev) { state.labels = ev.target.value; render(); });
  $("layout").addEventListener("change", function (ev) { state.layout = ev.target.value; mount(); state.zoom = Math.max(fitZoom(), 0.4); applyZoom(); });
  $("zoom-in").addEventListener("click", function () { state.zoom *= 1.25; applyZoom(); });
  $("zoom-out").addEventListener("click", function () { state.zoom /= 1.25; applyZoom(); });
  $("zoom-fit").addEventListener("click", function () { state.zoom = fitZoom(); applyZoom(); });
  document.addEventListener("keydown", function (ev) {
    var tag = ev.target && ev.target.tagName;
    if (tag === "SELECT" || tag === "INPUT" || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var keys = { ArrowRight: 1, ArrowLeft: -1 };
    if (ev.key in keys) go(state.step + keys[ev.key]);
    else if (ev.key === "Home") go(0);
    else if (ev.key === "End") go(S);
    else if (ev.key === "Escape") select(null);
    else return;
    ev.preventDefault();
  });

  function naturalFit(layout) {  // how far a layout must shrink to fit the window: the opening layout shrinks least
    var svg = $("svg-" + layout).content.querySelector("svg"), box = $("graph"), pt = 4 / 3;
    return Math.min((box.clientWidth - 4) / (parseFloat(svg.getAttribute("data-width")) * pt),
                    (box.clientHeight - 4) / (parseFloat(svg.getAttribute("data-height")) * pt));
  }
  state.layout = naturalFit("TB") > naturalFit("LR") * 1.1 ? "TB" : "LR";
  $("layout").value = state.layout;
  mount();
  state.zoom = Math.max(fitZoom(), 0.4);
  applyZoom();
  document.body.setAttribute("data-ready", "true");
})();
</script>
</body>
</html>
"""
