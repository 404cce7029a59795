"""Finding good weights without and with gradients: grid search, Monte Carlo search, gradient descent.

Lecture 000 asks how to find the weights W that minimise the cost J(W) (the training data T stays
fixed, so J depends on W only), and compares three answers by how many times J must be evaluated:

* grid search: try every combination of a fixed set of values per weight. With the lecture's grid
  of 21 values in [−1, 1] (step 0.1), n weights need 21ⁿ evaluations: `grid_size_table`.
* Monte Carlo: try random combinations instead; it does better than the grid for the same number of
  evaluations, but still needs many.
* gradient descent: from one point, the gradient says which way is down; each step costs one
  evaluation plus one backward pass, and the number of steps does not grow like 21ⁿ.

Each function takes ``cost``, a function of no arguments that recomputes J from the parameters'
current ``data`` (e.g. ``lambda: dataset_cost(model, quadratic_cost, X, Y)``), and the parameters
to search over; it leaves the parameters at the best point found and returns a `SearchResult`.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from autograd_mini.engine import Value
from nn.optim import SGD

__all__ = ["LECTURE_GRID", "grid_values", "grid_size", "grid_size_table", "grid_search", "monte_carlo_search",
           "gradient_descent", "SearchResult"]

Cost = Callable[[], "Value | float"]


def grid_values(low: float = -1.0, high: float = 1.0, step: float = 0.1) -> list[float]:
    """The points low, low + step, …, high, rounded to 12 decimals so 0.1-steps print as 0.3, not
    0.30000000000000004. The default is the lecture's grid: [−1, −0.9, …, 0.9, 1], 21 values."""
    if not (math.isfinite(low) and math.isfinite(high) and math.isfinite(step)) or step <= 0 or high < low:
        raise ValueError(f"grid_values: need low ≤ high and step > 0, got low={low!r}, high={high!r}, step={step!r}")
    count = int(math.floor((high - low) / step + 1e-9)) + 1
    return [round(low + i * step, 12) for i in range(count)]


LECTURE_GRID = grid_values()


def grid_size(n: int, points: int = 21) -> int:
    """How many combinations a grid of ``points`` values per weight has for n weights: pointsⁿ.

    For the lecture's 21 points: 21, 441, 9261, 194481, … Lecture 000 prints dim(2) = 411: a slip,
    21² = 441 (its other rows, 9261 = 21³ onwards, are right). 21¹⁰⁰ ≈ 1.67e132."""
    for name, x in (("n", n), ("points", points)):
        if isinstance(x, bool) or not isinstance(x, int) or x < 1:
            raise ValueError(f"grid_size: {name} must be a positive int, got {x!r}")
    return points ** n


def grid_size_table(max_n: int = 16, points: int = 21) -> list[tuple[int, int]]:
    """``[(n, pointsⁿ) for n = 1 … max_n]``: the lecture's dim(n) table, with dim(2) = 441."""
    return [(n, grid_size(n, points)) for n in range(1, max_n + 1)]


@dataclass
class SearchResult:
    """What a search found and what it cost.

    Attributes:
        method: "grid", "monte carlo" or "gradient descent".
        best_cost: the lowest J seen.
        best: the parameter values where it was seen (the parameters are left there).
        evaluations: how many times J was evaluated (gradient descent: one per step, each also
            followed by one backward pass, plus one at the end).
        trace: the best J so far after each evaluation.
    """

    method: str
    best_cost: float
    best: list[float]
    evaluations: int
    trace: list[float] = field(repr=False, default_factory=list)

    def evaluations_to_reach(self, target: float) -> int | None:
        """How many evaluations it took until J ≤ target (None: never)."""
        for i, c in enumerate(self.trace):
            if c <= target:
                return i + 1
        return None


def _params(params: Any, fn: str) -> list[Value]:
    if hasattr(params, "parameters") and callable(params.parameters):
        params = params.parameters()
    values = [params] if isinstance(params, Value) else list(params)
    if not values:
        raise ValueError(f"{fn}: no parameters to search over")
    for p in values:
        if not isinstance(p, Value):
            raise TypeError(f"{fn}: parameters must be Values, got {type(p).__name__}: {p!r}")
    return values


