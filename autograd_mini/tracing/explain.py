"""The chain rule, shown: every path from a weight to the loss, factor by factor.

``explain(E_total, w5)`` answers "why is ∂E_total/∂w5 = 0.082167041?" the way the Mazur post does::

    ∂E_total/∂w5 = ∂E_total/∂out_o1 × ∂out_o1/∂net_o1 × ∂net_o1/∂w5
                 = 0.74136507 × 0.186815602 × 0.593269992 = 0.082167041
    δ_o1 = ∂E_total/∂net_o1 = 0.138498562
    ∂E_total/∂w5 = δ_o1 × out_h1 = 0.138498562 × 0.593269992 = 0.082167041
    ∂net_o1/∂w5 = out_h1 = 0.593269992 …

and, with a learning rate (``explain(E_total, "w5", lr=0.5)``), the update step
``w5⁺ = w5 − η·∂E_total/∂w5 = 0.4 − 0.5 × 0.082167041 = 0.35891648``.

Each factor is read off the graph: a node's ``local_grads`` hold ∂node/∂child (``∂net_o1/∂w5 = out_h1``),
so a path's product is the product of the local derivatives along its edges, and ∂root/∂wrt is the sum of
the products over ALL paths from ``wrt`` to the root (two for w1: through o1 and through o2). The sum is
exact (``math.fsum``): `Explanation.total`. `Explanation.grad` is the engine's ``wrt.grad`` beside it and
`Explanation.engine_total` what one ``backward()`` computes, float operation for float operation; when the
engine's sum differs from the exact one only by its rounding, the note says so and blames nobody.

A node labelled ``net_X`` is a neuron's net input: its gradient is δ_X = ∂E/∂net_X, named as the post does.

Folding (``fold=``). The default, ``"post"``, groups the factors as the post does: one factor per NAMED
node on the path. Folded into the factor above them are unlabelled nodes, nodes whose label describes an
expression rather than naming a quantity (``(target_o1 − out_o1)²``), and named nodes reached through a sum
with local derivative 1 (``E_total = E_o1 + E_o2``). ``fold="labels"`` makes every labelled node a factor;
``fold="none"`` shows every edge, unlabelled nodes named ``#i`` (their position in topological order).

Paths are counted by dynamic programming first; more than ``max_paths`` (at most `MAX_LISTED`) are
summarised (count and sum), never enumerated. Every walk is linear in the size of the graph plus the
size of what is listed: a 1,000,000-node chain is explained in seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Literal, Optional, Union, get_args

from autograd_mini import validate
from autograd_mini.engine import Value, topological_order
from autograd_mini.graph import (
    NameOf,
    NumberFormat,
    check_root,
    dependents,
    find_node,
    formatter,
    is_expression,
    names,
    partial,
    paused_gc,
    replay,
)
from autograd_mini.text import markdown_text
from autograd_mini.tracing import maths as m
from autograd_mini.tracing.chains import expansions
from autograd_mini.tracing.latex import latex_name
from autograd_mini.tracing.rules import local_rule, neuron_of
from autograd_mini.tracing.walk import Namer, count_and_sum, enumerate_paths, intermediate_hint

__all__ = ["explain", "Explanation", "Path", "Factor", "Edge", "count_paths", "MAX_LISTED"]

Fold = Literal["post", "labels", "none"]
_FOLDS: tuple[Fold, ...] = get_args(Fold)
_SUM_OPS = ("sum", "+")

#: The most paths `explain` lists one by one (``max_paths`` may not exceed it).
MAX_LISTED = 10_000


@dataclass(frozen=True)
class Edge:
    """One edge of the graph, walked backwards: ``parent`` was computed from ``child`` (its input number
    ``position``), with local derivative ``local`` = ∂parent/∂child."""

    parent: Value = field(repr=False)
    child: Value = field(repr=False)
    position: int
    local: float
    parent_name: str
    child_name: str

    @property
    def symbol(self) -> str:
        return partial(self.parent_name, self.child_name)


@dataclass(frozen=True)
class Factor:
    """One factor of a chain-rule product, ∂top/∂bottom: the product of the local derivatives of
    ``edges`` (one edge, or several folded through unlabelled nodes and sums)."""

    top: str
    bottom: str
    value: float
    edges: tuple[Edge, ...] = field(repr=False)

    @property
    def symbol(self) -> str:
        """``∂out_o1/∂net_o1``."""
        return partial(self.top, self.bottom)

    @property
    def latex(self) -> str:
        return rf"\frac{{\partial {latex_name(self.top)}}}{{\partial {latex_name(self.bottom)}}}"


@dataclass(frozen=True)
class Path:
    """One path from the root down to ``wrt``: its edges (root first), its factors and their product."""

    edges: tuple[Edge, ...] = field(repr=False)
    factors: tuple[Factor, ...]
    product: float

    @property
    def route(self) -> str:
        """The labelled nodes it passes, from wrt up to the root: ``w1 → net_h1 → … → E_total``."""
        if not self.edges:
            return ""
        nodes = [self.edges[-1].child] + [e.parent for e in reversed(self.edges)]
        return " → ".join(n.label for n in nodes if n.label)


# A line of the document both renderers share: (indent, prose before, the maths or None, prose after).
_Line = tuple[int, str, Optional[m.Term], str]


@dataclass(frozen=True)
class Explanation:
    """∂root/∂wrt as a sum over paths of products of local derivatives. ``str()`` is the plain text;
    `markdown` (also what Jupyter shows) the same with LaTeX maths."""

    root_name: str
    wrt_name: str
    path_count: int
    paths: tuple[Path, ...]
    total: float
    grad: float
    head: tuple[Factor, ...]
    tail: tuple[Factor, ...]
    max_paths: int
    fmt: Callable[[float], str] = field(repr=False)
    engine_total: float = math.nan
    deltas: tuple[tuple[str, str, float], ...] = ()
    lr: Optional[float] = None
    wrt_data: float = math.nan
    hint: str = ""
    namer: Optional[Callable[[Value], str]] = field(default=None, repr=False, compare=False)

    @property
    def symbol(self) -> str:
        """``∂E_total/∂w1``."""
        return partial(self.root_name, self.wrt_name)

    @property
    def listed(self) -> bool:
        """False when there were more than ``max_paths`` paths and only their count and sum are kept."""
        return len(self.paths) == self.path_count

    @property
    def grad_status(self) -> str:
        """``"agrees"``: ``.grad`` equals the exact sum; ``"rounding"``: it is what one ``backward()``
        computes, which differs from the exact sum only by floating-point rounding (cancelling paths);
        ``"stale"``: neither (backward() not called, called twice without zero_grad(), another seed)."""
        if math.isclose(self.total, self.grad, rel_tol=1e-9, abs_tol=1e-12):
            return "agrees"
        if self.grad == self.engine_total or math.isclose(self.grad, self.engine_total, rel_tol=1e-12, abs_tol=0.0):
            return "rounding"
        return "stale"

    @property
    def matches_grad(self) -> bool:
        """Is ``wrt.grad`` what one ``backward()`` gives: the exact sum, or it up to the engine's rounding?"""
        return self.grad_status != "stale"

    @property
    def updated(self) -> Optional[float]:
        """``wrt − lr·∂root/∂wrt`` (gradient descent's next value), when explain was given ``lr``."""
        return None if self.lr is None else self.wrt_data - self.lr * self.total

    @property
    def middles(self) -> tuple[tuple[Factor, ...], ...]:
        """Each path's factors between the common ``head`` and ``tail``."""
        h, t = len(self.head), len(self.tail)
        return tuple(p.factors[h : len(p.factors) - t] for p in self.paths)

    @property
    def middle_name(self) -> tuple[str, str]:
        """(top, bottom) of the summed middle: ``("E_total", "out_h1")`` for w1."""
        top = self.head[-1].bottom if self.head else self.root_name
        bottom = self.tail[0].top if self.tail else self.wrt_name
        return top, bottom

    def rule(self, edge: Edge) -> Optional[str]:
        """The local derivative of ``edge`` as a rule in names (``"out_h1"`` for ∂net_o1/∂w5), or None."""
        term = local_rule(edge.parent, edge.position, self._namer)
        return None if term is None else m.text(term, self.fmt)

    @property
    def _namer(self) -> Callable[[Value], str]:
        return self.namer if self.namer is not None else NameOf({})

    def __str__(self) -> str:
        return self.text()

    def _repr_markdown_(self) -> str:
        return self.markdown()

    # ------------------------------------------------------------------ one walk …
    def _document(self, expand: bool) -> list[_Line]:
        sym = ("partial", self.root_name, self.wrt_name)
        lines: list[_Line] = []
        if not self.listed:
            count = _count_text(self.path_count)
            lines.append((0, f"{self.symbol} sums {count} paths from {self.wrt_name} to {self.root_name}, "
                          f"more than max_paths={self.max_paths:,}, so they are not listed:", None, ""))  # fmt: skip
            lines.append((0, "", m.eq(sym, m.raw(f"Σ over {count} paths", rf"\sum_{{\text{{{_count_latex(self.path_count)} paths}}}}"), m.num(self.total)), ""))
            lines.append((0, self.hint, None, ""))
        elif self.path_count == 1:
            lines.append((0, "", m.eq(sym, *_chain(self.paths[0].factors, self.paths[0].product)), ""))
        else:
            lines.append((0, f"{self.symbol} sums {self.path_count} paths from {self.wrt_name} to {self.root_name}:", None, ""))
            for i, path in enumerate(self.paths, 1):
                lines.append((1, f"path {i}, {path.route}:", None, ""))
                lines.append((2, "", m.eq(*_chain(path.factors, path.product)), ""))
            terms = " + ".join(f"path {i}" for i in range(1, self.path_count + 1))
            products = [m.num(p.product) for p in self.paths]
            lines.append((0, "", m.eq(sym, m.raw(terms, r"\sum_{\text{paths}}"), m.plus(products), m.num(self.total)), ""))
            if self.head or self.tail:
                lines += self._factored()
        lines += self._delta_lines()
        lines += self._rule_lines()
        if expand:
            lines += [(0, line, None, "") for line in expansions([x for p in self.paths for x in p.factors], self.fmt, self._namer)]
        if self.lr is not None and self.updated is not None:
            w = self.wrt_name
            step = m.prod([m.raw("η", r"\eta"), sym], "·")
            lines.append((0, f"update (η = {self.fmt(self.lr)}): ", m.eq(("upd", w), ("diff", m.name(w), step),
                          ("diff", m.num(self.wrt_data), m.prod([m.num(self.lr), m.num(self.total)])), m.num(self.updated)), ""))  # fmt: skip
        if self.grad_status != "agrees":
            lines.append((0, "note: " + self._grad_note(), None, ""))
        return lines

    def _factored(self) -> list[_Line]:
        top, bottom = self.middle_name
        middle = ("partial", top, bottom)
        products = [_product(mid) for mid in self.middles]
        middle_total = math.fsum(products)
        symbols = [_sym(x) for x in self.head] + [middle] + [_sym(x) for x in self.tail]
        values = [m.num(x.value) for x in self.head] + [m.num(middle_total)] + [m.num(x.value) for x in self.tail]
        sym = ("partial", self.root_name, self.wrt_name)
        chains = m.plus([m.prod([_sym(x) for x in mid]) for mid in self.middles])
        numbers = m.plus([m.prod([m.num(x.value) for x in mid]) for mid in self.middles])
        return [
            (0, "common factors: ", m.eq(sym, m.prod(symbols), m.prod(values), m.num(self.total)), ""),
            (1, "where ", m.eq(middle, chains), ""),
            (2, "", m.eq(m.raw(""), numbers), ""),
            (2, "", m.eq(m.raw(""), m.plus([m.num(v) for v in products]), m.num(middle_total)), ""),
        ]

    def _delta_lines(self) -> list[_Line]:
        """δ_j = ∂E/∂net_j for every neuron on the paths, and ∂E/∂wrt = δ × (the local rule) when one
        neuron's net input takes ``wrt`` directly on every path."""
        lines: list[_Line] = [(0, "", m.eq(("delta", n), ("partial", self.root_name, label), m.num(v)), "") for n, label, v in self.deltas]
        if not self.paths or not self.paths[0].edges:
            return lines
        last = self.paths[0].edges[-1]
        neuron = neuron_of(last.parent.label)
        same = all(p.edges and p.edges[-1].parent is last.parent and p.edges[-1].position == last.position for p in self.paths)
        delta = next((v for n, _, v in self.deltas if n == neuron), None)
        if neuron is None or not same or delta is None:
            return lines
        rule = local_rule(last.parent, last.position, self._namer)
        if rule is None:
            return lines
        sym = ("partial", self.root_name, self.wrt_name)
        lines.append((0, "", m.eq(sym, m.prod([("delta", neuron), rule]), m.prod([m.num(delta), m.num(last.local)]), m.num(self.total)), ""))
        return lines

    def _rule_lines(self) -> list[_Line]:
        """Each single-edge factor once, with its rule: ``∂net_o1/∂w5 = out_h1 = 0.593269992``."""
        out: list[_Line] = []
        seen: set[tuple[int, int]] = set()
        for path in self.paths:
            for fac in path.factors:
                if len(fac.edges) != 1:
                    continue
                e = fac.edges[0]
                key = (id(e.parent), e.position)
                if key in seen:
                    continue
                seen.add(key)
                rule = local_rule(e.parent, e.position, self._namer)
                if rule is None or rule[0] == "num":
                    continue
                out.append((1, "", m.eq(_sym(fac), rule, m.num(fac.value)), ""))
                if len(out) > 200:  # a long chain: the rules repeat; the first ones say it
                    out.append((1, "…", None, ""))
                    return [(0, "local derivatives:", None, "")] + out
        return [(0, "local derivatives:", None, "")] + out if out else []

    def _grad_note(self) -> str:
        f = self.fmt
        if self.grad_status == "rounding":
            return (
                f"{self.wrt_name}.grad is {f(self.grad)}: backward() adds the path products one at a time in "
                f"floating point and here they cancel, so it differs from the exact sum {f(self.total)} "
                "(math.fsum) by rounding alone; both come from the same graph"
            )
        return (
            f"{self.wrt_name}.grad is {f(self.grad)}, not the sum over paths {f(self.total)}: "
            f"call {self.root_name}.backward() once after zero_grad() (leaf gradients accumulate across "
            "backward() calls; before any backward() they are 0)"
        )

    # ------------------------------------------------------------------ … two renderers
    def text(self, expand: bool = False) -> str:
        """The explanation as plain text; ``expand=True`` also spells out each folded factor edge by edge."""
        validate.boolean(expand, "Explanation.text", "expand")
        out = []
        for indent, before, term, after in self._document(expand):
            body = "" if term is None else m.text(term, self.fmt)
            if term is not None and term[0] == "eq" and term[1] and term[1][0] == ("raw", "", ""):
                body = body.lstrip()
            out.append("  " * indent + before + body + after)
        return "\n".join(out)

    def markdown(self, expand: bool = False) -> str:
        """The explanation as Markdown with ``$$…$$`` LaTeX maths, for notes, slides and notebooks."""
        validate.boolean(expand, "Explanation.markdown", "expand")
        out: list[str] = []
        for indent, before, term, after in self._document(expand):
            prose = markdown_text(before.strip())
            if term is None:
                out.append(("- " if indent else "") + prose if prose else "")
                continue
            maths = m.latex(term, self.fmt)
            out.append(f"{'- ' if indent == 1 else ''}{prose + ' ' if prose else ''}$${maths}$${markdown_text(after)}")
        return "\n\n".join(line for line in out if line)


