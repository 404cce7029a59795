"""The slide view of `draw_dot` (``view="slide"``): the lectures' own diagram, legible on a slide.

* a neuron is ONE node: ``net_h1 | out_h1`` with their values (and, with gradients, δ_h1 = ∂E/∂net_h1
  and ∂E/∂out_h1), then a row per weight it multiplies (``w5 = 0.4000 | ∂E/∂w5 = 0.0822``, with the
  input it comes from when the weight's name does not say it) and its bias (``+ b1 = 0.3500``): every
  number stands in the neuron it belongs to, so no edge carries a label to pair up;
* edges are straight lines, in the network's order;
* constants and unnamed intermediate results are folded into the expression of the named value that
  uses them: ``E_o1 = ½·(0.01 − out_o1)²``, ``E_total = E_o1 + E_o2``;
* numbers with 4 decimals, or 3 significant figures below 0.01 (``0.000439``, ``1.51e-5``): a nonzero
  number is never printed as 0, no number as -0; one sans-serif font size; the legend as one strip above.

A network wider than `MAX_NEURONS` neurons a layer or deeper than `MAX_HIDDEN` hidden layers is drawn
without its weight rows (but those of a highlighted weight), and the caption says so.

A neuron is recognised from the graph alone: a ``dot`` node (``net = Σ w·x + b``, see
`autograd_mini.engine.dot`) used only by a one-input op (the activation: ``out = σ(net)``). A weight
folds into its neuron when it is a parameter leaf used by that dot node only.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Callable, NamedTuple, Optional

from autograd_mini.drawing.dot import Dot, Html, emit_clusters, html_text
from autograd_mini.drawing.metrics import text_width
from autograd_mini.drawing.style import HIGHLIGHT, ROLES, role_key, short
from autograd_mini.engine import Value
from autograd_mini.graph import consumers, is_expression, post_format

if TYPE_CHECKING:
    from autograd_mini.drawing.plan import Plan

__all__ = ["slide_source", "slide_number", "keep_figures", "FONT_SIZE", "MAX_NEURONS", "MAX_HIDDEN"]

FONT = "Helvetica,Arial,sans-serif"
FONT_SIZE = "14"
#: A folded expression longer than this is shown as a node of its own instead.
MAX_FORMULA = 40
#: The widest and deepest network whose weights are all drawn (in rows inside their neurons).
MAX_NEURONS = 4
MAX_HIDDEN = 2
#: A column (the inputs, a layer) of more nodes shows its first ``MAX_COLUMN - 2`` and its last.
MAX_COLUMN = 8
_SYMBOLS = {"sigmoid": "σ", "tanh": "tanh", "relu": "relu", "linear": "linear", "exp": "exp", "log": "ln", "sqrt": "√", "sin": "sin", "cos": "cos"}
_ACTIVATIONS = ("sigmoid", "tanh", "relu", "linear")
_INFIX = {"+": " + ", "-": " − ", "*": "·", "/": " / "}
_PRECEDENCE = {"+": 1, "-": 1, "sum": 1, "dot": 1, "*": 2, "/": 2, "neg": 3}
#: each edge leaves its tail's side facing the head and enters the head's facing side: a straight line in the
#: gap between two layers, never across a neighbour of its ends
_PORTS = {
    "LR": {"tailport": "e", "headport": "w"}, "RL": {"tailport": "w", "headport": "e"},
    "TB": {"tailport": "s", "headport": "n"}, "BT": {"tailport": "n", "headport": "s"},
}  # fmt: skip
_PAD = "4"  # cell padding in points: room for the browser's fallback glyphs (δ ∂ σ ½ →), wider than dot's estimate


# ---------------------------------------------------------------------- numbers
def _figures(x: float) -> str:
    """3 significant figures, the exponent without padding: ``0.000439``, ``1.51e-5``."""
    text = f"{x:.3g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text


def slide_number(x: float) -> str:
    """The slide's default number: 4 decimals (``0.0822``), or 3 significant figures below 0.01
    (``0.000439``, ``1.51e-5``) so a small gradient never reads as 0; zero is ``0.0000``, never ``-0.0000``."""
    if x == 0.0:
        return "0.0000"
    a = abs(x)
    if not math.isfinite(x) or a >= 1e15:
        return f"{x:.6g}"
    return f"{x:.4f}" if a >= 0.01 else _figures(x)


def keep_figures(fmt: Callable[[float], str]) -> Callable[[float], str]:
    """``fmt`` that never shows a nonzero number as zero (3 significant figures instead) nor a zero with
    a sign (``-0.00`` becomes ``0.00``): a user's ``{:.2f}`` keeps its 2 decimals where they say something."""

    def shown(x: float) -> str:
        text = fmt(x)
        digits = text.lower().split("e")[0]
        if "0" not in digits or any(c in digits for c in "123456789"):
            return text
        return text.lstrip("-") if x == 0.0 else _figures(x)

    return shown


