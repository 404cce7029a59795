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

from autograd_mini import validate
from autograd_mini.engine import Value
from nn.module import parameters_of
from nn.optim import SGD

__all__ = ["LECTURE_GRID", "MAX_GRID_VALUES", "grid_values", "grid_size", "grid_size_table", "grid_search", "monte_carlo_search",
           "gradient_descent", "SearchResult"]

Cost = Callable[[], "Value | float"]


MAX_GRID_VALUES = 1_000_000  # values per weight that grid_values will list
MAX_RUN = 1_000_000_000  # evaluations or steps: more could never finish on a scalar engine


def grid_values(low: float = -1.0, high: float = 1.0, step: float = 0.1) -> list[float]:
    """The points low, low + step, …, high, rounded to 12 decimals so 0.1-steps print as 0.3, not
    0.30000000000000004. The default is the lecture's grid: [−1, −0.9, …, 0.9, 1], 21 values.

    More than `MAX_GRID_VALUES` points is refused up front (ValueError), not after minutes of
    allocating: no grid search could evaluate them anyway."""
    fn = "grid_values"
    lo, hi, dx = validate.real(low, fn, "low"), validate.real(high, fn, "high"), validate.positive(step, fn, "step")
    if hi < lo:
        raise ValueError(f"{fn}: need low ≤ high, got low={lo!r}, high={hi!r}")
    ratio = (hi - lo) / dx if hi - lo < math.inf else math.inf
    count = math.floor(ratio + 1e-9) + 1 if ratio < math.inf else math.inf
    if not count <= MAX_GRID_VALUES:
        raise ValueError(f"{fn}: [{lo!r}, {hi!r}] in steps of {dx!r} is {count:.3g} values, more than the "
                         f"{MAX_GRID_VALUES:,} a grid may list; use a larger step, or monte_carlo_search")
    return [round(lo + i * dx, 12) for i in range(int(count))]


LECTURE_GRID = grid_values()


def grid_size(n: int, points: int = 21) -> int:
    """How many combinations a grid of ``points`` values per weight has for n weights: pointsⁿ.

    For the lecture's 21 points: 21, 441, 9261, 194481, … Lecture 000 prints dim(2) = 411: a slip,
    21² = 441 (its other rows, 9261 = 21³ onwards, are right). 21¹⁰⁰ ≈ 1.67e132."""
    n = validate.integer(n, "grid_size", "n", low=1, high=100_000)
    points = validate.integer(points, "grid_size", "points", low=1)
    if n * points.bit_length() > 10_000_000:
        raise ValueError(f"grid_size: {points:,}^{n:,} has more than 10 million binary digits; "
                         "use math.log10(points) * n for its size")
    return points ** n


def grid_size_table(max_n: int = 16, points: int = 21) -> list[tuple[int, int]]:
    """``[(n, pointsⁿ) for n = 1 … max_n]``: the lecture's dim(n) table, with dim(2) = 441."""
    max_n = validate.integer(max_n, "grid_size_table", "max_n", low=1, high=10_000)
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
        target = validate.real(target, "SearchResult.evaluations_to_reach", "target", finite=False)
        for i, c in enumerate(self.trace):
            if c <= target:
                return i + 1
        return None




def _evaluate(cost: Cost, fn: str, params: list[Value]) -> float:
    J = cost()
    if isinstance(J, Value):
        return J.data
    if not validate.is_real(J):
        raise TypeError(f"{fn}: cost() must return a Value or a number, got {validate.shown(J)}")
    x = validate.real(J, fn, "cost()", finite=False)
    if not -math.inf < x < math.inf:
        raise ValueError(f"{fn}: cost() returned {x!r} at {[p.data for p in params]}; the search needs a finite J everywhere "
                         "(narrow the ranges or fix the cost); the parameters are back at their original values")
    return x


class _Tracker:
    """Keeps the best point so far and the trace of best costs; restores the original point on failure."""

    def __init__(self, params: list[Value]) -> None:
        self.params = params
        self.original = [p.data for p in params]
        self.best_cost = math.inf
        self.best: list[float] = list(self.original)
        self.trace: list[float] = []

    def record(self, J: float) -> None:
        if J < self.best_cost:
            self.best_cost, self.best = J, [p.data for p in self.params]
        self.trace.append(self.best_cost)

    def restore(self) -> None:
        for p, x in zip(self.params, self.original):
            p.data = x

    def result(self, method: str) -> SearchResult:
        for p, x in zip(self.params, self.best):
            p.data = x
        return SearchResult(method, self.best_cost, list(self.best), len(self.trace), self.trace)