def explain(
    root: Value,
    wrt: Union[Value, str],
    *,
    fold: Fold = "post",
    max_paths: int = 64,
    number_format: NumberFormat = None,
    lr: Optional[float] = None,
) -> Explanation:
    """∂root/∂wrt, path by path: the local derivative on every edge (with its rule), the product per
    path, their exact sum, δ for every neuron on the way and, with ``lr``, the update step.

    Args:
        root: the output or loss, e.g. ``E_total``; call ``root.backward()`` first to compare with ``.grad``.
        wrt: a Value of the graph, or its label (``"w1"``).
        fold: how factors are grouped along a path: ``"post"`` (the post's style, default),
            ``"labels"`` (a factor per labelled node) or ``"none"`` (every edge); see the module docstring.
        max_paths: list at most this many paths (1 … `MAX_LISTED`); beyond it only the count and the sum.
        number_format: a format string (``"{:.4f}"``) or a function float -> str; default: 9 decimals,
            trailing zeros dropped, as the Mazur post prints.
        lr: a learning rate η: the explanation ends with ``w5⁺ = w5 − η·∂E_total/∂w5 = …``.

    Raises:
        TypeError: ``root`` is not a Value, ``wrt`` neither a Value nor a str, a bad ``number_format``.
        ValueError: ``wrt`` is not in the graph, a label is unknown or ambiguous, ``fold`` is unknown,
            ``max_paths`` is out of range, ``lr`` is not a positive finite number.
    """
    check_root(root, "explain")
    fold = validate.choice(fold, _FOLDS, "explain", "fold")
    max_paths = validate.integer(max_paths, "explain", "max_paths", low=1, high=MAX_LISTED)
    rate = None if lr is None else validate.positive(lr, "explain", "lr")
    fmt = formatter(number_format, "explain")
    with paused_gc():
        return _explain(root, wrt, fold, max_paths, fmt, rate)