# ---------------------------------------------------------------------- what is drawn
class _Folds(NamedTuple):
    """What the slide draws, and what it folds into what it draws."""

    net_of: dict[int, Value]  # id(activation) -> its net (drawn inside the neuron)
    folded: set[int]  # nets, weights and biases drawn inside a neuron
    rows: set[int]  # the weights shown as rows (all folded weights, unless the network is too big)
    text: dict[int, tuple[str, int]]  # id -> (text, precedence) of what a consumer writes for it
    refs: dict[int, list[Value]]  # id -> the drawn nodes its text reads
    shown: list[Value]  # the drawn nodes, topological order
    hidden_weights: int  # weights left out (a network bigger than the slide shows whole)
    depth: dict[int, int]  # id of a drawn node -> its column (layer) counted from the inputs
    cuts: list["_Cut"]  # the columns drawn in part


class _Cut(NamedTuple):
    """The nodes of a column over `MAX_COLUMN` left out; the column's last node says which."""

    depth: int
    hidden: list[Value]
    last: Value  # the column's last node: it says what is left out above it


def slide_source(p: Plan) -> str:
    """The DOT source of the slide view of a validated `Plan` (see `autograd_mini.drawing.draw.draw_dot`)."""
    p = p._replace(fmt=keep_figures(p.fmt))
    f = _folds(p)
    g = _graph(p)
    ids = {id(n): f"s{k}" for k, n in enumerate(f.shown)}
    _nodes(g, p, f, ids)
    edges = _edges(p, f, ids)
    _keep_layers_in_order(g, f, ids, p.rankdir, bool(p.boxes))
    for tail, head, attrs in edges:
        g.edge(tail, head, attrs or None)
    _slide_caption(g, p, f)
    return g.text()


def _folds(p: Plan) -> _Folds:
    used_by = consumers(p.order)
    net_of = _neurons(p.order, used_by)
    inside = {id(net) for net in net_of.values()}
    weights = _foldable_weights(p, used_by, inside)
    crowded = _crowded(p.order, net_of)
    rows = {w for w in weights if w in p.lit} if crowded else weights
    folded = inside | weights | _biases(p.order, used_by, inside)
    text, refs, shown = _fold(p, used_by, net_of, folded)
    depth = _depths(shown, net_of)
    cuts = _cuts(shown, net_of, depth) if net_of else []
    gone = {id(n) for cut in cuts for n in cut.hidden}
    shown = [n for n in shown if id(n) not in gone]
    return _Folds(net_of, folded, rows, text, refs, shown, len(weights - rows), depth, cuts)


def _depths(shown: list[Value], net_of: dict[int, Value]) -> dict[int, int]:
    """Each drawn node's column: 0 for the inputs, 1 + the deepest drawn node it reads."""
    depth: dict[int, int] = {}
    for node in shown:  # topological: inputs first
        source = net_of.get(id(node), node)
        depth[id(node)] = 1 + max((depth.get(id(c), 0) for c in source.children), default=-1)
    return depth


def _cuts(shown: list[Value], net_of: dict[int, Value], depth: dict[int, int]) -> list[_Cut]:
    """The inputs and each layer of neurons over `MAX_COLUMN`: the first ``MAX_COLUMN - 2`` and the last
    are drawn; the last says what is left out above it."""
    columns: dict[int, list[Value]] = {}
    for node in shown:
        if id(node) in net_of or (not node.children and node.role == "input"):
            columns.setdefault(depth[id(node)], []).append(node)
    return [_Cut(d, members[MAX_COLUMN - 2 : -1], members[-1]) for d, members in columns.items() if len(members) > MAX_COLUMN]


