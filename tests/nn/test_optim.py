"""nn.optim: every optimizer step by step against torch.optim (where torch has the rule) and against the
published formula (Ruder's overview) where torch writes it differently; schedules; errors."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nn
from autograd_mini import Value
from nn.optim import (
    SGD,
    Adadelta,
    Adagrad,
    Adam,
    AdaMax,
    Adamax,
    ExponentialLR,
    LambdaLR,
    Momentum,
    NAdam,
    Nesterov,
    Optimizer,
    RMSprop,
    RuderNadam,
    StepLR,
)

START = [0.8, -1.3, 0.4]


def J(t):
    """A smooth, non-quadratic cost written with ops that both Value and torch tensors have."""
    return (t[0] - 1.0) ** 2 + 3.0 * (t[1] + 0.5) ** 2 + t[0] * t[1] + t[2].tanh() * t[0] + 0.5 * t[2] ** 4


def run_both(ours_make, torch_make, steps, ours_sched=None, torch_sched=None, shared_gradients=True):
    """Our optimizer and torch's side by side from the same start; the parameter trajectories.

    shared_gradients=True: our engine computes ∂J/∂θ at OUR parameters and torch's optimizer receives
    the same numbers as .grad, so the two states see one gradient sequence and any difference is in
    the update rule itself (update by update, with no chaotic amplification near a minimum).
    shared_gradients=False: each side differentiates J with its own autograd (a fully independent run).
    """
    torch = pytest.importorskip("torch", reason="torch is not installed: the torch.optim oracle is skipped")
    default = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)  # else torch keeps NAdam's μ-product in float32 (a 1e-9 error)
    try:
        return _run_both(torch, ours_make, torch_make, steps, ours_sched, torch_sched, shared_gradients)
    finally:
        torch.set_default_dtype(default)


def _run_both(torch, ours_make, torch_make, steps, ours_sched, torch_sched, shared_gradients):
    ours = [Value(x, f"θ{i}") for i, x in enumerate(START)]
    theirs = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in START]
    opt, topt = ours_make(ours), torch_make(torch.optim, theirs)
    sched = ours_sched(opt) if ours_sched else None
    tsched = torch_sched(torch.optim.lr_scheduler, topt) if torch_sched else None
    a, b = [], []
    for _ in range(steps):
        opt.zero_grad()
        J(ours).backward()
        topt.zero_grad()
        if shared_gradients:
            for p, t in zip(ours, theirs):
                t.grad = torch.tensor(p.grad, dtype=torch.float64)
        else:
            J(theirs).backward()
        opt.step()
        topt.step()
        if sched:
            sched.step()
            tsched.step()
        a.append([p.data for p in ours])
        b.append([t.item() for t in theirs])
    return a, b


TORCH_CASES = {
    "SGD": (lambda p: SGD(p, lr=0.05), lambda o, p: o.SGD(p, lr=0.05, foreach=False)),
    "SGD momentum": (lambda p: SGD(p, lr=0.05, momentum=0.9), lambda o, p: o.SGD(p, lr=0.05, momentum=0.9, foreach=False)),
    "SGD dampening+decay": (lambda p: SGD(p, lr=0.05, momentum=0.8, dampening=0.3, weight_decay=0.01),
                            lambda o, p: o.SGD(p, lr=0.05, momentum=0.8, dampening=0.3, weight_decay=0.01, foreach=False)),
    "SGD nesterov": (lambda p: SGD(p, lr=0.05, momentum=0.9, nesterov=True),
                     lambda o, p: o.SGD(p, lr=0.05, momentum=0.9, nesterov=True, foreach=False)),
    "Momentum (Ruder) = SGD momentum": (lambda p: Momentum(p, lr=0.05, momentum=0.9),
                                        lambda o, p: o.SGD(p, lr=0.05, momentum=0.9, foreach=False)),
    "Nesterov (Ruder, look-ahead) = SGD nesterov": (lambda p: Nesterov(p, lr=0.05, momentum=0.9),
                                                   lambda o, p: o.SGD(p, lr=0.05, momentum=0.9, nesterov=True, foreach=False)),
    "Adagrad": (lambda p: Adagrad(p, lr=0.3), lambda o, p: o.Adagrad(p, lr=0.3, foreach=False)),
    "Adagrad decay+init": (lambda p: Adagrad(p, lr=0.3, lr_decay=0.01, initial_accumulator_value=0.1),
                           lambda o, p: o.Adagrad(p, lr=0.3, lr_decay=0.01, initial_accumulator_value=0.1, foreach=False)),
    "Adadelta": (lambda p: Adadelta(p), lambda o, p: o.Adadelta(p, foreach=False)),
    "Adadelta lr rho": (lambda p: Adadelta(p, lr=0.5, rho=0.95, eps=1e-5),
                        lambda o, p: o.Adadelta(p, lr=0.5, rho=0.95, eps=1e-5, foreach=False)),
    "RMSprop": (lambda p: RMSprop(p, lr=0.01), lambda o, p: o.RMSprop(p, lr=0.01, foreach=False)),
    "RMSprop alpha": (lambda p: RMSprop(p, lr=0.02, alpha=0.9), lambda o, p: o.RMSprop(p, lr=0.02, alpha=0.9, foreach=False)),
    "Adam": (lambda p: Adam(p, lr=0.05), lambda o, p: o.Adam(p, lr=0.05, foreach=False)),
    "Adam betas": (lambda p: Adam(p, lr=0.05, betas=(0.8, 0.99), eps=1e-6),
                   lambda o, p: o.Adam(p, lr=0.05, betas=(0.8, 0.99), eps=1e-6, foreach=False)),
    "Adamax": (lambda p: Adamax(p, lr=0.05), lambda o, p: o.Adamax(p, lr=0.05, foreach=False)),
    "NAdam": (lambda p: NAdam(p, lr=0.05), lambda o, p: o.NAdam(p, lr=0.05, foreach=False)),
    "NAdam psi": (lambda p: NAdam(p, lr=0.05, momentum_decay=0.01),
                  lambda o, p: o.NAdam(p, lr=0.05, momentum_decay=0.01, foreach=False)),
    "SGD + StepLR": (lambda p: SGD(p, lr=0.1), lambda o, p: o.SGD(p, lr=0.1, foreach=False)),
    "Adam + ExponentialLR": (lambda p: Adam(p, lr=0.05), lambda o, p: o.Adam(p, lr=0.05, foreach=False)),
}
SCHEDULES = {
    "SGD + StepLR": (lambda opt: StepLR(opt, step_size=7, gamma=0.5), lambda s, opt: s.StepLR(opt, step_size=7, gamma=0.5)),
    "Adam + ExponentialLR": (lambda opt: ExponentialLR(opt, gamma=0.97), lambda s, opt: s.ExponentialLR(opt, gamma=0.97)),
}


@pytest.mark.slow
@pytest.mark.oracle
@pytest.mark.parametrize("case", list(TORCH_CASES))
def test_matches_torch_update_by_update(case):
    ours, theirs = run_both(*TORCH_CASES[case], 300, *SCHEDULES.get(case, (None, None)))
    worst = max(abs(a - b) for ra, rb in zip(ours, theirs) for a, b in zip(ra, rb))
    assert worst <= 1e-12, f"{case}: largest difference from torch.optim over 300 updates is {worst:.3g}"
    assert max(abs(a - b) for a, b in zip(ours[-1], START)) > 0.1, "the parameters must actually move"


@pytest.mark.slow
@pytest.mark.oracle
@pytest.mark.parametrize("case", ["SGD nesterov", "Adadelta", "Adam", "NAdam", "Adam + ExponentialLR"])
def test_matches_torch_with_independent_autograd(case):
    ours, theirs = run_both(*TORCH_CASES[case], 60, *SCHEDULES.get(case, (None, None)), shared_gradients=False)
    worst = max(abs(a - b) for ra, rb in zip(ours, theirs) for a, b in zip(ra, rb))
    assert worst <= 1e-12, f"{case}: largest difference from torch over 60 independent steps is {worst:.3g}"


@pytest.mark.oracle
def test_lr_schedules_match_torch():
    torch = pytest.importorskip("torch", reason="torch is not installed: the scheduler oracle is skipped")
    cases = [
        (lambda o: StepLR(o, 3, 0.5), lambda o: torch.optim.lr_scheduler.StepLR(o, 3, 0.5)),
        (lambda o: ExponentialLR(o, 0.9), lambda o: torch.optim.lr_scheduler.ExponentialLR(o, 0.9)),
        (lambda o: LambdaLR(o, lambda e: 1 / (1 + 0.1 * e)),
         lambda o: torch.optim.lr_scheduler.LambdaLR(o, lambda e: 1 / (1 + 0.1 * e))),
    ]
    for ours_make, torch_make in cases:
        ours = ours_make(SGD([Value(1.0)], lr=0.2))
        theirs = torch_make(torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.2))
        assert ours.get_last_lr() == pytest.approx(theirs.get_last_lr(), rel=1e-15)
        for _ in range(12):
            ours.optimizer.step()
            theirs.optimizer.step()
            ours.step()
            theirs.step()
            assert ours.get_last_lr()[0] == pytest.approx(theirs.get_last_lr()[0], rel=1e-14, abs=0)


# ---------------------------------------------------------------- the published formulas (Ruder 2016)
def quartic_grad(x: float) -> float:
    """∇J for J(θ) = θ⁴/4 − θ + θ²: non-quadratic, so look-ahead and averaging matter."""
    return x ** 3 - 1.0 + 2.0 * x


def ours_1d(opt_make, steps=60, x0=1.7):
    p = Value(x0)
    opt = opt_make([p])
    xs = []
    for _ in range(steps):
        p.grad = quartic_grad(p.data)
        opt.step()
        xs.append(p.data)
    return xs


def test_momentum_is_rudders_formula():
    eta, gamma, theta, v, xs = 0.05, 0.9, 1.7, 0.0, []
    for _ in range(60):
        v = gamma * v + eta * quartic_grad(theta)
        theta = theta - v
        xs.append(theta)
    assert ours_1d(lambda p: Momentum(p, lr=eta, momentum=gamma)) == pytest.approx(xs, abs=1e-13)


def test_nesterov_holds_rudders_look_ahead_point():
    """Ruder: v_t = γv + η∇J(θ − γv), θ ← θ − v. Our parameters hold θ_t − γ·v_t."""
    eta, gamma, v = 0.05, 0.9, 0.0
    theta = 1.7  # at the start v = 0, so θ̃ = θ
    look_ahead = []
    for _ in range(200):
        v = gamma * v + eta * quartic_grad(theta - gamma * v)
        theta -= v
        look_ahead.append(theta - gamma * v)
    assert ours_1d(lambda p: Nesterov(p, lr=eta, momentum=gamma), steps=200) == pytest.approx(look_ahead, abs=1e-13)
    assert abs(theta - look_ahead[-1]) < 1e-6  # at convergence θ̃ and θ coincide


def test_momentum_under_a_schedule_keeps_old_lr_in_velocity_unlike_torch_form():
    """The documented difference: after η changes, Ruder's velocity still holds the old η."""
    def run(opt):
        s = StepLR(opt, step_size=5, gamma=0.1)
        p = opt.params[0]
        for _ in range(12):
            p.grad = quartic_grad(p.data)
            opt.step()
            s.step()
        return p.data

    ruder = run(Momentum([Value(1.7)], lr=0.05, momentum=0.9))
    eta, v, theta = 0.05, 0.0, 1.7  # Ruder's formula with η dropping at epoch 5 and 10
    for t in range(12):
        v = 0.9 * v + eta * quartic_grad(theta)
        theta -= v
        if (t + 1) % 5 == 0:
            eta *= 0.1
    assert ruder == pytest.approx(theta, abs=1e-13)
    assert abs(ruder - run(SGD([Value(1.7)], lr=0.05, momentum=0.9))) > 1e-3


