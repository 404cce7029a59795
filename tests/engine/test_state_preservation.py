"""Validate first, write last: after a FAILING step(), save(), load(), load_state_dict(), grid_search(),
monte_carlo_search(), gradient_descent() or init.*_, every parameter (bit for bit), the optimizer state
and the files on disk are exactly as they were (issue 9, defects 12, 13, 15, 16)."""

from __future__ import annotations

import copy
import math
import os
import pickle
import stat
import struct

import pytest

from nn import MLP, SGD, Adadelta, Adagrad, Adam, AdaMax, Momentum, NAdam, Nesterov, RMSprop, RuderNadam, init
from nn.losses import exponential_cost, quadratic_cost
from nn.search import gradient_descent, grid_search, monte_carlo_search


def model(seed: int = 0) -> MLP:
    return MLP(2, [3, 2], seed=seed)


def bits(m: MLP) -> list[bytes]:
    """Every parameter's float, as its 8 bytes: equal means bit for bit (also for -0.0)."""
    return [struct.pack("<d", p.data) for p in m.parameters()]


def snapshot(opt) -> list[dict]:
    """The optimizer state per parameter, in order, as plain dicts (copies)."""
    return [dict(opt.state[p]) for p in opt.params]


def trained(make, steps: int = 3):
    """A model and optimizer with a few real steps behind them, so the state is not empty."""
    m = model()
    opt = make(m.parameters())
    for _ in range(steps):
        opt.zero_grad()
        quadratic_cost(m([0.05, 0.10]), [0.01, 0.99]).backward()
        opt.step()
    return m, opt


OPTIMIZERS = {
    "SGD": lambda p: SGD(p, lr=0.5), "SGD momentum": lambda p: SGD(p, lr=0.5, momentum=0.9),
    "Momentum": lambda p: Momentum(p, lr=0.5), "Nesterov": lambda p: Nesterov(p, lr=0.5),
    "Adagrad": lambda p: Adagrad(p), "Adadelta": lambda p: Adadelta(p), "RMSprop": lambda p: RMSprop(p),
    "Adam": lambda p: Adam(p), "AdaMax": lambda p: AdaMax(p), "RuderNadam": lambda p: RuderNadam(p),
    "NAdam": lambda p: NAdam(p),
}


# ---------------------------------------------------------------- step()
@pytest.mark.parametrize("name", OPTIMIZERS)
@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_a_non_finite_gradient_changes_no_parameter_and_no_state(name, bad):
    m, opt = trained(OPTIMIZERS[name])
    params = m.parameters()
    for p in params:
        p.grad = 0.01
    params[-1].grad = bad  # the LAST parameter: every other update would already have been computed
    before, state = bits(m), snapshot(opt)
    with pytest.raises(ValueError, match=rf"^{type(opt).__name__}\.step: the gradient of .*parameter {len(params) - 1}\) is {bad!r}"):
        opt.step()
    assert bits(m) == before and snapshot(opt) == state


@pytest.mark.parametrize("name", ["Adam", "Adagrad", "RMSprop", "RuderNadam", "NAdam", "Adadelta", "AdaMax"])
def test_a_gradient_whose_square_overflows_raises_naming_the_parameter(name):
    """g = 1e160: g² = inf would put inf into the running average and freeze the parameter for ever."""
    m, opt = trained(OPTIMIZERS[name])
    params = m.parameters()
    for p in params:
        p.grad = 0.01
    params[4].grad = 1e160 if name != "AdaMax" else 1e308
    before, state = bits(m), snapshot(opt)
    if name == "AdaMax":  # |g| + ε is finite and u = max(…) stays finite: AdaMax takes a finite step
        opt.step()
        assert all(math.isfinite(v) for s in opt.state.values() for v in s.values())
        return
    with pytest.raises(OverflowError, match=rf"^{type(opt).__name__}\.step: the update of .*\(parameter 4\) overflowed"):
        opt.step()
    assert bits(m) == before and snapshot(opt) == state


