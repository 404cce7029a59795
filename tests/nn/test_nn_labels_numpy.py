"""Issue 14 (nn parts): every node `nn.losses` makes is labelled after the output it belongs to (the
Mazur post's own labels for the quadratic cost), and numpy 1-D arrays and numpy scalars are accepted
wherever a list of numbers is (inputs, training data, targets, weights=, biases=, state dicts)."""

from __future__ import annotations

import pytest

from autograd_mini import Value
from autograd_mini.engine import topological_order
from autograd_mini.testing import assert_published
from nn import MLP, SGD, Layer, Neuron, dataset_cost, train
from nn import losses as L
from nn.examples import mazur
from nn.matrix import MatrixMLP

np = pytest.importorskip("numpy")


def made_by_the_cost(root: Value, model: MLP) -> list[Value]:
    """The nodes of root's graph that the network did not make (everything from the outputs on)."""
    outs = model([0.05, 0.10])
    network = {v.label for o in outs for v in topological_order(o)}
    return [v for v in topological_order(root) if v.label not in network or v.label == ""]


def net() -> MLP:
    return MLP(2, [2, 2], names=["h", "o"], seed=0)


COSTS = {
    "quadratic_cost": lambda o: L.quadratic_cost(o, [0.01, 0.99]),
    "quadratic_cost mean": lambda o: L.quadratic_cost(o, [0.01, 0.99], reduction="mean"),
    "mse_loss": lambda o: L.mse_loss(o, [0.01, 0.99]),
    "binary_cross_entropy": lambda o: L.binary_cross_entropy(o, [0.0, 1.0]),
    "binary_cross_entropy soft targets": lambda o: L.binary_cross_entropy(o, [0.3, 0.6]),
    "binary_cross_entropy_with_logits": lambda o: L.binary_cross_entropy_with_logits(o, [0.3, 1.0]),
    "logistic_cost": lambda o: L.logistic_cost([o, o], [[0.0, 1.0], [1.0, 0.0]]),
    "cross_entropy": lambda o: L.cross_entropy(o, 1),
    "categorical_cross_entropy": lambda o: L.categorical_cross_entropy(L.softmax(o), [0.25, 0.75]),
    "exponential_cost": lambda o: L.exponential_cost(o, [0.01, 0.99], tau=2.0),
    "hellinger_distance": lambda o: L.hellinger_distance(o, [0.0, 0.5]),
    "logsumexp": lambda o: L.logsumexp(o),
    "log_softmax": lambda o: L.log_softmax(o)[1],
}


@pytest.mark.parametrize("name", COSTS)
def test_every_node_a_cost_makes_is_labelled(name):
    model = net()
    root = COSTS[name](model([0.05, 0.10]))
    unlabelled = [v for v in topological_order(root) if not v.label]
    assert unlabelled == [], [(v.op, v.data) for v in unlabelled]


def test_the_quadratic_cost_uses_the_posts_labels():
    model = net()
    E = L.quadratic_cost(model([0.05, 0.10]), [0.01, 0.99])
    labels = {v.label for v in topological_order(E)}
    assert {"target_o1", "target_o1 − out_o1", "(target_o1 − out_o1)²", "½", "E_o1",
            "target_o2", "target_o2 − out_o2", "(target_o2 − out_o2)²", "E_o2", "E_total"} <= labels  # fmt: skip


def test_mazurs_graph_is_the_quadratic_cost_node_for_node():
    net_ = mazur()
    E = net_.forward()
    again = L.quadratic_cost(net_.model(net_.inputs), net_.targets)
    assert [(v.label, v.op, v.data) for v in topological_order(E)] == [(v.label, v.op, v.data) for v in topological_order(again)]
    assert_published(net_.node("E_total").data, "0.298371109")


def test_other_costs_name_their_nodes_after_the_outputs():
    model = net()
    o = model([0.05, 0.10])
    bce = {v.label for v in topological_order(L.binary_cross_entropy(o, [0.3, 1.0]))}
    assert {"target_o1·log out_o1", "1 − out_o1", "log(1 − out_o1)", "(1 − target_o1)·log(1 − out_o1)", "E_o1", "J"} <= bce
    assert "(1 − target_o2)·log(1 − out_o2)" not in bce  # y = 1: the term is left out
    mse = {v.label for v in topological_order(L.mse_loss(o, [0.0, 1.0]))}
    assert {"out_o2 − target_o2", "(out_o2 − target_o2)²", "K", "J"} <= mse
    unnamed = L.quadratic_cost([Value(0.3), 0.4], [0.0, 1.0], reduction="none")
    assert [t.label for t in unnamed] == ["E_1", "E_2"]
    assert unnamed[1].children[1].children[0].children[1].label == "ŷ_2"  # a number output is a labelled constant


