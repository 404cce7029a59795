(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = D.nodes, N = nodes.length, S = D.steps.length;
  var state = { step: S, grads: true, labels: "local", layout: "LR", zoom: 1, selected: null };
  var parents = nodes.map(function () { return []; });
  nodes.forEach(function (n, p) { n.inputs.forEach(function (inp, pos) { parents[inp[0]].push([p, pos]); }); });
  var current = -1, els = null;
  var READABLE = 9;  // px: the smallest text on open and after "fit" (zoom − and pan reach the rest)
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
  function readableZoom(svg) {  // the zoom at which the smallest text of the drawing is READABLE px high
    var least = Infinity;
    svg.querySelectorAll("text").forEach(function (t) {
      var size = parseFloat(t.getAttribute("font-size"));
      if (size > 0 && size < least) least = size;
    });
    return isFinite(least) ? READABLE / (least * 4 / 3) * 1.001 : 1;
  }
  function fitZoom() {  // the whole drawing in the window, but never smaller than readable, never larger than natural
    var box = $("graph"), size = svgSize();
    var fit = Math.min(1, (box.clientWidth - 4) / size[0], (box.clientHeight - 4) / size[1]);
    return Math.min(Math.max(fit, readableZoom(els.svg)), Math.max(1, readableZoom(els.svg)));
  }
  function applyZoom() {
    var size = svgSize();
    els.svg.style.width = Math.max(1, size[0] * state.zoom) + "px";
    els.svg.style.height = Math.max(1, size[1] * state.zoom) + "px";
  }
  function showOutputEnd() {  // the root's end in view: the root at the right (left to right) or the bottom, centred across
    var box = $("graph"), across = state.layout === "LR", g = els.value[D.root];
    box.scrollLeft = across ? box.scrollWidth : 0;
    box.scrollTop = across ? 0 : box.scrollHeight;
    if (!g) return;
    var pane = box.getBoundingClientRect(), r = g.getBoundingClientRect();
    if (across) box.scrollTop += (r.top + r.bottom) / 2 - (pane.top + box.clientHeight / 2);
    else box.scrollLeft += (r.left + r.right) / 2 - (pane.left + box.clientWidth / 2);
  }
  function open() { state.zoom = fitZoom(); applyZoom(); showOutputEnd(); }

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
  function known(i) { return stepOf(i) <= state.step; }  // backward() has computed node i's gradient by this step
  function pending(i) { return "… (computed at step " + stepOf(i) + " of the tape)"; }

  function renderDetails() {
    var box = $("details"), sel = state.selected;
    box.replaceChildren();
    if (!sel) { box.appendChild(el("p", "hint", HINT)); return; }
    if (sel.kind === "node") nodeDetails(box, sel.i); else edgeDetails(box, sel.p, sel.pos);
  }

  function nodeDetails(box, i) {
    var n = nodes[i];
    var h = el("h2", "", n.name);
    if (n.drawn) h.appendChild(el("span", "", " = " + n.drawn));  // an unlabelled value: the name the drawing shows
    var role = n.role === "parameter" && n.frozen ? "frozen parameter" : n.role === "output" ? "output / loss" : n.role;
    if (role) h.appendChild(el("span", "hint", "  (" + role + ")"));
    box.appendChild(h);
    var t = el("table", "kv");
    row(t, "data", n.data);
    row(t, "grad", known(i) ? grad(n.grad) : grad(pending(i)));
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
        if (state.grads && sent && known(pp[0])) text += "; adds " + paren(p.inputs[pp[1]][2]) + " × " + paren(p.replay) + " = " + sent[1];
        li.appendChild(document.createTextNode(text));
        ul2.appendChild(li);
      });
      box.appendChild(ul2);
    }
    box.appendChild(el("h3", "", "chain rule: " + n.symbol));
    box.appendChild(el("pre", "explain", !state.grads ? "(hidden with the gradients)" : known(i) ? n.explain : n.symbol + " " + pending(i)));
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
    if (sent && known(p)) {
      row(t, "contribution", state.grads ? inp[2] + " × " + paren(parent.replay) + " = " + sent[1] : "?");
      row(t, child.name + ".grad after it", grad(sent[2]));
    } else if (sent) {
      row(t, "contribution", grad(pending(p)));
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
  $("layout").addEventListener("change", function (ev) { state.layout = ev.target.value; mount(); open(); });
  $("zoom-in").addEventListener("click", function () { state.zoom *= 1.25; applyZoom(); });
  $("zoom-out").addEventListener("click", function () { state.zoom /= 1.25; applyZoom(); });
  $("zoom-fit").addEventListener("click", open);
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

  function openingZoom(layout) {  // the zoom a layout opens at (as fitZoom): the page opens in the one showing most
    var svg = $("svg-" + layout).content.querySelector("svg"), box = $("graph"), pt = 4 / 3;
    var fit = Math.min((box.clientWidth - 4) / (parseFloat(svg.getAttribute("data-width")) * pt),
                       (box.clientHeight - 4) / (parseFloat(svg.getAttribute("data-height")) * pt));
    return Math.min(Math.max(fit, readableZoom(svg)), Math.max(1, readableZoom(svg)));
  }
  state.layout = openingZoom("LR") > openingZoom("TB") * 1.1 ? "LR" : "TB";  // a tie: top to bottom, the loss below the output layer
  $("layout").value = state.layout;
  mount();
  open();
  document.body.setAttribute("data-ready", "true");
})();
