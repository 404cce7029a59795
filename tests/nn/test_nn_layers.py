"""nn.Neuron, nn.Layer, nn.MLP: activations, bias modes, init, inputs as nodes, labels, freezing, errors."""

import math

import pytest

from autograd_mini import Value, topological_order
from nn import MLP, SGD, Layer, Neuron


def graph(root):
    return topological_order(root)


# ---------------------------------------------------------------- Neuron
def test_neuron_net_is_one_dot_node_with_the_lectures_local_derivatives():
    n = Neuron(2, "sigmoid", weights=[0.15, 0.20], bias=0.35, name="h1", input_names=["i1", "i2"])
    out = n([0.05, 0.10])
    net = out.children[0]
    assert net.op == "dot" and net.label == "net_h1" and out.label == "out_h1"
    assert [c.label for c in net.children] == ["w[i1→h1]", "i1", "w[i2→h1]", "i2", "b[h1]"]
    assert net.local_grads == (0.05, 0.15, 0.10, 0.20, 1.0)  # ∂net/∂w1 = i1, ∂net/∂i1 = w1, …, ∂net/∂b = 1
    assert net.data == pytest.approx(0.3775, abs=1e-15)
    assert out.data == pytest.approx(1 / (1 + math.exp(-0.3775)), abs=1e-15)


@pytest.mark.parametrize(
    "activation, expected",
    [("sigmoid", 1 / (1 + math.exp(0.5))), ("tanh", math.tanh(-0.5)), ("relu", 0.0), ("linear", -0.5)],
)
def test_each_activation(activation, expected):
    n = Neuron(1, activation, weights=[1.0], bias=-1.5, name="o1")
    out = n([1.0])
    assert out.data == pytest.approx(expected, abs=1e-15)
    if activation == "linear":
        # linear: out = net, a node of its own (issue 19: every neuron's output is labelled out_…), ∂out/∂net = 1
        assert out.op == "linear" and out.label == "out_o1" and out.local_grads == (1.0,)
        assert out.children[0].op == "dot" and out.children[0].label == "net_o1"
    else:
        assert out.op == activation and out.label == "out_o1"


def test_unknown_activation_is_refused_with_the_options():
    with pytest.raises(ValueError, match=r"^Neuron: activation must be one of 'sigmoid', 'tanh', 'relu', 'linear', got str: 'softmax'"):
        Neuron(2, "softmax")


def test_neuron_without_bias_and_with_a_given_bias_value():
    assert [n for n, _ in Neuron(2, bias=None).named_parameters()] == ["weight[0]", "weight[1]"]
    b = Value(0.5, "b")
    n = Neuron(2, bias=b)
    assert n.bias is b and n.parameters()[-1] is b


# ---------------------------------------------------------------- init
def test_default_init_is_seeded_uniform_within_one_over_sqrt_nin():
    a, b, c = MLP(4, [3, 2], seed=7), MLP(4, [3, 2], seed=7), MLP(4, [3, 2], seed=8)
    assert a.state_dict() == b.state_dict() != c.state_dict()
    for name, p in a.named_parameters():
        if "weight" in name:
            nin = 4 if name.startswith("layers.0") else 3
            assert abs(p.data) <= 1 / math.sqrt(nin) and p.data != 0.0
        else:
            assert p.data == 0.0  # biases start at 0


def test_explicit_weights_and_biases_are_used_as_given():
    layer = Layer(2, 2, bias="neuron", weights=[[1.0, 2.0], [3.0, 4.0]], biases=[5.0, 6.0])
    assert layer.state_dict() == {"weight": [[1.0, 2.0], [3.0, 4.0]], "bias": [5.0, 6.0]}


# ---------------------------------------------------------------- layers return lists; width 1
def test_a_layer_always_returns_a_list_even_of_one():
    out = Layer(3, 1)([1.0, 2.0, 3.0])
    assert isinstance(out, list) and len(out) == 1 and isinstance(out[0], Value)
    assert isinstance(MLP(2, [3, 1])([1.0, 2.0]), list)


