"""The read-only graph API: node names, number formats, lookups by label, reachability (public).

The drawing (`draw.py`), the chain-rule tracer (`trace.py`), the backward tape (`tape.py`) and the
worksheet (`worksheet.py`) all number the nodes by `topological_order` (inputs first), so one node has
one name everywhere: its label (``w5``, ``net_o1``, ``E_total``) or, when it has none, ``#i`` with
``i`` its position in that order.
"""

from __future__ import annotations

import gc
import math
import re
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Mapping, Union

from autograd_mini.engine import Value, topological_order
from autograd_mini.text import cut
from autograd_mini.validate import integer, real, shown

NumberFormat = Union[str, Callable[[float], str], None]

#: The decimals the Mazur post prints (0.593269992, 0.082167041, 0.000438568).
POST_DECIMALS = 9


def post_format(x: float, decimals: int = POST_DECIMALS) -> str:
    """A number as the worked examples print it: ``decimals`` decimals, trailing zeros dropped.

    ``post_format(0.7413650700)`` is ``'0.74136507'`` and ``post_format(0.4)`` is ``'0.4'``, as in the
    Mazur post. Numbers too small to show 3 significant digits that way use 6 significant digits
    (``1.5e-08``) rather than print as 0; numbers from 10^15 on use 9 significant digits (``3.27339061e+150``).
    """
    if type(x) is float and decimals == 9 and (1e-7 <= x < 1e15 or -1e15 < x <= -1e-7):  # the common case, fast
        text = f"{x:.9f}".rstrip("0")
        return text[:-1] if text[-1] == "." else text
    if type(x) is not float:
        x = real(x, "post_format", "x", finite=False)
    if decimals != POST_DECIMALS:
        decimals = integer(decimals, "post_format", "decimals", low=0, high=100)
    if x != x or x in (math.inf, -math.inf):
        return repr(x)
    a = x if x >= 0.0 else -x
    if (a < 1e-7 if decimals == POST_DECIMALS else a < 10.0 ** (2 - decimals)) and x != 0.0:
        return f"{x:.6g}"
    if a >= 1e15:  # 1e300 as 301 digits would be noise
        return f"{x:.9g}"
    text = f"{x:.9f}" if decimals == POST_DECIMALS else f"{x:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off while a tracer builds millions of small records (a 1e6-node
    tape): each automatic collection would walk the whole graph again, making the build quadratic.
    The records form no cycles; the collector's previous state is restored afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def cached(f: Callable[[float], str], size: int = 4096) -> Callable[[float], str]:
    """``f`` remembering its last few thousand answers: a long tape formats the same locals (1, 1.0001)
    over and over. The cache is emptied when full, so memory stays bounded."""
    memo: dict[float, str] = {}
    get = memo.get

    def fmt(x: float) -> str:
        out = get(x)
        if out is None:
            if len(memo) >= size:
                memo.clear()
            out = memo[x] = f(x)
        return out

    return fmt


def formatter(spec: NumberFormat, where: str = "") -> Callable[[float], str]:
    """A float formatter from a spec: a format string (``"{:.4f}"``), a callable, or None (`post_format`).

    Checked here, at the boundary, so a bad spec is a clear error naming ``number_format`` (prefixed
    with ``where``, the public call), never an AttributeError deep inside: a format string is tried on a
    float (including attribute and index lookups such as ``"{0.real.foo}"``); a callable must return a
    str, which is checked on every call (``round`` and ``lambda v: v`` are refused with a TypeError).
    """
    prefix = f"{where}: " if where else ""
    if spec is None:
        return post_format
    if isinstance(spec, str):
        try:
            probe = spec.format(-0.5)
        except Exception as error:  # AttributeError/IndexError/KeyError/TypeError/ValueError from the spec
            raise ValueError(
                f"{prefix}number_format {spec!r} is not a format string for one float "
                f"({type(error).__name__}: {error}); write it like '{{:.4f}}' or '{{:.6g}}', or pass a function float -> str"
            ) from None
        if not probe:
            raise ValueError(f"{prefix}number_format {spec!r} formats a number as an empty string; write it like '{{:.4f}}'")
        return spec.format
    if callable(spec):
        return _checked_callable(spec, prefix)
    raise TypeError(
        f"{prefix}number_format must be a format string like '{{:.4f}}' or a function float -> str, "
        f"got {type(spec).__name__}: {spec!r}"[:300]
    )