def _evaluate(cost: Cost, fn: str) -> float:
    J = cost()
    if isinstance(J, Value):
        return J.data
    if isinstance(J, bool) or not isinstance(J, (int, float)):
        raise TypeError(f"{fn}: cost() must return a Value or a number, got {type(J).__name__}: {J!r}")
    return float(J)


class _Tracker:
    """Keeps the best point so far and the trace of best costs."""

    def __init__(self, params: list[Value]) -> None:
        self.params = params
        self.best_cost = math.inf
        self.best: list[float] = [p.data for p in params]
        self.trace: list[float] = []

    def record(self, J: float) -> None:
        if J < self.best_cost:
            self.best_cost, self.best = J, [p.data for p in self.params]
        self.trace.append(self.best_cost)

    def result(self, method: str) -> SearchResult:
        for p, x in zip(self.params, self.best):
            p.data = x
        return SearchResult(method, self.best_cost, list(self.best), len(self.trace), self.trace)


def grid_search(cost: Cost, params: Any, values: Sequence[float] | None = None, *,
                max_evaluations: int = 1_000_000) -> SearchResult:
    """Evaluate J at every combination of ``values`` (default: the lecture's 21-point grid) for each
    parameter: len(values)ⁿ evaluations. Refuses (ValueError) beyond ``max_evaluations``."""
    fn = "grid_search"
    ps = _params(params, fn)
    values = list(LECTURE_GRID if values is None else values)
    if not values:
        raise ValueError(f"{fn}: no grid values given")
    needed = len(values) ** len(ps)
    if needed > max_evaluations:
        raise ValueError(f"{fn}: {len(values)} values for {len(ps)} parameters is {needed:,} evaluations, more than "
                         f"max_evaluations={max_evaluations:,}; use monte_carlo_search or gradient_descent")
    tracker = _Tracker(ps)
    for combo in itertools.product(values, repeat=len(ps)):
        for p, x in zip(ps, combo):
            p.data = float(x)
        tracker.record(_evaluate(cost, fn))
    return tracker.result("grid")


def monte_carlo_search(cost: Cost, params: Any, evaluations: int, low: float = -1.0, high: float = 1.0, *,
                       seed: int | None = None) -> SearchResult:
    """Evaluate J at ``evaluations`` random points, each weight drawn from U(low, high) (seeded)."""
    fn = "monte_carlo_search"
    ps = _params(params, fn)
    if isinstance(evaluations, bool) or not isinstance(evaluations, int) or evaluations < 1:
        raise ValueError(f"{fn}: evaluations must be a positive int, got {evaluations!r}")
    if not low <= high:
        raise ValueError(f"{fn}: need low ≤ high, got [{low!r}, {high!r}]")
    rng = random.Random(seed)
    tracker = _Tracker(ps)
    for _ in range(evaluations):
        for p in ps:
            p.data = rng.uniform(low, high)
        tracker.record(_evaluate(cost, fn))
    return tracker.result("monte carlo")


def gradient_descent(cost: Callable[[], Value], params: Any, steps: int, lr: float = 0.1,
                     optimizer: Any = None) -> SearchResult:
    """From the parameters' current values, ``steps`` steps of W := W − η·∂J/∂W (or of ``optimizer``).

    J is evaluated before each step (and back-propagated) and once more at the end: steps + 1
    evaluations and ``steps`` backward passes."""
    fn = "gradient_descent"
    ps = _params(params, fn)
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ValueError(f"{fn}: steps must be a positive int, got {steps!r}")
    opt = optimizer if optimizer is not None else SGD(ps, lr=lr)
    tracker = _Tracker(ps)
    for step in range(steps + 1):
        J = cost()
        if not isinstance(J, Value):
            raise TypeError(f"{fn}: cost() must return a Value to back-propagate, got {type(J).__name__}")
        tracker.record(J.data)
        if step == steps:
            break
        for p in ps:
            p.grad = 0.0
        J.backward()
        opt.step()
    return tracker.result("gradient descent")