@pytest.mark.parametrize("make, lr, accumulate", [
    (lambda p: Adagrad(p, lr=0.3), 0.3, lambda G, g: G + g * g),
    (lambda p: RMSprop(p, lr=0.01, alpha=0.9), 0.01, lambda G, g: 0.9 * G + 0.1 * g * g),
])
def test_adagrad_rmsprop_differ_from_ruder_only_by_eps_placement(make, lr, accumulate):
    eps, theta, G, xs = 1e-8, 1.7, 0.0, []
    for _ in range(60):
        g = quartic_grad(theta)
        G = accumulate(G, g)
        theta -= lr / math.sqrt(G + eps) * g  # Ruder: ε inside the root; ours (and torch's): √G + ε
        xs.append(theta)
    ours = ours_1d(make)
    assert ours == pytest.approx(xs, abs=1e-6)
    assert ours != xs  # not identical: the ε placement is a real, documented difference


def test_adadelta_is_zeilers_rule_without_learning_rate():
    rho, eps, theta, Eg, Ed, xs = 0.9, 1e-6, 1.7, 0.0, 0.0, []
    for _ in range(60):
        g = quartic_grad(theta)
        Eg = rho * Eg + (1 - rho) * g * g
        d = -math.sqrt(Ed + eps) / math.sqrt(Eg + eps) * g
        Ed = rho * Ed + (1 - rho) * d * d
        theta += d
        xs.append(theta)
    assert ours_1d(lambda p: Adadelta(p)) == pytest.approx(xs, abs=1e-13)