def _explain(root: Value, wrt: Union[Value, str], fold: str, max_paths: int, fmt: Callable[[float], str], rate: Optional[float]) -> Explanation:
    order = topological_order(root)
    validate.node_data(order, "explain")  # a .data set to nan or a str after the graph was built
    target = find_node(root, wrt, order, where="explain")
    name_of = names(order, "explain")
    namer: Namer = _namer(name_of)
    reach = dependents(order, target)
    counts, total = count_and_sum(order, target, reach)
    path_count = counts[id(root)]
    grads = replay(order, root)
    paths: tuple[Path, ...] = ()
    hint = ""
    if path_count <= max_paths:
        paths = tuple(_to_path(edges, fold) for edges in enumerate_paths(root, target, reach, name_of, _edge))
        total = math.fsum(p.product for p in paths)
    else:
        hint = intermediate_hint(order, root, target, reach, path_count, max_paths, MAX_LISTED, name_of)
    head, tail = _common(paths) if len(paths) > 1 else ((), ())
    return Explanation(
        root_name=name_of[id(root)],
        wrt_name=name_of[id(target)],
        path_count=path_count,
        paths=paths,
        total=total,
        grad=target.grad,
        head=head,
        tail=tail,
        max_paths=max_paths,
        fmt=fmt,
        engine_total=grads[id(target)],
        deltas=_deltas(paths, grads),
        lr=rate,
        wrt_data=target.data,
        hint=hint,
        namer=namer,
    )


