"""Expression drawings (``--expr … draw``, the full view) as users see them: data flows one way, every arrow
from an input toward the root (measured in headless Chromium: each edge's path ends and arrowhead against
its nodes' centres); ``--set`` names are inputs unless ``--params`` names them; unlabelled values are named
by what computes them (``x1*w1``), never ``#3``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from browsers import browser_fixture
from graph_fixtures import require_dot

from autograd_mini import Value
from autograd_mini.drawing.draw import draw_dot
from autograd_mini.drawing.readable import LIMIT, readable_names
from autograd_mini.engine import topological_order
from autograd_mini.expr import parse_expression
from autograd_mini.graph import names, post_format

ROOT = Path(__file__).resolve().parents[2]
driver = browser_fixture()
NEURON = ["--expr", "n = x1*w1 + x2*w2 + b; o = tanh(n)", "--set", "x1=2", "x2=0", "w1=-3", "w2=1", "b=6.8813735870195432"]
INPUT, PARAMETER = 'fillcolor="#d4edda"', 'fillcolor="#cfe2ff"'
USER_FILE = '''
from nn import MLP
from nn.losses import quadratic_cost


def loss():
    model = MLP(2, [4, 4, 1], activation="sigmoid", seed=0)
    return quadratic_cost(model([0.05, 0.1]), [0.01])
'''


def cli(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """``python -m autograd_mini ARGV`` in a subprocess, as a user types it."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "autograd_mini", *argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def node_lines(source: str) -> dict[str, str]:
    """A DOT source's value records: the name shown -> the node's line."""
    return {m.group(2): m.group(0) for m in re.finditer(r'^\s*(n\d+) \[label="\{ (.*?) \|.*$', source, flags=re.M)}


# ---------------------------------------------------------------------- roles: inputs unless --params
def test_set_names_are_inputs_unless_params_names_them():
    plain = cli(*NEURON, "draw")
    assert plain.returncode == 0, plain.stderr
    lines = node_lines(plain.stdout)
    for name in ("x1", "x2", "w1", "w2", "b"):
        assert INPUT in lines[name] and PARAMETER not in lines[name], lines[name]
    assert ">parameter</td>" not in plain.stdout  # the legend lists the roles present
    named = cli("draw", *NEURON, "--params", "w1,w2", "--params", "b")  # graph options go before or after the command
    assert named.returncode == 0, named.stderr
    lines = node_lines(named.stdout)
    assert all(PARAMETER in lines[name] for name in ("w1", "w2", "b"))
    assert all(INPUT in lines[name] for name in ("x1", "x2"))


@pytest.mark.parametrize(
    "argv, words",
    [
        (NEURON + ["--params", "w1,w9,q", "draw"], ["--params: w9, q have no --set value", "x1, x2, w1, w2, b"]),
        (["draw", *NEURON, "--params", "x3"], ["--params: x3 has no --set value"]),  # after the command too
        (NEURON + ["--params", "w1,", "draw"], ["--params: expected names separated by commas"]),
        (["--params", "w1", "draw"], ["--params names parameters among the names of --expr"]),
        (["--params", "w1", "examples"], ["takes no --expr, --set or --graph (nor --params)"]),
    ],
)
def test_bad_params_are_usage_errors_naming_what_is_wrong(argv, words):
    done = cli(*argv)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


def test_parse_expression_params():
    every = parse_expression("y = a*b", {"a": 2, "b": 3})
    assert {n.label: n.role for n in topological_order(every) if not n.children} == {"a": "parameter", "b": "parameter"}  # the default
    some = parse_expression("y = a*b", {"a": 2, "b": 3}, params=["b"])
    assert {n.label: n.role for n in topological_order(some) if not n.children} == {"a": "input", "b": "parameter"}
    none = parse_expression("y = a*b", {"a": 2, "b": 3}, params=())
    assert {n.role for n in topological_order(none) if not n.children} == {"input"}
    with pytest.raises(ValueError, match=r"^parse_expression: params names 'c', which no value is given for; the names given values are a, b"):
        parse_expression("y = a*b", {"a": 2, "b": 3}, params=["a", "c"])
    with pytest.raises(TypeError, match="^parse_expression: params must be a list of names"):
        parse_expression("y = a*b", {"a": 2, "b": 3}, params="a")
    with pytest.raises(TypeError, match="^parse_expression: "):
        parse_expression("y = a*b", {"a": 2, "b": 3}, params=[1])