def _cost_function(cost: object, fn: str) -> Cost:
    return validate.function(cost, fn, "cost (a function of no arguments returning J)")


def grid_search(cost: Cost, params: Any, values: Sequence[float] | None = None, *,
                max_evaluations: int = 1_000_000) -> SearchResult:
    """Evaluate J at every combination of ``values`` (default: the lecture's 21-point grid) for each
    parameter: len(values)ⁿ evaluations. Refuses (ValueError) beyond ``max_evaluations``.

    If ``cost`` raises, or returns nan/inf, the parameters are put back at their original values and
    the error propagates (a nan/inf J is a ValueError naming the point)."""
    fn = "grid_search"
    cost = _cost_function(cost, fn)
    ps = parameters_of(params, fn, "params")
    grid = list(LECTURE_GRID) if values is None else validate.numbers_list(values, fn, "values")
    if not grid:
        raise ValueError(f"{fn}: no grid values given; pass a list such as grid_values(-1, 1, 0.1)")
    limit = validate.integer(max_evaluations, fn, "max_evaluations", low=1)
    if len(grid) ** min(len(ps), 64) > limit:
        needed = len(grid) ** len(ps) if len(ps) <= 64 else math.inf
        raise ValueError(f"{fn}: {len(grid)} values for {len(ps)} parameters is {needed:,} evaluations, more than "
                         f"max_evaluations={limit:,}; use monte_carlo_search or gradient_descent")
    tracker = _Tracker(ps)
    try:
        for combo in itertools.product(grid, repeat=len(ps)):
            for p, x in zip(ps, combo):
                p.data = x
            tracker.record(_evaluate(cost, fn, ps))
    except BaseException:
        tracker.restore()
        raise
    return tracker.result("grid")


def monte_carlo_search(cost: Cost, params: Any, evaluations: int, low: float = -1.0, high: float = 1.0, *,
                       seed: int | None = None) -> SearchResult:
    """Evaluate J at ``evaluations`` random points, each weight drawn from U(low, high) (seeded).

    On an error from ``cost`` (or a nan/inf J) the parameters are restored to their original values."""
    fn = "monte_carlo_search"
    cost = _cost_function(cost, fn)
    ps = parameters_of(params, fn, "params")
    n = validate.integer(evaluations, fn, "evaluations", low=1, high=MAX_RUN)
    lo, hi = validate.real(low, fn, "low"), validate.real(high, fn, "high")
    if not lo <= hi:
        raise ValueError(f"{fn}: need low ≤ high, got [{lo!r}, {hi!r}]")
    width = hi - lo
    if not width < math.inf:
        raise ValueError(f"{fn}: [{lo!r}, {hi!r}] is wider than the float range (high − low overflows); "
                         "use bounds within about ±8.9e307")
    rng = random.Random(None if seed is None else validate.integer(seed, fn, "seed"))
    tracker = _Tracker(ps)
    try:
        for _ in range(n):
            for p in ps:
                p.data = lo + width * rng.random()
            tracker.record(_evaluate(cost, fn, ps))
    except BaseException:
        tracker.restore()
        raise
    return tracker.result("monte carlo")


def gradient_descent(cost: Callable[[], Value], params: Any, steps: int, lr: float = 0.1,
                     optimizer: Any = None) -> SearchResult:
    """From the parameters' current values, ``steps`` steps of W := W − η·∂J/∂W (or of ``optimizer``).

    J is evaluated before each step (and back-propagated) and once more at the end: steps + 1
    evaluations and ``steps`` backward passes. On an error (from ``cost`` or a diverging step) the
    parameters are restored to their original values."""
    fn = "gradient_descent"
    cost = validate.function(cost, fn, "cost (a function of no arguments returning J as a Value)")
    ps = parameters_of(params, fn, "params")
    n = validate.integer(steps, fn, "steps", low=1, high=MAX_RUN)
    if optimizer is None:
        opt: Any = SGD(ps, lr=validate.positive(lr, fn, "lr"))
    elif callable(getattr(optimizer, "step", None)):
        opt = optimizer
    else:
        raise TypeError(f"{fn}: optimizer must have step() (an nn.optim optimizer), got {validate.shown(optimizer)}")
    tracker = _Tracker(ps)
    try:
        for step in range(n + 1):
            J = cost()
            if not isinstance(J, Value):
                raise TypeError(f"{fn}: cost() must return a Value to back-propagate, got {validate.shown(J)}")
            tracker.record(J.data)
            if step == n:
                break
            for p in ps:
                p.grad = 0.0
            J.backward()
            opt.step()
    except BaseException:
        tracker.restore()
        raise
    return tracker.result("gradient descent")
