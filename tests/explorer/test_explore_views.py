"""The explorer as a lecturer opens it: pages written by the real command line (``--graph my_net.py:loss explore``)
for Mazur and for users' own MLPs (2-4-4-1 sigmoid, 3-4-2 tanh, 3-5-5-2 sigmoid, each built with ``nn.MLP`` and
``quadratic_cost`` in the user's file), opened in headless Chromium with a 1920×1080 viewport and measured there:

* on open, the root (the loss) and every output-layer value (``net_o*``, ``out_o*``) lie inside the graph pane
  and clear of the side panel (``getBoundingClientRect`` of their shapes);
* on open and after "fit", the smallest visible SVG text (computed font size × the SVG's current scale) is ≥ 9 px;
* the side panel shows a node's gradient only from the tape step that computes it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from browsers import browser_fixture
from graph_fixtures import require_dot
from test_explore_browser import by_id, click_node, console_errors, open_page

pytestmark = [pytest.mark.render, pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
READABLE = 9.0  # px

#: the user's file: each function builds a network as a user would and returns its loss (no backward()).
USER_FILE = '''
from nn import MLP
from nn.losses import quadratic_cost


def net_2441():
    model = MLP(2, [4, 4, 1], activation="sigmoid", seed=0)
    return quadratic_cost(model([0.05, 0.1]), [0.01])


def net_342():
    model = MLP(3, [4, 2], activation="tanh", seed=0)
    return quadratic_cost(model([0.05, 0.1, -0.2]), [0.01, 0.99])


def net_3552():
    model = MLP(3, [5, 5, 2], activation="sigmoid", seed=1)
    return quadratic_cost(model([0.5, -0.1, 0.3]), [0.2, 0.7])
'''
NETWORKS = {"mazur": ["--example", "mazur"], "2-4-4-1": "net_2441", "3-4-2": "net_342", "3-5-5-2": "net_3552"}
OUTPUTS = {"mazur": 4, "2-4-4-1": 2, "3-4-2": 4, "3-5-5-2": 4}  # net_o* and out_o* values

#: The geometry of the page as shown: the pane, the side panel, the root's and the output layer's shapes,
#: and the smallest visible SVG text in px (its computed font size × the SVG's current scale).
GEOMETRY = """
var pane = document.getElementById("graph"), aside = document.querySelector("aside").getBoundingClientRect();
var p = pane.getBoundingClientRect(), svg = pane.querySelector("svg"), scale = svg.getScreenCTM().a;
var view = {left: p.left + pane.clientLeft, top: p.top + pane.clientTop};
view.right = Math.min(view.left + pane.clientWidth, aside.left); view.bottom = view.top + pane.clientHeight;
function seen(r) { return r.right > view.left && r.left < view.right && r.bottom > view.top && r.top < view.bottom; }
var least = Infinity, where = "";
svg.querySelectorAll("text").forEach(function (t) {
  if (getComputedStyle(t).display === "none" || !t.textContent.trim() || !seen(t.getBoundingClientRect())) return;
  var px = parseFloat(getComputedStyle(t).fontSize) * scale;
  if (px < least) { least = px; where = t.textContent; }
});
function shape(g) {
  var r = g.querySelector("polygon, ellipse, path").getBoundingClientRect();
  return {name: g.getAttribute("data-node"), left: r.left, right: r.right, top: r.top, bottom: r.bottom};
}
var D = JSON.parse(document.getElementById("graph-data").textContent);
var outputs = Array.prototype.filter.call(svg.querySelectorAll("g.value"), function (g) {
  return /^(net|out)_o\\d+$/.test(g.getAttribute("data-node")); }).map(shape);
return {view: view, aside: aside.left, least: least, where: where, layout: document.getElementById("layout").value,
        root: shape(svg.querySelector('g.value[data-index="' + D.root + '"]')), outputs: outputs};