def count_paths(root: Value, wrt: Union[Value, str]) -> int:
    """How many paths lead from ``wrt`` to ``root`` (a node used twice counts twice). Exact, even when
    the count is astronomically large (dynamic programming over the graph, never enumeration)."""
    check_root(root, "count_paths")
    order = topological_order(root)
    target = find_node(root, wrt, order, where="count_paths")
    counts, _ = count_and_sum(order, target, dependents(order, target))
    return counts[id(root)]


# ---------------------------------------------------------------------- building the result
_new = object.__new__


def _edge(parent: Value, child: Value, position: int, local: float, parent_name: str, child_name: str) -> Edge:
    """An `Edge` without the frozen dataclass's per-field ``object.__setattr__`` (a 1e6-edge path)."""
    e = _new(Edge)
    e.__dict__.update(parent=parent, child=child, position=position, local=local, parent_name=parent_name, child_name=child_name)
    return e


def _namer(name_of: dict[int, str]) -> Namer:
    return NameOf(name_of)  # picklable, unlike a lambda


def _is_stop(edge: Edge, fold: str) -> bool:
    """Does the chain get a new factor at ``edge.child`` (an intermediate node of the path)?"""
    if fold == "none":
        return True
    label = edge.child.label
    if not label:
        return False
    if fold == "post":
        if is_expression(label):
            return False
        if edge.parent.op in _SUM_OPS and edge.local == 1.0:
            return False
    return True


