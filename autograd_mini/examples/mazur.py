"""Matt Mazur's 2-2-2 network, built from plain `Value`s (no `nn`), with the post's names.

The graph is node for node the one `nn.examples.mazur()` builds (a test checks that both draw,
explain, tape and worksheet identically)::

    net_h1 = w1·i1 + w2·i2 + b1            (ONE dot node; children w1, i1, w2, i2, b1)
    out_h1 = σ(net_h1)                     out_h2 likewise with w3, w4
    net_o1 = w5·out_h1 + w6·out_h2 + b2    out_o1 = σ(net_o1); o2 with w7, w8
    E_o1 = ½·(target_o1 − out_o1)²         E_total = E_o1 + E_o2 (one sum node)

Inputs i1 = 0.05, i2 = 0.10; targets 0.01, 0.99; w1..w8 = .15 .20 .25 .30 .40 .45 .50 .55; ONE bias
per layer shared by its neurons, b1 = .35, b2 = .60, frozen (the post never updates them).
"""

from __future__ import annotations

from autograd_mini.engine import Value, dot, sum_values
from autograd_mini.examples._example import Example

__all__ = ["EXAMPLE", "build", "forward", "parameters", "INPUTS", "TARGETS", "WEIGHTS", "BIASES", "LEARNING_RATE"]

INPUTS = {"i1": 0.05, "i2": 0.10}
TARGETS = {"o1": 0.01, "o2": 0.99}
WEIGHTS = {"w1": 0.15, "w2": 0.20, "w3": 0.25, "w4": 0.30, "w5": 0.40, "w6": 0.45, "w7": 0.50, "w8": 0.55}
BIASES = {"b1": 0.35, "b2": 0.60}
LEARNING_RATE = 0.5  # η


def parameters() -> dict[str, Value]:
    """Fresh leaves w1..w8 (role "parameter") and the frozen shared biases b1, b2."""
    params = {name: Value(x, name, role="parameter") for name, x in {**WEIGHTS, **BIASES}.items()}
    params["b1"].frozen = params["b2"].frozen = True
    return params


def forward(params: dict[str, Value]) -> Value:
    """One forward pass through the network with the given parameters; returns E_total."""
    p = params
    i1, i2 = (Value(x, name, role="input") for name, x in INPUTS.items())
    h1 = dot([p["w1"], p["w2"]], [i1, i2], p["b1"], label="net_h1").sigmoid()
    h1.label = "out_h1"
    h2 = dot([p["w3"], p["w4"]], [i1, i2], p["b1"], label="net_h2").sigmoid()
    h2.label = "out_h2"
    errors = []
    for o, (wa, wb) in (("o1", ("w5", "w6")), ("o2", ("w7", "w8"))):
        out = dot([p[wa], p[wb]], [h1, h2], p["b2"], label=f"net_{o}").sigmoid()
        out.label = f"out_{o}"
        diff = Value(TARGETS[o], f"target_{o}", role="constant") - out
        diff.label = f"target_{o} − out_{o}"
        square = diff**2
        square.label = f"(target_{o} − out_{o})²"
        error = Value(0.5, "½", role="constant") * square
        error.label = f"E_{o}"
        errors.append(error)
    return sum_values(errors, "E_total")


def build() -> Value:
    """A fresh network's E_total after one forward and one backward pass."""
    root = forward(parameters())
    root.backward()
    return root


EXAMPLE = Example(
    name="mazur",
    title="Mazur's 2-2-2 network: one forward pass, backward pass and update",
    source='Matt Mazur, "A Step by Step Backpropagation Example" (2015), '
    "https://mattmazur.com/2015/03/17/a-step-by-step-backpropagation-example/",
    shows="the chain rule through a 2-2-2 sigmoid network, weight by weight: ∂E_total/∂w5 and ∂E_total/∂w1",
    build=build,
    values={
        "net_h1": "0.3775", "out_h1": "0.593269992", "out_h2": "0.596884378", "net_o1": "1.105905967",
        "out_o1": "0.75136507", "out_o2": "0.772928465",
        "E_o1": "0.274811083", "E_o2": "0.023560026", "E_total": "0.298371109",
    },  # fmt: skip
    grads={
        "out_o1": "0.74136507",  # ∂E_total/∂out_o1
        "w5": "0.082167041",
        "net_o1": "0.138498562",  # the post's ∂E_o1/∂net_o1 (E_o2 does not depend on net_o1)
        "out_h1": "0.036350306",
        "w1": "0.000438568",
    },
    local_grads={
        ("out_o1", "net_o1"): "0.186815602",
        ("net_o1", "w5"): "0.593269992",
        ("net_o1", "out_h1"): "0.40",
        ("out_h1", "net_h1"): "0.241300709",
        ("net_h1", "w1"): "0.05",
    },
    other={
        "∂E_o1/∂out_h1": "0.055399425",
        "∂E_o2/∂out_h1": "-0.019049119",
        "w1+": "0.149780716", "w2+": "0.19956143", "w3+": "0.24975114", "w4+": "0.29950229",
        "w5+": "0.35891648", "w6+": "0.408666186", "w7+": "0.511301270", "w8+": "0.561370121",
    },  # fmt: skip
    notes=(
        "Figures as the post prints them (the 2015 version), taken from the course's transcription of the post; "
        "the post's page itself could not be re-read for this catalogue (its forward-pass figures were "
        "cross-checked against copies of its text). Every figure is asserted against the engine in "
        "tests/test_examples.py.",
        "∂E_o2/∂out_h1 is printed -0.019049119; the exact value is -0.0190491182583: the post rounded "
        "the intermediate ∂E_o2/∂net_o2·w7 = -0.038098237 × 0.5 before rounding again (agrees to 1e-9, "
        "not to half a unit in the 9th decimal).",
        "The hidden-layer section writes net_h1 = w1·i1 + w3·i2 + b1 (which is 0.3825); the forward "
        "pass, and this graph, use w2: net_h1 = 0.3775.",
        "w+ are the weights after one update w⁺ = w − η·∂E_total/∂w with η = 0.5, all from the "
        "ORIGINAL weights (the after-training figures are reproduced by nn.examples.Mazur.train).",
    ),
)