def test_the_losses_compute_what_they_did_before():
    """Labelling changed no number: the quadratic cost is still Σ ½(y − ŷ)² bit for bit."""
    o = [Value(0.75136507), Value(0.772928465)]
    E = L.quadratic_cost(o, [0.01, 0.99])
    assert E.data == 0.5 * (0.01 - 0.75136507) ** 2 + 0.5 * (0.99 - 0.772928465) ** 2
    J = L.mse_loss(o, [0.01, 0.99])
    assert J.data == ((0.75136507 - 0.01) ** 2 + (0.772928465 - 0.99) ** 2) / 2


# ---------------------------------------------------------------- numpy
def test_numpy_inputs_and_scalars_feed_a_network():
    model = mazur().model
    plain = [o.data for o in model([0.05, 0.10])]
    assert [o.data for o in model(np.array([0.05, 0.10]))] == plain
    assert [o.data for o in model([np.float64(0.05), np.float64(0.10)])] == plain
    assert [o.data for o in model((np.float64(0.05), 0.10))] == plain
    assert Neuron(1, weights=[0.5])(np.float32(2.0)).data == Neuron(1, weights=[0.5])(np.int64(2)).data
    assert Neuron(1, weights=[0.5])(np.float64(2.0)).data == Neuron(1, weights=[0.5])(2.0).data
    with pytest.raises(ValueError, match="^MLP: inputs must be 1-dimensional"):
        model(np.array([[0.05, 0.10]]))
    with pytest.raises(ValueError, match="^MLP: input i2 must be a finite number, got nan"):
        model(np.array([0.05, np.nan]))


def test_numpy_weights_and_biases():
    a = MLP(2, [2, 2], weights=[np.array([[0.15, 0.20], [0.25, 0.30]]), [np.array([0.40, 0.45]), np.array([0.50, 0.55])]],
            biases=[np.float64(0.35), 0.60], bias="shared")
    b = mazur().model
    assert a.state_dict() == b.state_dict()
    layer = Layer(2, 2, weights=np.ones((2, 2)), biases=np.array([0.1, 0.2]))
    assert layer.state_dict() == {"weight": [[1.0, 1.0], [1.0, 1.0]], "bias": [0.1, 0.2]}
    assert all(type(p.data) is float for p in layer.parameters())


def test_numpy_training_data_and_targets():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = np.array([[0.0], [1.0], [1.0], [0.0]])
    a, b = MLP(2, [3, 1], seed=1), MLP(2, [3, 1], seed=1)
    ha = train(a, L.quadratic_cost, X, Y, SGD(a.parameters(), lr=0.5), epochs=5)
    hb = train(b, L.quadratic_cost, X.tolist(), Y.tolist(), SGD(b.parameters(), lr=0.5), epochs=5)
    assert ha == hb and a.state_dict() == b.state_dict()
    assert dataset_cost(a, L.quadratic_cost, X, Y).data == dataset_cost(a, L.quadratic_cost, X.tolist(), Y.tolist()).data
    assert L.quadratic_cost(a(X[0]), Y[0]).data == L.quadratic_cost(a([0.0, 0.0]), [0.0]).data
    assert L.cross_entropy(np.array([1.0, 2.0]), np.int64(1)).data == L.cross_entropy([1.0, 2.0], 1).data


def test_numpy_state_dicts_load():
    src, dst = MLP(2, [2, 1], seed=3), MLP(2, [2, 1], seed=4)
    state = {k: np.array(v) if isinstance(v, list) else np.float64(v) for k, v in src.state_dict().items()}
    dst.load_state_dict(state)
    assert dst.state_dict() == src.state_dict()


def test_the_matrix_form_refuses_nan_and_inf_inputs():
    m = MatrixMLP.from_mlp(mazur().model)
    with pytest.raises(ValueError, match=r"^MatrixMLP\.backward: X\[0, 1\] is nan; every entry must be a finite number"):
        m.backward([[0.05, float("nan")]], [[0.01, 0.99]])
    with pytest.raises(ValueError, match=r"^MatrixMLP\.backward: y\[0, 0\] is inf"):
        m.backward([[0.05, 0.10]], [[float("inf"), 0.99]])
    with pytest.raises(ValueError, match=r"^MatrixMLP\.forward: X\[0, 0\] is -inf"):
        m.forward([[-float("inf"), 0.10]])
    with pytest.raises(TypeError, match=r"^MatrixMLP\.backward: X must be a matrix of numbers"):
        m.backward([["a", 0.1]], [[0.01, 0.99]])
    assert_published(m.backward([[0.05, 0.10]], [[0.01, 0.99]]).J, "0.298371109")
