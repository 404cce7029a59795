"""The explorer: one self-contained HTML page where a graph's backpropagation can be clicked through.

    from autograd_mini import explore
    explore(E_total, "mazur.html")          # open it from disk: no server, no network

The page holds the graph drawn by Graphviz (`draw_dot`, rendered to SVG when the file is written, left to
right and top to bottom), the graph's numbers as JSON, and a little CSS and JavaScript, all inline. In it:

* click a value: the side panel ``#details`` shows its label, data, grad, the op that made it with each
  input's local derivative (``∂net_h1/∂w1 = i1 = 0.05``), the edges it feeds with the contribution each
  adds to its gradient, and the chain rule for ∂root/∂value path by path, as `explain` prints it
  (∂E_total/∂w1 sums two paths, through out_o1 and out_o2, to 0.000438568); the paths to the root light up;
* click an edge: its local derivative and its contribution (local × the parent's grad) to the input's grad;
* the backward tape as a player (``#tape-reset #tape-prev #tape-next #tape-end``, arrow keys): at step k
  the nodes backward() has processed show their gradients, the node being processed and the edges it
  sends to are highlighted, the others show ``grad …``;
* the side panel follows the tape: a gradient, a chain rule, a contribution appear from the step that
  computes them (``… (computed at step k of the tape)`` before);
* toggles: gradients shown or hidden (a worksheet on the projector), edge labels (local derivative,
  contribution, both, none), layout (left to right, top to bottom), zoom;
* it opens legible: the whole graph if it fits, but never below the zoom at which the smallest text is
  9 px ("fit" clamps there too); then top to bottom (unless left to right fits clearly better), scrolled
  to the root's end so the loss and the output layer are in view.

Every value node of the SVG carries ``data-node="<its name>"`` (its label, or ``#i`` as in `explain`) and
``data-index="<i>"`` (its position in `topological_order`); see the README for the whole DOM contract.
"""

from __future__ import annotations

import html
import json
import os
import re
import warnings
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Union

from autograd_mini import validate
from autograd_mini.drawing.draw import GraphTooLargeError, GraphvizNotFoundError, RenderError, StaleGradientsWarning, draw_dot
from autograd_mini.drawing.readable import readable_names
from autograd_mini.engine import Value, topological_order
from autograd_mini.explorer.page import fill
from autograd_mini.files import write_atomically
from autograd_mini.graph import NumberFormat, check_root, formatter, mismatches, names, partial
from autograd_mini.text import html as escape_html
from autograd_mini.text import visible
from autograd_mini.tracing.explain import explain
from autograd_mini.tracing.tape import tape

__all__ = ["explore", "DEFAULT_MAX_NODES", "SUFFIXES"]

#: Graphs with more values than this are refused (Graphviz lays out ~1,000 values in about a second).
DEFAULT_MAX_NODES = 1000
SUFFIXES = (".html", ".htm")
#: explain() walks the whole graph once per node; past this many node and edge visits in all (about a
#: second), the remaining nodes get a one-line summary: the work stays bounded however large the graph.
_EXPLAIN_BUDGET = 400_000
#: a node whose paths to the root hold more edges than this in all gets the summary, not every factor;
#: so does one whose explanation is longer than _LONGEST characters, and all once _TEXT_BUDGET is spent.
_LISTED_EDGES = 240
_LONGEST = 8_000
_TEXT_BUDGET = 1_000_000