# ---------------------------------------------------------------------- readable names
def _names(root: Value) -> list[str]:
    order = topological_order(root)
    shown = readable_names(order, names(order), post_format)
    return [shown[id(node)] for node in order]


def test_unlabelled_values_are_named_by_what_computes_them():
    x1, x2, w1, w2, b = (Value(float(i + 1), n) for i, n in enumerate(["x1", "x2", "w1", "w2", "b"]))
    n = x1 * w1 + x2 * w2 + b
    assert _names(n.tanh()) == ["x1", "w1", "x1*w1", "x2", "w2", "x2*w2", "x1*w1 + x2*w2", "b", "x1*w1 + x2*w2 + b", "tanh(x1*w1 + x2*w2 + b)"]
    assert _names((x1 - (x2 - b)) / (x1 * x2))[-1] == "(x1 - (x2 - b))/(x1*x2)"
    assert _names((x1**2) ** 3)[-1] == "(x1**2)**3" and _names(x1 ** (x2**b))[-1] == "x1**x2**b"
    negative = -x1
    assert _names(-negative)[-1] == "-(-x1)" and _names(x1 * -2.0)[-1] == "x1*(-2)" and _names(2**x1)[-1] == "2**x1"
    assert _names(x1 * 0.01) == ["x1", "0.01", "x1*0.01"]  # an unlabelled constant by its number
    assert _names(Value(2.0) * x1)[0] == "#0"  # an unlabelled leaf that is not a constant: #i, as explain says
    from autograd_mini.engine import dot, sum_values

    assert _names(dot([w1, w2], [x1, x2], b))[-1] == "w1*x1 + w2*x2 + b"
    assert _names(sum_values([x1, x2 * b, w1]))[-1] == "x1 + x2*b + w1"
    hostile = Value(1.0, "</script> @@DATA@@ " + "z" * 50) * x1
    assert _names(hostile)[-1] == "…*x1"  # a long label is never cut in two inside a name


def test_names_stay_short_and_naming_is_linear_however_deep():
    xs = [Value(float(k), f"x{k}") for k in range(100)]
    total = xs[0]
    for x in xs[1:]:  # a 100-term sum, unlabelled all the way
        total = total + x
    shown = _names(total)
    assert max(map(len, shown)) <= LIMIT and shown[-1].startswith("… + ") and shown[-1].endswith(" + x99")
    deep = Value(0.5, "x")
    for _ in range(20_000):  # deeper than Python's recursion limit: a loop, no recursion
        deep = deep.tanh()
    last = _names(deep)[-1]
    assert last.startswith("tanh(") and "…" in last and len(last) <= LIMIT


def test_drawings_show_readable_names_never_hash_numbers():
    done = cli(*NEURON, "draw")
    assert done.returncode == 0, done.stderr
    shown = node_lines(done.stdout)
    assert {"x1*w1", "x2*w2", "x1*w1 + x2*w2", "n", "o"} <= set(shown)  # n = x1*w1 + x2*w2 + b has its own name
    assert not [name for name in shown if name.startswith("#")]


# ---------------------------------------------------------------------- one direction, in the source
def test_every_edge_is_written_from_an_input_to_the_op_it_feeds():
    root = parse_expression("y = a*b + c*2 + a", {"a": 2, "b": 3, "c": 4}, params=["b"])
    root.backward()
    for rankdir in ("LR", "TB"):
        for labels in (None, "both"):
            source = draw_dot(root, rankdir=rankdir, edge_labels=labels).source
            assert not re.search(r"[ \[]dir=", source)
            visible = [m for m in re.finditer(r"^\s*(n\d+(?:op)?) -> (n\d+(?:op)?)(.*)$", source, flags=re.M) if "invis" not in m.group(3)]
            assert len(visible) == sum(len(n.children) + 1 for n in topological_order(root) if n.children)
            for m in visible:  # value -> op (its input) or op -> its value
                tail, head = m.group(1), m.group(2)
                assert (not tail.endswith("op") and head.endswith("op")) or (tail.endswith("op") and head == tail[:-2]), m.group(0)


