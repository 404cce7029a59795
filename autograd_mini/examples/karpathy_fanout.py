"""Karpathy's lecture example of a node used twice: ``f = (a·b)·(a + b)``; gradients add up at forks."""

from __future__ import annotations

from autograd_mini.engine import Value
from autograd_mini.examples._example import Example
from autograd_mini.examples.karpathy_expression import _LECTURE

__all__ = ["EXAMPLE", "build"]


def build() -> Value:
    """``d = a·b; e = a + b; f = d·e`` at a = −2, b = 3; f after forward and backward."""
    a = Value(-2.0, "a", role="input")
    b = Value(3.0, "b", role="input")
    d = a * b
    d.label = "d"
    e = a + b
    e.label = "e"
    f = d * e
    f.label = "f"
    f.backward()
    return f


EXAMPLE = Example(
    name="karpathy-fanout",
    title="Karpathy's fan-out example f = (a·b)·(a + b)",
    source=_LECTURE,
    shows="a and b each feed two nodes, so their gradients ADD (the bug micrograd's first version had): df/da = e·b + d",
    build=build,
    values={"a": "-2.0000", "b": "3.0000", "d": "-6.0000", "e": "1.0000", "f": "-6.0000"},
    grads={"f": "1.0000", "d": "1.0000", "e": "-6.0000", "a": "-3.0000", "b": "-8.0000"},
    notes=(
        "Figures as the lecture notebook's draw_dot prints them after the fix (gradients accumulated with +=), "
        "checked against the notebook's stored SVG output (karpathy/nn-zero-to-hero 73c3fcc, cell 32).",
    ),
)
