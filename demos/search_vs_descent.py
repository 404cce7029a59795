"""Lecture 000: grid search vs Monte Carlo vs gradient descent, counted in evaluations of J.

Prints the grid-size table dim(n) = 21ⁿ (the lecture prints dim(2) = 411; it is 441), then searches
the weights of small networks ŷ = w2·tanh(w1·x) (2 weights) and ŷ = w3·tanh(w1·x1 + w2·x2)
(3 weights) for the lowest J = (1/m)·Σ ½(y − ŷ)², with each method, and reports how many
evaluations of J each needed. Writes out/search_vs_descent.png (the cost surface J(w1, w2) with the
grid, the Monte Carlo samples and the gradient-descent path) when matplotlib is installed.

    python demos/search_vs_descent.py [--quick] [OUT_DIR]      # --quick (or AUTOGRAD_MINI_QUICK=1)
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

from _common import options, save_figure  # noqa: E402  (first: it puts the checkout on sys.path)

from nn import init  # noqa: E402
from nn.layers import MLP  # noqa: E402
from nn.losses import quadratic_cost  # noqa: E402
from nn.search import LECTURE_GRID, gradient_descent, grid_search, grid_size_table, monte_carlo_search  # noqa: E402
from nn.training import dataset_cost  # noqa: E402


def problem(n_inputs: int, m: int = 12, seed: int = 0):
    """A teacher network with off-grid weights makes the data; the student has the same shape."""
    rng = random.Random(seed)
    teacher = MLP(n_inputs, [1, 1], activation=["tanh", "linear"], bias="none")
    for p, w in zip(teacher.parameters(), [0.83, -0.57, 0.66][: n_inputs] + [-0.74]):
        p.data = w
    X = [[rng.uniform(-2, 2) for _ in range(n_inputs)] for _ in range(m)]
    Y = [[o.data for o in teacher(x)] for x in X]
    student = MLP(n_inputs, [1, 1], activation=["tanh", "linear"], bias="none")
    return student, X, Y


def compare(n_inputs: int, gd_steps: int, record: dict | None = None) -> None:
    model, X, Y = problem(n_inputs)
    params = model.parameters()
    n = len(params)
    visited: list[list[float]] = []

    def cost():
        if record is not None:
            visited.append([p.data for p in params])
        return dataset_cost(model, quadratic_cost, X, Y)

    grid = grid_search(cost, params)
    grid_points, visited[:] = list(visited), []
    mc = monte_carlo_search(cost, params, grid.evaluations, seed=0)
    mc_points, visited[:] = list(visited), []
    init.uniform_(params, -0.1, 0.1, seed=3)  # gradient descent starts from one small random point
    gd = gradient_descent(cost, params, gd_steps, lr=2.0)
    if record is not None:
        record.update(grid=grid_points, mc=mc_points, gd=list(visited), model=model, X=X, Y=Y)
    target = grid.best_cost
    print(f"\n{n} weights: grid of 21^{n} = {grid.evaluations:,} points vs the same budget of random points vs descent")
    print(f"  {'method':<17} {'evaluations':>11} {'best J':>12} {'evals to reach the grid best':>30}")
    for r in (grid, mc, gd):
        reach = r.evaluations_to_reach(target)
        print(f"  {r.method:<17} {r.evaluations:>11,} {r.best_cost:>12.3e} {str(reach if reach else '—'):>30}")
    print(f"  (gradient descent also ran {gd.evaluations - 1} backward passes, each costing about one evaluation)")


def main(argv: list[str]) -> None:
    quick, out_dir = options(argv)
    print("The lecture's grid: " + ", ".join(f"{v:g}" for v in LECTURE_GRID) + f" ({len(LECTURE_GRID)} values)")
    print("\n  n   dim(n) = 21ⁿ")
    for n, size in grid_size_table(16):
        note = "   (the lecture prints 411: a slip, 21² = 441)" if n == 2 else ""
        print(f"  {n:>2}  {size:>28,}{note}")
    print(f"  100  {21.0 ** 100:.6g}   (more than the atoms in the universe)")
    record: dict = {}
    compare(1, 30 if quick else 200, record)
    if not quick:
        compare(2, 300)
    print("\nThe grid can do no better than its 0.1 spacing; random points of the same budget land closer;")
    print("descent follows the slope and keeps improving, and its cost does not grow like 21ⁿ with the weights.")
    plot(record, out_dir / "search_vs_descent.png", 31 if quick else 61)


def plot(record: dict, path: Path, resolution: int = 61) -> None:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("(matplotlib is not installed: no plot; pip install matplotlib)")
        return
    model, X, Y = record["model"], record["X"], record["Y"]
    w1, w2 = model.parameters()
    ticks = [-1 + 2 * i / (resolution - 1) for i in range(resolution)]
    surface = []
    for b in ticks:
        row = []
        for a in ticks:
            w1.data, w2.data = a, b
            row.append(math.log10(dataset_cost(model, quadratic_cost, X, Y).data + 1e-12))
        surface.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(6.5, 5.5))
    cs = ax.contourf(ticks, ticks, surface, levels=30, cmap="viridis")
    fig.colorbar(cs, ax=ax, label="log10 J(w1, w2)")
    for points, size, colour, label in ((record["grid"], 3, "white", "grid (441)"), (record["mc"], 5, "orange", "Monte Carlo (441)")):
        xs, ys = zip(*points)
        ax.scatter(xs, ys, s=size, c=colour, label=label)
    ax.plot(*zip(*record["gd"]), "-o", ms=2, c="red", label=f"gradient descent ({len(record['gd'])})")
    ax.set_xlabel("w1")
    ax.set_ylabel("w2")
    ax.set_xlim(-1, 1)
    ax.set_ylim(-1, 1)
    ax.set_title("ŷ = w2·tanh(w1·x): where each method evaluated J")
    ax.legend(loc="lower left", fontsize=8)
    save_figure(fig, path)


if __name__ == "__main__":
    main(sys.argv[1:])
