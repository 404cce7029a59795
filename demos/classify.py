"""A small classification problem: two interleaved half-moons, learned by a 2-8-1 tanh network.

The output is a logit z; J is the mean binary cross-entropy of σ(z), computed from z in its stable
form (`binary_cross_entropy_with_logits`); Adam, mini-batches of 16, a seeded run. Prints the cost
as it trains and the final accuracy; writes out/classify.png (the decision boundary σ(z) = 0.5 over
the data) when matplotlib is installed.

    python demos/classify.py [--quick] [OUT_DIR]      # --quick (or AUTOGRAD_MINI_QUICK=1): a short run
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

from _common import options, pyplot, save_figure  # noqa: E402  (first: it puts the checkout on sys.path)

from nn import init  # noqa: E402
from nn.layers import MLP  # noqa: E402
from nn.losses import binary_cross_entropy_with_logits  # noqa: E402
from nn.optim import Adam  # noqa: E402
from nn.training import train  # noqa: E402


def two_moons(m: int, noise: float = 0.12, seed: int = 0) -> tuple[list[list[float]], list[list[float]]]:
    """m points on two interleaved half circles (label 0: upper moon, label 1: lower), with noise."""
    rng = random.Random(seed)
    X, Y = [], []
    for i in range(m):
        label = i % 2
        t = math.pi * rng.random()
        x, y = (math.cos(t), math.sin(t)) if label == 0 else (1 - math.cos(t), 0.5 - math.sin(t))
        X.append([x - 0.5 + rng.gauss(0, noise), 2 * (y - 0.25) + rng.gauss(0, noise)])  # centred, scaled
        Y.append([float(label)])
    return X, Y


def main(argv: list[str]) -> None:
    quick, out_dir = options(argv)
    m, epochs = (40, 15) if quick else (200, 150)
    X, Y = two_moons(m)
    model = MLP(2, [8, 1], activation=["tanh", "linear"])
    init.xavier_uniform_(model, gain=5 / 3, seed=0)
    print(f"Two moons: {m} points, a 2-8-1 tanh network with a logit output, {len(model.parameters())} parameters;")
    print(f"Adam (η = 0.05), mini-batches of 16, {epochs} epochs, seed 0.")
    history = train(model, binary_cross_entropy_with_logits, X, Y, Adam(model.parameters(), lr=0.05), epochs,
                    batch_size=16, seed=0, progress=max(1, epochs // 5), stream=sys.stdout)
    predictions = [1.0 if model(x)[0].data > 0 else 0.0 for x in X]
    accuracy = sum(p == y[0] for p, y in zip(predictions, Y)) / m
    print(f"J: {history[0]:.4f} → {history[-1]:.4f}; training accuracy {accuracy:.1%}")
    plot(model, X, Y, out_dir / "classify.png")


def plot(model: MLP, X: list[list[float]], Y: list[list[float]], path: Path) -> None:
    plt = pyplot()
    if plt is None:
        return
    xs = [-2.0 + 4.0 * i / 80 for i in range(81)]
    ys = [-2.0 + 4.0 * j / 80 for j in range(81)]
    z = [[model([x, y])[0].data for x in xs] for y in ys]
    fig, ax = plt.subplots(figsize=(6, 5))
    ax.contourf(xs, ys, z, levels=[-1e9, 0, 1e9], colors=["#cfe0f7", "#f9d6cf"])
    ax.contour(xs, ys, z, levels=[0], colors="k", linewidths=1.5)
    for label, color in ((0.0, "tab:blue"), (1.0, "tab:red")):
        pts = [x for x, y in zip(X, Y) if y[0] == label]
        ax.scatter(*zip(*pts), s=14, c=color, label=f"class {int(label)}")
    ax.set_title("Two moons: decision boundary σ(z) = 0.5 of a 2-8-1 network")
    ax.legend(loc="upper right")
    save_figure(fig, path)


if __name__ == "__main__":
    main(sys.argv[1:])
