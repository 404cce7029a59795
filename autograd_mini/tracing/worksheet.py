"""A worksheet: the graph's nodes as a Markdown table to fill in by hand, with its answer key.

``worksheet(E_total, blank="grads")`` gives an exercise (every node with its op, inputs and forward
value; the ∂E_total/∂node column empty) and, separately, its answer key (the same table filled in).
``blank="data"`` leaves the computed forward values empty instead (a forward-pass exercise), ``"both"``
both, and a list of row names just those rows. ``blank_grads=True`` is the older spelling of
``blank="grads"``.

Rows follow the network, as the lectures draw it: the inputs; then per layer (found from the labels
``net_h1``/``out_h1``, see `autograd_mini.neurons`) each neuron's weights, bias, net and out; then the
loss. A graph without such labels is listed in forward (topological) order. Each row has a number (``#``)
and a unique name: a label two nodes share gets the node it feeds in parentheses (``½ (E_o1)``).
The answer key holds ∂root/∂node from a replay of ``backward()`` (right even before ``backward()``).
`autograd_mini.tracing.grading.check_worksheet` grades a filled-in copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Union

from autograd_mini import validate
from autograd_mini.engine import Value, topological_order
from autograd_mini.graph import NumberFormat, cached, check_root, formatter, names, paused_gc, replay
from autograd_mini.neurons import find_layers
from autograd_mini.tracing.latex import latex_name

__all__ = ["worksheet", "Worksheet", "WorksheetRow", "BLANK", "BLANK_CHOICES"]

BLANK = "\u2003" * 6  # a visible gap to write in (em spaces; Markdown would collapse ordinary ones)
BLANK_CHOICES = ("grads", "data", "both", "none")
Blank = Union[str, Iterable[str], None]


@dataclass(frozen=True, slots=True)
class WorksheetRow:
    """One row: its number, unique name, the node, role, op, its inputs' row names, and the answers."""

    number: int
    name: str
    node: Value = field(repr=False)
    role: str
    op: str
    inputs: tuple[str, ...]
    data: float
    grad: float
    blank_data: bool
    blank_grad: bool


@dataclass(frozen=True)
class Worksheet:
    """``exercise``: the table to hand out; ``answer_key``: the same table with every cell filled in."""

    exercise: str
    answer_key: str
    rows: tuple[WorksheetRow, ...] = ()
    root_name: str = ""
    blank: Union[str, tuple[str, ...]] = "none"

    def __str__(self) -> str:
        return self.exercise

    def _repr_markdown_(self) -> str:
        """The exercise for Jupyter, its gradient column headed in LaTeX."""
        if not self.root_name:
            return self.exercise
        plain = f"∂{_cell(self.root_name)}/∂node |"
        maths = rf"$\partial {latex_name(self.root_name)} / \partial\,\mathrm{{node}}$ |"
        return self.exercise.replace(plain, maths, 1)


def worksheet(
    root: Value,
    *,
    blank: Blank = None,
    blank_grads: bool = False,
    constants: bool = True,
    number_format: NumberFormat = None,
    title: Optional[str] = None,
) -> Worksheet:
    """The nodes of ``root``'s graph as a Markdown table: ``# | node | role | op | inputs | data | ∂root/∂node``.

    Args:
        blank: what to leave empty in ``exercise``: ``"grads"`` (the gradient column), ``"data"`` (the
            computed forward values; inputs, weights and constants stay given), ``"both"``, ``"none"``
            (default), or an iterable of row names (their computed value and gradient).
        blank_grads: the older spelling of ``blank="grads"``.
        constants: include the numbers wrapped as constants (targets, the ½ of the squared error).
        number_format: a format string or function; default: 9 decimals, as the Mazur post prints.
        title: a heading line above each table (default: none).

    Raises:
        TypeError: ``root`` is not a Value, a flag is not a bool, ``title`` not a str, a bad ``number_format``.
        ValueError: an unknown ``blank`` choice or row name, or ``blank`` contradicting ``blank_grads``.
    """
    check_root(root, "worksheet")
    blank_grads = validate.boolean(blank_grads, "worksheet", "blank_grads")
    constants = validate.boolean(constants, "worksheet", "constants")
    if title is not None:
        title = validate.text(title, "worksheet", "title").replace("\n", " ")
    fmt = formatter(number_format, "worksheet")
    with paused_gc():
        order = topological_order(root)
        validate.node_data(order, "worksheet")  # a .data set to nan or a str after the graph was built: named, never printed
        rows_order = layer_order(order)
        row_name = unique_names(order)
        grads = replay(order, root)
        choice = _blank_choice(blank, blank_grads, [row_name[id(n)] for n in rows_order])
        rows = _rows(rows_order, root, row_name, grads, choice, constants)
        rname = row_name[id(root)]
        exercise, key = _tables(rows, rname, fmt, title)
    return Worksheet(exercise, key, tuple(rows), rname, choice if isinstance(choice, str) else tuple(sorted(choice)))