def _neurons(order: list[Value], used_by: dict) -> dict[int, Value]:
    """Each neuron's activation -> its net: a dot node used only by a one-input activation."""
    net_of: dict[int, Value] = {}
    for node in order:
        if node.op in _ACTIVATIONS and node.children[0].op == "dot" and len(used_by.get(id(node.children[0]), ())) == 1:
            net_of[id(node)] = node.children[0]
    return net_of


def _foldable_weights(p: Plan, used_by: dict, inside: set[int]) -> set[int]:
    """The parameter leaves each used by one dot node only (a neuron's, the root's or a named one)."""
    found: set[int] = set()
    for node in p.order:
        if node.op == "dot" and (id(node) in inside or node is p.root or node.label):
            for k in range(0, len(node.children) - len(node.children) % 2, 2):
                w = node.children[k]
                if not w.children and w.role == "parameter" and len(used_by.get(id(w), ())) == 1:
                    found.add(id(w))
    return found


def _biases(order: list[Value], used_by: dict, inside: set[int]) -> set[int]:
    """A neuron's bias leaf, drawn as a row inside it (a bias shared by neurons: inside each)."""
    found = set()
    for node in order:
        if id(node) in inside and len(node.children) % 2 == 1:
            b = node.children[-1]
            if not b.children and all(id(c) in inside for c in used_by.get(id(b), ())):
                found.add(id(b))
    return found


def _crowded(order: list[Value], net_of: dict[int, Value]) -> bool:
    """More than `MAX_NEURONS` neurons in a layer or more than `MAX_HIDDEN` hidden layers."""
    nets = {id(net) for net in net_of.values()}
    depth: dict[int, int] = {}
    layers: dict[int, int] = {}
    for node in order:  # depth counted in neurons from the inputs
        below = max((depth.get(id(c), 0) for c in node.children), default=0)
        depth[id(node)] = below + (1 if id(node) in nets else 0)
        if id(node) in net_of:
            layers[depth[id(node)]] = layers.get(depth[id(node)], 0) + 1
    return bool(layers) and (max(layers.values()) > MAX_NEURONS or len(layers) > MAX_HIDDEN + 1)


def _fold(p: Plan, used_by: dict, net_of: dict[int, Value], folded: set[int]) -> tuple[dict, dict, list[Value]]:
    """Which nodes are drawn, and the text the others are folded into (children first: no recursion)."""
    text: dict[int, tuple[str, int]] = {}
    refs: dict[int, list[Value]] = {}
    shown: list[Value] = []
    for node in p.order:
        key = id(node)
        if key in folded:
            continue
        if not node.children and (node.role == "constant" or (node.role == "" and not node.label)):
            text[key] = (node.label if node.label and not is_expression(node.label) else _number(node.data), 9)
            refs[key] = []  # a constant: folded into its consumer
            continue
        formula = _formula(node, text, p) if node.children else ("", 9)
        named = node.label and not is_expression(node.label)
        if not node.children or node is p.root or named or key in net_of or len(used_by.get(key, ())) != 1 or len(formula[0]) > MAX_FORMULA:
            text[key], refs[key] = (short(p.name_of[key]), 9), [node]
            shown.append(node)
            continue
        text[key] = formula
        seen: dict[int, Value] = {}
        for child in node.children:
            for r in refs.get(id(child), ()):
                seen.setdefault(id(r), r)
        refs[key] = list(seen.values())
    return text, refs, shown


# ---------------------------------------------------------------------- the DOT text
def _graph(p: Plan) -> Dot:
    g = Dot(short(p.name_of[id(p.root)]))
    g.attr(rankdir=p.rankdir, newrank="true", ordering="out", splines="line", nodesep="0.3", ranksep="0.6", fontname=FONT, fontsize=FONT_SIZE)
    if p.rankdir in ("TB", "BT"):
        g.attr(remincross="false")  # the final crossing pass over the whole graph mirrors layers top to bottom
    else:
        g.attr(mclimit="0.01")  # left to right, fewer crossing passes keep the layers' order inside boxes
    g.defaults("node", fontname=FONT, fontsize=FONT_SIZE, shape="plain")
    g.defaults("edge", fontname=FONT, fontsize=FONT_SIZE)
    return g