def explore(
    root: Value,
    path: Union[str, os.PathLike],
    *,
    title: str | None = None,
    number_format: NumberFormat = None,
    max_paths: int = 16,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Path:
    """Write the interactive explorer of ``root``'s graph to ``path`` (one self-contained ``.html`` file).

    Call ``root.backward()`` first: the page shows each node's ``.grad`` and replays backward() step by
    step (`autograd_mini.tracing.tape`); nodes whose ``.grad`` differ from that replay are flagged on the page.

    Args:
        root: the output or loss, e.g. ``E_total``.
        path: the file to write, ending in ``.html`` (or ``.htm``); missing folders are created. It is
            written atomically: on any error the file is left as it was (or not created).
        title: a heading for the page (default: ``"E_total: backpropagation explorer"`` with the root's name).
        number_format: a format string (``"{:.4f}"``) or function; default: 9 decimals, trailing zeros
            dropped, as the Mazur post prints (``0.000438568``).
        max_paths: the chain-rule panel lists at most this many paths per node (then count and sum only).
        max_nodes: refuse graphs with more values than this (Graphviz's layout time grows quickly).

    Returns:
        The path written.

    Raises:
        TypeError: ``root`` is not a Value, or an argument has the wrong type.
        ValueError: the suffix is not .html/.htm, or a label is not valid Unicode text.
        GraphTooLargeError: (a ValueError) the graph has more than ``max_nodes`` values.
        OSError: the file cannot be written (the message names it).
        GraphvizNotFoundError: Graphviz's ``dot`` is missing (the message says how to install it).
    """
    where = "explore"
    check_root(root, where)
    target = _check_path(path, where)
    if title is not None:
        title = validate.text(title, where, "title")
    max_paths = validate.integer(max_paths, where, "max_paths", low=1)
    max_nodes = validate.integer(max_nodes, where, "max_nodes", low=1)
    fmt = formatter(number_format, where)
    order = topological_order(root)
    _check_size(order, root, max_nodes, where)
    name_of = names(order, where)
    _check_text(order, name_of, title, where)

    drawings = _drawings(root, number_format)
    with ThreadPoolExecutor(max_workers=2) as pool:  # two dot processes lay out while the numbers are computed
        futures = {rankdir: pool.submit(drawing.pipe, format="svg") for rankdir, drawing in drawings.items()}
        data = _graph_data(root, order, name_of, fmt, max_paths)
        raw = _rendered(futures, where)
    if data["mismatches"]:
        warnings.warn(
            StaleGradientsWarning(
                f"{where}: the .grad of {len(data['mismatches'])} values differ from one backward() of {data['rootName']} "
                "(never called, called twice, or from another root); the page shows the replayed gradients and says so"
            ),
            stacklevel=2,
        )
    svgs = {rankdir: _svg(raw[rankdir], order, name_of, fmt, where) for rankdir in ("LR", "TB")}
    page_title = title if title is not None else f"{data['rootName']}: backpropagation explorer"
    parts = {"TITLE": escape_html(visible(page_title)), "DATA": _json_for_script(data), "SVG_LR": svgs["LR"], "SVG_TB": svgs["TB"]}
    page = fill(parts)
    write_atomically(target, page.encode("utf-8"), where)
    return target


# ---------------------------------------------------------------------- checks
def _check_path(path: object, where: str) -> Path:
    raw = validate.file_path(path, where, example="mazur.html")
    target = Path(raw)
    if target.suffix.lower() not in SUFFIXES:
        raise ValueError(f"{where}: the page is an HTML file: give a path ending in .html (e.g. 'mazur.html'), got {validate.shown(raw)}")
    try:
        folder = target.is_dir()
    except OSError:  # a name too long for the file system: the write will say so, naming the file
        folder = False
    if folder:
        raise ValueError(f"{where}: {raw!r} is a folder; give a file name ending in .html")
    return target


def _check_size(order: list[Value], root: Value, max_nodes: int, where: str) -> None:
    if len(order) > max_nodes:
        name = repr(root.label) if root.label else "the root"
        raise GraphTooLargeError(
            f"{where}: the graph of {name} has {len(order):,} values, more than max_nodes={max_nodes:,}. "
            "Graphviz's layout and the page slow down past about 1,000 values: explore an intermediate node "
            "(e.g. one neuron's out_h1), build the graph with fewer, bigger nodes (sum_values()/dot() instead of "
            f"chains of +), or raise the limit: explore(root, path, max_nodes={len(order)})."
        )


def _check_text(order: list[Value], name_of: dict[int, str], title: str | None, where: str) -> None:
    """Labels (and the title) must be encodable Unicode text: a lone surrogate cannot be written to the file."""
    for i, node in enumerate(order):
        try:
            name_of[id(node)].encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"{where}: the label of value #{i} ({node.label!r}) is not valid Unicode text; relabel it") from None
    if title is not None:
        try:
            title.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"{where}: title {title!r} is not valid Unicode text") from None


