"""Folded factors spelled out edge by edge, for ``Explanation.text(expand=True)``.

``∂E_total/∂out_o1`` folds four edges of the Mazur graph (E_total → E_o1 → ½·(…)² → (…)² → target − out
→ out_o1); expanded, it reads ``∂E_total/∂out_o1 = ∂E_total/∂E_o1 × … = 1 × 0.5 × (-1.482730139) × (-1)
= 0.74136507``, each local derivative with its rule where the op has one.
"""

from __future__ import annotations

from typing import Callable, Protocol, Sequence

from autograd_mini.engine import Value
from autograd_mini.tracing import maths as m
from autograd_mini.tracing.rules import local_rule


class _Edge(Protocol):
    @property
    def parent(self) -> Value: ...
    @property
    def position(self) -> int: ...
    @property
    def local(self) -> float: ...
    @property
    def parent_name(self) -> str: ...
    @property
    def child_name(self) -> str: ...


class _Factor(Protocol):
    @property
    def top(self) -> str: ...
    @property
    def bottom(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def edges(self) -> Sequence[_Edge]: ...


def expansions(factors: Sequence[_Factor], f: Callable[[float], str], namer: Callable[[Value], str]) -> list[str]:
    """One line per distinct folded factor: its edges, their rules and their local derivatives."""
    lines, seen = [], set()
    for fac in factors:
        key = tuple((id(e.parent), e.position) for e in fac.edges)
        if len(fac.edges) < 2 or key in seen:
            continue
        seen.add(key)
        symbols = m.prod([("partial", e.parent_name, e.child_name) for e in fac.edges])
        rules = [local_rule(e.parent, e.position, namer) for e in fac.edges]
        values = m.prod([m.num(e.local) for e in fac.edges])
        parts = [("partial", fac.top, fac.bottom), symbols]
        if all(r is not None for r in rules) and any(r is not None and r[0] != "num" for r in rules):
            parts.append(m.prod([r for r in rules if r is not None]))
        parts += [values, m.num(fac.value)]
        lines.append("  " + m.text(m.eq(*parts), f))
        if len(lines) > 200:
            lines.append("  …")
            break
    if lines:
        lines.insert(0, "folded factors, edge by edge:")
    return lines