def test_adam_is_rudders_formula():
    b1, b2, eps, eta, theta, m, v, xs = 0.9, 0.999, 1e-8, 0.05, 1.7, 0.0, 0.0, []
    for t in range(1, 61):
        g = quartic_grad(theta)
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        theta -= eta * (m / (1 - b1 ** t)) / (math.sqrt(v / (1 - b2 ** t)) + eps)
        xs.append(theta)
    assert ours_1d(lambda p: Adam(p, lr=eta)) == pytest.approx(xs, abs=1e-12)


def test_adamax_with_eps_zero_is_the_published_rule():
    b1, b2, eta, theta, m, u, xs = 0.9, 0.999, 0.05, 1.7, 0.0, 0.0, []
    for t in range(1, 61):
        g = quartic_grad(theta)
        m, u = b1 * m + (1 - b1) * g, max(b2 * u, abs(g))
        theta -= eta / (1 - b1 ** t) * m / u
        xs.append(theta)
    assert ours_1d(lambda p: AdaMax(p, lr=eta, eps=0.0)) == pytest.approx(xs, abs=1e-13)
    assert AdaMax is Adamax


def test_ruder_nadam_is_rudders_formula_and_differs_from_torch_nadam():
    b1, b2, eps, eta, theta, m, v, xs = 0.9, 0.999, 1e-8, 0.05, 1.7, 0.0, 0.0, []
    for t in range(1, 61):
        g = quartic_grad(theta)
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        m_hat, v_hat = m / (1 - b1 ** t), v / (1 - b2 ** t)
        theta -= eta / (math.sqrt(v_hat) + eps) * (b1 * m_hat + (1 - b1) * g / (1 - b1 ** t))
        xs.append(theta)
    ours = ours_1d(lambda p: RuderNadam(p, lr=eta))
    assert ours == pytest.approx(xs, abs=1e-13)
    assert abs(ours[0] - ours_1d(lambda p: NAdam(p, lr=eta))[0]) > 1e-4  # a documented, different rule