def _nodes(g: Dot, p: Plan, f: _Folds, ids: dict[int, str]) -> None:
    statements: dict[Optional[tuple[str, ...]], list[tuple[str, dict[str, str]]]] = {}
    if p.rankdir in ("LR", "RL"):
        listing = f.shown
    else:  # found by measuring: top to bottom, dot keeps the layers' order with the inputs first, the rest last first
        listing = [n for n in f.shown if n.role == "input"] + [n for n in reversed(f.shown) if n.role != "input"]
    for node in listing:
        statements.setdefault(p.boxes.get(id(node)), []).append((ids[id(node)], {"label": _html_node(node, p, f)}))
    box = {"style": "rounded,dashed", "color": "#888888", "fontsize": FONT_SIZE}
    if p.rankdir in ("TB", "BT"):
        box["labeljust"] = "r"  # edges come in at the top middle of each neuron: the box's title stands clear, right
    emit_clusters(g, statements, box)


def _edges(p: Plan, f: _Folds, ids: dict[int, str]) -> list[tuple[str, str, dict[str, str]]]:
    """Every edge into a drawn node from the drawn nodes its inputs read (weights and biases are rows)."""
    shown_ids = set(ids)
    edges = []
    for node in f.shown:
        source = f.net_of.get(id(node), node)
        lit = id(node) in p.lit
        for k, child in enumerate(source.children):
            if id(child) in f.folded:
                continue
            weight = source.children[k - 1] if k % 2 == 1 and source.op == "dot" and id(source.children[k - 1]) in f.folded else None
            for r in [child] if id(child) in shown_ids else f.refs.get(id(child), []):
                if id(r) not in ids:
                    continue  # left out of a column over MAX_COLUMN
                on_path = lit and (id(r) in p.lit or (weight is not None and id(weight) in p.lit))
                attrs = dict(_PORTS[p.rankdir])
                if on_path:
                    attrs.update(HIGHLIGHT)
                edges.append((ids[id(r)], ids[id(node)], attrs))
    return edges


def _keep_layers_in_order(g: Dot, f: _Folds, ids: dict[int, str], rankdir: str, boxed: bool) -> None:
    """The neurons of one layer (same depth from the inputs) in one rank, chained by invisible edges in
    their index order, so dot cannot reorder them to save crossings."""
    layers: dict[int, list[str]] = {}
    for node in f.shown:
        if id(node) in f.net_of:
            layers.setdefault(f.depth[id(node)], []).append(ids[id(node)])
    for names in layers.values():
        if len(names) > 1:
            g.raw("{ rank=same; " + "; ".join(names) + " }")
            if rankdir in ("LR", "RL") and boxed:
                names.reverse()  # found by measuring: inside boxes, dot turns LR's flat edges upwards
            for tail, head in zip(names, names[1:]):
                g.edge(tail, head, {"style": "invis"})


def _cut_row(node: Value, p: Plan, f: _Folds) -> list[str]:
    """Above a column's last node when the column is cut: ``⋮ 9 more: out_h1_7 … out_h1_15``."""
    for cut in f.cuts:
        if cut.last is node:
            first, last = (short(p.name_of[id(n)], 20) for n in (cut.hidden[0], cut.hidden[-1]))
            return ["<tr>" + _cell(f"⋮ {len(cut.hidden)} more: {first} … {last}", ' colspan="2" border="1" sides="b" style="dashed"') + "</tr>"]
    return []


def _number(x: float) -> str:
    """A constant as the lectures write it: ½ for 0.5, else its shortest form (0.01, 2)."""
    return "½" if x == 0.5 else post_format(x, 6)


