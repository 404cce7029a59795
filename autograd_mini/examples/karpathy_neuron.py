"""The tanh neuron of Karpathy's micrograd lecture: ``o = tanh(x1·w1 + x2·w2 + b)``, with his labels."""

from __future__ import annotations

from autograd_mini.engine import Value
from autograd_mini.examples._example import Example
from autograd_mini.examples.karpathy_expression import _LECTURE

__all__ = ["EXAMPLE", "build", "neuron", "B", "B_FLOAT32"]

B = 6.8813735870195432  # chosen so that n = 0.8814 = atanh(1/√2) and o = 0.7071
B_FLOAT32 = 6.881373405456543  # B rounded to float32, as torch.Tensor([B]) stores it before .double()


def build() -> Value:
    """x1 = 2, x2 = 0, w1 = −3, w2 = 1, b = 6.8813735870195432 (so n = 0.8814 and o = 1/√2)."""
    return neuron(B)


def neuron(bias: float) -> Value:
    """The lecture's neuron with bias ``bias``; o after forward and backward."""
    x1 = Value(2.0, "x1", role="input")
    x2 = Value(0.0, "x2", role="input")
    w1 = Value(-3.0, "w1", role="parameter")
    w2 = Value(1.0, "w2", role="parameter")
    b = Value(bias, "b", role="parameter")
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
    source=_LECTURE + "; its PyTorch check in micrograd_lecture_second_half_roughly.ipynb",
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
    other={
        "do/dn = 1 - o.data**2": "0.4999999999999999",  # the first notebook's cell 29, in float64
        # the second notebook's cell 13: the same neuron in PyTorch, printed with .item()
        "torch o": "0.7071066904050358",
        "torch x2.grad": "0.5000001283844369",
        "torch w2.grad": "0.0",
        "torch x1.grad": "-1.5000003851533106",
        "torch w1.grad": "1.0000002567688737",
    },
    notes=(
        "Figures as the lecture notebook's draw_dot prints them ('data %.4f | grad %.4f'), checked against "
        "the notebook's stored SVG output (karpathy/nn-zero-to-hero 73c3fcc, cell 14); the lecture also "
        "sets them by hand as o.grad = 1.0, n.grad = 0.5, x1.grad = w1.data * x1w1.grad (= -1.5) ….",
        "do/dn = 1 - o.data**2 is printed 0.4999999999999999 (cell 29), 16 decimals, the limit of float64. "
        "It agrees with the exact value at the float n = 0.8813735870195432, 0.49999999999999990558 "
        "(mpmath); this engine's float64 1 − tanh²(n) is 0.4999999999999998, 1e-16 away, so the test checks "
        "the figure against the exact value and the engine to float64 precision (2.3e-16).",
        "The lecture's PyTorch check (micrograd_lecture_second_half_roughly.ipynb, cell 13) prints o = "
        "0.7071066904050358, not 0.7071067811865476: torch.Tensor([6.8813735870195432]) is float32, so b "
        "became 6.881373405456543 before .double(). With that b (B_FLOAT32) the engine reproduces o to all 16 "
        "printed digits and the gradients to 1e-15 (the last digit is float64 rounding: PyTorch and this "
        "engine round 1 − tanh² differently); with the lecture's b they disagree from the 7th digit.",
    ),
)
