"""A worksheet: the graph's nodes as a Markdown table to fill in by hand, with its answer key.

``worksheet(E_total, blank="grads")`` gives an exercise (every node with its op, inputs and forward
value; the ∂E_total/∂node column empty) and, separately, its answer key (the same table filled in).
``blank="data"`` leaves the computed forward values empty instead (a forward-pass exercise), ``"both"``
both, and a list of row names just those rows. ``blank_grads=True`` is the older spelling of
``blank="grads"``.

Rows follow the network, as the lectures draw it: the inputs; then per layer (found from the labels
``net_h1``/``out_h1``, see `autograd_mini.neurons`) each neuron's weights, bias, net and out; then the
loss. A graph without such labels is listed in forward (topological) order. Each row has a number (``#``,
its position) and a unique name: a node without a label is named by its formula (``w1*x1``), a constant
by its value (``3``), or by its own row (``row 8``), never ``#2``; a label two nodes share gets the node it
feeds in parentheses (``½ (E_o1)``). The answer key holds ∂root/∂node from a replay of ``backward()``
(right even before ``backward()``), every gradient to at least 9 significant figures. Both tables end with
a record (an HTML comment, see `read_record`) of the blank cells and of what the graph was made from.
`autograd_mini.tracing.grading.check_worksheet` grades a filled-in copy.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation, localcontext
from typing import Callable, Iterable, Mapping, Optional, Union

from autograd_mini import validate
from autograd_mini.engine import Value, topological_order
from autograd_mini.graph import NumberFormat, cached, check_root, consumers, formatter, is_expression, names, paused_gc, post_format, replay
from autograd_mini.neurons import find_layers
from autograd_mini.text import markdown_cell, markdown_text
from autograd_mini.tracing.latex import latex_name

__all__ = ["worksheet", "Worksheet", "WorksheetRow", "BLANK", "BLANK_CHOICES", "read_record", "source_text", "KEY_FIGURES"]

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
        plain = f"∂{markdown_cell(self.root_name)}/∂node |"
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
    source: Optional[Mapping[str, object]] = None,
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
        source: what the graph was made from, recorded in both tables (see `read_record`) so that
            ``check FILE`` regrades without repeating it: ``{"example": "mazur"}``,
            ``{"expr": "L = a*b", "set": ["a=2", "b=-3"]}`` or ``{"graph": "net.py:loss"}`` (default: none).

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
    recorded = _checked_source(source)
    with paused_gc():
        order = topological_order(root)
        names(order, "worksheet")  # first: every label is text (else a TypeError saying so)
        validate.node_data(order, "worksheet")  # a .data set to nan or a str after the graph was built: named, never printed
        rows_order = layer_order(order)
        row_name = unique_names(order, rows_order, constants)
        grads = replay(order, root)
        choice = _blank_choice(blank, blank_grads, [row_name[id(n)] for n in rows_order])
        rows = _rows(rows_order, root, row_name, grads, choice, constants)
        rname = row_name[id(root)]
        record = {"version": 1, "blank": choice if isinstance(choice, str) else sorted(choice), "constants": constants, "source": recorded}
        exercise, key = _tables(rows, rname, fmt, title, _record_line(record))
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


def _tables(rows: list[WorksheetRow], rname: str, fmt: Callable[[float], str], title: Optional[str], record: str) -> tuple[str, str]:
    """(exercise, answer key): one walk over the rows, two renderings, each ending with the record. The
    exercise shows the given numbers in ``fmt``; the key shows every gradient to at least `KEY_FIGURES`
    significant figures and every computed value to at least 3 (or exactly), so that it grades as correct."""
    def g(x: float) -> str:  # a number_format's own text escaped for the cell
        return markdown_cell(fmt(x))

    f = cached(g)  # values repeat (constants, weights); gradients rarely do
    default, figures = fmt is post_format, KEY_FIGURES
    head = [f"## {markdown_text(title)}", ""] if title else []
    head += [f"| # | node | role | op | inputs | data | ∂{markdown_cell(rname)}/∂node |", "|---:|---|---|---|---|---:|---:|"]
    exercise, key = list(head), list(head)
    for r in rows:
        data, grad = f(r.data), g(r.grad)
        start = f"| {r.number} | {markdown_cell(r.name)} | {markdown_cell(r.role)} | {markdown_cell(r.op)} | {markdown_cell(', '.join(r.inputs))} | "
        x = r.data  # the common case inline (see _key_text): 9 decimals of a number ≥ 0.1, no tie possible
        if not r.inputs or (default and len(data) - data.find(".") == 10 and (x >= 0.1 or x <= -0.1) and not (x * 1024.0).is_integer()):
            kdata = data
        else:
            kdata = _key_text(x, data, 3, default)
        x = r.grad
        if default and len(grad) - grad.find(".") == 10 and (x >= 0.1 or x <= -0.1) and not (x * 1024.0).is_integer():
            kgrad = grad
        else:
            kgrad = _key_text(x, grad, figures, default)
        key.append(f"{start}{kdata} | {kgrad} |")
        if r.blank_data or r.blank_grad or kdata is not data or kgrad is not grad:
            exercise.append(f"{start}{BLANK if r.blank_data else data} | {BLANK if r.blank_grad else grad} |")
        else:
            exercise.append(key[-1])
    tail = ["", record]
    return "\n".join(exercise + tail), "\n".join(key + tail)


# ---------------------------------------------------------------------- numbers an answer key can be graded by
KEY_FIGURES = 9  # an answer key's gradients carry at least this many significant figures


def _key_text(x: float, t: str, figures: int, default: bool) -> str:
    """``t`` (``x`` as the sheet's format wrote it) made fit for an answer key: ``t`` when it is ``x`` itself
    (it reads back as the same float) or carries ``figures`` significant figures strictly within half a unit
    of its last digit; else ``x`` to `KEY_FIGURES` figures (``repr(x)``, which is exact, when even that lands
    on a tie). ``default``: ``t`` came from `post_format` with 9 decimals (a fast path)."""
    if default and len(t) - t.find(".") == 10 and (x >= 0.1 or x <= -0.1) and not (x * 1024.0).is_integer():
        return t  # the common case: 9 decimals of a number ≥ 0.1 are ≥ 9 figures, strictly within (no tie)
    try:
        if float(t) == x:
            return t
    except ValueError:
        pass
    if default and "e" not in t:  # 9 decimals: strictly within unless x·1024 is whole (a tie is possible)
        if (x * 1024.0).is_integer():
            return repr(x)
        if len(t.lstrip("-").replace(".", "").lstrip("0")) >= figures:
            return t
        if abs(x) >= 0.1:
            return f"{x:.9f}"  # trailing zeros kept: 9 decimals are at least 9 figures here
    elif significant_figures(t) >= figures and strictly_within(x, t):
        return t
    t = f"{x:#.{KEY_FIGURES}g}".replace(".e", "e").rstrip(".")  # '#': trailing zeros kept, they are figures
    return t if strictly_within(x, t) else repr(x)


def significant_figures(written: str) -> int:
    """The significant figures of a written number: ``"0.0822"`` 3, ``"8.2167e-2"`` 5, ``"100"`` 3, ``"0.000"``
    0; 0 for a text that is not a number."""
    try:
        figure = Decimal(written.strip().replace("−", "-").replace("_", ""))
    except (InvalidOperation, ValueError):
        return 0
    if not figure.is_finite():
        return 0
    digits = figure.as_tuple().digits
    return 0 if not any(digits) else len(digits) - next(i for i, d in enumerate(digits) if d)


def strictly_within(x: float, written: str) -> bool:
    """|x − written| strictly less than half a unit of ``written``'s last digit, in exact decimal arithmetic
    (False for a text that is not a finite number)."""
    try:
        figure = Decimal(written.strip().replace("−", "-").replace("_", ""))
    except (InvalidOperation, ValueError):
        return False
    if not figure.is_finite() or not math.isfinite(x):
        return False
    exponent = figure.as_tuple().exponent
    assert isinstance(exponent, int)
    half = Decimal((0, (5,), exponent - 1))
    with localcontext() as ctx:  # the bounds need the figure's digits plus a few; comparisons never round
        ctx.prec = len(figure.as_tuple().digits) + 3
        ctx.Emin, ctx.Emax = -(10**17), 10**17
        return figure - half < Decimal(x) < figure + half


# ---------------------------------------------------------------------- the record: what the sheet was made from
_RECORD = re.compile(r"<!--\s*autograd-mini:(.*?)-->", re.DOTALL)
_SOURCE_KINDS = ("example", "expr", "graph")


def _checked_source(source: object) -> Optional[dict]:
    if source is None:
        return None
    if not isinstance(source, Mapping):
        raise TypeError(f"worksheet: source must be a dict such as {{'example': 'mazur'}}, got {validate.shown(source)}")
    kinds = [k for k in _SOURCE_KINDS if k in source]
    extra = sorted(str(k) for k in source if k not in (*_SOURCE_KINDS, "set"))
    if len(kinds) != 1 or extra or ("set" in source and kinds != ["expr"]):
        raise ValueError(
            "worksheet: source must hold exactly one of 'example', 'expr' (with an optional 'set' list) or 'graph', "
            f"got the keys {sorted(map(str, source))}"
        )
    kind = kinds[0]
    out: dict = {kind: validate.text(source[kind], "worksheet", f"source[{kind!r}]")}
    if kind == "expr":
        settings = source.get("set", [])
        if isinstance(settings, (str, bytes)) or not isinstance(settings, Iterable):
            raise TypeError(f"worksheet: source['set'] must be a list of 'NAME=NUMBER' strings, got {validate.shown(settings)}")
        out["set"] = [validate.text(item, "worksheet", "each of source['set']") for item in settings]
    return out


def _record_line(record: dict) -> str:
    """The record as an HTML comment (a Markdown viewer shows nothing): JSON whose ``< > - &`` are written as
    ``\\u`` escapes, so no label or expression can close the comment or open a tag."""
    data = json.dumps(record, ensure_ascii=True, separators=(", ", ": "))
    data = data.replace("-", "\\u002d").replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"<!-- autograd-mini: {data} -->"


def read_record(text: str, where: str = "check_worksheet") -> Optional[dict]:
    """The record `worksheet` wrote into ``text`` (a dict with ``version``, ``blank``, ``constants`` and
    ``source``), or None when there is none; a damaged record is a ValueError."""
    found = _RECORD.search(text)
    if found is None:
        return None
    damaged = f"{where}: the worksheet's record (the <!-- autograd-mini: … --> line) is damaged; restore it from the handed-out file"
    try:
        record = json.loads(found.group(1).strip())
    except ValueError:
        raise ValueError(damaged) from None
    if not isinstance(record, dict) or record.get("version") != 1 or not isinstance(record.get("constants"), bool):
        raise ValueError(damaged)
    blank = record.get("blank")
    if not (blank in BLANK_CHOICES or (isinstance(blank, list) and all(isinstance(b, str) for b in blank))):
        raise ValueError(damaged)
    try:
        record["source"] = _checked_source(record.get("source"))
    except (TypeError, ValueError):
        raise ValueError(damaged) from None
    return record


def source_text(source: Optional[Mapping[str, object]]) -> str:
    """A source as the command line spells it: ``--example mazur``, ``--expr 'L = a*b' --set a=2``,
    ``--graph net.py:loss`` ("" for none)."""
    import shlex

    if not source:
        return ""
    kind = next(k for k in _SOURCE_KINDS if k in source)
    words = [f"--{kind}", str(source[kind])]
    settings = source.get("set", []) if kind == "expr" else []
    for item in settings if isinstance(settings, (list, tuple)) else []:
        words += ["--set", str(item)]
    return shlex.join(words)


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
    used_by = consumers(order)
    leaf_extras: dict[int, list[Value]] = {}
    extras: dict[int, list[Value]] = {}
    for node in order:  # topological order, so a leaf comes before the node it feeds
        key = id(node)
        if key in in_block:
            continue
        if node.children:
            extras.setdefault(section[key], []).append(node)
            continue
        parent = used_by[key][0] if key in used_by else None  # the first node it feeds
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


def _row_numbers(rows_order: list[Value], constants: bool) -> dict[int, int]:
    """``id -> row number`` of every node that gets a row (constants left out when ``constants`` is False)."""
    numbers: dict[int, int] = {}
    for node in rows_order:
        if constants or node.children or node.role != "constant":
            numbers[id(node)] = len(numbers) + 1
    return numbers


def _row_names(rows_order: list[Value], constants: bool) -> dict[int, str]:
    """Every node by its label, or by its row (``row 8``) without one: the names of a large graph, in one pass."""
    out: dict[int, str] = {}
    k = 0
    for node in rows_order:
        if constants or node.children or node.role != "constant":
            k += 1
            out[id(node)] = node.label or f"row {k}"
        else:
            out[id(node)] = node.label or "(no row)"
    return out


_MAX_NAME = 30  # a made-up name longer than this is replaced by the row's own number
_MAX_FORMULAS = 10_000  # a sheet filled in by hand is far smaller; beyond, unnamed nodes go by their rows (fast)
_INFIX = {"+": (" + ", 1), "-": (" - ", 1), "*": ("*", 2), "/": ("/", 2)}


def _made_up_names(order: list[Value], numbers: dict[int, int]) -> dict[int, str]:
    """A name for every node, readable where it has no label: a constant by its value (``3``), a computed
    node by its formula over its inputs' names (``w1*x1``, ``x*x + 3*x``, ``tanh(n)``), and what has no
    short formula by its own row (``row 8``), never a name that reads as another row's number. A graph of
    more than `_MAX_FORMULAS` nodes names every unnamed node by its row."""
    out: dict[int, str] = {}
    level: dict[int, int] = {}  # how tightly a name binds as an operand: 3 a name, 2 a product, 1 a sum, 0 needs ( )
    for node in order:
        key = id(node)
        if node.label:
            out[key], level[key] = node.label, 0 if is_expression(node.label) else 3
            continue
        name, binds = "", 3
        if not node.children:
            if node.role == "constant":
                name = post_format(node.data)
                binds = 3 if node.data >= 0 else 0
        else:
            kids = node.children
            op = node.op
            if op in _INFIX and len(kids) == 2:
                sign, binds = _INFIX[op]
                a, b = kids
                left = out[id(a)] if level[id(a)] >= binds else f"({out[id(a)]})"
                right = out[id(b)] if level[id(b)] > binds or (level[id(b)] == binds and op in "+*") else f"({out[id(b)]})"
                name = left + sign + right
            elif op.startswith("**") and len(kids) <= 2:
                a = kids[0]
                base = out[id(a)] if level[id(a)] >= 3 else f"({out[id(a)]})"
                power = op[2:] or (out[id(kids[1])] if level[id(kids[1])] >= 3 else f"({out[id(kids[1])]})")
                name, binds = f"{base}**{power}", 2
            elif op == "neg" and len(kids) == 1:
                a = kids[0]
                name, binds = "-" + (out[id(a)] if level[id(a)] >= 2 else f"({out[id(a)]})"), 0
            elif op.isidentifier():
                name = f"{op}({', '.join(out[id(c)] for c in kids)})" if len(kids) <= 3 else ""
        if not name or len(name) > _MAX_NAME:
            name, binds = (f"row {numbers[key]}" if key in numbers else "(no row)"), 1
        out[key], level[key] = name, binds
    return out


def unique_names(order: list[Value], rows_order: Optional[list[Value]] = None, constants: bool = True) -> dict[int, str]:
    """``id -> row name``: the node's label or a readable made-up name (see `_made_up_names`; rows are
    numbered in ``rows_order``, default ``order``, without the constants when ``constants`` is False;
    beyond `_MAX_FORMULAS` nodes an unnamed node is named by its row), and for a name several nodes share,
    a label plus the node it feeds in parentheses (``½ (E_o1)``), a made-up name or a label still not unique
    plus its own row (``1.0001 (row 6)``). The same graph always gets the same names."""
    rows_order = order if rows_order is None else rows_order
    if len(order) > _MAX_FORMULAS:
        base = _row_names(rows_order, constants)
        if len(set(base.values())) == len(base):
            return base
    numbers = _row_numbers(rows_order, constants)
    base = base if len(order) > _MAX_FORMULAS else _made_up_names(order, numbers)
    if len(set(base.values())) == len(base):
        return base
    count: dict[str, int] = {}
    for n in base.values():
        count[n] = count.get(n, 0) + 1
    used_by = consumers(order)
    out = dict(base)
    for node in order:
        n = base[id(node)]
        if count[n] > 1 and not node.label and id(node) in numbers:
            out[id(node)] = f"{n} (row {numbers[id(node)]})"  # a made-up name: told apart by its own row
        elif count[n] > 1 and id(node) in used_by:
            out[id(node)] = f"{n} ({base[id(used_by[id(node)][0])]})"
    again: dict[str, int] = {}
    for v in out.values():
        again[v] = again.get(v, 0) + 1
    for node in order:
        if again[out[id(node)]] > 1:
            out[id(node)] = f"{out[id(node)]} (row {numbers[id(node)]})" if id(node) in numbers else f"{out[id(node)]} (no row)"
    return out


def _role(node: Value, root: Value) -> str:
    if node is root:
        return "output"
    if node.role == "parameter" and node.frozen:
        return "parameter (frozen)"
    return node.role
