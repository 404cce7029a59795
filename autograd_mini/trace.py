"""The chain rule, shown: every path from a weight to the loss, factor by factor.

``explain(E_total, w5)`` answers "why is ∂E_total/∂w5 = 0.082167041?" the way the Mazur post does::

    ∂E_total/∂w5 = ∂E_total/∂out_o1 × ∂out_o1/∂net_o1 × ∂net_o1/∂w5
                 = 0.74136507 × 0.186815602 × 0.593269992 = 0.082167041

Each factor is read off the graph: a node's ``local_grads`` hold ∂node/∂child (``∂net_o1/∂w5 = out_h1``),
so a path's product is the product of the local derivatives along its edges, and ∂root/∂wrt is the sum of
the products over ALL paths from ``wrt`` to the root (two for w1: through o1 and through o2). That sum is
what ``backward()`` computes; `Explanation.total` recomputes it independently (forward mode) and
`Explanation.grad` holds the engine's ``wrt.grad`` beside it.

Folding (``fold=``). The default, ``"post"``, groups the factors as the post does: one factor per NAMED
node on the path. Folded into the factor above them are unlabelled nodes, nodes whose label describes an
expression rather than naming a quantity (it contains a space, parentheses or an operator sign, like
``(target_o1 − out_o1)²``), and named nodes reached through a sum with local derivative 1
(``E_total = E_o1 + E_o2``, so ∂E_total/∂E_o1 = 1); the factor keeps the name above, giving the post's
``∂E_total/∂out_o1``. ``fold="labels"`` makes every labelled node a factor
(``∂E_total/∂E_o1 × ∂E_o1/∂(target_o1 − out_o1)² × …``); ``fold="none"`` shows every edge, unlabelled
nodes named ``#i`` (their position in topological order, as in the drawing and the tape).

Paths are counted by dynamic programming first; more than ``max_paths`` are summarised (count and sum),
never enumerated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Literal, Union

from autograd_mini._chain_text import chain, expansions, latex_chain, latex_sum, paren, plain_sum
from autograd_mini._latex import latex_name, latex_number
from autograd_mini.graph import NumberFormat, dependents, find_node, formatter, is_expression, names, partial
from autograd_mini.engine import Value, topological_order

__all__ = ["explain", "Explanation", "Path", "Factor", "Edge", "count_paths"]

Fold = Literal["post", "labels", "none"]
_FOLDS = ("post", "labels", "none")
_SUM_OPS = ("sum", "+")


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
        shown = [n.label for n in nodes if n.label]
        return " → ".join(shown)


@dataclass(frozen=True)
class Explanation:
    """∂root/∂wrt as a sum over paths of products of local derivatives. ``str()`` is the plain text."""

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

    @property
    def symbol(self) -> str:
        """``∂E_total/∂w1``."""
        return partial(self.root_name, self.wrt_name)

    @property
    def listed(self) -> bool:
        """False when there were more than ``max_paths`` paths and only their count and sum are kept."""
        return len(self.paths) == self.path_count

    @property
    def matches_grad(self) -> bool:
        """Does the sum over paths equal the engine's ``wrt.grad`` (to rounding)?"""
        return math.isclose(self.total, self.grad, rel_tol=1e-9, abs_tol=1e-12)

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

    def __str__(self) -> str:
        return self.text()

    # ------------------------------------------------------------------ plain text
    def text(self, expand: bool = False) -> str:
        """The explanation as plain text; ``expand=True`` also spells out each folded factor edge by edge."""
        f = self.fmt
        lines: list[str] = []
        if not self.listed:
            lines.append(
                f"{self.symbol} sums {self.path_count:,} paths from {self.wrt_name} to {self.root_name}, "
                f"more than max_paths={self.max_paths:,}, so they are not listed:"
            )
            lines.append(f"{self.symbol} = Σ over {self.path_count:,} paths = {f(self.total)}")
            lines.append(
                f"(list them with explain(..., max_paths={self.path_count}), or explain the gradient "
                "with respect to an intermediate node, which has fewer paths)"
            )
        elif self.path_count == 1:
            lines.append(f"{self.symbol} = {chain(self.paths[0].factors, self.paths[0].product, f)}")
        else:
            lines.append(f"{self.symbol} sums {self.path_count} paths from {self.wrt_name} to {self.root_name}:")
            for i, path in enumerate(self.paths, 1):
                lines.append(f"  path {i}, {path.route}:")
                lines.append(f"    {chain(path.factors, path.product, f)}")
            terms = " + ".join(f"path {i}" for i in range(1, self.path_count + 1))
            lines.append(f"{self.symbol} = {terms} = {plain_sum([p.product for p in self.paths], self.total, f)}")
            if self.head or self.tail:
                lines += self._factored_text()
        if expand:
            lines += expansions([fac for p in self.paths for fac in p.factors], f)
        if not self.matches_grad:
            lines.append(self._grad_note())
        return "\n".join(lines)

    def _factored_text(self) -> list[str]:
        f = self.fmt
        top, bottom = self.middle_name
        middle_symbol = partial(top, bottom)
        middle_products = [_product(m) for m in self.middles]
        middle_total = math.fsum(middle_products)
        symbols = [x.symbol for x in self.head] + [middle_symbol] + [x.symbol for x in self.tail]
        values = [x.value for x in self.head] + [middle_total] + [x.value for x in self.tail]
        product = " × ".join(paren(f(v)) for v in values)
        lines = [f"common factors: {self.symbol} = {' × '.join(symbols)} = {product} = {f(self.total)}"]
        chains = " + ".join(" × ".join(x.symbol for x in m) for m in self.middles)
        numbers = " + ".join(" × ".join(paren(f(x.value)) for x in m) for m in self.middles)
        lines.append(f"  where {middle_symbol} = {chains}")
        lines.append(f"    = {numbers}")
        lines.append(f"    = {plain_sum(middle_products, middle_total, f)}")
        return lines

    def _grad_note(self) -> str:
        return (
            f"note: {self.wrt_name}.grad is {self.fmt(self.grad)}, not the sum over paths {self.fmt(self.total)}: "
            f"call {self.root_name}.backward() once after zero_grad() (leaf gradients accumulate across "
            "backward() calls; before any backward() they are 0)"
        )

    # ------------------------------------------------------------------ Markdown with LaTeX
    def markdown(self) -> str:
        """The explanation as Markdown with ``$$…$$`` LaTeX maths, for notes and slides."""
        f = self.fmt
        sym = rf"\frac{{\partial {latex_name(self.root_name)}}}{{\partial {latex_name(self.wrt_name)}}}"
        out: list[str] = []
        if not self.listed:
            out.append(
                f"{self.path_count:,} paths lead from `{self.wrt_name}` to `{self.root_name}` "
                f"(more than max_paths={self.max_paths:,}; not listed):"
            )
            out.append(rf"$${sym} = \sum_{{\text{{{self.path_count} paths}}}} = {latex_number(f(self.total))}$$")
        elif self.path_count == 1:
            out.append(f"$${sym} = {latex_chain(self.paths[0].factors, self.paths[0].product, f)}$$")
        else:
            out.append(f"{self.path_count} paths lead from `{self.wrt_name}` to `{self.root_name}`:")
            out.append("")
            for i, path in enumerate(self.paths, 1):
                out.append(f"{i}. {path.route}: $${latex_chain(path.factors, path.product, f)}$$")
            out.append("")
            terms = latex_sum([p.product for p in self.paths], f)
            out.append(f"$${sym} = {terms} = {latex_number(f(self.total))}$$")
            if self.head or self.tail:
                top, bottom = self.middle_name
                middle = Factor(top, bottom, math.fsum(_product(m) for m in self.middles), ())
                factors = self.head + (middle,) + self.tail
                out.append("")
                out.append(f"$${sym} = {latex_chain(factors, self.total, f)}$$")
                sums = " + ".join(r" \times ".join(x.latex for x in m) for m in self.middles)
                numbers = latex_sum([_product(m) for m in self.middles], f)
                out.append("")
                out.append(f"$${middle.latex} = {sums} = {numbers} = {latex_number(f(middle.value))}$$")
        if not self.matches_grad:
            out.append("")
            out.append("> " + self._grad_note())
        return "\n".join(out)


