"""Drawing a computation graph with Graphviz: every value, every gradient, every edge.

    from autograd_mini.draw import draw_dot, save
    dot = draw_dot(E_total)                  # a graphviz.Digraph; a notebook shows it inline (SVG)
    save(dot, "mazur.svg")                   # or .png / .pdf (needs Graphviz's dot), .dot / .gv (source)

Each value is a record ``label | data | grad`` (``out_h1 | 0.593269992 | 0.036350306``); the op that made
it (``dot``, ``sigmoid``, ``sum`` …) sits in a small ellipse between its inputs and it. Every edge is drawn,
a repeated input too (``x * x`` shows two edges from ``x``), optionally labelled with its local derivative
``∂parent/∂input`` and/or its contribution ``local × parent.grad`` to the input's gradient. Roles are
coloured and explained by a legend: parameters, frozen parameters (dashed, grey), inputs, constants and the
output/loss. Clusters box layers, neurons and the loss (see `autograd_mini.clusters`); ``highlight="w1"``
marks every path from w1 to the root. Node ids are ``n<i>`` with ``i`` the position in
`topological_order`, so the same graph gives the same DOT source on every run.

Graphviz's ``dot`` lays out ~1,000 values in about a second and ~3,000 in tens of seconds, so graphs
above ``max_nodes`` (default 1000) are refused with an error saying what to do.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Literal, Optional, Union

import graphviz

from autograd_mini.graph import NumberFormat, dependents, find_node, formatter, names
from autograd_mini.clusters import ClusterSpec, assign_clusters
from autograd_mini.engine import Value, topological_order

__all__ = ["draw_dot", "save", "Drawing", "GraphTooLargeError", "GraphvizNotFoundError", "RenderError", "FORMATS", "INSTALL_HINT"]

EdgeLabels = Literal["local", "contribution", "both", None]
FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": None, ".gv": None}
DEFAULT_MAX_NODES = 1000
INSTALL_HINT = (
    "Graphviz's 'dot' program is needed to render graphs and was not found on PATH. Install it: "
    "'sudo apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' (macOS), or without root "
    "'pip install graphviz-pure', a wheel whose 'graphviz-pure' program works as dot for SVG and PNG once "
    "linked under that name ('ln -s \"$(which graphviz-pure)\" ~/.local/bin/dot'). The DOT source (draw_dot(...).source, or "
    "save() to a .dot file) needs no Graphviz."
)

# role -> (legend text, node attributes)
_ROLES: dict[str, tuple[str, dict[str, str]]] = {
    "parameter": ("parameter", {"style": "filled", "fillcolor": "#cfe2ff"}),
    "frozen": ("frozen parameter", {"style": "filled,dashed", "fillcolor": "#e9ecef", "color": "#4a6fa5"}),
    "input": ("input", {"style": "filled", "fillcolor": "#d4edda"}),
    "constant": ("constant", {"style": "filled,dotted", "fillcolor": "#f8f9fa", "fontcolor": "#555555"}),
    "output": ("output / loss", {"style": "filled,bold", "fillcolor": "#ffe0b3", "penwidth": "2"}),
    "": ("computed value", {}),
}
_HIGHLIGHT = {"color": "#d62728", "penwidth": "2.5"}
_RANKDIRS = ("LR", "TB", "RL", "BT")
_EDGE_LABELS = ("local", "contribution", "both", None)


class RenderError(RuntimeError):
    """Graphviz's dot ran but could not produce the format asked for; the message says what it said."""


class GraphTooLargeError(ValueError):
    """The graph has more values than ``max_nodes``; the message says how many and what to do."""


class GraphvizNotFoundError(graphviz.ExecutableNotFound):
    """Graphviz's ``dot`` is missing; the message says how to install it."""

    def __init__(self, message: str = INSTALL_HINT) -> None:
        RuntimeError.__init__(self, message)


class Drawing(graphviz.Digraph):
    """A `graphviz.Digraph` whose rendering, when ``dot`` is missing, raises `GraphvizNotFoundError`
    (saying how to install Graphviz) instead of graphviz's generic message."""

    def pipe(self, *args, **kwargs):  # type: ignore[override]
        try:
            return super().pipe(*args, **kwargs)
        except graphviz.ExecutableNotFound as error:
            raise GraphvizNotFoundError() from error

    def render(self, *args, **kwargs):  # type: ignore[override]
        try:
            return super().render(*args, **kwargs)
        except graphviz.ExecutableNotFound as error:
            raise GraphvizNotFoundError() from error