"""


wide = browser_fixture(1920, 1080, viewport=True)  # the lecture hall's projector: a 1920×1080 viewport


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Each network's page, written by the real command line in a subprocess."""
    require_dot()
    folder = tmp_path_factory.mktemp("views")
    (folder / "my_net.py").write_text(USER_FILE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    out = {}
    for name, graph in NETWORKS.items():
        page = folder / f"{name}.html"
        choice = graph if isinstance(graph, list) else ["--graph", f"my_net.py:{graph}"]
        done = subprocess.run([sys.executable, "-m", "autograd_mini", *choice, "explore", "--out", str(page)], cwd=folder, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        out[name] = page
    return out


def geometry(driver) -> dict:
    return driver.execute_script(GEOMETRY)


def inside(box: dict, view: dict) -> bool:
    return box["left"] >= view["left"] and box["right"] <= view["right"] and box["top"] >= view["top"] and box["bottom"] <= view["bottom"]


@pytest.mark.parametrize("network", list(NETWORKS))
def test_on_open_the_loss_and_the_output_layer_are_in_view_and_every_text_is_readable(wide, pages, network):
    open_page(wide, pages[network])
    g = geometry(wide)
    assert g["view"]["right"] <= g["aside"]  # the pane ends where the side panel begins
    assert inside(g["root"], g["view"]), (g["root"], g["view"])
    assert len(g["outputs"]) == OUTPUTS[network]
    for box in g["outputs"]:
        assert inside(box, g["view"]), (box, g["view"])
    assert g["least"] >= READABLE, (g["least"], g["where"])
    assert console_errors(wide) == []


@pytest.mark.parametrize("network", ["2-4-4-1", "3-5-5-2"])
def test_fit_never_shrinks_text_below_readable_and_shows_the_output_end(wide, pages, network):
    from selenium.webdriver.support.ui import Select

    open_page(wide, pages[network])
    for layout in ("LR", "TB"):
        Select(by_id(wide, "layout")).select_by_value(layout)
        for button in ("zoom-in", "zoom-out", "zoom-out", "zoom-out", "zoom-fit"):
            by_id(wide, button).click()
        g = geometry(wide)
        assert g["least"] >= READABLE, (layout, g["least"], g["where"])
        assert inside(g["root"], g["view"]), (layout, g["root"], g["view"])
    by_id(wide, "zoom-out").click()  # zooming out stays possible: the user's choice, not the page's
    assert geometry(wide)["least"] < READABLE


def test_the_side_panel_shows_a_gradient_only_from_the_step_that_computes_it(wide, pages):
    open_page(wide, pages["2-4-4-1"])
    data = wide.execute_script("return JSON.parse(document.getElementById('graph-data').textContent)")
    node = next(i for i, n in enumerate(data["nodes"]) if n["name"] == "out_h1_1")
    step, grad = data["nodes"][node]["step"], data["nodes"][node]["replay"]
    by_id(wide, "tape-reset").click()
    wide.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", wide.find_element("css selector", '#graph g[data-node="out_h1_1"]'))
    for k in range(step):
        details = by_id(wide, "details").text
        assert grad not in details and f"computed at step {step}" in details, (k, details)
        by_id(wide, "tape-next").click()
    details = by_id(wide, "details").text  # step `step`: backward() processes out_h1_1
    assert f"grad\n{grad}" in details or f"grad {grad}" in details, details
    assert f"= {grad}" in wide.execute_script("return document.querySelector('#details pre.explain').textContent")
    click_node(wide, "E_total")
    assert console_errors(wide) == []


def test_an_unlabelled_value_is_shown_by_its_readable_name_in_the_drawing_and_the_panel(wide, tmp_path):
    require_dot()
    page = tmp_path / "neuron.html"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    argv = ["--expr", "o = tanh(x1*w1 + x2*w2 + b)", "--set", "x1=2", "x2=0", "w1=-3", "w2=1", "b=6.88", "explore", "--out", str(page), "--params", "w1,w2,b"]
    done = subprocess.run([sys.executable, "-m", "autograd_mini", *argv], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    open_page(wide, page)
    texts = wide.execute_script("return Array.prototype.map.call(document.querySelectorAll('#graph g.value text'), function (t) { return t.textContent; })")
    assert {"x1*w1", "x2*w2", "x1*w1 + x2*w2", "x1*w1 + x2*w2 + b"} <= set(texts) and not [t for t in texts if t.startswith("#")]
    click_node(wide, "#2")  # a real click in the middle of the (unfilled) record
    assert by_id(wide, "details").text.startswith("#2 = x1*w1")  # the panel names it as explain does, and as drawn
    assert console_errors(wide) == []