def test_a_diverging_sgd_step_writes_nothing_not_even_the_parameters_before_the_bad_one():
    m = model()
    params = m.parameters()
    for p in params:
        p.grad = 1.0
    params[-1].grad = 1e308
    before = bits(m)
    with pytest.raises(OverflowError, match="lower the learning rate"):
        SGD(params, lr=10.0).step()
    assert bits(m) == before


def test_exponential_cost_gradients_past_1e154_are_caught_by_adam():
    """Issue 9, defect 13: reachable through exponential_cost."""
    m = MLP(1, [1], activation="linear", weights=[[[1.0]]], biases=[[0.0]])
    opt = Adam(m.parameters(), lr=0.1)
    J = exponential_cost(m([26.2]), [0.0], tau=1.0)  # J = e^686 ≈ 3e297; ∂J/∂w = 2·26.2²·J ≈ 4e300
    J.backward()
    assert m.parameters()[0].grad > 1e300
    before = bits(m)
    with pytest.raises(OverflowError, match="exp_avg_sq became inf"):
        opt.step()
    assert bits(m) == before and opt.state == {p: {} for p in m.parameters()}


def test_the_lr_is_checked_again_at_step_time():
    m, opt = trained(OPTIMIZERS["SGD"])
    opt.lr = float("nan")
    before = bits(m)
    with pytest.raises(ValueError, match=r"^SGD\.step: lr .* must be a finite number"):
        opt.step()
    assert bits(m) == before


# ---------------------------------------------------------------- optimizer state survives pickle/deepcopy
@pytest.mark.parametrize("how", ["pickle", "deepcopy"])
def test_optimizer_state_survives_pickling_the_model_and_optimizer_together(how):
    m, opt = trained(OPTIMIZERS["Adam"])
    m2, opt2 = pickle.loads(pickle.dumps((m, opt))) if how == "pickle" else copy.deepcopy((m, opt))
    assert opt2.params == m2.parameters() and all(p in opt2.state for p in m2.parameters())
    assert [s["step"] for s in opt2.state.values()] == [3] * len(m2.parameters())
    before = bits(m2)
    opt2.zero_grad()
    quadratic_cost(m2([0.05, 0.10]), [0.01, 0.99]).backward()
    opt2.step()
    assert all(a != b for a, b in zip(before, bits(m2)))  # the LOADED model moved …
    assert bits(m) == bits(trained(OPTIMIZERS["Adam"])[0])  # … and the original did not
    assert [s["step"] for s in opt2.state.values()] == [4] * len(m2.parameters())


# ---------------------------------------------------------------- save()
def test_save_refuses_non_finite_weights_and_keeps_the_last_good_checkpoint(tmp_path):
    path = tmp_path / "model.json"
    m = model()
    m.save(path)
    good = path.read_bytes()
    m.parameters()[3].data = math.inf  # as a diverged run would leave it (Value refuses inf; data is a slot)
    with pytest.raises(ValueError, match=r"^MLP\.save: parameter layers\.0\.weight\[1\]\[1\] \(w\[i2→h2\]\) is inf; refusing"):
        m.save(path)
    assert path.read_bytes() == good and os.listdir(tmp_path) == ["model.json"]


def test_save_keeps_the_files_permission_bits(tmp_path):
    path = tmp_path / "model.json"
    model().save(path)
    os.chmod(path, 0o640)
    model(seed=1).save(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_a_new_file_gets_the_umask_default_like_open(tmp_path):
    old = os.umask(0o027)
    try:
        model().save(tmp_path / "a.json")
        with open(tmp_path / "b.json", "w"):
            pass
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "a.json").st_mode) == stat.S_IMODE(os.stat(tmp_path / "b.json").st_mode) == 0o640