def draw_dot(
    root: Value,
    *,
    rankdir: str = "LR",
    number_format: NumberFormat = None,
    edge_labels: EdgeLabels = None,
    clusters: ClusterSpec = None,
    inherit_clusters: bool = True,
    highlight: Union[Value, str, Iterable[Union[Value, str]], None] = None,
    legend: bool = True,
    max_nodes: Optional[int] = DEFAULT_MAX_NODES,
    format: str = "svg",
    title: Optional[str] = None,
) -> Drawing:
    """The computation graph ending at ``root`` as a `graphviz.Digraph` (a `Drawing`).

    Args:
        root: the output or loss (e.g. ``E_total``); call ``root.backward()`` first to show gradients.
        rankdir: ``"LR"`` (left to right, default) or ``"TB"`` (top to bottom); also ``"RL"``, ``"BT"``.
        number_format: a format string (``"{:.4f}"``) or a function float -> str; default: 9 decimals,
            trailing zeros dropped, as the Mazur post prints (``0.593269992``, ``0.4``).
        edge_labels: label each input edge with ``"local"`` (∂parent/∂input), ``"contribution"``
            (local × parent.grad, what backward() adds to the input's grad) or ``"both"``; None: no labels.
        clusters: boxes for layers/neurons/loss: ``"layers"``, ``"neurons"``, `layer_clusters(model)`, a
            mapping node -> name or a function (see `autograd_mini.clusters`).
        inherit_clusters: nodes without a box join the box of the nodes computed from them.
        highlight: a parameter (or its label, or several): every path from it to the root is drawn red.
        legend: draw the legend of roles (and of edge labels / highlight when used).
        max_nodes: refuse graphs with more values than this (None: no limit); see `GraphTooLargeError`.
        format: the output format when rendered (``"svg"``, ``"png"``, ``"pdf"``).
        title: a caption above the graph.

    Raises:
        GraphTooLargeError: more values than ``max_nodes``.
        ValueError: an unknown ``rankdir``/``edge_labels``/``clusters`` preset, or ``highlight`` not in the graph.
    """
    if not isinstance(root, Value):
        raise TypeError(f"draw_dot: root must be a Value (the output or loss, e.g. E_total), got {type(root).__name__}: {root!r}")
    if rankdir not in _RANKDIRS:
        raise ValueError(f"draw_dot: rankdir must be one of {', '.join(_RANKDIRS)} ('LR' left to right, 'TB' top to bottom), got {rankdir!r}")
    if edge_labels not in _EDGE_LABELS:
        raise ValueError(f"draw_dot: edge_labels must be 'local', 'contribution', 'both' or None, got {edge_labels!r}")
    order = topological_order(root)
    _check_size(order, root, max_nodes)
    fmt = formatter(number_format)
    name_of = names(order)
    index = {id(node): i for i, node in enumerate(order)}
    boxes = assign_clusters(order, clusters, inherit_clusters)
    lit = _highlighted(root, order, highlight)

    g = Drawing(name=_escape_plain(name_of[id(root)]), format=format)
    g.attr(rankdir=rankdir)
    g.attr("node", fontsize="11")
    g.attr("edge", fontsize="9")
    if title:
        g.attr(label=_escape_plain(title), labelloc="t", fontsize="14")

    statements: dict[Optional[tuple[str, ...]], list[tuple[str, tuple, dict]]] = {}
    for node in order:
        i = index[id(node)]
        attrs = dict(_ROLES[_role_key(node, root)][1])
        if id(node) in lit:
            attrs.update(_HIGHLIGHT)
        statements.setdefault(boxes.get(id(node)), []).append(
            ("node", (f"n{i}",), {"label": _record(node, name_of[id(node)], fmt, rankdir), "shape": "record", **attrs})
        )
        if node.children:
            op_attrs = {"label": _escape_plain(node.op), "shape": "ellipse", "fontsize": "10", "height": "0.3", "margin": "0.02"}
            if id(node) in lit:
                op_attrs.update(_HIGHLIGHT)
            statements[boxes.get(id(node))].append(("node", (f"n{i}op",), op_attrs))

    _emit(g, statements)
    for node in order:  # edges: every input, in order, repeated ones too
        i = index[id(node)]
        if not node.children:
            continue
        on_path = id(node) in lit
        g.edge(f"n{i}op", f"n{i}", **(_HIGHLIGHT if on_path else {}))
        for child, local in zip(node.children, node.local_grads):
            attrs = dict(_HIGHLIGHT) if on_path and id(child) in lit else {}
            text = _edge_text(local, local * node.grad, edge_labels, fmt)
            if text:
                attrs["label"] = text
            g.edge(f"n{index[id(child)]}", f"n{i}op", **attrs)
    if legend:
        _legend(g, order, root, edge_labels, bool(lit), highlight, name_of)
    return g