# ---------------------------------------------------------------------- one direction, as drawn
#: For every visible edge: its tail's and head's shapes (boxes and centres), its path's first and last points and
#: its arrowhead's box, in screen px (y down).
ARROWS = """
function box(r) { return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, centre: [(r.left + r.right) / 2, (r.top + r.bottom) / 2]}; }
function at(path, length) { var p = path.getPointAtLength(length).matrixTransform(path.getScreenCTM()); return [p.x, p.y]; }
var nodes = {};
document.querySelectorAll("g.node").forEach(function (g) {
  nodes[g.querySelector("title").textContent] = box(g.querySelector("polygon, ellipse, path").getBoundingClientRect()); });
var edges = [];
document.querySelectorAll("g.edge").forEach(function (g) {
  var path = g.querySelector("path"), head = g.querySelector("polygon");
  if (!path) return;
  var ends = g.querySelector("title").textContent.split("->");
  edges.push({title: ends.join("->"), tail: nodes[ends[0]], head: nodes[ends[1]], start: at(path, 0),
              end: at(path, path.getTotalLength()), arrow: head ? box(head.getBoundingClientRect()) : null});
});
return {edges: edges, nodes: nodes};
"""


def _gap(point, box) -> float:
    """How far a point lies outside a box (0 inside or on it), in px."""
    dx = max(box["left"] - point[0], 0.0, point[0] - box["right"])
    dy = max(box["top"] - point[1], 0.0, point[1] - box["bottom"])
    return (dx * dx + dy * dy) ** 0.5


def _touch(a, b) -> float:
    """The gap between two boxes (0 when they meet or overlap), in px."""
    dx = max(a["left"] - b["right"], 0.0, b["left"] - a["right"])
    dy = max(a["top"] - b["bottom"], 0.0, b["top"] - a["bottom"])
    return (dx * dx + dy * dy) ** 0.5


@pytest.fixture(scope="module")
def drawings(tmp_path_factory):
    """SVGs written by the real command line: the neuron expression (inputs; --params), a longer expression,
    a user's 2-4-4-1 network and Mazur; left to right and top to bottom."""
    require_dot()
    folder = tmp_path_factory.mktemp("expression-drawings")
    (folder / "my_net.py").write_text(USER_FILE, encoding="utf-8")
    graphs = {
        "neuron": NEURON,
        "neuron-params": NEURON + ["--params", "w1,w2,b"],
        "karpathy": ["--expr", "e = a*b; d = e + c; L = d*f", "--set", "a=2", "b=-3", "c=10", "f=-2", "--params", "f"],
        "constants": ["--expr", "y = 3*x*x + 2*x - 1/x", "--set", "x=2", "--params", "x"],
        "2-4-4-1": ["--graph", "my_net.py:loss"],
        "mazur": ["--example", "mazur"],
    }
    out = {}
    for name, graph in graphs.items():
        for rankdir in ("LR", "TB"):
            svg = folder / f"{name}-{rankdir}.svg"
            done = cli(*graph, "draw", "--rankdir", rankdir, "--out", str(svg), cwd=folder)
            assert done.returncode == 0, done.stderr
            out[name, rankdir] = svg
    return out


@pytest.mark.browser
@pytest.mark.render
@pytest.mark.slow
@pytest.mark.parametrize("rankdir", ["LR", "TB"])
@pytest.mark.parametrize("graph", ["neuron", "neuron-params", "karpathy", "constants", "2-4-4-1", "mazur"])
def test_every_arrow_points_from_an_input_toward_the_root(driver, drawings, graph, rankdir):
    driver.get(drawings[graph, rankdir].as_uri())
    shown = driver.execute_script(ARROWS)
    edges = shown["edges"]
    assert edges and all(e["tail"] and e["head"] for e in edges)
    along = 0 if rankdir == "LR" else 1  # left to right, or top to bottom
    for e in edges:
        assert _gap(e["start"], e["tail"]) <= 3, e  # it leaves its tail's shape
        assert e["arrow"] and _touch(e["arrow"], e["head"]) <= 3, e  # its arrowhead sits on its head's shape
        assert _touch(e["arrow"], e["tail"]) > 3 or _gap(e["end"], e["tail"]) > _gap(e["end"], e["head"]), e
        assert e["head"]["centre"][along] > e["tail"]["centre"][along], e  # toward the root: rightwards, or downwards
        assert e["arrow"]["centre"][along] > e["start"][along], e
    tails = {e["title"].split("->")[0] for e in edges}
    (root,) = [title for title in shown["nodes"] if title not in tails and re.fullmatch(r"n\d+", title)]  # feeds nothing
    assert shown["nodes"][root]["centre"][along] == max(b["centre"][along] for b in shown["nodes"].values())  # at the far end