def test_save_writes_through_a_symlink(tmp_path):
    target = tmp_path / "real.json"
    link = tmp_path / "link.json"
    model().save(target)
    link.symlink_to(target)
    m = model(seed=5)
    m.save(link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    fresh = model()
    fresh.load(target)
    assert bits(fresh) == bits(m)


def test_save_into_a_missing_folder_names_the_requested_path_and_creates_nothing(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"^MLP\.save: the folder of '.*/nowhere/model\.json' does not exist") as e:
        model().save(tmp_path / "nowhere" / "model.json")
    assert ".tmp" not in str(e.value)
    assert os.listdir(tmp_path) == []


def test_save_onto_a_folder_is_refused(tmp_path):
    with pytest.raises(IsADirectoryError, match=r"^MLP\.save: .* is a folder"):
        model().save(tmp_path)


# ---------------------------------------------------------------- load() and load_state_dict()
@pytest.mark.parametrize("content, error, message", [
    (b"\xff\xfe\x00garbage", ValueError, "is not a UTF-8 text file"),
    (b"{not json", ValueError, "is not valid JSON"),
    (b'{"layers.0.weight": 1}', ValueError, "keys do not match"),
    (b"[" * 30_000 + b"]" * 30_000, ValueError, "not valid JSON|expected a dict"),  # deep, but under the size cap
    (b"[" * 100_000 + b"]" * 100_000, ValueError, "is larger than [0-9,]+ bytes, far more than a checkpoint of this model"),
    (b'{"layers.0.weight": [[NaN, 0, 0]]}', ValueError, "keys do not match|must be a finite number"),
])
def test_a_failing_load_leaves_the_parameters_and_names_the_file(tmp_path, content, error, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    m = model()
    before = bits(m)
    with pytest.raises((error, TypeError), match=message) as e:
        m.load(path)
    assert str(e.value).startswith("MLP.load: ") and "bad.json" in str(e.value)
    assert bits(m) == before and path.read_bytes() == content


def test_a_nan_inside_a_saved_file_is_refused_with_everything_unchanged(tmp_path):
    path = tmp_path / "m.json"
    src = model(seed=3)
    src.parameters()[-1].data = 0.123456789
    src.save(path)
    text = path.read_text().replace("0.123456789", "NaN")
    path.write_text(text)
    m = model()
    before = bits(m)
    with pytest.raises(ValueError, match=r"^MLP\.load: '.*m\.json': 'layers\.1\.bias\[1\]' must be a finite number"):
        m.load(path)
    assert bits(m) == before


def test_loading_a_missing_file_or_a_folder(tmp_path):
    m = model()
    before = bits(m)
    with pytest.raises(FileNotFoundError, match=r"^MLP\.load: no file '.*missing\.json'"):
        m.load(tmp_path / "missing.json")
    with pytest.raises(IsADirectoryError, match=r"^MLP\.load: '.*' is a folder"):
        m.load(tmp_path)
    assert bits(m) == before


@pytest.mark.parametrize("mutate", [
    lambda s: s.__setitem__("layers.1.bias", [0.1, float("inf")]),
    lambda s: s.__setitem__("layers.1.bias", [0.1]),
    lambda s: s.__setitem__("layers.0.weight", [[[0.0] * 2] * 3] * 1),
    lambda s: s["layers.1.weight"][1].__setitem__(2, "0.5"),
    lambda s: s.__setitem__("layers.9.weight", [0.0]),
])
def test_a_failing_load_state_dict_changes_nothing(mutate):
    m = model()
    state = model(seed=9).state_dict()
    mutate(state)
    before = bits(m)
    with pytest.raises((ValueError, TypeError), match=r"^MLP\.load_state_dict: "):
        m.load_state_dict(state)
    assert bits(m) == before


def test_a_state_nested_ten_thousand_deep_is_a_value_error_not_a_recursion_error():
    deep: list = [0.0]
    for _ in range(10_000):
        deep = [deep]
    m = model()
    state = m.state_dict()
    state["layers.0.weight"] = deep
    before = bits(m)
    with pytest.raises(ValueError, match="has shape"):
        m.load_state_dict(state)
    assert bits(m) == before


# ---------------------------------------------------------------- search
def test_a_cost_that_raises_mid_grid_restores_the_original_weights():
    m = MLP(1, [1], weights=[[[0.123]]], biases=[[0.456]])
    before, calls = bits(m), []

    def cost():
        calls.append(1)
        if len(calls) == 7:
            raise ZeroDivisionError("boom")
        return quadratic_cost(m([1.0]), [0.5])
    with pytest.raises(ZeroDivisionError, match="boom"):
        grid_search(cost, m)
    assert bits(m) == before


def test_a_nan_cost_in_a_grid_restores_the_weights_and_says_where():
    m = MLP(1, [1], weights=[[[0.123]]], biases=[[0.456]])
    before = bits(m)
    w = m.parameters()[0]
    with pytest.raises(ValueError, match=r"^grid_search: cost\(\) returned nan at \[.*\]"):
        grid_search(lambda: float("nan") if w.data > 0.5 else 1.0, m)
    assert bits(m) == before


def test_monte_carlo_and_descent_restore_the_weights_on_failure():
    m = MLP(1, [1], weights=[[[0.123]]], biases=[[0.456]])
    before, n = bits(m), []

    def cost():
        n.append(1)
        if len(n) == 3:
            raise RuntimeError("cost failed")
        return quadratic_cost(m([1.0]), [0.5])
    with pytest.raises(RuntimeError):
        monte_carlo_search(cost, m, 10, seed=0)
    assert bits(m) == before
    n.clear()
    with pytest.raises(RuntimeError):
        gradient_descent(cost, m, steps=5, lr=0.5)
    assert bits(m) == before


def test_monte_carlo_with_bounds_wider_than_a_float_writes_no_inf():
    m = model()
    before = bits(m)
    with pytest.raises(ValueError, match=r"^monte_carlo_search: \[.*\] is wider than the float range"):
        monte_carlo_search(lambda: 1.0, m, 5, low=-1e308, high=1e308, seed=0)
    assert bits(m) == before


# ---------------------------------------------------------------- init
@pytest.mark.parametrize("call, message", [
    (lambda m: init.uniform_(m, -1e308, 1e308, seed=0), r"^uniform_: the interval .* is wider than the float range"),
    (lambda m: init.xavier_uniform_(m, gain=1e308, seed=0), r"^xavier_uniform_: .*float range|^xavier_uniform_: a drawn value"),
    (lambda m: init.normal_(m, 1e308, 1e308, seed=0), r"^normal_: a drawn value is inf"),
    (lambda m: init.normal_(m, 0.0, 1e308, seed=0), r"^normal_: a drawn value is -?inf"),
    (lambda m: init.uniform_(m, "a"), "^uniform_: a must be a real number"),
    (lambda m: init.uniform_(m, float("nan"), 1.0), r"^uniform_: a must be a finite number"),
    (lambda m: init.constant_(m, float("inf")), r"^constant_: val must be a finite number"),
    (lambda m: init.normal_(m, 0.0, -1.0), r"^normal_: std must be a number ≥ 0"),
    (lambda m: init.kaiming_normal_(m, mode="fan_sideways"), r"^kaiming_normal_: mode .* must be one of"),
])
def test_a_failing_initializer_writes_nothing(call, message):
    m = model()
    before = bits(m)
    with pytest.raises((ValueError, TypeError), match=message):
        call(m)
    assert bits(m) == before


def test_xavier_with_a_huge_gain_changes_no_layer_not_even_the_first():
    m = MLP(2, [3, 2], seed=0)
    before = bits(m)
    with pytest.raises(ValueError):
        init.xavier_uniform_(m, gain=1e308, seed=0)
    assert bits(m) == before