def _formula(node: Value, text: dict, p: Plan) -> tuple[str, int]:
    """Infix maths for a node from its children's texts: ``½·(0.01 − out_o1)²``, ``σ(net_h1)``."""
    op = node.op
    parts = [text.get(id(c), (short(p.name_of[id(c)]), 9)) for c in node.children]
    prec = _PRECEDENCE.get(op, 9)

    def wrap(part: tuple[str, int], at: int) -> str:
        return f"({part[0]})" if part[1] < at else part[0]

    right = node.children[1] if len(node.children) == 2 else None
    if op == "*" and right is not None and not right.children and (right.role == "constant" or not right.label):
        parts.reverse()  # a constant factor first, as written by hand: ½·(…)²
    if op in _INFIX and len(parts) == 2:
        right_at = prec + 1 if op in ("-", "/") else prec
        return wrap(parts[0], prec) + _INFIX[op] + wrap(parts[1], right_at), prec
    if op in ("sum",):
        return " + ".join(wrap(q, 1) for q in parts), 1
    if op == "dot":
        terms = [f"{wrap(parts[k], 2)}·{wrap(parts[k + 1], 2)}" for k in range(0, len(parts) - 1, 2)]
        if len(parts) % 2:
            terms.append(wrap(parts[-1], 1))
        return " + ".join(terms), 1
    if op == "neg" and parts:
        return "−" + wrap(parts[0], 3), 3
    if op.startswith("**") and len(parts) == 1:
        power = op[2:]
        sup = {"2": "²", "3": "³"}.get(power, f"^{power}")
        return wrap(parts[0], 9) + sup, 8
    if op.endswith("**") and len(parts) == 1:
        return f"{op[:-2]}^{wrap(parts[0], 9)}", 8
    if op == "**" and len(parts) == 2:
        return f"{wrap(parts[0], 9)}^{wrap(parts[1], 9)}", 8
    symbol = _SYMBOLS.get(op, short(op, 12))
    return f"{symbol}({', '.join(q[0] for q in parts)})", 9


def _grad_name(p: Plan, name: str) -> str:
    return f"∂{_symbol(p)}/∂{name}"


def _symbol(p: Plan) -> str:
    """The loss's short name in ∂E/∂w5: E_total → E, J(Θ) → J; an unlabelled root → y."""
    label = p.root.label
    head = label.split("_")[0].split("(")[0] if label else ""
    return head if head and not is_expression(head) and len(head) <= 8 else "y"


def _cell(text: str, attrs: str = "") -> str:
    """A table cell wide enough for its text as a browser draws it (dot's own estimate runs short)."""
    width = math.ceil(text_width(text, float(FONT_SIZE)) + 2 * int(_PAD) + 2)
    return f'<td{attrs} width="{width}">{html_text(text)}</td>'


def _row(*cells: str) -> str:
    return "<tr>" + "".join(_cell(c) for c in cells) + "</tr>"


def _html_node(node: Value, p: Plan, f: _Folds) -> Html:
    """A drawn node as an HTML-like table: a neuron's two columns net | out, or one value's rows."""
    role = role_key(node, p.root)
    colour = ROLES[role][1].get("fillcolor", "#ffffff")
    lit = id(node) in p.lit
    border = f' color="{HIGHLIGHT["color"]}"' if lit else (' color="#4a6fa5"' if role == "frozen" else "")
    width = "3" if lit or role == "output" else "1"
    net = f.net_of.get(id(node))
    if net is not None:
        rows = _neuron_rows(node, net, p, f)
    elif node.op == "dot":
        rows = _value_rows(node, p, f, ' colspan="2"') + _input_rows(node, p, f, bias=False)  # its formula shows the bias
    else:
        rows = _value_rows(node, p, f, "")
    if f.cuts:
        rows = _cut_row(node, p, f) + rows
    rounded = ' style="rounded"' if net is not None else ""
    table = f'<table border="{width}" cellborder="0" cellspacing="0" cellpadding="{_PAD}" bgcolor="{colour}"{border}{rounded}>'
    return Html(table + "".join(rows) + "</table>")


def _neuron_rows(node: Value, net: Value, p: Plan, f: _Folds) -> list[str]:
    """net | out = σ(net); their values; δ | ∂E/∂out; a row per weight shown; the bias."""
    fmt = p.fmt
    head = f"{p.name_of[id(node)]} = {_SYMBOLS.get(node.op, node.op)}(net)"
    rows = [_row(short(p.name_of[id(net)]), short(head, 30))]
    if "data" in p.fields:
        rows.append(_row(fmt(net.data), fmt(node.data)))
    if "grad" in p.fields:
        rows.append(_row(f"δ = {fmt(net.grad)}", f"{_grad_name(p, 'out')} = {fmt(node.grad)}"))
    return rows + _input_rows(net, p, f)


