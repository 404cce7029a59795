"""The first expression of Karpathy's micrograd lecture: ``L = (a·b + c)·f``, with his labels."""

from __future__ import annotations

from autograd_mini.engine import Value
from autograd_mini.examples._example import Example

__all__ = ["EXAMPLE", "build"]


def build() -> Value:
    """``e = a·b; d = e + c; L = d·f`` at a = 2, b = −3, c = 10, f = −2; L after forward and backward."""
    a = Value(2.0, "a", role="input")
    b = Value(-3.0, "b", role="input")
    c = Value(10.0, "c", role="input")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    f = Value(-2.0, "f", role="input")
    L = d * f
    L.label = "L"
    L.backward()
    return L


_LECTURE = (
    'Andrej Karpathy, "The spelled-out intro to neural networks and backpropagation: building micrograd" '
    "(lecture, 2022), https://www.youtube.com/watch?v=VMj-3S1tku0; notebook "
    "https://github.com/karpathy/nn-zero-to-hero/blob/master/lectures/micrograd/micrograd_lecture_first_half_roughly.ipynb"
)

EXAMPLE = Example(
    name="karpathy-expression",
    title="Karpathy's lecture expression L = (a·b + c)·f",
    source=_LECTURE,
    shows="the chain rule by hand: + routes the gradient unchanged, * swaps its inputs (dL/da = dL/de · b)",
    build=build,
    values={"a": "2.0000", "b": "-3.0000", "c": "10.0000", "e": "-6.0000", "d": "4.0000", "f": "-2.0000", "L": "-8.0000"},
    grads={"L": "1.0000", "d": "-2.0000", "f": "4.0000", "c": "-2.0000", "e": "-2.0000", "a": "6.0000", "b": "-4.0000"},
    local_grads={("L", "d"): "-2.0", ("L", "f"): "4.0", ("d", "e"): "1.0", ("d", "c"): "1.0", ("e", "a"): "-3.0", ("e", "b"): "2.0"},
    notes=(
        "Figures as the lecture notebook's draw_dot prints them ('data %.4f | grad %.4f'), checked against "
        "the notebook's stored SVG output (karpathy/nn-zero-to-hero 73c3fcc, cell 9); the local derivatives "
        "are the lecture's spoken/hand-written ones (dL/dd = f, dL/df = d, dd/de = dd/dc = 1.0, de/da = b, de/db = a).",
    ),
)