def save(graph: Union[graphviz.Digraph, Value], path: Union[str, os.PathLike], **draw_options) -> Path:
    """Write a drawing to ``path``; the suffix picks the format: ``.svg``, ``.png``, ``.pdf`` (rendered
    with Graphviz's dot) or ``.dot``/``.gv`` (the DOT source, no Graphviz needed).

    ``graph`` is a drawing from `draw_dot`, or a root Value (then ``draw_options`` go to `draw_dot`).
    Missing parent directories are created. Returns the path written.

    Raises:
        ValueError: an unsupported suffix.
        GraphvizNotFoundError: rendering needs ``dot`` and it is not installed (the message says how).
        OSError: the file cannot be written (the message names it).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"save: cannot tell the format of {str(path)!r}; use a file ending in {', '.join(FORMATS)}")
    if isinstance(graph, Value):
        graph = draw_dot(graph, **draw_options)
    elif draw_options:
        raise TypeError(f"save: drawing options {sorted(draw_options)} need a root Value, not an already drawn graph")
    if not isinstance(graph, graphviz.Digraph):
        raise TypeError(f"save: expected a drawing from draw_dot() or a root Value, got {type(graph).__name__}")
    fmt = FORMATS[suffix]
    if fmt is None:
        data = graph.source.encode("utf-8")
    else:
        try:
            data = graph.pipe(format=fmt)
        except graphviz.ExecutableNotFound as error:
            raise GraphvizNotFoundError() from error
        except graphviz.CalledProcessError as error:  # e.g. graphviz-pure's dot has no PDF writer
            said = (error.stderr or b"").decode("utf-8", "replace").strip().splitlines()
            raise RenderError(
                f"save: Graphviz's dot could not write {suffix} for {str(path)!r}: {said[-1] if said else error}. "
                "Try .svg or .png, or install the full Graphviz (apt-get install graphviz / brew install graphviz)."
            ) from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        raise type(error)(error.errno, f"save: cannot write {str(path)!r}: {error.strerror}") from None
    return path


# ---------------------------------------------------------------------- pieces
def _check_size(order: list[Value], root: Value, max_nodes: Optional[int]) -> None:
    if max_nodes is None:
        return
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"draw_dot: max_nodes must be a positive int or None, got {max_nodes!r}")
    if len(order) > max_nodes:
        edges = sum(len(n.children) for n in order)
        name = repr(root.label) if root.label else "the root"
        raise GraphTooLargeError(
            f"draw_dot: the graph of {name} has {len(order):,} values and {edges:,} edges, more than "
            f"max_nodes={max_nodes:,}. Graphviz's dot takes about a second for 1,000 values and tens of seconds "
            "for 3,000. Draw a smaller part (draw_dot of an intermediate node, e.g. one neuron's out_h1), build "
            "the graph with fewer, bigger nodes (sum_values()/dot() instead of chains of +), or raise the limit: "
            f"draw_dot(root, max_nodes={len(order)})."
        )


def _role_key(node: Value, root: Value) -> str:
    if node is root:
        return "output"
    if node.role == "parameter" and node.frozen:
        return "frozen"
    return node.role if node.role in _ROLES else ""


def _record(node: Value, name: str, fmt, rankdir: str) -> str:
    """``label | data | grad`` as a record label: fields side by side in either direction."""
    shown = name + (" (frozen)" if node.role == "parameter" and node.frozen else "")
    fields = f"{_escape_record(shown)} | data {_escape_record(fmt(node.data))} | grad {_escape_record(fmt(node.grad))}"
    return "{ " + fields + " }" if rankdir in ("LR", "RL") else fields


def _escape_record(text: str) -> str:
    r"""Text shown as written inside a record field: ``{ } | < >`` and ``\ "`` are escaped, newlines kept as spaces."""
    out = []
    for ch in text:
        if ch in "{}|<>\\\"":
            out.append("\\" + ch)
        else:
            out.append(" " if ch in "\n\r" else ch)
    return "".join(out)