def test_width_one_hidden_layer_trains():
    model = MLP(2, [1, 2], seed=1)
    (o1, o2) = model([0.5, -0.5])
    loss = (o1 - 1.0) ** 2 + (o2 + 1.0) ** 2
    loss.backward()
    assert all(p.grad != 0.0 for p in model.parameters())
    assert model.layers[0].neurons[0].name == "h1"


# ---------------------------------------------------------------- bias modes
def test_bias_modes_none_neuron_shared():
    def names(mode):
        return [n for n, _ in Layer(2, 2, bias=mode).named_parameters()]
    assert names("none") == ["weight[0][0]", "weight[0][1]", "weight[1][0]", "weight[1][1]"]
    assert names("neuron")[4:] == ["bias[0]", "bias[1]"]
    assert names("shared")[4:] == ["bias"]
    with pytest.raises(ValueError, match=r"^Layer: bias must be one of 'neuron', 'shared', 'none'"):
        Layer(2, 2, bias="per-layer")


def test_shared_bias_is_one_node_counted_once_and_gets_both_contributions():
    layer = Layer(2, 2, bias="shared", weights=[[0.1, 0.2], [0.3, 0.4]], biases=0.35)
    params = layer.parameters()
    assert len(params) == 5 and sum(p is layer.bias for p in params) == 1
    o1, o2 = layer([1.0, 2.0])
    assert o1.children[0].children[-1] is o2.children[0].children[-1] is layer.bias
    (o1 + o2).backward()
    assert layer.bias.grad == pytest.approx(o1.local_grads[0] + o2.local_grads[0], abs=1e-15)


def test_bias_values_must_fit_the_mode():
    with pytest.raises(TypeError, match=r"^Layer h: biases \(bias='neuron': 2, one per neuron\) must be a list"):
        Layer(2, 2, bias="neuron", biases=0.5)
    with pytest.raises(TypeError, match="the shared bias \\(one number\\)"):
        Layer(2, 2, bias="shared", biases=[0.5, 0.5])
    with pytest.raises(ValueError, match="biases given but bias='none'"):
        Layer(2, 2, bias="none", biases=[0.5, 0.5])


# ---------------------------------------------------------------- inputs
def test_each_float_input_becomes_one_node_per_forward_pass():
    model = MLP(2, [3, 2], seed=0)
    outs = model([0.05, 0.10])
    root = outs[0] + outs[1]
    inputs = [v for v in graph(root) if v.role == "input"]
    assert [v.label for v in inputs] == ["i1", "i2"]  # once each, though 3 neurons read them
    again = model([0.05, 0.10])[0]
    assert all(v not in inputs for v in graph(again) if v.role == "input")  # a new pass, new nodes


def test_value_inputs_are_used_as_they_are():
    x = Value(0.05, "my_x")
    out = Layer(1, 2)([x])
    assert out[0].children[0].children[1] is x and out[1].children[0].children[1] is x
    assert Layer(1, 1)(x)[0].children[0].children[1] is x  # a single input need not be in a list