def _blank_choice(blank: Blank, blank_grads: bool, row_names: list[str]) -> Union[str, set[str]]:
    if blank is None:
        return "grads" if blank_grads else "none"
    if isinstance(blank, str):
        if blank not in BLANK_CHOICES:
            raise ValueError(
                f"worksheet: blank must be one of {', '.join(map(repr, BLANK_CHOICES))} or a list of row names, "
                f"got {validate.shown(blank)}" + (f"; for one row write blank=[{blank!r}]" if blank in row_names else "")
            )
        if blank_grads and blank not in ("grads", "both"):
            raise ValueError(f"worksheet: blank_grads=True (the older spelling of blank='grads') contradicts blank={blank!r}; pass one of them")
        return blank
    if isinstance(blank, (bytes, dict)) or not isinstance(blank, Iterable):
        raise TypeError(f"worksheet: blank must be 'grads', 'data', 'both', 'none' or a list of row names, got {validate.shown(blank)}")
    chosen = set()
    for item in blank:
        chosen.add(validate.text(item, "worksheet", "each name in blank"))
    unknown = sorted(chosen - set(row_names))
    if unknown:
        shown = ", ".join(repr(u)[:40] for u in unknown[:10])
        raise ValueError(f"worksheet: blank names rows the worksheet does not have: {shown}; rows are {', '.join(row_names[:30])}")
    return chosen


def _rows(order: list[Value], root: Value, row_name: dict[int, str], grads: dict[int, float], choice: Union[str, set[str]], constants: bool) -> list[WorksheetRow]:
    rows: list[WorksheetRow] = []
    add = rows.append
    number, name_, node_, role_, op_, inputs_, data_, grad_, bdata, bgrad = _ROW_SET
    for node in order:
        if node.role == "constant" and not node.children and not constants:
            continue
        name = row_name[id(node)]
        computed = bool(node.children)
        if isinstance(choice, set):
            blank_data, blank_grad = computed and name in choice, name in choice
        else:
            blank_data = computed and choice in ("data", "both")
            blank_grad = choice in ("grads", "both")
        row = _new(WorksheetRow)  # a 1e6-node chain: slots set directly, not through the frozen __init__
        number(row, len(rows) + 1)
        name_(row, name)
        node_(row, node)
        role_(row, _role(node, root))
        op_(row, node.op)
        inputs_(row, tuple([row_name[id(c)] for c in node.children]))
        data_(row, node.data)
        grad_(row, grads[id(node)])
        bdata(row, blank_data)
        bgrad(row, blank_grad)
        add(row)
    return rows


def _tables(rows: list[WorksheetRow], rname: str, fmt: Callable[[float], str], title: Optional[str]) -> tuple[str, str]:
    """(exercise, answer key): one walk over the rows, each number formatted once, two renderings."""
    f, g = cached(fmt), fmt  # values repeat (constants, weights); gradients rarely do
    head = [f"## {title}", ""] if title else []
    head += [f"| # | node | role | op | inputs | data | ∂{_cell(rname)}/∂node |", "|---:|---|---|---|---|---:|---:|"]
    exercise, key = list(head), list(head)
    for r in rows:
        data, grad = f(r.data), g(r.grad)
        start = f"| {r.number} | {_cell(r.name)} | {r.role} | {_cell(r.op)} | {_cell(', '.join(r.inputs))} | "
        key.append(f"{start}{data} | {grad} |")
        if r.blank_data or r.blank_grad:
            exercise.append(f"{start}{BLANK if r.blank_data else data} | {BLANK if r.blank_grad else grad} |")
        else:
            exercise.append(key[-1])
    return "\n".join(exercise), "\n".join(key)


