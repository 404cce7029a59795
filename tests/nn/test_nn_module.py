"""nn.Module: parameters once, state_dict in both forms, exact round trips, clear mismatch errors, atomic JSON."""

import json
import os
import random

import pytest

from autograd_mini import Value
from nn import MLP, Module


def model(seed=0):
    return MLP(2, [2, 1], bias=["shared", "neuron"], seed=seed)


# ---------------------------------------------------------------- the base class
class Pair(Module):
    """Two names for one parameter: parameters() must list it once."""

    def __init__(self):
        self.w = Value(1.0, "w", role="parameter")

    def named_parameters(self):
        yield "first", self.w
        yield "second", self.w

    def forward(self, x):
        return self.w * x


def test_parameters_lists_a_shared_parameter_once():
    p = Pair()
    assert p.parameters() == [p.w] and len(list(p.named_parameters())) == 2
    assert p(3.0).data == 3.0


def test_the_base_class_says_what_to_implement():
    with pytest.raises(NotImplementedError, match="must implement named_parameters"):
        Module().parameters()
    with pytest.raises(NotImplementedError, match="must implement forward"):
        Module()(1.0)


# ---------------------------------------------------------------- state_dict forms
def test_state_dict_nested_and_flat():
    m = MLP(2, [2, 1], bias=["shared", "neuron"], weights=[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0]]], biases=[0.5, [0.25]])
    assert m.state_dict() == {
        "layers.0.weight": [[1.0, 2.0], [3.0, 4.0]],
        "layers.0.bias": 0.5,
        "layers.1.weight": [[5.0, 6.0]],
        "layers.1.bias": [0.25],
    }
    assert m.state_dict(flat=True) == {
        "layers.0.weight[0][0]": 1.0, "layers.0.weight[0][1]": 2.0, "layers.0.weight[1][0]": 3.0,
        "layers.0.weight[1][1]": 4.0, "layers.0.bias": 0.5, "layers.1.weight[0][0]": 5.0,
        "layers.1.weight[0][1]": 6.0, "layers.1.bias[0]": 0.25,
    }  # fmt: skip


@pytest.mark.parametrize("flat", [False, True])
def test_load_state_dict_round_trips_floats_exactly(flat):
    src, dst = model(seed=1), model(seed=2)
    rng = random.Random(5)
    for p in src.parameters():
        p.data = rng.uniform(-10, 10) / 3.0  # full 53-bit mantissas
    dst.load_state_dict(src.state_dict(flat=flat))
    assert [p.data for p in dst.parameters()] == [p.data for p in src.parameters()]
    assert dst([0.3, 0.7])[0].data == src([0.3, 0.7])[0].data


def test_load_accepts_ints_and_tuples():
    m = model()
    m.load_state_dict({"layers.0.weight": ((1, 2), (3, 4)), "layers.0.bias": 0, "layers.1.weight": [[5, 6]], "layers.1.bias": [7]})
    assert m.state_dict()["layers.0.weight"] == [[1.0, 2.0], [3.0, 4.0]]
    assert all(type(p.data) is float for p in m.parameters())


# ---------------------------------------------------------------- mismatches
def test_key_mismatch_names_missing_unexpected_and_expected():
    state = model().state_dict()
    state["layers.2.weight"] = state.pop("layers.1.weight")
    with pytest.raises(ValueError) as err:
        model().load_state_dict(state)
    msg = str(err.value)
    assert "missing ['layers.1.weight']" in msg and "unexpected ['layers.2.weight']" in msg
    assert "expected keys ['layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias']" in msg


def test_shape_mismatch_names_both_shapes():
    state = model().state_dict()
    state["layers.0.weight"] = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    with pytest.raises(ValueError, match=r"'layers.0.weight' has shape \(2, 2\) in this model, but the given value has shape \(2, 3\)"):
        model().load_state_dict(state)
    state["layers.0.weight"] = [[1.0, 2.0], [3.0]]
    with pytest.raises(ValueError, match="given value has shape ragged"):
        model().load_state_dict(state)
    state["layers.0.weight"] = [[1.0, 2.0], [3.0, 4.0]]
    state["layers.0.bias"] = [0.35]
    with pytest.raises(ValueError, match=r"'layers.0.bias' has shape \(\) in this model, but the given value has shape \(1,\)"):
        model().load_state_dict(state)


def test_bad_values_are_refused_naming_where():
    state = model().state_dict()
    state["layers.0.weight"][1][0] = "0.3"
    with pytest.raises(TypeError, match=r"^MLP.load_state_dict: 'layers.0.weight\[1\]\[0\]' must be a real number .*got str"):
        model().load_state_dict(state)
    state["layers.0.weight"][1][0] = True
    with pytest.raises(TypeError, match="got bool"):
        model().load_state_dict(state)
    state["layers.0.weight"][1][0] = float("nan")
    with pytest.raises(ValueError, match="^MLP.load_state_dict: 'layers.0.weight\\[1\\]\\[0\\]' must be a finite number"):
        model().load_state_dict(state)
    with pytest.raises(TypeError, match="expected a dict"):
        model().load_state_dict([1.0, 2.0])


def test_a_failed_load_changes_nothing():
    m = model(seed=4)
    before = m.state_dict()
    state = model(seed=5).state_dict()
    state["layers.1.bias"] = ["x"]  # the last entry is bad: the earlier ones must not be applied
    with pytest.raises(TypeError):
        m.load_state_dict(state)
    assert m.state_dict() == before


# ---------------------------------------------------------------- JSON files
def test_save_and_load_round_trip_exactly(tmp_path):
    src, dst = model(seed=1), model(seed=2)
    path = tmp_path / "weights.json"
    src.save(path)
    assert json.loads(path.read_text()) == src.state_dict()
    dst.load(path)
    assert dst.state_dict() == src.state_dict()
    assert os.listdir(tmp_path) == ["weights.json"]  # no temporary file left behind


def test_a_crash_mid_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "weights.json"
    model(seed=1).save(path)
    old = path.read_text()

    def crash(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        model(seed=2).save(path)
    assert path.read_text() == old
    assert os.listdir(tmp_path) == ["weights.json"]


def test_loading_a_broken_file_names_it(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"layers.0.weight": [[1.0,')
    with pytest.raises(ValueError, match="broken.json' is not valid JSON"):
        model().load(path)