def _checked_callable(spec: Callable[[float], object], prefix: str) -> Callable[[float], str]:
    name = getattr(spec, "__name__", type(spec).__name__)

    def fmt(x: float) -> str:
        try:
            out = spec(x)
        except Exception as error:
            raise ValueError(f"{prefix}number_format {name} failed on {x!r} ({type(error).__name__}: {error})") from None
        if not isinstance(out, str):
            raise TypeError(
                f"{prefix}number_format must return a str, but {name}({x!r}) returned {type(out).__name__}: {out!r}"[:300]
                + "; wrap it, e.g. lambda v: f'{v:.4f}'"
            )
        return out

    fmt(-0.5)  # the first use, at the boundary
    return fmt


def node_name(node: Value, index: int) -> str:
    """The name a node goes by: its label, or ``#index`` (its position in topological order)."""
    return node.label if node.label else f"#{index}"


_EXPRESSION = re.compile(r"[\s()+\-−*/×÷·²³^=]")


_EXPRESSIONS: dict[str, bool] = {}


def is_expression(name: str) -> bool:
    """Does a label describe an expression (``target_o1 − out_o1``) rather than name a quantity (``out_o1``)?
    It does when it contains a space, a parenthesis or an operator sign."""
    known = _EXPRESSIONS.get(name)
    if known is None:
        if len(_EXPRESSIONS) > 65536:  # a tape names each node a few times; keep the memo small
            _EXPRESSIONS.clear()
        known = _EXPRESSIONS[name] = bool(_EXPRESSION.search(name))
    return known


def partial(top: str, bottom: str) -> str:
    """``∂top/∂bottom``, expressions in parentheses: ``∂E_o1/∂(target_o1 − out_o1)``."""
    return f"∂{_operand(top)}/∂{_operand(bottom)}"


def operand(name: str) -> str:
    """A name as the operand of ∂: ``out_o1`` as it is, an expression in parentheses: ``(target_o1 − out_o1)``."""
    return _operand(name)


def _operand(name: str) -> str:
    if not is_expression(name) or (name.startswith("(") and name.endswith(")") and name.count("(") == 1):
        return name
    return f"({name})"


class ByNode(dict):
    """A dict ``id(node) -> value`` over the nodes of a graph (``nodes``) that survives ``pickle`` and
    ``copy.deepcopy``: it is stored as the nodes and their values, and rebuilt keyed by the copies' ids."""

    nodes: list[Value]

    @classmethod
    def of(cls, nodes: list[Value], values: Iterable[object]) -> ByNode:
        made = cls(zip(map(id, nodes), values))
        made.nodes = nodes
        return made

    def __reduce__(self) -> tuple[object, ...]:
        nodes = [n for n in self.nodes if id(n) in self]
        return (ByNode.of, (nodes, [self[id(n)] for n in nodes]))


def names(order: list[Value], where: str = "") -> ByNode:
    """``id(node) -> name`` for every node of a topological order (a `ByNode`: it pickles).

    A label that is not text (set after construction: ``v.label = None``, ``5``, ``b"w1"``) is a TypeError
    naming the value, its message starting with ``where`` (the public call); a str subclass is read as its
    plain text (its own ``__str__`` is never called)."""
    out = []
    for i, node in enumerate(order):
        label = node.label
        if type(label) is not str:
            label = _plain_label(node, i, where)
        out.append(label if label else f"#{i}")
    return ByNode.of(order, out)


def _plain_label(node: Value, index: int, where: str) -> str:
    if isinstance(node.label, str):
        return str.__str__(node.label)
    prefix = f"{where}: " if where else ""
    raise TypeError(
        f"{prefix}the label of value #{index} (data={node.data!r}) is {shown(node.label)}, not a str; "
        "set it to a text such as v.label = 'w1' ('' for no label)"
    )


class NameOf:
    """``node -> name``: its name in ``name_of``, else its label (``"#?"`` unlabelled); picklable, unlike a lambda."""

    __slots__ = ("name_of",)

    def __init__(self, name_of: dict[int, str]) -> None:
        self.name_of = name_of

    def __call__(self, v: Value) -> str:
        return self.name_of.get(id(v), v.label or "#?")

    def __getstate__(self) -> dict[int, str]:
        return self.name_of

    def __setstate__(self, state: dict[int, str]) -> None:
        self.name_of = state


