"""The optimizer family of lecture 001 (Ruder's overview) on one problem: their loss curves compared.

A 1-6-1 tanh network learns y = sin(2x) from 16 points, full batch, from the same initial weights,
once per optimizer. Prints the final cost and the first epoch each optimizer got below a threshold;
writes out/optimizers.png (loss curves, log scale) when matplotlib is installed.

    python demos/optimizers.py [--quick] [OUT_DIR]      # --quick (or AUTOGRAD_MINI_QUICK=1): a short run
"""

from __future__ import annotations

import math
import sys
import time

from _common import options, plot_curves  # noqa: E402  (first: it puts the checkout on sys.path)

from nn import init  # noqa: E402
from nn.layers import MLP  # noqa: E402
from nn.losses import quadratic_cost  # noqa: E402
from nn.optim import SGD, Adadelta, Adagrad, Adam, AdaMax, Momentum, Nesterov, RMSprop, RuderNadam  # noqa: E402
from nn.training import train  # noqa: E402

OPTIMIZERS = {  # name: (factory, learning rate chosen for this problem)
    "SGD": lambda p: SGD(p, lr=0.05),
    "Momentum": lambda p: Momentum(p, lr=0.05, momentum=0.9),
    "Nesterov": lambda p: Nesterov(p, lr=0.05, momentum=0.9),
    "Adagrad": lambda p: Adagrad(p, lr=0.1),
    "Adadelta": lambda p: Adadelta(p, lr=1.0),
    "RMSprop": lambda p: RMSprop(p, lr=0.01),
    "Adam": lambda p: Adam(p, lr=0.03),
    "AdaMax": lambda p: AdaMax(p, lr=0.05),
    "RuderNadam": lambda p: RuderNadam(p, lr=0.03),
}
THRESHOLD = 0.01


def main(argv: list[str]) -> None:
    quick, out_dir = options(argv)
    epochs = 25 if quick else 1000
    X = [[-1.5 + 3.0 * i / 15] for i in range(16)]
    Y = [[math.sin(2.0 * x[0])] for x in X]

    print(f"Fitting y = sin(2x) with a 1-6-1 tanh network, {len(X)} points, full batch, {epochs} epochs;")
    print("J = (1/m)·Σ ½(y − ŷ)², the same initial weights (xavier_uniform_, seed 0) for every optimizer.\n")
    print(f"  {'optimizer':<10} {'J first':>10} {'J last':>12} {'epochs to J<' + str(THRESHOLD):>16} {'time':>7}")
    curves = {}
    for name, make in OPTIMIZERS.items():
        model = MLP(1, [6, 1], activation=["tanh", "linear"])
        init.xavier_uniform_(model, gain=5 / 3, seed=0)
        init.zeros_([n.bias for layer in model.layers for n in layer.neurons])
        start = time.perf_counter()
        history = train(model, quadratic_cost, X, Y, make(model.parameters()), epochs)
        reached = next((e + 1 for e, J in enumerate(history) if J < THRESHOLD), None)
        curves[name] = history
        print(f"  {name:<10} {history[0]:>10.4f} {history[-1]:>12.6f} {str(reached or '—'):>16} "
              f"{time.perf_counter() - start:>6.2f}s")
    best = min(curves, key=lambda n: curves[n][-1])
    print(f"\nLowest final cost: {best}. Learning rates were set by hand for this problem; the ranking "
          "depends on them, on the initialization and on the problem (lecture 001's 'how many iterations').")
    plot_curves(curves, out_dir / "optimizers.png", "J (mean quadratic cost)",
                "The optimizer family on y = sin(2x), 1-6-1 tanh network", legend_columns=3)


if __name__ == "__main__":
    main(sys.argv[1:])
