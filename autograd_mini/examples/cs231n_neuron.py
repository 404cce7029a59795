"""The 2-D sigmoid neuron of the CS231n backpropagation notes, gate by gate as its circuit draws it.

    f(w, x) = 1 / (1 + e^−(w0·x0 + w1·x1 + w2))     at w = [2, −3, −3], x = [−1, −2]

The circuit: two * gates, + , + w2 (``dot``), *−1, exp, +1, 1/x (``f``).
"""

from __future__ import annotations

from autograd_mini.engine import Value
from autograd_mini.examples._example import Example
from autograd_mini.examples.cs231n_circuit import NOTES

__all__ = ["EXAMPLE", "build"]


def _named(v: Value, label: str) -> Value:
    v.label = label
    return v


def build() -> Value:
    """The neuron's output f after forward and backward (f = σ(1) = 0.73, ∂f/∂dot = 0.20)."""
    w0, w1, w2 = (Value(w, f"w{k}", role="parameter") for k, w in enumerate((2.0, -3.0, -3.0)))
    x0, x1 = (Value(x, f"x{k}", role="input") for k, x in enumerate((-1.0, -2.0)))
    w0x0 = _named(w0 * x0, "w0*x0")
    w1x1 = _named(w1 * x1, "w1*x1")
    s = _named(w0x0 + w1x1, "w0*x0 + w1*x1")
    dot = _named(s + w2, "dot")
    neg = _named(dot * -1.0, "-dot")  # the *-1 gate
    e = _named(neg.exp(), "exp(-dot)")
    den = _named(e + 1.0, "1 + exp(-dot)")  # the +1 gate
    f = _named(1.0 / den, "f")  # the 1/x gate
    f.backward()
    return f


EXAMPLE = Example(
    name="cs231n-neuron",
    title="CS231n's 2-D sigmoid neuron, gate by gate",
    source=NOTES,
    shows="a long chain of gates (*-1, exp, +1, 1/x) that is the sigmoid: its local gradient collapses to (1 − f)·f ≈ 0.2",
    build=build,
    values={
        "w0": "2.00", "x0": "-1.00", "w1": "-3.00", "x1": "-2.00", "w2": "-3.00",
        "w0*x0": "-2.00", "w1*x1": "6.00", "w0*x0 + w1*x1": "4.00", "dot": "1.00",
        "-dot": "-1.00", "exp(-dot)": "0.37", "1 + exp(-dot)": "1.37", "f": "0.73",
    },  # fmt: skip
    grads={
        "w0": "-0.20", "x0": "0.39", "w1": "-0.39", "x1": "-0.59", "w2": "0.20",
        "w0*x0": "0.20", "w1*x1": "0.20", "w0*x0 + w1*x1": "0.20", "dot": "0.20",
        "-dot": "-0.20", "exp(-dot)": "-0.53", "1 + exp(-dot)": "-0.53", "f": "1.00",
    },  # fmt: skip
    local_grads={("f", "1 + exp(-dot)"): "-0.53"},
    other={"(1 - 0.73) * 0.73": "0.2"},  # the notes' sigmoid local gradient, ∂f/∂dot = (1 − f)·f
    notes=(
        "Figures as printed on the notes' circuit diagram (two decimals: values in green, gradients in red), "
        "checked against cs231n/cs231n.github.io optimization-2.md (3d84654): dx = [0.39, -0.59], "
        "dw = [-0.20, -0.39, 0.20]. Every one agrees with the exact value at its printed precision.",
        "The prose's local gradient '(1 - 0.73) * 0.73 ~= 0.2' is (1 − f)·f = 0.19661193; the notes' own "
        "rounded product (1 − 0.73)·0.73 = 0.1971 also rounds to 0.2.",
    ),
)