def _input_rows(net: Value, p: Plan, f: _Folds, bias: bool = True) -> list[str]:
    """The rows of a dot node's weights (those shown) and of its bias: value | gradient."""
    rows = []
    pairs = len(net.children) // 2
    for k in range(pairs):
        w, x = net.children[2 * k], net.children[2 * k + 1]
        if id(w) in f.rows:
            rows.append(_parameter_row(w, p, _from(w, x, p, f)))
    if bias and len(net.children) % 2 == 1:
        b = net.children[-1]
        if b.children or b.role == "constant" or not b.label:  # a number (or a value drawn elsewhere)
            rows.append("<tr>" + _cell("+ " + f.text.get(id(b), (p.fmt(b.data), 9))[0], ' colspan="2"') + "</tr>")
        else:
            rows.append(_parameter_row(b, p, "+ "))
    return rows


def _from(w: Value, x: Value, p: Plan, f: _Folds) -> str:
    """``from i1: `` before w1; nothing before ``w[i1→h1_1]``, whose name says where it comes from; an
    input folded into an expression is written as that expression (``from a·b: w``)."""
    source = f.text.get(id(x), (p.name_of[id(x)], 9))[0]
    core = source[4:] if source.startswith("out_") else source
    return "" if core and core in p.name_of[id(w)] else f"from {short(source, 20)}: "


def _parameter_row(v: Value, p: Plan, prefix: str) -> str:
    """``w5 = 0.4000 | ∂E/∂w5 = 0.0822`` (a frozen one: ``(frozen)``), the name cut to 24 characters."""
    name = short(p.name_of[id(v)], 24)
    left = prefix + (f"{name} = {p.fmt(v.data)}" if "data" in p.fields else name)
    if v.frozen:
        return _row(left + " (frozen)", "")
    if "grad" in p.fields:
        return _row(left, f"{_grad_name(p, name)} = {p.fmt(v.grad)}")
    return "<tr>" + _cell(left, ' colspan="2"') + "</tr>"


def _value_rows(node: Value, p: Plan, f: _Folds, span: str) -> list[str]:
    """One value: its name (with its formula), its value and its gradient, a row each."""
    name = short(p.name_of[id(node)])
    first = name
    if node.children:
        formula = _formula(node, f.text, p)[0]
        if formula != name:
            first = f"{name} = {short(formula, 50)}"
    if node.role == "parameter" and node.frozen:
        first += " (frozen)"
    rows = [first]
    if "data" in p.fields:
        rows.append(p.fmt(node.data) if not node.children else f"= {p.fmt(node.data)}")
    if "grad" in p.fields:
        rows.append(f"{_grad_name(p, name if len(name) <= 12 else '·')} = {p.fmt(node.grad)}")
    return ["<tr>" + _cell(r, span) + "</tr>" for r in rows]


def _slide_caption(g: Dot, p: Plan, f: _Folds) -> None:
    from autograd_mini.drawing.style import caption

    cells: list[tuple[str, dict[str, str]]] = []
    if p.legend:
        present = {role_key(n, p.root) for n in p.order}
        cells += [ROLES[key] for key in ("parameter", "frozen", "input", "output") if key in present]
        E = _symbol(p)
        if f.net_of:
            cells.append(("neuron: net | out" + (f", δ = ∂{E}/∂net" if "grad" in p.fields else ""), {}))
        root_name = short(p.name_of[id(p.root)], 20)
        if "grad" in p.fields and E != root_name:
            cells.append((f"∂{E} = ∂{root_name}", {}))
        if p.lit:
            cells.append((f"on a path from {p.lit_sources}", {"fillcolor": "#ffffff", "color": HIGHLIGHT["color"]}))
    notes = list(p.notes)
    if f.hidden_weights:
        notes.append(
            f"{f.hidden_weights} weights not shown (a slide shows them up to {MAX_NEURONS} neurons a layer, "
            f"{MAX_HIDDEN} hidden layers): highlight one to see it, or use the full view"
        )
    if f.cuts:
        left_out = sum(len(cut.hidden) for cut in f.cuts)
        notes.append(f"{left_out} inputs and neurons not shown: a column over {MAX_COLUMN} shows its first {MAX_COLUMN - 2} and its last")
    label = caption(p.title, notes, cells, FONT_SIZE)
    if label is not None:
        g.attr(labelloc="t", labeljust="c")
        g.raw(f"label=<{label}>")