def _to_path(edges: tuple[Edge, ...], fold: str) -> Path:
    factors: list[Factor] = []
    start = 0
    last = len(edges) - 1
    for i, edge in enumerate(edges):
        if i == last or _is_stop(edge, fold):
            group = edges[start : i + 1]
            value = 1.0
            for e in group:
                value *= e.local
            fac = _new(Factor)
            fac.__dict__.update(top=group[0].parent_name, bottom=edge.child_name, value=value, edges=group)
            factors.append(fac)
            start = i + 1
    return Path(edges, tuple(factors), _product(factors))


def _common(paths: tuple[Path, ...]) -> tuple[tuple[Factor, ...], tuple[Factor, ...]]:
    """The factors every path starts with (head) and ends with (tail), compared edge by edge."""

    def key(fac: Factor) -> tuple:
        return tuple((id(e.parent), e.position) for e in fac.edges)

    shortest = min(len(p.factors) for p in paths)
    h = 0
    while h < shortest and len({key(p.factors[h]) for p in paths}) == 1:
        h += 1
    t = 0
    while t < shortest - h and len({key(p.factors[-1 - t]) for p in paths}) == 1:
        t += 1
    first = paths[0].factors
    return first[:h], first[len(first) - t :]


def _deltas(paths: tuple[Path, ...], grads: dict[int, float]) -> tuple[tuple[str, str, float], ...]:
    """(neuron, net label, δ) for each ``net_X`` node where a factor of a listed path starts or ends."""
    found: dict[int, tuple[int, tuple[str, str, float]]] = {}  # id -> (factors from the root, δ)
    for path in paths:
        for depth, fac in enumerate(path.factors):
            for node in (fac.edges[0].parent, fac.edges[-1].child) if fac.edges else ():
                n = neuron_of(node.label)
                if n is not None and (id(node) not in found or found[id(node)][0] > depth):
                    found[id(node)] = (depth, (n, node.label, grads[id(node)]))
        if len(found) > 200:
            break
    return tuple(d for _, d in sorted(found.values(), key=lambda x: x[0]))  # the output layer first


