"""The tanh neuron of Karpathy's micrograd lecture: ``o = tanh(x1·w1 + x2·w2 + b)``, with his labels."""

from __future__ import annotations

from autograd_mini.engine import Value
from autograd_mini.examples._example import Example
from autograd_mini.examples.karpathy_expression import _LECTURE

__all__ = ["EXAMPLE", "build"]


def build() -> Value:
    """x1 = 2, x2 = 0, w1 = −3, w2 = 1, b = 6.8813735870195432 (so n = 0.8814 and o = 1/√2)."""
    x1 = Value(2.0, "x1", role="input")
    x2 = Value(0.0, "x2", role="input")
    w1 = Value(-3.0, "w1", role="parameter")
    w2 = Value(1.0, "w2", role="parameter")
    b = Value(6.8813735870195432, "b", role="parameter")
    x1w1 = x1 * w1
    x1w1.label = "x1*w1"
    x2w2 = x2 * w2
    x2w2.label = "x2*w2"
    x1w1x2w2 = x1w1 + x2w2
    x1w1x2w2.label = "x1*w1 + x2*w2"
    n = x1w1x2w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    o.backward()
    return o


EXAMPLE = Example(
    name="karpathy-neuron",
    title="Karpathy's tanh neuron o = tanh(x1·w1 + x2·w2 + b)",
    source=_LECTURE,
    shows="backprop through tanh (do/dn = 1 − o² = 0.5) into a neuron's weights and inputs; w2 gets 0 because x2 = 0",
    build=build,
    values={
        "x1": "2.0000", "x2": "0.0000", "w1": "-3.0000", "w2": "1.0000", "b": "6.8814",
        "x1*w1": "-6.0000", "x2*w2": "0.0000", "x1*w1 + x2*w2": "-6.0000", "n": "0.8814", "o": "0.7071",
    },  # fmt: skip
    grads={
        "o": "1.0000", "n": "0.5000", "x1*w1 + x2*w2": "0.5000", "b": "0.5000", "x1*w1": "0.5000",
        "x2*w2": "0.5000", "x1": "-1.5000", "w1": "1.0000", "x2": "0.5000", "w2": "0.0000",
    },  # fmt: skip
    other={"do/dn = 1 - o.data**2": "0.4999999999999999"},  # the notebook's cell 29, in float64
    notes=(
        "Figures as the lecture notebook's draw_dot prints them ('data %.4f | grad %.4f'), checked against "
        "the notebook's stored SVG output (karpathy/nn-zero-to-hero 73c3fcc, cell 14); the lecture also "
        "sets them by hand as o.grad = 1.0, n.grad = 0.5, x1.grad = w1.data * x1w1.grad (= -1.5) ….",
        "do/dn = 1 - o.data**2 is printed 0.4999999999999999 (cell 29), 16 decimals, the limit of float64. "
        "It agrees with the exact value at the float n = 0.8813735870195432, 0.49999999999999990558 "
        "(mpmath); this engine's float64 1 − tanh²(n) is 0.4999999999999998, 1e-16 away, so the test checks "
        "the figure against the exact value and the engine to float64 precision (2.3e-16).",
    ),
)