def test_wrong_inputs_are_refused_clearly():
    with pytest.raises(ValueError, match="^MLP: inputs must have 2 entries, got 3"):
        MLP(2, [2, 1])([1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="^MLP: input i2 must be a real number .*got str"):
        MLP(2, [1])([1.0, "2"])
    with pytest.raises(ValueError, match="^MLP: input i2 must be a finite number, got nan"):
        MLP(2, [1])([1.0, float("nan")])
    with pytest.raises(TypeError, match="^MLP: inputs must be a list"):
        MLP(2, [1])("12")


# ---------------------------------------------------------------- labels and names
def test_every_node_of_a_network_graph_is_labelled():
    model = MLP(2, [2, 2], bias="shared", seed=0)
    o1, o2 = model([0.05, 0.10])
    labels = {v.label for v in graph(o1)} | {v.label for v in graph(o2)}
    assert "" not in labels
    assert {"i1", "i2", "net_h1", "out_h2", "net_o1", "out_o2", "w[i1→h1]", "w[h2→o1]", "b[h]", "b[o]"} <= labels


def test_default_layer_and_neuron_names():
    assert [layer.name for layer in MLP(2, [1]).layers] == ["o"]
    deep = MLP(2, [2, 2, 1])
    assert [n.name for layer in deep.layers for n in layer.neurons] == ["h1_1", "h1_2", "h2_1", "h2_2", "o1"]
    assert deep.layers[1].neurons[0].weight[1].label == "w[h1_2→h2_1]"


def test_named_parameters_are_stable_and_readable():
    model = MLP(2, [2, 1], bias=["shared", "neuron"], seed=0)
    assert [n for n, _ in model.named_parameters()] == [
        "layers.0.weight[0][0]", "layers.0.weight[0][1]", "layers.0.weight[1][0]", "layers.0.weight[1][1]",
        "layers.0.bias", "layers.1.weight[0][0]", "layers.1.weight[0][1]", "layers.1.bias[0]",
    ]  # fmt: skip
    assert all(p.role == "parameter" for p in model.parameters())


def test_per_layer_options_must_match_the_depth():
    with pytest.raises(ValueError, match=r"^MLP: activation \(one entry per layer, or one for all\) must have 2 entries, got 1"):
        MLP(2, [2, 1], activation=["tanh"])
    with pytest.raises(ValueError, match=r"^MLP: sizes \(neurons per layer, e.g. \[2, 2\]\) must have at least 1 entry"):
        MLP(2, [])
    with pytest.raises(ValueError, match="^MLP: sizes\\[0\\] must be between 1 and 10,000,000, got 0"):
        MLP(2, [0])
    with pytest.raises(ValueError, match=r"^Layer h: weights \(2 rows, one per neuron, of 2 numbers\) must have 2 entries, got 1"):
        Layer(2, 2, weights=[[1.0, 2.0]])
    with pytest.raises(ValueError, match=r"^Layer h: weights\[0\] must have 2 entries, got 1"):
        Layer(2, 2, weights=[[1.0], [2.0, 3.0]])


def test_mlp_mixes_activations_per_layer():
    model = MLP(1, [1, 1], activation=["relu", "linear"], weights=[[[-1.0]], [[2.0]]], biases=[[0.0], [0.5]])
    (out,) = model([3.0])
    assert out.data == 0.5 and out.label == "out_o1" and out.children[0].label == "net_o1"


# ---------------------------------------------------------------- freezing, zero_grad, __call__
def test_frozen_parameters_get_gradients_but_are_not_updated():
    model = MLP(2, [2, 1], bias="shared", seed=3).freeze("layers.0.bias")
    bias, w = model.layers[0].bias, model.layers[0].neurons[0].weight[0]
    bias.data, before_w = 0.35, w.data
    model([1.0, 2.0])[0].backward()
    assert bias.grad != 0.0 and bias.frozen
    SGD(model.parameters(), lr=0.5).step()
    assert bias.data == 0.35 and w.data != before_w
    model.unfreeze("layers.0.bias")
    assert not bias.frozen


def test_freeze_by_prefix_all_and_unknown_name():
    model = MLP(2, [2, 1], seed=0)
    model.freeze("layers.1")
    assert [n for n, p in model.named_parameters() if p.frozen] == ["layers.1.weight[0][0]", "layers.1.weight[0][1]", "layers.1.bias[0]"]
    model.freeze()
    assert all(p.frozen for p in model.parameters())
    with pytest.raises(ValueError, match="no parameter is named 'layers.2'"):
        model.freeze("layers.2")


def test_zero_grad_and_call_is_forward():
    model = MLP(2, [2, 1], seed=0)
    model([1.0, 1.0])[0].backward()
    assert any(p.grad for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())
    assert model([1.0, 1.0])[0].data == model.forward([1.0, 1.0])[0].data


def test_repr_shows_the_architecture():
    assert repr(MLP(2, [2, 1], bias="shared")) == (
        "MLP(Layer(h: 2 → 2, sigmoid, bias=shared), Layer(o: 2 → 1, sigmoid, bias=shared))"
    )
