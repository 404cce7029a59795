"""Checking computed values against published figures, at the precision the figure is printed.

A worked example prints ``out_o1 = 0.75136507``: eight decimals, so it claims the true value lies
within half a unit of the 8th decimal, ``|out_o1 − 0.75136507| ≤ 0.5e-8``. `assert_published`
checks exactly that claim (in exact decimal arithmetic, so a value on the boundary is not decided
by float rounding) and, when it fails, reports the computed value, the figure and the difference::

    from autograd_mini.testing import assert_published
    assert_published(out_o1.data, "0.75136507", name="out_o1")

Write the figure as a STRING, as printed: ``"0.40"`` claims two decimals, ``0.40`` the float would
have lost the trailing zero.

`local_grad` reads a local derivative off a node, e.g. ``∂net_o1/∂w5 = out_h1``.
"""

from __future__ import annotations

import numbers
from decimal import Decimal, InvalidOperation
from typing import Union

from autograd_mini.engine import Value

__all__ = ["assert_published", "agrees", "published_tolerance", "local_grad"]

Computed = Union[Value, int, float]


def _figure(published: object) -> Decimal:
    """The printed figure as an exact Decimal (a Unicode minus sign '−' is accepted)."""
    if not isinstance(published, str):
        raise TypeError(
            f"published figure must be a string as printed (e.g. \"0.40\"), got {type(published).__name__}: "
            f"{published!r}; a number loses the printed precision (0.40 == 0.4)"
        )
    text = published.strip().replace("−", "-").replace("_", "")
    try:
        figure = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"published figure {published!r} is not a number; write it as printed, e.g. \"0.75136507\"") from None
    if not figure.is_finite():
        raise ValueError(f"published figure {published!r} must be a finite number")
    return figure


def published_tolerance(published: str) -> Decimal:
    """Half a unit in the last printed place: ``"0.75136507"`` → 5E-9, ``"0.40"`` → 0.005, ``"3"`` → 0.5."""
    return Decimal(5).scaleb(_figure(published).as_tuple().exponent - 1)


def _computed(computed: object, name: str) -> Decimal:
    if isinstance(computed, Value):
        computed = computed.data
    if isinstance(computed, bool) or not isinstance(computed, numbers.Real):
        raise TypeError(f"{name or 'computed value'}: expected a float or a Value, got {type(computed).__name__}: {computed!r}")
    return Decimal(float(computed))  # the float's exact binary value


def agrees(computed: Computed, published: str) -> bool:
    """True when ``computed`` is within half a unit of the last printed place of ``published``."""
    return abs(_computed(computed, "") - _figure(published)) <= published_tolerance(published)


def assert_published(computed: Computed, published: str, name: str = "") -> None:
    """Assert that ``computed`` (a float or a Value's data) agrees with the ``published`` figure
    at the precision the figure is printed to; raise AssertionError saying by how much it does not."""
    figure, value = _figure(published), _computed(computed, name)
    tolerance = published_tolerance(published)
    difference = value - figure
    if abs(difference) > tolerance:
        label = f"{name}: " if name else ""
        raise AssertionError(
            f"{label}computed {float(value)!r} does not match the published {published.strip()} "
            f"(printed precision ± {tolerance:.0e}); difference {float(difference):+.3e}"
        )


def local_grad(node: Value, wrt: Value | str) -> float:
    """∂node/∂wrt as stored on ``node``: the local derivative with respect to one of its children,
    given as the child Value or its label (``local_grad(net_o1, "w5")`` → out_h1).

    A child used more than once (``x * x``) contributes each of its local derivatives: they add up.
    """
    if not isinstance(node, Value):
        raise TypeError(f"local_grad: expected a Value, got {type(node).__name__}: {node!r}")
    if isinstance(wrt, Value):
        hits = [g for c, g in zip(node.children, node.local_grads) if c is wrt]
    else:
        hits = [g for c, g in zip(node.children, node.local_grads) if c.label == wrt]
        if len({id(c) for c in node.children if c.label == wrt}) > 1:
            raise ValueError(f"local_grad: several different children of {node.label or 'the node'} are labelled {wrt!r}; pass the Value")
    if not hits:
        labels = [c.label or "?" for c in node.children]
        raise ValueError(
            f"local_grad: {getattr(wrt, 'label', wrt)!r} is not a child of {node.label or 'the node'} "
            f"(its children: {labels})"
        )
    return sum(hits)