# ---------------------------------------------------------------------- the numbers
def _graph_data(root: Value, order: list[Value], name_of: dict[int, str], fmt: Callable[[float], str], max_paths: int) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-able lists: nodes, edges, tape steps, explanations."""
    index = {id(node): i for i, node in enumerate(order)}
    root_name = name_of[id(root)]
    replay = tape(root, number_format=fmt)
    drawn = readable_names(order, name_of, fmt)  # what the drawing calls an unlabelled value (w1*x1 for #3)
    nodes = []
    for node in order:
        name = name_of[id(node)]
        inputs = [
            [index[id(child)], partial(name, name_of[id(child)]), fmt(local)]
            for child, local in zip(node.children, node.local_grads)
        ]  # fmt: skip
        nodes.append(
            {
                "name": name,
                "role": "output" if node is root else node.role,
                "frozen": node.frozen,
                "op": node.op,
                "data": fmt(node.data),
                "grad": fmt(node.grad),
                "replay": fmt(replay.grad_of(node)),
                "inputs": inputs,
                "symbol": partial(root_name, name),
                "drawn": drawn[id(node)] if drawn[id(node)] != name else "",
            }
        )
    steps = []
    for s in replay.steps:
        i = index[id(s.node)]
        sent = [[c.position, fmt(c.amount), fmt(c.total_after)] for c in s.contributions]
        nodes[i]["step"] = s.step
        nodes[i]["sent"] = sent
        steps.append([i, _step_text(s, root_name, fmt)])
    for i, text in enumerate(_explanations(root, order, name_of, fmt, max_paths, replay.grad_of)):
        nodes[i]["explain"] = text
    return {
        "root": index[id(root)],
        "rootName": root_name,
        "nodes": nodes,
        "steps": steps,
        "mismatches": [name_of[id(node)] for node in mismatches(order, root)],
    }


def _step_text(step: Any, root_name: str, f: Callable[[float], str]) -> str:
    """One step of the tape in `Tape.text`'s words."""
    if step.is_leaf:
        return f"{step.name}: leaf, grad {partial(root_name, step.name)} = {f(step.grad)} (nothing to pass on)"
    inputs = ", ".join(c.name for c in step.contributions)
    lines = [f"{step.name} = {step.op}({inputs}): grad {partial(root_name, step.name)} = {f(step.grad)}"]
    if step.skipped:
        lines.append("grad is 0: skipped, nothing passed on")
    for c in step.contributions if not step.skipped else ():
        lines.append(
            f"→ {c.name}: local {partial(step.name, c.name)} = {f(c.local)}; "
            f"adds {_paren(f(c.local))} × {_paren(f(step.grad))} = {f(c.amount)}; {c.name}.grad = {f(c.total_after)}"
        )
    return "\n".join(lines)


def _paren(text: str) -> str:
    return f"({text})" if text.startswith("-") else text


