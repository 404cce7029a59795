"""Chris Olah's computational graph ``e = (a + b)·(b + 1)``: derivatives on the edges, summed over paths."""

from __future__ import annotations

from autograd_mini.engine import Value
from autograd_mini.examples._example import Example

__all__ = ["EXAMPLE", "build"]


def build() -> Value:
    """``c = a + b; d = b + 1; e = c·d`` at a = 2, b = 1; e after forward and backward."""
    a = Value(2.0, "a", role="input")
    b = Value(1.0, "b", role="input")
    c = a + b
    c.label = "c"
    d = b + 1
    d.label = "d"
    e = c * d
    e.label = "e"
    e.backward()
    return e


EXAMPLE = Example(
    name="colah-graph",
    title="Olah's computational graph e = (a + b)·(b + 1)",
    source='Christopher Olah, "Calculus on Computational Graphs: Backpropagation" (2015), https://colah.github.io/posts/2015-08-Backprop/',
    shows="sum over paths: b reaches e through c and through d, so ∂e/∂b = 1·2 + 1·3 = 5",
    build=build,
    values={"a": "2", "b": "1", "c": "3", "d": "2", "e": "6"},
    grads={"e": "1", "c": "2", "d": "3", "a": "2", "b": "5"},
    local_grads={("c", "a"): "1", ("c", "b"): "1", ("d", "b"): "1", ("e", "c"): "2", ("e", "d"): "3"},
    notes=(
        "Figures as the post's diagrams print them (tree-eval.png, tree-eval-derivs.png, tree-backprop.png), "
        "checked against colah/colah.github.io posts/2015-08-Backprop (786c102); every one agrees.",
    ),
)
