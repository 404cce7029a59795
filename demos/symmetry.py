"""Lecture 001's symmetric weights: why Θ must start random in [−ε, ε], not at zero.

A 2-3-1 sigmoid network is trained on XOR three times, from the same data, with the same optimizer:
from Θ = 0, from Θ = 0.5 everywhere (any symmetric start), and from Θ ~ U(−ε, ε). After training,
the symmetric starts still have three identical hidden units (one unit's worth of network, which
cannot represent XOR); the random start has three different units and solves it. Writes
out/symmetry.png when matplotlib is installed.

    python demos/symmetry.py [--quick] [OUT_DIR]      # --quick (or AUTOGRAD_MINI_QUICK=1): a short run
"""

from __future__ import annotations

import sys

from _common import options, plot_curves  # noqa: E402  (first: it puts the checkout on sys.path)

from nn import init  # noqa: E402
from nn.layers import MLP  # noqa: E402
from nn.losses import quadratic_cost  # noqa: E402
from nn.optim import SGD  # noqa: E402
from nn.training import train  # noqa: E402

X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
Y = [[0.0], [1.0], [1.0], [0.0]]
EPSILON = 1.0
STARTS = {
    "zeros_ (Θ = 0)": lambda m: init.zeros_(m),
    "constant_ (Θ = 0.5)": lambda m: init.constant_(m, 0.5),
    f"uniform_ (Θ ~ U(−{EPSILON:g}, {EPSILON:g}))": lambda m: init.uniform_(m, -EPSILON, EPSILON, seed=1),
}


def hidden_units(model: MLP) -> list[list[float]]:
    """Each hidden unit as [its incoming weights…, its bias, its outgoing weight]."""
    hidden, out = model.layers
    return [[w.data for w in n.weight] + [n.bias.data if n.bias is not None else 0.0, out.neurons[0].weight[j].data]
            for j, n in enumerate(hidden.neurons)]


def main(argv: list[str]) -> None:
    quick, out_dir = options(argv)
    epochs = 60 if quick else 3000
    print(f"XOR with a 2-3-1 sigmoid network, full-batch SGD (η = 2), {epochs} epochs, J = (1/m)·Σ ½(y − ŷ)²\n")
    curves = {}
    for name, start in STARTS.items():
        model = MLP(2, [3, 1])
        start(model)
        history = train(model, quadratic_cost, X, Y, SGD(model.parameters(), lr=2.0), epochs)
        curves[name] = history
        units = hidden_units(model)
        identical = all(u == units[0] for u in units)
        outputs = [model(x)[0].data for x in X]
        print(f"{name}: J {history[0]:.4f} → {history[-1]:.4f}; hidden units identical: {'YES' if identical else 'no'}")
        print("   unit   w[x1→h]    w[x2→h]      b[h]     w[h→o]")
        for j, u in enumerate(units):
            print(f"   h{j + 1}  " + "  ".join(f"{x:>9.5f}" for x in u))
        print("   XOR outputs: " + ", ".join(f"{x[0]:g}{x[1]:g} → {o:.3f}" for x, o in zip(X, outputs)) + "\n")
    print("With a symmetric start every hidden unit computes the same output, receives the same δ and so the")
    print("same update: after any number of steps they are still copies. Random initialization breaks the tie.")
    plot_curves(curves, out_dir / "symmetry.png", "J",
                "XOR, 2-3-1 network: symmetric starts stay stuck, a random start learns")


if __name__ == "__main__":
    main(sys.argv[1:])
