"""Graphs hold no reference cycles: dropping the root frees everything by reference counting alone.

(micrograd's backward closures make every node part of a cycle, so its graphs wait for the garbage
collector; ours store local derivatives as data.) With the collector paused, a graph is built, used
and dropped; a collection afterwards must find nothing unreachable.
"""

import gc
import sys

from autograd_mini import Value, dot, sum_values
from nn import MLP, SGD
from nn.examples import mazur


def unreachable_after(build) -> int:
    """Build (and use) a graph, drop it, and count what only the collector could free."""
    build()
    return gc.collect()


def test_expression_graph_leaves_nothing_for_the_collector(collector_paused):
    def build():
        a, b = Value(-4.0, "a"), Value(2.0, "b")
        c = (a * b + b**3).tanh() + (a / b).sigmoid() + (b - a).relu() + (b * b).log() + (a * 0.1).exp()
        d = sum_values([c, dot([a, b], [b, a], c)])
        d.backward()
        d.backward()
    assert unreachable_after(build) == 0


def test_training_step_of_an_mlp_leaves_nothing(collector_paused):
    model = MLP(2, [4, 4, 1], activation=["tanh", "tanh", "linear"], seed=0)
    opt = SGD(model.parameters(), lr=0.1)

    def build():
        for _ in range(3):
            loss = sum_values([(model([0.5, -1.0])[0] - 1.0) ** 2, (model([1.0, 2.0])[0] + 1.0) ** 2])
            opt.zero_grad()
            loss.backward()
            opt.step()
    assert unreachable_after(build) == 0


def test_mazur_example_leaves_nothing(collector_paused):
    def build():
        ex = mazur()
        ex.forward().backward()
    assert unreachable_after(build) == 0


def test_a_dropped_graph_is_freed_at_once():
    """Reference counting frees the graph the moment its root goes: the leaf's refcount falls back."""
    x = Value(1.0, "x")
    before = sys.getrefcount(x)
    y = x
    for _ in range(1000):
        y = y * 1.0 + x
    assert sys.getrefcount(x) > before + 1000
    del y
    assert sys.getrefcount(x) == before
