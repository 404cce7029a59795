"""The first circuit of the CS231n backpropagation notes: ``f(x, y, z) = (x + y)·z``."""

from __future__ import annotations

from autograd_mini.engine import Value
from autograd_mini.examples._example import Example

__all__ = ["EXAMPLE", "build", "NOTES"]

NOTES = (
    'Andrej Karpathy et al., CS231n "Backpropagation, Intuitions" course notes (Stanford, 2015-), '
    "https://cs231n.github.io/optimization-2/"
)


def build() -> Value:
    """``q = x + y; f = q·z`` at x = −2, y = 5, z = −4; f after forward and backward."""
    x = Value(-2.0, "x", role="input")
    y = Value(5.0, "y", role="input")
    z = Value(-4.0, "z", role="input")
    q = x + y
    q.label = "q"
    f = q * z
    f.label = "f"
    f.backward()
    return f


EXAMPLE = Example(
    name="cs231n-circuit",
    title="CS231n's circuit f = (x + y)·z",
    source=NOTES,
    shows="the simplest backprop: the * gate sends q to z and z to q; the + gate hands -4 to both x and y",
    build=build,
    values={"x": "-2", "y": "5", "z": "-4", "q": "3", "f": "-12"},
    grads={"f": "1", "q": "-4", "z": "3", "x": "-4", "y": "-4"},
    local_grads={("f", "z"): "3", ("f", "q"): "-4", ("q", "x"): "1.0", ("q", "y"): "1.0"},
    notes=(
        "Figures as printed in the notes' code comments and circuit diagram (whole numbers), checked against "
        "cs231n/cs231n.github.io optimization-2.md (3d84654).",
    ),
)