def explain(
    root: Value,
    wrt: Union[Value, str],
    *,
    fold: Fold = "post",
    max_paths: int = 64,
    number_format: NumberFormat = None,
) -> Explanation:
    """∂root/∂wrt, path by path: the local derivative on every edge, the product per path, their sum.

    Args:
        root: the output or loss, e.g. ``E_total``; call ``root.backward()`` first to compare with ``.grad``.
        wrt: a Value of the graph, or its label (``"w1"``).
        fold: how factors are grouped along a path: ``"post"`` (the post's style, default),
            ``"labels"`` (a factor per labelled node) or ``"none"`` (every edge); see the module docstring.
        max_paths: list at most this many paths; beyond it only the count and the sum are given.
        number_format: a format string (``"{:.4f}"``) or function; default: 9 decimals, trailing zeros
            dropped, as the Mazur post prints.

    Raises:
        ValueError: ``wrt`` is not in the graph, a label is unknown or ambiguous, or ``fold`` is unknown.
    """
    if fold not in _FOLDS:
        raise ValueError(f"explain: fold must be one of {', '.join(map(repr, _FOLDS))}, got {fold!r}")
    if isinstance(max_paths, bool) or not isinstance(max_paths, int) or max_paths < 1:
        raise ValueError(f"explain: max_paths must be a positive int, got {max_paths!r}")
    fmt = formatter(number_format)
    order = topological_order(root) if isinstance(root, Value) else []
    target = find_node(root, wrt, order)
    name_of = names(order)
    reach = dependents(order, target)
    counts, total = _count_and_sum(order, target, reach)
    path_count = counts[id(root)]
    paths: tuple[Path, ...] = ()
    if path_count <= max_paths:
        paths = tuple(_to_path(edges, fold) for edges in _enumerate(root, target, reach, name_of))
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
    )