def test_plain_sgd_is_the_mazur_update():
    w5 = Value(0.4, "w5")
    w5.grad = 0.082167041
    SGD([w5], lr=0.5).step()
    assert w5.data == pytest.approx(0.35891648, abs=1e-8)


# ---------------------------------------------------------------- properties
ALL = [lambda p: SGD(p, lr=0.1), lambda p: SGD(p, lr=0.1, momentum=0.9), lambda p: Momentum(p, lr=0.1),
       lambda p: Nesterov(p, lr=0.1), lambda p: Adagrad(p), lambda p: Adadelta(p), lambda p: RMSprop(p),
       lambda p: Adam(p), lambda p: Adamax(p), lambda p: RuderNadam(p), lambda p: NAdam(p)]


@settings(max_examples=30, deadline=None)
@given(x=st.floats(-100, 100), k=st.integers(0, len(ALL) - 1))
def test_a_zero_gradient_from_fresh_state_moves_nothing(x, k):
    p = Value(x)
    ALL[k]([p]).step()
    assert p.data == x


@settings(max_examples=50, deadline=None)
@given(g=st.floats(1e-3, 1e3) | st.floats(-1e3, -1e-3), lr=st.floats(1e-4, 1.0))
def test_adams_first_step_has_size_lr_in_the_gradients_direction(g, lr):
    p = Value(0.0)
    p.grad = g
    Adam([p], lr=lr).step()
    assert p.data == pytest.approx(-lr * math.copysign(1.0, g), rel=1e-4)


