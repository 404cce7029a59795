"""The slide view of `draw_dot` (``view="slide"``): the lectures' own diagram, legible on a slide.

* a neuron is ONE node: ``net_h1 | out_h1`` with their values (and, with gradients, δ_h1 = ∂E/∂net_h1
  and ∂E/∂out_h1); its bias is a row inside it (``b1 = 0.3500``);
* a weight is the label of the edge it multiplies: ``w5 = 0.4000`` (and ``∂E/∂w5 = 0.0822``), on the
  edge from out_h1 into o1;
* constants and unnamed intermediate results are folded into the expression of the named value that
  uses them: ``E_o1 = ½·(0.01 − out_o1)²``, ``E_total = E_o1 + E_o2``;
* 4 decimals by default, one sans-serif font size everywhere, the legend as one strip above.

A neuron is recognised from the graph alone: a ``dot`` node (``net = Σ w·x + b``, see
`autograd_mini.engine.dot`) used only by a one-input op (the activation: ``out = σ(net)``). A weight
folds into its edge when it is a parameter leaf used by that dot node only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from autograd_mini.drawing.dot import Dot, Html, emit_clusters, html_text
from autograd_mini.drawing.style import HIGHLIGHT, ROLES, role_key, short
from autograd_mini.engine import Value
from autograd_mini.graph import consumers, is_expression, post_format

if TYPE_CHECKING:
    from autograd_mini.drawing.plan import Plan

__all__ = ["slide_source", "FONT_SIZE"]

FONT = "Helvetica,Arial,sans-serif"
FONT_SIZE = "14"
#: A folded expression longer than this is shown as a node of its own instead.
MAX_FORMULA = 40
_SYMBOLS = {"sigmoid": "σ", "tanh": "tanh", "relu": "relu", "linear": "linear", "exp": "exp", "log": "ln", "sqrt": "√"}
_ACTIVATIONS = ("sigmoid", "tanh", "relu", "linear")
_INFIX = {"+": " + ", "-": " − ", "*": "·", "/": " / "}
_PRECEDENCE = {"+": 1, "-": 1, "sum": 1, "dot": 1, "*": 2, "/": 2, "neg": 3}


def slide_source(p: Plan) -> str:
    """The DOT source of the slide view of a validated `Plan` (see `autograd_mini.drawing.draw.draw_dot`)."""
    order, root = p.order, p.root
    used_by = consumers(order)
    # neurons: net (a dot node) used only by its activation
    net_of: dict[int, Value] = {}  # id(activation) -> its net
    inside: set[int] = set()  # nets drawn inside their neuron
    for node in order:
        if node.op in _ACTIVATIONS and node.children[0].op == "dot" and len(used_by.get(id(node.children[0]), ())) == 1:
            net_of[id(node)] = node.children[0]
            inside.add(id(node.children[0]))
    folded_weight: set[int] = set()
    for node in order:
        if node.op == "dot" and (id(node) in inside or node is root or node.label):
            for k in range(0, len(node.children) - len(node.children) % 2, 2):
                w = node.children[k]
                if not w.children and w.role == "parameter" and len(used_by.get(id(w), ())) == 1:
                    folded_weight.add(id(w))
    biases = set()  # a neuron's bias, drawn as a row inside it (a shared one inside each)
    for node in order:
        if id(node) in inside and len(node.children) % 2 == 1:
            b = node.children[-1]
            if not b.children and all(id(c) in inside for c in used_by.get(id(b), ())):
                biases.add(id(b))
    # which nodes are drawn; the text others are folded into (children first: no recursion)
    text: dict[int, tuple[str, int]] = {}  # id -> (text, precedence)
    refs: dict[int, list[Value]] = {}  # id -> the drawn nodes a folded expression reads
    shown: list[Value] = []
    shown_ids: set[int] = set()
    for node in order:
        key = id(node)
        if key in inside or key in folded_weight or key in biases:
            continue
        if not node.children:
            if node.role == "constant" or (node.role == "" and not node.label):  # folded into its consumer
                text[key], refs[key] = (node.label if node.label and not is_expression(node.label) else _number(node.data), 9), []
                continue
            _show(node, p, text, refs, shown, shown_ids)
            continue
        formula = _formula(node, text, p)
        named = node.label and not is_expression(node.label)
        if node is root or named or id(node) in net_of or len(used_by.get(key, ())) != 1 or len(formula[0]) > MAX_FORMULA:
            _show(node, p, text, refs, shown, shown_ids)
        else:
            text[key] = formula
            seen: dict[int, Value] = {}
            for child in node.children:
                for r in refs.get(id(child), ()):
                    seen.setdefault(id(r), r)
            refs[key] = list(seen.values())
    g = Dot(short(p.name_of[id(root)]))
    g.attr(rankdir=p.rankdir, newrank="true", ordering="out", nodesep="0.25", ranksep="0.45", fontname=FONT, fontsize=FONT_SIZE)
    if p.rankdir in ("TB", "BT"):
        g.attr(remincross="false")  # the final crossing pass over the whole graph mirrors layers top to bottom
    else:
        g.attr(mclimit="0.01")  # left to right, fewer crossing passes keep the layers' order inside boxes
    g.defaults("node", fontname=FONT, fontsize=FONT_SIZE, shape="plain")
    g.defaults("edge", fontname=FONT, fontsize=FONT_SIZE)
    ids = {id(n): f"s{k}" for k, n in enumerate(shown)}
    statements: dict[Optional[tuple[str, ...]], list[tuple[str, dict[str, str]]]] = {}
    listing = shown if p.rankdir in ("LR", "RL") or p.boxes else [n for n in shown if n.role == "input"] + [n for n in reversed(shown) if n.role != "input"]
    for node in listing:
        statements.setdefault(p.boxes.get(id(node)), []).append((ids[id(node)], {"label": _html_node(node, net_of.get(id(node)), p, text)}))
    emit_clusters(g, statements, {"style": "rounded,dashed", "color": "#888888", "fontsize": FONT_SIZE})
    edges = []
    for node in shown:
        if not node.children:
            continue
        net = net_of.get(id(node))
        source = net if net is not None else node
        lit = id(node) in p.lit
        for k, child in enumerate(source.children):
            if id(child) in folded_weight:
                continue
            weight = source.children[k - 1] if k % 2 == 1 and source.op == "dot" and id(source.children[k - 1]) in folded_weight else None
            if id(child) in biases:
                continue  # the bias: a row inside the neuron
            for r in ([child] if id(child) in shown_ids else refs.get(id(child), [])):
                attrs: dict[str, str] = {}
                if weight is not None:
                    attrs["label"] = _weight_label(weight, p)
                if lit and (id(r) in p.lit or (weight is not None and id(weight) in p.lit)):  # on a path
                    attrs.update(HIGHLIGHT)
                edges.append((ids[id(r)], ids[id(node)], attrs))
    _keep_layers_in_order(g, shown, net_of, ids, p.rankdir)
    for tail, head, attrs in edges if p.rankdir in ("LR", "RL") else reversed(edges):
        g.edge(tail, head, attrs or None)
    _slide_caption(g, p, bool(net_of), bool(folded_weight))
    return g.text()


def _keep_layers_in_order(g: Dot, shown: list[Value], net_of: dict[int, Value], ids: dict[int, str], rankdir: str) -> None:
    """The neurons of one layer (same depth from the inputs) in one rank, chained by invisible edges in
    their index order, so dot cannot reorder them to save crossings."""
    depth: dict[int, int] = {}
    for node in shown:  # topological: inputs first
        source = net_of.get(id(node), node)
        below = [depth.get(id(c), 0) for c in source.children]
        depth[id(node)] = 1 + max(below, default=-1)
    layers: dict[int, list[str]] = {}
    for node in shown:
        if id(node) in net_of:
            layers.setdefault(depth[id(node)], []).append(ids[id(node)])
    for members in layers.values():
        if len(members) > 1:
            g.raw("{ rank=same; " + "; ".join(members) + " }")
            chain = members
            for tail, head in zip(chain, chain[1:]):
                g.edge(tail, head, {"style": "invis"})


def _show(node: Value, p: Plan, text: dict, refs: dict, shown: list, shown_ids: set) -> None:
    text[id(node)] = (short(p.name_of[id(node)]), 9)
    refs[id(node)] = [node]
    shown.append(node)
    shown_ids.add(id(node))


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
    return f"<td{attrs}>{html_text(text)}</td>"


def _html_node(node: Value, net: Optional[Value], p: Plan, text: dict) -> Html:
    """A drawn node as an HTML-like table: a neuron's two columns net | out, or one value's rows."""
    role = role_key(node, p.root)
    style = ROLES[role][1]
    colour = style.get("fillcolor", "#ffffff")
    lit = id(node) in p.lit
    border = f' color="{HIGHLIGHT["color"]}"' if lit else (' color="#4a6fa5"' if role == "frozen" else "")
    width = "3" if lit or role == "output" else "1"
    f = p.fmt
    rows: list[str] = []
    if net is not None:
        head = f"{p.name_of[id(node)]} = {_SYMBOLS.get(node.op, node.op)}(net)"
        rows.append("<tr>" + _cell(short(p.name_of[id(net)])) + _cell(short(head, 30)) + "</tr>")
        if "data" in p.fields:
            rows.append("<tr>" + _cell(f(net.data)) + _cell(f(node.data)) + "</tr>")
        if "grad" in p.fields:
            rows.append("<tr>" + _cell(f"δ = {f(net.grad)}") + _cell(f"{_grad_name(p, 'out')} = {f(node.grad)}") + "</tr>")
        if net.op == "dot" and len(net.children) % 2 == 1:
            b = net.children[-1]
            if b.children or b.role == "constant" or not b.label:  # a number (or a value drawn elsewhere)
                bias = f"+ {text.get(id(b), (f(b.data), 9))[0]}"
            else:
                bias = f"+ {short(p.name_of[id(b)], 20)}" + (f" = {f(b.data)}" if "data" in p.fields else "")
                if b.frozen:
                    bias += " (frozen)"
                elif "grad" in p.fields:
                    bias += f",  {_grad_name(p, short(p.name_of[id(b)], 20))} = {f(b.grad)}"
            rows.append(f'<tr><td colspan="2">{html_text(bias)}</td></tr>')
    else:
        name = short(p.name_of[id(node)])
        first = name
        if node.children:
            formula = _formula(node, text, p)[0]
            if formula != name:
                first = f"{name} = {short(formula, 50)}"
        if node.role == "parameter" and node.frozen:
            first += " (frozen)"
        values = []
        if "data" in p.fields:
            values.append(f(node.data) if not node.children else f"= {f(node.data)}")
        if "grad" in p.fields:
            values.append(f"{_grad_name(p, name if len(name) <= 12 else '·')} = {f(node.grad)}")
        rows.append("<tr>" + _cell(first) + "</tr>")
        rows += ["<tr>" + _cell(v) + "</tr>" for v in values]
    rounded = ' style="rounded"' if net is not None else ""
    table = f'<table border="{width}" cellborder="0" cellspacing="0" cellpadding="3" bgcolor="{colour}"{border}{rounded}>'
    return Html(table + "".join(rows) + "</table>")


def _weight_label(w: Value, p: Plan) -> str:
    name = short(p.name_of[id(w)], 24)
    lines = [f"{name} = {p.fmt(w.data)}" if "data" in p.fields else name]
    if "grad" in p.fields and not w.frozen:
        lines.append(f"{_grad_name(p, name)} = {p.fmt(w.grad)}")
    return "\\n".join(line.replace("\\", "\\\\").replace('"', '\\"') for line in lines)


def _slide_caption(g: Dot, p: Plan, neurons: bool, weights: bool) -> None:
    from autograd_mini.drawing.style import caption

    cells: list[tuple[str, dict[str, str]]] = []
    if p.legend:
        present = {role_key(n, p.root) for n in p.order}
        cells += [ROLES[key] for key in ("parameter", "frozen", "input", "output") if key in present]
        E = _symbol(p)
        if neurons:
            cells.append(("neuron: net | out" + (f", δ = ∂{E}/∂net" if "grad" in p.fields else ""), {}))
        if weights:
            cells.append(("edge: weight = value" + (f", ∂{E}/∂weight" if "grad" in p.fields else ""), {}))
        root_name = short(p.name_of[id(p.root)], 20)
        if "grad" in p.fields and E != root_name:
            cells.append((f"∂{E} = ∂{root_name}", {}))
        if p.lit:
            cells.append((f"on a path from {p.lit_sources}", {"fillcolor": "#ffffff", "color": HIGHLIGHT["color"]}))
    label = caption(p.title, p.notes, cells, FONT_SIZE)
    if label is not None:
        g.attr(labelloc="t", labeljust="c")
        g.raw(f"label=<{label}>")