def _escape_plain(text: str) -> graphviz.nohtml:
    r"""Text shown as written in a plain label (op, cluster, legend, title): ``\`` and ``"`` escaped, never HTML."""
    return graphviz.nohtml(text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " "))


def _edge_text(local: float, contribution: float, mode: EdgeLabels, fmt) -> str:
    parts = []
    if mode in ("local", "both"):
        parts.append(f"∂ {fmt(local)}")
    if mode in ("contribution", "both"):
        parts.append(f"+= {fmt(contribution)}")
    return "\\n".join(_escape_plain(p) for p in parts)


def _highlighted(root: Value, order: list[Value], highlight) -> set[int]:
    if highlight is None:
        return set()
    targets = [highlight] if isinstance(highlight, (Value, str)) else list(highlight)
    lit: set[int] = set()
    for t in targets:
        lit |= dependents(order, find_node(root, t, order, what="highlight"))
    return lit


def _emit(g: graphviz.Digraph, statements: dict) -> None:
    """Add node statements, nesting ``subgraph cluster_…`` boxes by cluster path, in first-seen order."""
    tree: dict = {"items": [], "children": {}}
    for path, items in statements.items():
        branch = tree
        for part in path or ():
            branch = branch["children"].setdefault(part, {"items": [], "children": {}})
        branch["items"].extend(items)

    def fill(sub: graphviz.Digraph, branch: dict, prefix: str) -> None:
        for _, args, attrs in branch["items"]:
            sub.node(*args, **attrs)
        for k, (name, child) in enumerate(branch["children"].items()):
            cid = f"{prefix}_{k}"
            with sub.subgraph(name=cid) as box:
                box.attr(label=_escape_plain(name), style="rounded,dashed", color="#888888", fontsize="12")
                fill(box, child, cid)

    fill(g, tree, "cluster")


def _legend(g: graphviz.Digraph, order: list[Value], root: Value, edge_labels: EdgeLabels, lit: bool, highlight, name_of) -> None:
    present = []
    for key in ("parameter", "frozen", "input", "constant", "", "output"):
        if any(_role_key(n, root) == key for n in order):
            present.append(key)
    with g.subgraph(name="cluster_legend") as box:
        box.attr(label="legend", style="rounded", color="#bbbbbb", fontsize="12")
        box.node("legend_record", label="{ label | data: value | grad: ∂root/∂value }", shape="record", fontsize="10")
        for key in present:
            text, attrs = _ROLES[key]
            box.node(f"legend_{key or 'value'}", label=text, shape="box", fontsize="10", **attrs)
        if edge_labels:
            box.node(
                "legend_edges",
                label=_escape_plain("edge labels: ∂ local derivative ∂parent/∂input; += local × parent grad (added to the input's grad)"),
                shape="plaintext",
                fontsize="10",
            )
        if lit:
            targets = [highlight] if isinstance(highlight, (Value, str)) else list(highlight)
            sources = ", ".join(name_of[id(find_node(root, t, order))] for t in targets)
            text = f"on a path from {sources} to {name_of[id(root)]}"
            box.node("legend_highlight", label=_escape_plain(text), shape="box", fontsize="10", **_HIGHLIGHT)
        ids = ["legend_record"] + [f"legend_{key or 'value'}" for key in present]
        ids += ["legend_edges"] * bool(edge_labels) + ["legend_highlight"] * lit
        for a, b in zip(ids, ids[1:]):  # invisible edges: the legend is a strip along rankdir
            box.edge(a, b, style="invis")
