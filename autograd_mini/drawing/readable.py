"""Readable names for a drawing's unlabelled values: ``w1*x1`` rather than ``#3``.

An unlabelled value is named by what computes it, from its inputs' names (``w1*x1 + w2*x2 + b``,
``tanh(n)``, ``(a - b)**2``); an unlabelled constant by its number (``0.01``); an unlabelled leaf that is
not a constant keeps ``#i`` (its position in topological order, as `explain` names it). Operands are put
in parentheses only where the usual precedence needs them. A name is cut to `LIMIT` characters with "…",
so naming a graph stays linear in its size however deep it is.
"""

from __future__ import annotations

from typing import Callable

from autograd_mini.engine import Value
from autograd_mini.graph import is_expression

__all__ = ["readable_names", "LIMIT"]

#: Names longer than this are cut with "…" (a record in a drawing stays narrow).
LIMIT = 40

_ATOM, _POWER, _UNARY, _PRODUCT, _SUM, _LOOSE = 5, 4, 3, 2, 1, 0
_INFIX = {"+": (" + ", _SUM), "-": (" - ", _SUM), "*": ("*", _PRODUCT), "/": ("/", _PRODUCT), "**": ("**", _POWER)}


def readable_names(order: list[Value], name_of: dict[int, str], fmt: Callable[[float], str]) -> dict[int, str]:
    """``id(node) -> name`` for every node of a topological order: labels as they are, unlabelled values
    named by their op and inputs (see the module docstring); ``fmt`` writes unlabelled constants."""
    named: dict[int, tuple[str, int]] = {}
    for node in order:
        named[id(node)] = _name(node, name_of[id(node)], named, fmt)
    return {key: text for key, (text, _) in named.items()}


def _name(node: Value, given: str, named: dict[int, tuple[str, int]], fmt: Callable[[float], str]) -> tuple[str, int]:
    """(name, precedence) of one node, its inputs already named."""
    if node.label:
        return node.label, _LOOSE if is_expression(node.label) else _ATOM
    if not node.children:
        if node.role != "constant":
            return given, _ATOM
        number = fmt(node.data)
        return number, _UNARY if number.startswith("-") else _ATOM
    args = [named[id(child)] for child in node.children]
    op = node.op
    if op in _INFIX and len(args) == 2:
        sign, rank = _INFIX[op]
        left, right = (rank + 1, rank) if op == "**" else (rank, rank + 1 if op in ("-", "/") else rank)  # a - (b - c), (a**b)**c
        return _join([_wrap(args[0], left), _wrap(args[1], right)], sign), rank
    if op == "neg" and len(args) == 1:
        return _join(["", _wrap(args[0], _POWER)], "-"), _UNARY
    if op.startswith("**") and len(args) == 1:  # x**2: the exponent is in the op
        return _join([_wrap(args[0], _POWER + 1), op[2:]], "**"), _POWER
    if op.endswith("**") and len(args) == 1:  # 2**x: the base is in the op
        return _join([op[:-2], _wrap(args[0], _POWER)], "**"), _POWER
    if op == "sum":
        return _join([_wrap(a, _SUM) for a in args], " + "), _SUM
    if op == "dot":  # children w1, x1, w2, x2, …, then the bias when there is one
        terms = [_wrap(args[k], _PRODUCT) + "*" + _wrap(args[k + 1], _PRODUCT + 1) for k in range(0, len(args) - 1, 2)]
        return _join(terms + ([_wrap(args[-1], _SUM)] if len(args) % 2 else []), " + "), _SUM
    inside = _join([text for text, _ in args], ", ")
    return (f"{op}({inside})" if len(op) + len(inside) + 2 <= LIMIT else f"{op}(…)"), _ATOM


def _join(pieces: list[str], sep: str) -> str:
    """``pieces`` joined by ``sep``; past `LIMIT` characters, the whole pieces that fit, then ``sep`` and "…"
    (a first piece too long is "…" itself): a name is never cut inside a label."""
    whole = sep.join(pieces)
    if len(whole) <= LIMIT:
        return whole
    room = LIMIT - len(sep) - 1  # the closing sep and "…"
    text = pieces[0] if len(pieces[0]) <= room else "…"
    for piece in pieces[1:]:
        if len(text) + len(sep) + len(piece) > room:
            return text + sep + "…"
        text += sep + piece
    return text


def _wrap(arg: tuple[str, int], needed: int) -> str:
    """An operand, in parentheses when its precedence is below ``needed`` (a negative one beyond a sum too)."""
    text, rank = arg
    return text if rank >= needed and not (needed > _SUM and text.startswith("-")) else f"({text})"


