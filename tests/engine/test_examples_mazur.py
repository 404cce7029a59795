"""The engine-only Mazur example is node for node the network `nn.examples.mazur()` builds.

`autograd_mini` never imports `nn` (issue 10), so the CLI's default example is built from plain
Values in `autograd_mini/examples/mazur.py`. These tests pin that the two graphs are the same graph:
same labels, roles, frozen flags, ops, children order and numbers, so they draw, explain, tape and
worksheet identically. If one fails after a change to `nn/examples.py` or `nn/layers.py`, the two
have drifted apart: change both, or report it.
"""

import pytest

from autograd_mini import draw_dot, explain, tape, worksheet
from autograd_mini.engine import topological_order
from autograd_mini.examples import get_example
from autograd_mini.examples import mazur as engine_mazur

WEIGHTS = [f"w{k}" for k in range(1, 9)]


@pytest.fixture
def both():
    from nn.examples import mazur

    ex = mazur()
    nn_root = ex.forward()
    nn_root.backward()
    return nn_root, get_example("mazur").build()


def _shape(root):
    """Every node's label, role, frozen flag, op, data, grad, local derivatives and children (by position)."""
    order = topological_order(root)
    position = {id(n): k for k, n in enumerate(order)}
    return [
        (n.label, n.role, n.frozen, n.op, n.data, n.grad, n.local_grads, tuple(position[id(c)] for c in n.children))
        for n in order
    ]


def test_the_two_graphs_are_node_for_node_the_same(both):
    nn_root, root = both
    assert _shape(root) == _shape(nn_root)
    assert len(topological_order(root)) == 31  # 12 leaves, 8 neuron nodes, 5 per error term, E_total


def test_they_draw_identically(both):
    nn_root, root = both
    assert draw_dot(root).source == draw_dot(nn_root).source
    assert draw_dot(root, clusters="layers").source == draw_dot(nn_root, clusters="layers").source
    assert draw_dot(root, clusters="neurons", edge_labels="both").source == draw_dot(nn_root, clusters="neurons", edge_labels="both").source


@pytest.mark.parametrize("wrt", WEIGHTS + ["b1", "b2", "i1", "out_h1", "net_o2"])
def test_they_explain_identically(both, wrt):
    nn_root, root = both
    assert explain(root, wrt).text() == explain(nn_root, wrt).text()


def test_they_tape_and_worksheet_identically(both):
    nn_root, root = both
    assert str(tape(root)) == str(tape(nn_root))
    a, b = worksheet(root), worksheet(nn_root)
    assert (a.exercise, a.answer_key) == (b.exercise, b.answer_key)


def test_the_biases_are_shared_and_frozen_the_weights_not():
    root = engine_mazur.build()
    nodes = {n.label: n for n in topological_order(root)}
    assert nodes["b1"].frozen and nodes["b2"].frozen
    assert not any(nodes[w].frozen for w in WEIGHTS)
    assert sum(c is nodes["b1"] for n in topological_order(root) for c in n.children) == 2  # net_h1 and net_h2
    assert [c.label for c in nodes["net_h1"].children] == ["w1", "i1", "w2", "i2", "b1"]
    assert [c.label for c in nodes["net_o2"].children] == ["w7", "out_h1", "w8", "out_h2", "b2"]
    assert nodes["i1"].role == "input" and nodes["w5"].role == "parameter" and nodes["target_o1"].role == "constant"


def test_each_build_is_a_fresh_graph():
    a, b = engine_mazur.build(), engine_mazur.build()
    assert not {id(n) for n in topological_order(a)} & {id(n) for n in topological_order(b)}
    assert a.data == b.data and a.grad == b.grad == 1.0


def test_training_from_the_engine_only_parameters_matches_nn():
    """The engine-only forward() takes the parameters, so an update is a plain loop (η = 0.5)."""
    from nn.examples import mazur

    params = engine_mazur.parameters()
    for _ in range(3):
        root = engine_mazur.forward(params)
        for p in params.values():
            p.grad = 0.0
        root.backward()
        for p in params.values():
            if not p.frozen:
                p.data -= engine_mazur.LEARNING_RATE * p.grad
    history = mazur().train(3)
    assert engine_mazur.forward(params).data == history[3]