@pytest.mark.parametrize("k", range(len(ALL)))
def test_each_optimizer_reduces_a_convex_cost(k):
    params = [Value(2.0), Value(-1.5)]
    opt = ALL[k](params)
    cost = lambda: (params[0] - 0.5) ** 2 + 2 * (params[1] + 0.25) ** 2  # noqa: E731
    before = cost().data
    for _ in range(100):
        opt.zero_grad()
        cost().backward()
        opt.step()
    assert cost().data < before


# ---------------------------------------------------------------- interface
def test_frozen_parameters_stay_and_keep_no_state():
    a, b = Value(1.0), Value(2.0)
    b.frozen = True
    a.grad = b.grad = 0.5
    opt = Adam([a, b], lr=0.1)
    opt.step()
    assert b.data == 2.0 and opt.state[b] == {}
    assert a.data != 1.0 and opt.state[a]["step"] == 1


def test_zero_grad_state_step_closure_and_model():
    class Model:
        def __init__(self):
            self.w = Value(3.0)

        def parameters(self):
            return [self.w]

    m = Model()
    opt = SGD(m, lr=0.5)
    loss = opt.step(lambda: (m.w * m.w).backward() or Value(9.0))
    assert loss.data == 9.0 and m.w.data == 3.0 - 0.5 * 6.0
    opt.zero_grad()
    assert m.w.grad == 0.0
    assert opt.state[m.w]["step"] == 1
    assert "SGD(1 parameters, lr=0.5)" == repr(opt)
    assert nn.SGD is SGD and issubclass(Adam, Optimizer)


@pytest.mark.parametrize("make, message", [
    (lambda: SGD([], lr=0.1), "no parameters"),
    (lambda: SGD([1.0], lr=0.1), "must be Values"),
    (lambda: SGD([Value(1.0)], lr=0), "lr .*must be a positive number"),
    (lambda: SGD([Value(1.0)], lr=float("nan")), "lr .*must be a finite number"),
    (lambda: Adam([Value(1.0)], betas=(0.9, 1.0)), r"betas\[1\] must lie in \[0, 1\)"),
    (lambda: Adam([Value(1.0)], betas=0.9), "pair"),
    (lambda: Momentum([Value(1.0)], lr=0.1, momentum=-0.1), "momentum"),
    (lambda: SGD([Value(1.0)], lr=0.1, nesterov=True), "nesterov"),
    (lambda: Adadelta([Value(1.0)], eps=0.0), "eps"),
    (lambda: RMSprop([Value(1.0)], alpha=True), "alpha"),
    (lambda: StepLR(SGD([Value(1.0)], lr=0.1), step_size=0), "step_size"),
    (lambda: ExponentialLR(SGD([Value(1.0)], lr=0.1), gamma=0.0), "gamma"),
])
def test_bad_arguments_raise_clear_errors(make, message):
    with pytest.raises((ValueError, TypeError), match=message):
        make()


def test_duplicate_parameter_and_divergence_and_bad_scheduler_target():
    p = Value(1.0)
    with pytest.raises(ValueError, match="appears twice"):
        SGD([p, p], lr=0.1)
    p.grad = 1e308
    with pytest.raises(OverflowError, match="lower the learning rate"):
        SGD([p], lr=10.0).step()
    with pytest.raises(TypeError, match="optimizer"):
        StepLR(object(), 3)
    with pytest.raises(ValueError, match="positive"):
        LambdaLR(SGD([Value(1.0)], lr=0.1), lambda e: 1.0 - e).step()