def count_paths(root: Value, wrt: Union[Value, str]) -> int:
    """How many paths lead from ``wrt`` to ``root`` (a node used twice counts twice). Exact, even when
    the count is astronomically large (dynamic programming over the graph, never enumeration)."""
    order = topological_order(root) if isinstance(root, Value) else []
    target = find_node(root, wrt, order)
    counts, _ = _count_and_sum(order, target, dependents(order, target))
    return counts[id(root)]


# ---------------------------------------------------------------------- graph walks
def _count_and_sum(order: list[Value], wrt: Value, reach: set[int]) -> tuple[dict[int, int], float]:
    """Paths from wrt to each node, and ∂root/∂wrt in forward mode (independent of backward())."""
    counts: dict[int, int] = {id(wrt): 1}
    deriv: dict[int, float] = {id(wrt): 1.0}
    for node in order:
        if id(node) not in reach or node is wrt:
            continue
        n, d = 0, 0.0
        for child, local in zip(node.children, node.local_grads):
            if id(child) in reach:
                n += counts[id(child)]
                d += local * deriv[id(child)]
        counts[id(node)], deriv[id(node)] = n, d
    return counts, deriv[id(order[-1])]


def _enumerate(root: Value, wrt: Value, reach: set[int], name_of: dict[int, str]) -> list[tuple[Edge, ...]]:
    """Every path from root to wrt as a tuple of edges (iterative depth-first, children in order)."""
    found: list[tuple[Edge, ...]] = []
    stack: list[tuple[Value, tuple[Edge, ...]]] = [(root, ())]
    while stack:
        node, edges = stack.pop()
        if node is wrt:
            found.append(edges)
            continue
        step = []
        for position, (child, local) in enumerate(zip(node.children, node.local_grads)):
            if id(child) in reach:
                edge = Edge(node, child, position, local, name_of[id(node)], name_of[id(child)])
                step.append((child, edges + (edge,)))
        stack.extend(reversed(step))  # so the first child is explored first
    return found


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
    group: list[Edge] = []
    for i, edge in enumerate(edges):
        group.append(edge)
        if i == len(edges) - 1 or _is_stop(edge, fold):
            factors.append(Factor(group[0].parent_name, edge.child_name, _product_of(e.local for e in group), tuple(group)))
            group = []
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


# ---------------------------------------------------------------------- formatting
def _product_of(values) -> float:
    out = 1.0
    for v in values:
        out *= v
    return out


def _product(factors) -> float:
    return _product_of(x.value for x in factors)
