"""nn.search: the lecture's grid and 21ⁿ table (with 21² = 441, not the printed 411), grid and Monte
Carlo search, gradient descent, and their evaluation counts."""

from __future__ import annotations

import math

import pytest

from autograd_mini import Value
from nn.layers import MLP
from nn.losses import quadratic_cost
from nn.search import LECTURE_GRID, SearchResult, gradient_descent, grid_search, grid_size, grid_size_table, grid_values, monte_carlo_search
from nn.training import dataset_cost

# lecture 000's printed table, dim(1) … dim(16); dim(2) = 411 is its slip
PRINTED = [21, 411, 9261, 194481, 4084101, 85766121, 1801088541, 37822859361, 794280046581, 16679880978201,
           350277500542221, 7355827511386641, 1.544723777391195e17, 3.243919932521508e18, 6.812231858295167e19,
           1.430568690241985e21]


def test_the_lectures_grid():
    assert LECTURE_GRID == [-1, -0.9, -0.8, -0.7, -0.6, -0.5, -0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5,
                            0.6, 0.7, 0.8, 0.9, 1]
    assert grid_values(0.0, 1.0, 0.25) == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_grid_size_is_21_to_the_n_and_dim2_is_441_not_411():
    assert grid_size(2) == 441 != PRINTED[1]
    table = grid_size_table()
    assert [n for n, _ in table] == list(range(1, 17))
    for (n, size), printed in zip(table, PRINTED):
        assert size == 21 ** n
        if n != 2:
            assert size == pytest.approx(printed, rel=1e-15), f"dim({n})"
    assert grid_size(100) == pytest.approx(1.66697648439634e132, rel=1e-14)
    with pytest.raises(ValueError, match="^grid_size: n must be between 1 and 100,000, got 0"):
        grid_size(0)


def bowl():
    a, b = Value(0.0, "a"), Value(0.0, "b")
    return (a, b), lambda: (a - 0.3) ** 2 + 2 * (b + 0.7) ** 2 + 0.1 * a * b


def test_grid_search_tries_every_combination_and_keeps_the_best():
    (a, b), cost = bowl()
    result = grid_search(cost, [a, b])
    assert result.evaluations == 441 and result.method == "grid"
    assert [a.data, b.data] == result.best  # left at the best point
    brute = min((cost_at(cost, a, b, x, y), x, y) for x in LECTURE_GRID for y in LECTURE_GRID)
    assert result.best_cost == brute[0] and result.best == [brute[1], brute[2]]
    assert result.trace == sorted(result.trace, reverse=True) and len(result.trace) == 441


def cost_at(cost, a, b, x, y):
    a.data, b.data = x, y
    return cost().data


def test_grid_search_refuses_an_astronomical_grid():
    params = [Value(0.0) for _ in range(6)]
    with pytest.raises(ValueError, match="85,766,121 evaluations"):
        grid_search(lambda: params[0] * 1.0, params)


def test_monte_carlo_is_seeded_and_counts_evaluations():
    (a, b), cost = bowl()
    r1 = monte_carlo_search(cost, [a, b], 300, seed=4)
    r2 = monte_carlo_search(cost, [a, b], 300, seed=4)
    assert r1.best == r2.best and r1.evaluations == 300
    assert all(-1 <= x <= 1 for x in r1.best)
    assert r1.best_cost == pytest.approx(cost_at(cost, a, b, *r1.best))
    assert monte_carlo_search(cost, [a, b], 300, seed=5).best != r1.best


@pytest.mark.slow
def test_descent_needs_far_fewer_evaluations_on_a_small_network():
    """The lecture's comparison on a 2-weight network ŷ = w2·tanh(w1·x): grid (441 evaluations) is
    limited by its 0.1 resolution; gradient descent gets below it in a fraction of the evaluations."""
    X = [[x / 4] for x in range(-8, 9)]
    Y = [[0.73 * math.tanh(-0.86 * x[0])] for x in X]
    model = MLP(1, [1, 1], activation=["tanh", "linear"], bias="none")
    cost = lambda: dataset_cost(model, quadratic_cost, X, Y)  # noqa: E731
    grid = grid_search(cost, model)
    mc = monte_carlo_search(cost, model, grid.evaluations, seed=0)
    for p in model.parameters():
        p.data = 0.5
    gd = gradient_descent(cost, model, 60, lr=2.0)
    assert grid.evaluations == 441 and gd.evaluations == 61
    assert gd.best_cost < grid.best_cost
    assert gd.evaluations_to_reach(grid.best_cost) < grid.evaluations // 10
    assert mc.evaluations_to_reach(1e-3) is not None


def test_gradient_descent_is_plain_sgd_by_default_and_takes_an_optimizer():
    x = Value(2.0)
    result = gradient_descent(lambda: x * x, [x], 3, lr=0.25)  # x ← x − 0.25·2x = x/2
    assert result.trace == [4.0, 1.0, 0.25, 0.0625] and x.data == 0.25 and result.evaluations == 4
    from nn.optim import Adam
    y = Value(2.0)
    assert gradient_descent(lambda: y * y, [y], 5, optimizer=Adam([y], lr=0.1)).best_cost < 4.0


def test_evaluations_to_reach():
    r = SearchResult("grid", 1.0, [0.0], 3, [5.0, 2.0, 1.0])
    assert r.evaluations_to_reach(2.0) == 2 and r.evaluations_to_reach(0.5) is None


@pytest.mark.parametrize("call, error, message", [
    (lambda: grid_search(lambda: 1.0, []), ValueError, "no parameters"),
    (lambda: grid_search(lambda: 1.0, [1.0]), TypeError, "must be Values"),
    (lambda: grid_search(lambda: "x", [Value(0.0)]), TypeError, "must return a Value or a number"),
    (lambda: grid_search(lambda: 1.0, [Value(0.0)], values=[]), ValueError, "no grid values"),
    (lambda: monte_carlo_search(lambda: 1.0, [Value(0.0)], 0), ValueError, "evaluations"),
    (lambda: monte_carlo_search(lambda: 1.0, [Value(0.0)], 5, 1.0, -1.0), ValueError, "low ≤ high"),
    (lambda: gradient_descent(lambda: 1.0, [Value(0.0)], 2), TypeError, "back-propagate"),
    (lambda: gradient_descent(lambda: 1.0, [Value(0.0)], 0), ValueError, "steps"),
    (lambda: grid_values(1.0, 0.0), ValueError, "low ≤ high"),
])
def test_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()