def _explanations(
    root: Value, order: list[Value], name_of: dict[int, str], fmt: Callable[[float], str], max_paths: int, grad_of: Callable[[Value], float]
) -> list[str]:
    """`explain(root, node).text()` for every node, within a work budget.

    Each explain() call walks the graph (its size) plus the paths it lists; both are estimated first by
    one pass in reverse topological order (paths to the root, capped, and the longest path's length).
    Labelled nodes go first; a node past the budget, or with paths too long to list, gets a one-line
    summary naming the call that prints it in full.
    """
    size = len(order) + sum(len(node.children) for node in order)
    paths: dict[int, int] = {id(node): 0 for node in order}
    depth: dict[int, int] = {id(node): 0 for node in order}
    paths[id(root)] = 1
    for node in reversed(order):
        for child in node.children:
            paths[id(child)] = min(paths[id(child)] + paths[id(node)], max_paths + 1)
            depth[id(child)] = max(depth[id(child)], depth[id(node)] + 1)
    root_name = name_of[id(root)]
    texts = [""] * len(order)
    spent = written = explained = 0
    ranked = sorted(range(len(order)), key=lambda i: (not order[i].label, i))
    for i in ranked:
        node = order[i]
        listed = paths[id(node)] * depth[id(node)] if paths[id(node)] <= max_paths else 0
        cost = size + listed
        why = f"its paths to {root_name} are up to {depth[id(node)]:,} edges long"
        if listed <= _LISTED_EDGES and spent + cost <= _EXPLAIN_BUDGET and written < _TEXT_BUDGET:
            spent += cost
            text = explain(root, node, max_paths=max_paths, number_format=fmt).text()
            if len(text) <= _LONGEST:
                texts[i] = text
                written += len(text)
                explained += 1
                continue
        elif listed <= _LISTED_EDGES:
            why = f"this page spells out the first {explained:,} values only"
        texts[i] = (
            f"{partial(root_name, name_of[id(node)])} = {fmt(grad_of(node))} (from backward()); the chain rule is not "
            f"spelled out here: {why}. In Python, explain({root_name if root.label else 'root'}, node) prints it."
        )
    return texts


# ---------------------------------------------------------------------- the drawing
_NODE = re.compile(r'<g id="node\d+" class="node">\s*<title>([^<]*)</title>')
_EDGE = re.compile(r'<g id="edge\d+" class="edge">\s*<title>([^<]*)</title>(.*?)</g>', re.S)
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_SIZE = re.compile(r'\b(width|height)="([\d.]+)pt"')


def _drawings(root: Value, number_format: NumberFormat) -> dict[str, Any]:
    """Both layouts as drawings (DOT source, not rendered yet), both edge labels on every edge."""
    drawings = {}
    with warnings.catch_warnings():  # stale gradients: explore() warns once itself, and the page says so
        warnings.simplefilter("ignore", StaleGradientsWarning)
        for rankdir in ("LR", "TB"):
            drawings[rankdir] = draw_dot(root, rankdir=rankdir, number_format=number_format, edge_labels="both", max_nodes=None, max_edges=None)
    return drawings


def _rendered(futures: dict[str, Future], where: str) -> dict[str, bytes]:
    try:
        return {rankdir: future.result() for rankdir, future in futures.items()}
    except (GraphvizNotFoundError, RenderError) as error:
        said = str(error).removeprefix("Drawing.pipe: ")
        raise type(error)(f"{where}: {said}") from None


