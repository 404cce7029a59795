"""nn.examples.mazur(): the public API of the worked example (names, lookup, training options, errors)."""


import pytest

from autograd_mini import topological_order
from nn import MLP
from nn.examples import mazur

POST_LABELS = {
    "i1", "i2", "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2",
    "net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2", "E_o1", "E_o2", "E_total",
}  # fmt: skip


def test_one_call_builds_network_inputs_targets_and_rate():
    net = mazur()
    assert isinstance(net.model, MLP)
    assert net.inputs == [0.05, 0.10] and net.targets == [0.01, 0.99] and net.lr == 0.5
    assert [net.parameter(f"w{k}").data for k in range(1, 9)] == [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55]
    assert (net.parameter("b1").data, net.parameter("b2").data) == (0.35, 0.60)
    assert net.parameter("b1").frozen and net.parameter("b2").frozen
    assert not any(net.parameter(f"w{k}").frozen for k in range(1, 9))
    assert len(net.model.parameters()) == 10  # each shared bias once


def test_each_call_is_a_fresh_network():
    a, b = mazur(), mazur()
    a.train(1)
    assert a.parameter("w1").data != b.parameter("w1").data == 0.15


def test_every_node_carries_a_label_and_the_posts_names_are_there():
    net = mazur()
    nodes = topological_order(net.forward())
    assert all(v.label for v in nodes)
    assert POST_LABELS <= {v.label for v in nodes}
    assert [v.label for v in nodes if v.role == "input"] == ["i1", "i2"]  # each input is ONE node
    extra = {v.label for v in nodes} - POST_LABELS
    assert extra == {"target_o1", "target_o2", "target_o1 − out_o1", "target_o2 − out_o2",
                     "(target_o1 − out_o1)²", "(target_o2 − out_o2)²", "½"}  # fmt: skip


def test_node_lookup_errors_say_what_to_do():
    net = mazur()
    with pytest.raises(ValueError, match="^Mazur.node: no graph yet; call forward\\(\\) first"):
        net.node("out_h1")
    net.forward()
    with pytest.raises(ValueError, match="^Mazur.node: no node labelled 'out_h3'"):
        net.node("out_h3")
    with pytest.raises(ValueError, match="^Mazur.node: several nodes are labelled '½'"):
        net.node("½")
    with pytest.raises(ValueError, match="^Mazur.parameter: no parameter 'w9'"):
        net.parameter("w9")
    with pytest.raises(TypeError, match="^Mazur.parameter: name must be a str"):
        net.parameter(5)
    with pytest.raises(TypeError, match="^Mazur.node: name must be a str"):
        net.node(["out_h1"])


def test_node_refers_to_the_last_forward_graph():
    net = mazur()
    first = net.forward()
    second = net.forward()
    assert net.node("E_total") is second and net.node("E_total") is not first


def test_train_validates_its_options():
    with pytest.raises(ValueError, match="^Mazur.train: variant must be one of 'standard', 'sequential', got str: 'batch'"):
        mazur().train(1, variant="batch")
    with pytest.raises(ValueError, match="^Mazur.train: iterations must be between 0 and 1,000,000,000, got -1"):
        mazur().train(-1)
    with pytest.raises(TypeError, match="^Mazur.train: iterations must be a whole number"):
        mazur().train(2.0)
    assert mazur().train(0) == [pytest.approx(0.298371109, abs=1e-9)]


@pytest.mark.slow
def test_training_decreases_the_error_and_keeps_biases():
    net = mazur()
    history = net.train(10_000)
    assert len(history) == 10_001 and all(b < a for a, b in zip(history, history[1:]))
    assert (net.parameter("b1").data, net.parameter("b2").data) == (0.35, 0.60)