def find_node(
    root: Value, wanted: Union[Value, str], order: list[Value] | None = None, what: str = "wrt", where: str = ""
) -> Value:
    """The node of ``root``'s graph given as a Value or by its label; a clear error otherwise.

    A label must name exactly one node: two nodes labelled ``"x"`` are ambiguous (pass the Value).
    ``where`` (the public call, e.g. ``"explain"``) starts every message.
    """
    check_root(root, where)
    if where:
        what = f"{where}: {what}"
    order = topological_order(root) if order is None else order
    if isinstance(wanted, Value):
        if any(node is wanted for node in order):
            return wanted
        label = f" {_short(wanted.label)}" if wanted.label else ""
        raise ValueError(
            f"{what}: the Value{label} (data={wanted.data!r}) is not in the graph of {_root_name(root)}: "
            "the root does not depend on it; pass a node the root was computed from"
        )
    if not isinstance(wanted, str):
        raise TypeError(f"{what} must be a Value or a node's label (str), got {shown(wanted)}")
    matches = [node for node in order if node.label == wanted]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        labels = sorted({node.label for node in order if node.label})
        listed = ", ".join(labels[:30]) + (" …" if len(labels) > 30 else "")
        raise ValueError(
            f"{what}: no node labelled {_short(wanted)} in the graph of {_root_name(root)}; labelled nodes: {listed or '(none)'}"
        )
    raise ValueError(
        f"{what}: {len(matches)} nodes are labelled {_short(wanted)} in the graph of {_root_name(root)}; "
        "pass the Value itself, or give the nodes distinct labels"
    )


def check_root(root: object, where: str = "") -> Value:
    """``root`` if it is a Value; a TypeError starting with ``where`` (``"explain: root must be …"``) otherwise."""
    if not isinstance(root, Value):
        prefix = f"{where}: " if where else ""
        raise TypeError(f"{prefix}root must be a Value (the output or loss, e.g. E_total), got {shown(root)}")
    return root


def _root_name(root: Value) -> str:
    return _short(root.label) if root.label else f"the root (data={root.data!r})"


def _short(label: str) -> str:
    """A label's repr, short enough for an error message."""
    return cut(repr(label), 60)


def dependents(order: list[Value], source: Value) -> set[int]:
    """``id``s of the nodes that depend on ``source`` (``source`` included): the nodes on some path
    from ``source`` to the root, since every node of ``order`` reaches the root."""
    reached = {id(source)}
    add = reached.add
    for node in order:
        for child in node.children:
            if id(child) in reached:
                add(id(node))
                break
    return reached


def replay(order: list[Value], root: Value, seed: float = 1.0) -> dict[int, float]:
    """``id(node) -> ∂root/∂node`` exactly as one ``root.backward(seed)`` computes it (same order, same
    float operations, a node whose gradient is 0 skipped), without touching any ``.grad``."""
    grads = dict.fromkeys(map(id, order), 0.0)
    grads[id(root)] = seed
    for node in reversed(order):
        g = grads[id(node)]
        if g == 0.0:
            continue
        for child, local in zip(node.children, node.local_grads):
            grads[id(child)] += local * g
    return grads


def mismatches(order: list[Value], root: Value, seed: float = 1.0) -> list[Value]:
    """The nodes whose ``.grad`` is not what exactly one ``root.backward(seed)`` leaves there, in the order
    backward() visits them (the root first): empty right after one backward(); every node with a nonzero gradient when backward() was never
    run; the leaves when it ran twice (they accumulate). The one freshness check behind drawings, the
    explorer, the tape and ``--graph``."""
    return differing(reversed(order), replay(order, root, seed))


def differing(nodes: Iterable[Value], replayed: Mapping[int, float]) -> list[Value]:
    """The ``nodes`` whose ``.grad`` is not the replayed gradient ``replayed[id(node)]``, in the given order:
    the comparison of `mismatches`, for a caller that already holds a replay (the tape holds its own)."""
    return [node for node in nodes if node.grad != replayed[id(node)]]


def consumers(order: list[Value]) -> dict[int, list[Value]]:
    """``id(node) -> the nodes computed from it``, in topological order, a node listed once per use
    (``x * x`` lists the product twice); leaves of nothing (the root) are absent. The one consumers map
    behind slides, clusters, worksheets and grading."""
    found: dict[int, list[Value]] = {}
    for node in order:
        for child in node.children:
            found.setdefault(id(child), []).append(node)
    return found
