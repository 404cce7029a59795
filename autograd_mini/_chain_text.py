"""Chain-rule products and sums as text and as LaTeX, for `autograd_mini.trace.Explanation`."""

from __future__ import annotations

from typing import Callable, Protocol

from autograd_mini._latex import latex_number


class _Factor(Protocol):
    symbol: str
    latex: str
    value: float
    edges: tuple


def paren(text: str) -> str:
    return f"({text})" if text.startswith("-") else text


def chain(factors: tuple[_Factor, ...], product: float, f: Callable[[float], str]) -> str:
    if not factors:
        return f"1 (the root itself) = {f(product)}"
    symbols = " × ".join(x.symbol for x in factors)
    if len(factors) == 1:
        return f"{symbols} = {f(product)}"
    values = " × ".join(paren(f(x.value)) for x in factors)
    return f"{symbols} = {values} = {f(product)}"


def plain_sum(values: list[float], total: float, f: Callable[[float], str]) -> str:
    return " + ".join(paren(f(v)) for v in values) + f" = {f(total)}"


def latex_chain(factors: tuple[_Factor, ...], product: float, f: Callable[[float], str]) -> str:
    if not factors:
        return f"1 = {latex_number(f(product))}"
    symbols = r" \times ".join(x.latex for x in factors)
    if len(factors) == 1:
        return f"{symbols} = {latex_number(f(product))}"
    values = r" \times ".join(_latex_paren(latex_number(f(x.value))) for x in factors)
    return f"{symbols} = {values} = {latex_number(f(product))}"


def _latex_paren(text: str) -> str:
    return rf"\left({text}\right)" if text.startswith("-") else text


def latex_sum(values: list[float], f: Callable[[float], str]) -> str:
    """``a + b - c``: negative terms subtract."""
    out = ""
    for i, v in enumerate(values):
        text = latex_number(f(v))
        if i == 0:
            out = text
        elif text.startswith("-"):
            out += f" - {text[1:]}"
        else:
            out += f" + {text}"
    return out


def expansions(factors: list[_Factor], f: Callable[[float], str]) -> list[str]:
    """One line per distinct folded factor: its edges and their local derivatives."""
    lines, seen = [], set()
    for fac in factors:
        key = tuple((id(e.parent), e.position) for e in fac.edges)
        if len(fac.edges) < 2 or key in seen:
            continue
        seen.add(key)
        symbols = " × ".join(e.symbol for e in fac.edges)
        values = " × ".join(paren(f(e.local)) for e in fac.edges)
        lines.append(f"  {fac.symbol} = {symbols} = {values} = {f(fac.value)}")
    if lines:
        lines.insert(0, "folded factors, edge by edge:")
    return lines