def _svg(raw: bytes, order: list[Value], name_of: dict[int, str], fmt: Callable[[float], str], where: str) -> str:
    """The graph as inline SVG markup: Graphviz's SVG (both edge labels drawn) with prologue and namespaces
    removed (inline SVG needs neither), value nodes tagged with ``data-node``/``data-index``, op nodes
    with ``data-op``, input edges with ``data-parent``/``data-position``."""
    svg = raw.decode("utf-8", "replace")
    start = svg.find("<svg")
    if start < 0:
        raise RenderError(f"{where}: Graphviz's dot returned no SVG")
    svg = re.sub(r"<!--.*?-->", "", svg[start:], flags=re.S)
    svg = _SVG_OPEN.sub(_svg_open, svg, count=1)
    index = {id(node): i for i, node in enumerate(order)}
    positions = {i: _positions(node, index) for i, node in enumerate(order) if node.children}
    used: set[tuple[int, int]] = set()

    def tag_node(match: re.Match) -> str:
        title = html.unescape(match.group(1))
        value = re.fullmatch(r"n(\d+)", title)
        if value:
            i = int(value.group(1))
            name = escape_html(visible(name_of[id(order[i])]))
            return f'<g class="node value" data-node="{name}" data-index="{i}"><title>{name}</title>'
        op = re.fullmatch(r"n(\d+)op", title)
        if op:
            return f'<g class="node op" data-op="{op.group(1)}"><title>{escape_html(visible(order[int(op.group(1))].op))}</title>'
        return '<g class="node other"><title></title>'

    def tag_edge(match: re.Match) -> str:
        title, body = html.unescape(match.group(1)), match.group(2)
        # an input edge is drawn child -> parent's op, an op's result op -> value; the others are invisible
        forward = re.fullmatch(r"n(\d+)->n(\d+)op", title)
        result = re.fullmatch(r"n(\d+)op->n(\d+)", title)
        if result and result.group(1) == result.group(2):
            return f'<g class="edge result" data-result="{result.group(1)}"><title></title>{body}</g>'
        if not forward:
            return f'<g class="edge other"><title></title>{body}</g>'
        child, parent = int(forward.group(1)), int(forward.group(2))
        label = re.search(r">∂ ([^<]*)</text>", body)
        shown = html.unescape(label.group(1)) if label else None
        free = [k for k in positions.get(parent, {}).get(child, []) if (parent, k) not in used]
        if not free:
            raise RenderError(f"{where}: Graphviz's SVG has an edge {title!r} that is not in the graph")
        position = next((k for k in free if fmt(order[parent].local_grads[k]) == shown), free[0])  # x**x: tell x's two edges apart
        used.add((parent, position))
        return f'<g class="edge input" data-parent="{parent}" data-position="{position}"><title>{_edge_title(order, name_of, parent, position)}</title>{body}</g>'

    svg = _NODE.sub(tag_node, svg)
    svg = _EDGE.sub(tag_edge, svg)
    if 'class="node value"' not in svg:
        raise RenderError(f"{where}: Graphviz's SVG did not have the expected node titles (n0, n1, …); is this Graphviz's dot?")
    return svg


def _svg_open(match: re.Match) -> str:
    sizes = dict(_SIZE.findall(match.group(0)))
    view = re.search(r'viewBox="([^"]*)"', match.group(0))
    box = f' viewBox="{view.group(1)}"' if view else ""
    return f'<svg class="graph" data-width="{sizes.get("width", "0")}" data-height="{sizes.get("height", "0")}"{box}>'


def _positions(node: Value, index: dict[int, int]) -> dict[int, list[int]]:
    """child index -> the input positions it occupies (``x * x``: x at 0 and 1)."""
    out: dict[int, list[int]] = {}
    for position, child in enumerate(node.children):
        out.setdefault(index[id(child)], []).append(position)
    return out


def _edge_title(order: list[Value], name_of: dict[int, str], parent: int, position: int) -> str:
    node = order[parent]
    child = node.children[position]
    return escape_html(visible(f"{name_of[id(child)]} → {name_of[id(node)]} ({node.op})"))


# ---------------------------------------------------------------------- the file
def _json_for_script(data: dict[str, Any]) -> str:
    """JSON safe inside ``<script type="application/json">``: ``<``, ``>`` and ``&`` are written as
    ``\\u003c`` … so no label can close the script element or open a comment; non-ASCII stays readable;
    every string with its unseen characters shown (`autograd_mini.text.visible`: NUL, U+202E … as ``\\uXXXX``)."""
    out = json.dumps(_visible(data), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        out.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )  # fmt: skip


def _visible(data: Any) -> Any:
    """``data`` (the page's JSON: dicts and lists a few levels deep, not the graph) with every string passed
    through `autograd_mini.text.visible`, so the page shows a label's NUL or U+202E as the drawing does."""
    if isinstance(data, str):
        return visible(data)
    if isinstance(data, dict):
        return {k: _visible(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_visible(v) for v in data]
    return data