_new = object.__new__
_ROW_SET = tuple(WorksheetRow.__dict__[f].__set__ for f in ("number", "name", "node", "role", "op", "inputs", "data", "grad", "blank_data", "blank_grad"))


def layer_order(order: list[Value]) -> list[Value]:
    """The nodes in the lectures' order: inputs; per layer its neurons' weights, bias, net and out; then
    the rest (the loss). Falls back to ``order`` itself when the layers cannot be listed that way."""
    if not any(node.label.startswith("net_") for node in order):
        return order  # no neurons: forward order
    layers = find_layers(order)
    if not layers:
        return order
    section: dict[int, int] = {}
    blocks: list[list[Value]] = [[] for _ in range(len(layers) + 1)]
    for node in order:
        if not node.children and node.role == "input":
            section[id(node)] = 0
            blocks[0].append(node)
    for k, layer in enumerate(layers, 1):
        for neuron in layer.neurons:
            members = [w for w, _ in neuron.weights] + ([neuron.bias] if neuron.bias is not None else [])
            for v in members:
                if not v.children and id(v) not in section:
                    section[id(v)] = k
                    blocks[k].append(v)
            for made in (neuron.net, neuron.out):
                if made is not None and id(made) not in section:
                    section[id(made)] = k
                    blocks[k].append(made)
    in_block = set(section)
    for node in order:  # every other computed node: after the section of its latest input
        if node.children and id(node) not in in_block:
            section[id(node)] = max((section.get(id(c), 0) for c in node.children), default=0)
    first_parent: dict[int, Value] = {}
    for node in order:
        for c in node.children:
            first_parent.setdefault(id(c), node)
    leaf_extras: dict[int, list[Value]] = {}
    extras: dict[int, list[Value]] = {}
    for node in order:  # topological order, so a leaf comes before the node it feeds
        key = id(node)
        if key in in_block:
            continue
        if node.children:
            extras.setdefault(section[key], []).append(node)
            continue
        parent = first_parent.get(key)
        s = section[id(parent)] if parent is not None else 0
        # a given feeding a neuron goes before its layer's block; one feeding the loss, with the loss
        (leaf_extras if parent is not None and id(parent) in in_block else extras).setdefault(s, []).append(node)
    result: list[Value] = []
    for k in range(len(blocks)):
        result += leaf_extras.get(k, []) + blocks[k] + extras.get(k, [])
    return result if _is_forward_order(result, len(order)) else order


def _is_forward_order(nodes: list[Value], n: int) -> bool:
    if len(nodes) != n:
        return False
    seen: set[int] = set()
    for node in nodes:
        for c in node.children:
            if id(c) not in seen:
                return False
        seen.add(id(node))
    return True


def unique_names(order: list[Value]) -> dict[int, str]:
    """``id -> row name``: the node's name, and for a label several nodes share, the name plus the node
    it feeds in parentheses (``½ (E_o1)``), plus ``#i`` if that is still not unique."""
    base = names(order)
    if len(set(base.values())) == len(base):
        return base
    count: dict[str, int] = {}
    for n in base.values():
        count[n] = count.get(n, 0) + 1
    parent: dict[int, str] = {}
    for node in order:
        for c in node.children:
            parent.setdefault(id(c), base[id(node)])
    out = dict(base)
    for i, node in enumerate(order):
        n = base[id(node)]
        if count[n] > 1:
            out[id(node)] = f"{n} ({parent[id(node)]})" if id(node) in parent else f"{n} (#{i})"
    again: dict[str, int] = {}
    for v in out.values():
        again[v] = again.get(v, 0) + 1
    for i, node in enumerate(order):
        if again[out[id(node)]] > 1:
            out[id(node)] = f"{out[id(node)]} #{i}"
    return out


def _role(node: Value, root: Value) -> str:
    if node is root:
        return "output"
    if node.role == "parameter" and node.frozen:
        return "parameter (frozen)"
    return node.role


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell (``|`` and ``\\`` escaped, one line)."""
    if "|" not in text and "\\" not in text and "\n" not in text:
        return text
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