def _sym(fac: Factor) -> m.Term:
    return ("partial", fac.top, fac.bottom)


def _chain(factors: tuple[Factor, ...], product: float) -> list[m.Term]:
    """The parts of ``symbols = values = product`` (the root itself: ``1 (the root itself) = 1``)."""
    if not factors:
        return [m.raw("1 (the root itself)", "1"), m.num(product)]
    if len(factors) == 1:
        return [_sym(factors[0]), m.num(product)]
    return [m.prod([_sym(x) for x in factors]), m.prod([m.num(x.value) for x in factors]), m.num(product)]


def _product(factors: tuple[Factor, ...] | list[Factor]) -> float:
    out = 1.0
    for x in factors:
        out *= x.value
    return out


def _magnitude(n: int) -> tuple[float, int]:
    """``n ≈ mantissa × 10^exponent`` for any int, however many digits (no str(), no float overflow)."""
    shift = max(n.bit_length() - 60, 0)
    log10 = math.log10(n >> shift) + shift * math.log10(2)
    exponent = math.floor(log10)
    return round(10 ** (log10 - exponent), 2), exponent


def _count_text(n: int) -> str:
    """``1,152,921,504,606,846,976``; beyond 10^30, ``about 3.27e+150`` (every digit would be noise)."""
    if n < 10**30:
        return f"{n:,}"
    mantissa, exponent = _magnitude(n)
    return f"about {mantissa}e+{exponent}"


def _count_latex(n: int) -> str:
    if n < 10**30:
        return str(n)
    mantissa, exponent = _magnitude(n)
    return rf"about ${mantissa} \times 10^{{{exponent}}}$"
