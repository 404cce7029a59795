"""Drawing a computation graph with Graphviz: every value, every gradient, every edge — or a slide.

    from autograd_mini.drawing.draw import draw_dot, save
    drawing = draw_dot(E_total)                  # the full view; a notebook shows it inline (SVG)
    save(drawing, "mazur.svg")                   # or .png / .pdf (needs Graphviz's dot), .dot / .gv (source)
    save(draw_dot(E_total, view="slide"), "mazur-slide.svg")   # the post's own diagram style

Two views of the same graph:

* ``view="full"`` (default): each value is a record ``label | data | grad`` (``out_h1 | 0.593269992 |
  0.036350306``); the op that made it (``dot``, ``sigmoid``, ``sum`` …) sits in a small ellipse between its
  inputs and it. Every edge is drawn, a repeated input too (``x * x`` shows two edges from ``x``),
  optionally labelled with its local derivative ∂parent/∂input and/or its contribution ``local ×
  parent.grad`` to the input's gradient.
* ``view="slide"``: the diagram of the lectures, legible on a 1920×1080 slide: a neuron is one node
  ``net_h1 | out_h1`` with a row per weight it multiplies (``w5 = 0.4000 | ∂E/∂w5 = 0.0822``),
  constants are folded into the expression that uses them (``E_o1 = ½(0.01 − out_o1)²``), straight
  edges, 4 decimals or 3 significant figures, a sans-serif font (see `autograd_mini.drawing.slide`).

Both follow the network: inputs first, then each layer's neurons in index order, layer by layer, left to
right (``rankdir="LR"``) or top to bottom (``"TB"``), never mirrored. ``fields=("data",)`` draws the
forward pass only (no gradient anywhere). Roles are coloured and explained by a legend strip: parameters,
frozen parameters (dashed, grey), inputs, constants and the output/loss. Clusters box layers, neurons and
the loss (see `autograd_mini.drawing.clusters`); ``highlight="w1"`` marks every path from w1 to the root.

When the gradients on the graph are not those of exactly one ``backward()`` from the root (never run:
every grad 0; run twice: leaf grads doubled; run from another root) the drawing says so in its caption
and `draw_dot` warns with a `StaleGradientsWarning`.

Graphviz's ``dot`` lays out ~1,000 values in about a second and ~3,000 in tens of seconds, so graphs with
more than ``max_nodes`` values (default 1000) or ``max_edges`` edges (default 3000) are refused with a
`GraphTooLargeError` saying what to do. Building a drawing needs no Graphviz; rendering does (see
`autograd_mini.drawing.render`).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Union, get_args

from autograd_mini import validate
from autograd_mini.drawing.clusters import ClusterSpec, assign_clusters
from autograd_mini.drawing.dot import Dot, emit_clusters, escape_plain, escape_record
from autograd_mini.drawing.plan import EdgeLabels, Highlight, Plan
from autograd_mini.drawing.readable import readable_names
from autograd_mini.drawing.render import (
    FORMATS,
    INSTALL_HINT,
    RENDER_FORMATS,
    Drawing,
    GraphvizNotFoundError,
    RenderError,
    render_dot,
    utf8,
)
from autograd_mini.drawing.style import HIGHLIGHT, ROLES, caption, role_key, short
from autograd_mini.engine import Value, topological_order
from autograd_mini.files import write_atomically
from autograd_mini.graph import NumberFormat, check_root, dependents, find_node, formatter, mismatches, names

__all__ = [
    "draw_dot", "save", "Drawing", "GraphTooLargeError", "GraphvizNotFoundError", "RenderError", "StaleGradientsWarning",
    "FORMATS", "INSTALL_HINT", "VIEWS", "FIELDS", "DEFAULT_MAX_NODES", "DEFAULT_MAX_EDGES",
]  # fmt: skip

VIEWS = ("full", "slide")
FIELDS = ("data", "grad")
DEFAULT_MAX_NODES = 1000
DEFAULT_MAX_EDGES = 3000
RANKDIRS = ("LR", "TB", "RL", "BT")
EDGE_LABELS = get_args(EdgeLabels)  # ("local", "contribution", "both", None)
FONT = "Helvetica,Arial,sans-serif"


class GraphTooLargeError(ValueError):
    """The graph has more values than ``max_nodes`` or more edges than ``max_edges``; the message says
    how many and what to do."""


class StaleGradientsWarning(UserWarning):
    """The gradients on the graph are not those of exactly one ``backward()`` from the drawn root."""


def draw_dot(
    root: Value,
    *,
    view: str = "full",
    fields: Iterable[str] = FIELDS,
    rankdir: str = "LR",
    number_format: NumberFormat = None,
    edge_labels: EdgeLabels = None,
    clusters: ClusterSpec = None,
    inherit_clusters: bool = True,
    highlight: Highlight = None,
    legend: bool = True,
    max_nodes: Optional[int] = DEFAULT_MAX_NODES,
    max_edges: Optional[int] = DEFAULT_MAX_EDGES,
    format: str = "svg",
    title: Optional[str] = None,
    _caller: str = "draw_dot",
) -> Drawing:
    """The computation graph ending at ``root`` as a `Drawing` (DOT source; renders to SVG/PNG/PDF).

    Args:
        root: the output or loss (e.g. ``E_total``); call ``root.backward()`` once first to show gradients.
        view: ``"full"`` (every value, op and edge) or ``"slide"`` (neurons as ``net | out`` nodes,
            a row per weight in the neuron it feeds, constants folded in, 4 decimals or 3 significant
            figures below 0.01: the lectures' diagram).
        fields: what each value shows: ``("data", "grad")`` (default), ``("data",)`` for a forward-pass
            drawing with no gradient anywhere, or ``("grad",)``.
        rankdir: ``"LR"`` (left to right, default) or ``"TB"`` (top to bottom); also ``"RL"``, ``"BT"``.
        number_format: a format string (``"{:.4f}"``) or a function float -> str; default: 9 decimals,
            trailing zeros dropped, as the Mazur post prints (``0.593269992``, ``0.4``); 4 decimals (3 significant figures below 0.01) in
            the slide view.
        edge_labels: (full view) label each input edge with ``"local"`` (∂parent/∂input),
            ``"contribution"`` (local × parent.grad, what backward() adds to the input's grad) or
            ``"both"``; None: no labels.
        clusters: boxes for layers/neurons/loss: ``"layers"``, ``"neurons"``, ``nn.layer_clusters(model)``,
            a mapping node -> name or a function (see `autograd_mini.drawing.clusters`).
        inherit_clusters: nodes without a box join the box of the nodes computed from them.
        highlight: a node (or its label, or a list of them): every path from it to the root is drawn red.
        legend: draw the legend strip of roles (and of edge labels / highlight when used).
        max_nodes, max_edges: refuse graphs with more values / edges than this (None: no limit).
        format: what `Drawing.pipe` and notebooks render (``"svg"``, ``"png"``, ``"pdf"``).
        title: a caption above the graph.

    Raises:
        TypeError: an argument of the wrong type (the message names it).
        ValueError: an unknown ``view``/``rankdir``/``edge_labels``/``fields``/``format``/``clusters`` preset,
            or ``highlight`` not in the graph.
        GraphTooLargeError: more values than ``max_nodes`` or edges than ``max_edges``.

    Warns:
        StaleGradientsWarning: the grads are not from exactly one backward() of ``root`` (the caption says so too).
    """
    where = _caller
    check_root(root, where)
    view = validate.choice(view, VIEWS, where, "view")
    shown_fields = _fields(fields, where)
    rankdir = validate.choice(rankdir, RANKDIRS, where, "rankdir ('LR' left to right, 'TB' top to bottom)")
    edge_labels = _edge_labels(edge_labels, view, shown_fields, where)
    inherit = validate.boolean(inherit_clusters, where, "inherit_clusters")
    legend = validate.boolean(legend, where, "legend")
    if title is not None:
        validate.text(title, where, "title")
    validate.choice(format, RENDER_FORMATS, where, "format")
    limits = [None if m is None else validate.integer(m, where, what, low=1) for m, what in ((max_nodes, "max_nodes"), (max_edges, "max_edges"))]
    if number_format is None and view == "slide":
        from autograd_mini.drawing.slide import slide_number

        number_format = slide_number  # 4 decimals; 3 significant figures below 0.01
    fmt = formatter(number_format, where)
    targets = _highlight_targets(highlight, where)
    order = topological_order(root)
    validate.node_data(order, where)  # a .data set to nan or a str after the graph was built: named, never drawn
    _check_size(order, root, limits[0], limits[1], where)
    name_of = names(order, where)
    lit, sources = _lit(root, order, name_of, targets, where)
    boxes = assign_clusters(order, clusters, inherit, where=where)
    notes = _notes(root, order, name_of, shown_fields, where)
    plan = Plan(root, order, name_of, fmt, shown_fields, rankdir, edge_labels, boxes, lit, sources, legend, title, notes)
    return Drawing(_slide(plan) if view == "slide" else _full_source(plan), format, tuple(notes))


def _edge_labels(edge_labels: object, view: str, fields: tuple[str, ...], where: str) -> EdgeLabels:
    """``edge_labels`` checked against the view and the fields shown."""
    mode = validate.choice(edge_labels, EDGE_LABELS, where, "edge_labels")
    if mode is not None and view == "slide":
        raise ValueError(f"{where}: edge_labels={mode!r} is for the full view; the slide view shows each weight in the neuron it feeds (use view='full')")
    if mode in ("contribution", "both") and "grad" not in fields:
        raise ValueError(f"{where}: edge_labels={mode!r} shows gradient contributions but fields={fields!r} hides gradients; use edge_labels='local'")
    return mode


def _lit(root: Value, order: list[Value], name_of: dict[int, str], targets: list[Union[Value, str]], where: str) -> tuple[set[int], str]:
    """The nodes on a path from a highlighted node to the root, and the highlighted names."""
    lit: set[int] = set()
    sources = []
    for t in targets:
        node = find_node(root, t, order, what="highlight", where=where)
        lit |= dependents(order, node)
        sources.append(name_of[id(node)])
    return lit, ", ".join(sources)


def _notes(root: Value, order: list[Value], name_of: dict[int, str], fields: tuple[str, ...], where: str) -> list[str]:
    """The caption's notes: stale gradients (warned too) when gradients are shown."""
    if "grad" not in fields:
        return []
    stale = stale_gradients(root, order, name_of[id(root)])
    if not stale:
        return []
    warnings.warn(StaleGradientsWarning(f"{where}: {stale}"), stacklevel=4 if where == "save" else 3)
    return [stale]


def _slide(plan: Plan) -> str:
    from autograd_mini.drawing.slide import slide_source

    return slide_source(plan)


#: draw_dot's keyword arguments, for save(root, path, **options) to check by name.
DRAW_OPTIONS = draw_dot.__code__.co_varnames[1 : draw_dot.__code__.co_argcount + draw_dot.__code__.co_kwonlyargcount - 1]


def save(graph: Any, path: Union[str, os.PathLike], **draw_options: Any) -> Path:
    """Write a drawing to ``path``; the suffix picks the format: ``.svg``, ``.png``, ``.pdf`` (rendered
    with Graphviz's dot) or ``.dot``/``.gv`` (the DOT source, no Graphviz needed).

    ``graph`` is a `Drawing` from `draw_dot`, or a root Value (then ``draw_options`` go to `draw_dot`).
    Missing parent directories are created. The file is written only once the drawing is complete, so
    an error leaves an existing file as it was. Returns the path written.

    Raises:
        TypeError: ``graph`` is neither a drawing nor a Value, or ``path`` is not a str/path.
        ValueError: an unsupported suffix.
        GraphvizNotFoundError: rendering needs ``dot`` (or the graphviz package) and it is missing.
        RenderError: dot could not render it (the message says why and what to do).
        OSError: the file cannot be written (the message names it).
    """
    target = Path(validate.file_path(path, "save", example="mazur.svg"))
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"save: cannot tell the format of {validate.shown(str(target))[5:]}; use a file ending in {', '.join(FORMATS)}")
    if isinstance(graph, Value):
        unknown = sorted(set(draw_options) - set(DRAW_OPTIONS))
        if unknown:
            raise TypeError(f"save: unknown drawing options {unknown}; draw_dot takes {', '.join(DRAW_OPTIONS)}")
        graph = draw_dot(graph, _caller="save", **draw_options)
    elif draw_options:
        raise TypeError(f"save: drawing options {sorted(draw_options)} need a root Value, not an already drawn graph")
    if not isinstance(graph, Drawing):
        raise TypeError(f"save: expected a drawing from draw_dot() or a root Value, got {validate.shown(graph)}")
    fmt = FORMATS[suffix]
    data = utf8(graph.source) if fmt is None else render_dot(graph.source, fmt, "save", target)
    return write_atomically(target, data, "save")


def stale_gradients(root: Value, order: list[Value], root_name: str) -> Optional[str]:
    """A note when the ``.grad`` fields are not those of exactly one ``backward()`` from ``root``, found by
    replaying one backward pass (`autograd_mini.graph.mismatches`, linear in the graph); None when they are."""
    off = mismatches(order, root)
    if not off:
        return None
    if all(node.grad == 0.0 for node in order):
        why = f"backward() was never run (every grad is 0); call {_call(root_name)} once before drawing"
    else:
        why = (
            f"{len(off)} of {len(order)} grads differ from one backward() of {root_name}: backward() ran more "
            "than once without zero_grad() (leaf grads add up), or from another root; call zero_grad() and "
            f"{_call(root_name)} once"
        )
    return f"note: the gradients shown are not from exactly one backward(): {why}"


def _fields(fields: object, where: str) -> tuple[str, ...]:
    if isinstance(fields, str):
        raise TypeError(f"{where}: fields must be a tuple such as ('data', 'grad') or ('data',), got the str {fields!r}; write fields=({fields!r},)")
    items = validate.sequence(fields, where, "fields", min_length=1)
    for item in items:
        validate.choice(item, FIELDS, where, "each of fields")
    if len(set(items)) != len(items):
        raise ValueError(f"{where}: fields lists a field twice: {tuple(items)!r}")
    return tuple(f for f in FIELDS if f in items)


def _highlight_targets(highlight: object, where: str) -> list[Union[Value, str]]:
    if highlight is None:
        return []
    if isinstance(highlight, (Value, str)):
        return [highlight]
    if isinstance(highlight, (list, tuple, set, frozenset)):
        items = list(highlight)
        for item in items:
            if not isinstance(item, (Value, str)):
                raise TypeError(f"{where}: highlight must be a Value, a label (str) or a list of them, got an item {validate.shown(item)}")
        return items
    raise TypeError(f"{where}: highlight must be a Value, a label (str) or a list of them (e.g. highlight='w1'), got {validate.shown(highlight)}")


def _check_size(order: list[Value], root: Value, max_nodes: Optional[int], max_edges: Optional[int], where: str) -> None:
    edges = sum(len(n.children) for n in order)
    name = repr(short(root.label)) if root.label else "the root"
    over = []
    if max_nodes is not None and len(order) > max_nodes:
        over.append(f"max_nodes={max_nodes:,}")
    if max_edges is not None and edges > max_edges:
        over.append(f"max_edges={max_edges:,}")
    if not over:
        return
    raise GraphTooLargeError(
        f"{where}: the graph of {name} has {len(order):,} values and {edges:,} edges, more than {' and '.join(over)}. "
        "Graphviz's dot takes about a second for 1,000 values and tens of seconds for 3,000. Draw a smaller part "
        "(draw_dot of an intermediate node, e.g. one neuron's out_h1), build the graph with fewer, bigger nodes "
        "(sum_values()/dot() instead of chains of +), or raise the limit: "
        f"draw_dot(root, max_nodes={max(len(order), max_nodes or 1)}, max_edges={max(edges, max_edges or 1)})."
    )


# ---------------------------------------------------------------------- the full view
def _full_source(p: Plan) -> str:
    """The full view's DOT source: every value a record, every op an ellipse, every input an edge."""
    g = Dot(short(p.name_of[id(p.root)]))
    g.attr(rankdir=p.rankdir, newrank="true", ordering="out", nodesep="0.15", ranksep="0.3", fontname=FONT)
    g.attr(remincross="false")  # dot's final crossing pass over the whole graph mirrors layers and swaps neighbours
    g.defaults("node", fontname=FONT, fontsize="12")
    g.defaults("edge", fontname=FONT, fontsize="11")
    _full_nodes(g, p)
    for tail, head, edge_attrs in _full_edges(p):
        g.edge(tail, head, edge_attrs)
    _caption(g, p)
    return g.text()


def _full_nodes(g: Dot, p: Plan) -> None:
    """Each value as a record and the op that made it as an ellipse, in their boxes (invisible ones when no
    boxes are asked for: they keep the layers in order). Unlabelled values get readable names."""
    index = {id(node): i for i, node in enumerate(p.order)}
    shown = readable_names(p.order, p.name_of, p.fmt)
    statements: dict[Optional[tuple[str, ...]], list[tuple[str, dict[str, str]]]] = {}
    boxes = p.boxes or assign_clusters(p.order, "layers", True, "draw_dot")
    for node in p.order:
        i = index[id(node)]
        attrs = {"label": _record(node, shown[id(node)], p), "shape": "record", **ROLES[role_key(node, p.root)][1]}
        if id(node) in p.lit:
            attrs.update(HIGHLIGHT)
        box = statements.setdefault(boxes.get(id(node)), [])
        box.append((f"n{i}", attrs))
        if node.children:
            op = {"label": escape_plain(short(node.op)), "shape": "ellipse", "height": "0.3", "margin": "0.02"}
            if id(node) in p.lit:
                op.update(HIGHLIGHT)
            box.append((f"n{i}op", op))
    emit_clusters(g, statements, {"style": "rounded,dashed", "color": "#888888", "fontsize": "13"} if p.boxes else {"style": "invis"})


def _full_edges(p: Plan) -> list[tuple[str, str, Optional[dict[str, str]]]]:
    """Every input edge, in order (repeated inputs too), then each op's edge to its value: every edge
    points from an input toward the root, so data flows one way (left to right, or top to bottom).

    The leaves an op takes besides its data (weights, biases, constants: any leaf that is not an input)
    sit in a column of their own just before it: the op's data (computed values, inputs) is kept one
    column further back (``minlen=2``) and holds those leaves in order with invisible edges (dot keeps
    a node's out-edges in the order written), so a weight never joins the column of the layer before.
    Such a leaf's edge carries a blank label when no edge labels are drawn: dot then lays the columns out
    as with labels, the network's order kept (never mirrored)."""
    index = {id(node): i for i, node in enumerate(p.order)}
    edges: list[tuple[str, str, Optional[dict[str, str]]]] = []
    held: set[int] = set()
    for node in p.order:
        if not node.children:
            continue
        i = index[id(node)]
        host = next((c for c in node.children if c.children or c.role == "input"), None)
        extra = [c for c in node.children if not c.children and c.role != "input"] if host is not None else []
        extra_ids = {id(c) for c in extra}
        for leaf in extra:
            if id(leaf) not in held:
                held.add(id(leaf))
                edges.append((f"n{index[id(host)]}", f"n{index[id(leaf)]}", {"style": "invis"}))
        for child, local in zip(node.children, node.local_grads):
            attrs = dict(HIGHLIGHT) if id(node) in p.lit and id(child) in p.lit else {}
            text = _edge_text(local, local * node.grad, p.edge_labels, p.fmt)
            if text or id(child) in extra_ids:
                attrs["label"] = text or " "
            if extra and (child.children or child.role == "input"):
                attrs["minlen"] = "2"
            edges.append((f"n{index[id(child)]}", f"n{i}op", attrs or None))
        edges.append((f"n{i}op", f"n{i}", dict(HIGHLIGHT) if id(node) in p.lit else None))
    return edges


def _record(node: Value, name: str, p: Plan) -> str:
    """``label | data | grad`` as a record label: fields side by side in either direction."""
    shown = short(name) + (" (frozen)" if node.role == "parameter" and node.frozen else "")
    parts = [escape_record(shown)]
    if "data" in p.fields:
        parts.append(f"data {escape_record(p.fmt(node.data))}")
    if "grad" in p.fields:
        parts.append(f"grad {escape_record(p.fmt(node.grad))}")
    fields = " | ".join(parts)
    return "{ " + fields + " }" if p.rankdir in ("LR", "RL") else fields


def _edge_text(local: float, contribution: float, mode: EdgeLabels, fmt: Callable[[float], str]) -> str:
    parts = []
    if mode in ("local", "both"):
        parts.append(f"∂ {fmt(local)}")
    if mode in ("contribution", "both"):
        parts.append(f"+= {fmt(contribution)}")
    return "\\n".join(escape_plain(part) for part in parts)


def _caption(g: Dot, p: Plan) -> None:
    """The title, notes and legend strip above the graph (one HTML-like label)."""
    cells: list[tuple[str, dict[str, str]]] = []
    if p.legend:
        present = {role_key(n, p.root) for n in p.order}
        record = " | ".join(["label"] + ["data" if f == "data" else "grad (∂root/∂value)" for f in p.fields])
        cells.append((record, {}))
        cells += [ROLES[key] for key in ("parameter", "frozen", "input", "constant", "", "output") if key in present]
        if p.edge_labels:
            cells.append(("edge labels: ∂ local ∂parent/∂input; += local × parent grad", {}))
        if p.lit:
            cells.append((f"on a path from {p.lit_sources} to {short(p.name_of[id(p.root)])}", {"fillcolor": "#ffffff", "color": HIGHLIGHT["color"]}))
    label = caption(p.title, p.notes, cells, "13")
    if label is not None:
        g.attr(labelloc="t", labeljust="c")
        g.raw(f"label=<{label}>")


def _call(root_name: str) -> str:
    return f"{root_name}.backward()" if root_name.isidentifier() else "backward() on the root"

