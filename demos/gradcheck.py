"""Gradient checking (lecture 001): the numerical estimate catches a wrong derivative.

1. Mazur's 2-2-2 network: backprop and (J(θ+ε) − J(θ−ε))/2ε agree for every parameter.
2. The same kind of network built with a hand-made sigmoid whose local derivative is wrong
   (s instead of s(1 − s)): the check fails and names the parameters it affects.
3. Hand-derived matrix-form gradients with the f'(z2) factor forgotten in δ2: caught the same way.
4. Why it is a check and not a training path: its cost against one backward pass.
Writes out/gradcheck.png when matplotlib is installed.

    python demos/gradcheck.py [--quick] [OUT_DIR]      # --quick (or AUTOGRAD_MINI_QUICK=1)
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

import numpy as np  # noqa: E402
from _common import options, pyplot, save_figure  # noqa: E402  (first: it puts the checkout on sys.path)

from autograd_mini import Value, dot  # noqa: E402
from autograd_mini.numerical import gradcheck  # noqa: E402
from nn.examples import mazur  # noqa: E402
from nn.layers import MLP  # noqa: E402
from nn.losses import quadratic_cost  # noqa: E402
from nn.matrix import MatrixMLP  # noqa: E402
from nn.training import dataset_cost  # noqa: E402


def sigmoid_with_wrong_derivative(x: Value) -> Value:
    """σ(x), but recording ∂σ/∂x = σ(x) instead of σ(x)(1 − σ(x)): a typical slip."""
    s = 1.0 / (1.0 + math.exp(-x.data))
    return Value.from_op(s, (x,), (s,), "sigmoid", f"σ({x.label})")  # BUG: should be s * (1 - s)


def broken_network_cost(net) -> Value:
    """Mazur's forward pass, with the hidden layer squashed by the broken sigmoid."""
    hidden, output = net.model.layers
    xs = [Value(x, f"i{k + 1}") for k, x in enumerate(net.inputs)]
    h = [sigmoid_with_wrong_derivative(dot(n.weight, xs, n.bias, f"net_{n.name}")) for n in hidden.neurons]
    outs = [dot(n.weight, h, n.bias).sigmoid() for n in output.neurons]
    return quadratic_cost(outs, net.targets)


def main(argv: list[str]) -> None:
    quick, out_dir = options(argv)

    print("1. Mazur's network, E_total = Σ ½(target − out)², checked with ε = 1e-6\n")
    net = mazur()
    good = gradcheck(lambda: quadratic_cost(net.model(net.inputs), net.targets), net.model)
    print(good, "\n")

    print("2. The same network with a hand-made sigmoid whose derivative is wrong in the hidden layer\n")
    net2 = mazur()
    bad = gradcheck(lambda: broken_network_cost(net2), net2.model)
    print(bad)
    print("   The output-layer weights (w5 … w8, b2) still agree: the bug sits below them.\n")

    print("3. Hand-derived matrix-form gradients, δ2 = δ3·W2ᵀ with the ∘ f'(z2) forgotten\n")
    model = MLP(2, [3, 1], bias="none", seed=0)
    X = np.array([[0.05, 0.10], [0.9, -0.4], [-0.3, 0.7]])
    y = np.array([[0.01], [0.99], [0.5]])
    mm = MatrixMLP.from_mlp(model)
    p = mm.backward(X, y)
    delta2_wrong = p.delta[3] @ mm.W[2].T  # missing ∘ f'(z2)
    dW1_wrong = X.T @ delta2_wrong
    # parameters in model.parameters() order: layer 1 rows of W1ᵀ, then layer 2
    hand = list(dW1_wrong.T.ravel()) + list(p.dW[2].T.ravel())
    J = lambda: dataset_cost(model, quadratic_cost, X.tolist(), y.tolist()) * len(X)  # noqa: E731  Σ, not mean
    wrong = gradcheck(J, model, gradients=hand)
    right = gradcheck(J, model, gradients=list(p.dW[1].T.ravel()) + list(p.dW[2].T.ravel()))
    print("   with the bug:   ", wrong.verdict)
    print("   with ∘ f'(z2):  ", right.verdict, "\n")

    print("4. The cost: numerical checking needs 2n evaluations of J, backprop one backward pass")
    sizes = [4, 8, 1] if quick else [4, 16, 16, 1]
    big = MLP(sizes[0], sizes[1:], activation="tanh", seed=0)
    xs, ys = [[0.1, -0.2, 0.3, 0.4]] * 4, [[0.5]] * 4
    cost = lambda: dataset_cost(big, quadratic_cost, xs, ys)  # noqa: E731
    t0 = time.perf_counter()
    cost().backward()
    t_backprop = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = gradcheck(cost, big)
    t_check = time.perf_counter() - t0
    n = len(big.parameters())
    print(f"   {'-'.join(map(str, sizes))} network, {n} parameters: one forward+backward {t_backprop * 1e3:.2f} ms, "
          f"gradient check {t_check * 1e3:.0f} ms ({result.evaluations} evaluations, ~{t_check / t_backprop:.0f}× slower); "
          f"{'PASS' if result.ok else 'FAIL'}.")
    print("   So: check backprop once (or for a few iterations), then switch the check off and train.")
    plot(good, bad, out_dir / "gradcheck.png")


def plot(good, bad, path: Path) -> None:
    plt = pyplot()
    if plt is None:
        return
    fig, ax = plt.subplots(figsize=(7, 4))
    names = [r.name for r in good.rows]
    x = np.arange(len(names))
    ax.bar(x - 0.2, [max(r.relative, 1e-16) for r in good.rows], 0.4, label="correct backprop")
    ax.bar(x + 0.2, [max(r.relative, 1e-16) for r in bad.rows], 0.4, label="broken sigmoid derivative")
    ax.axhline(good.tolerance, color="k", ls="--", lw=1, label=f"tolerance {good.tolerance:g}")
    ax.set_yscale("log")
    ax.set_xticks(x, names)
    ax.set_ylabel("|g − n| / (|g| + |n|)")
    ax.set_title("Gradient check per parameter, Mazur's 2-2-2 network")
    ax.legend(fontsize=8)
    save_figure(fig, path)


if __name__ == "__main__":
    main(sys.argv[1:])
