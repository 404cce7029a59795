"""The optimizer base class: the parameters, their per-parameter ``state``, `zero_grad()` and `step()`.

PyTorch's interface, on scalar `Value`s::

    opt = Adam(model.parameters(), lr=0.01)
    for epoch in range(100):
        opt.zero_grad()          # leaf gradients accumulate across backward(): reset them first
        loss = ...               # the forward pass, J(Θ)
        loss.backward()          # ∂J/∂θ into every parameter's .grad
        opt.step()               # θ ← update(θ, ∂J/∂θ, state)

Frozen parameters (``p.frozen = True``, e.g. the Mazur post's biases) are left unchanged.

`step()` validates first and writes last: it computes every parameter's new value and new state,
checks that all are finite, and only then writes them. A nan/inf gradient (ValueError) or an update
that overflows (OverflowError, e.g. g² beyond the float range in Adam) names the parameter and
leaves every parameter and the whole optimizer state exactly as they were.
"""

from __future__ import annotations

import math
from typing import Callable, Iterable

from autograd_mini import validate
from autograd_mini.engine import Value
from nn.module import parameters_of

__all__ = ["Optimizer", "check_hyperparameter"]

_INF = math.inf


def check_hyperparameter(owner: str, name: str, value: object, low: float, high: float = math.inf,
                         *, low_open: bool = False, high_open: bool = True) -> float:
    """``value`` as a float if it lies in the interval: TypeError for a non-number, ValueError outside."""
    value = validate.real(value, owner, name)
    too_low = value <= low if low_open else value < low
    too_high = value >= high if high_open else value > high
    if too_low or too_high:
        interval = f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
        raise ValueError(f"{owner}: {name} must lie in {interval}, got {value!r}")
    return value




def _name(p: Value, i: int) -> str:
    return f"{p.label!r} (parameter {i})" if p.label else f"parameter {i}"


class Optimizer:
    """Holds the parameters to update and the per-parameter ``state`` of a stateful rule.

    Attributes:
        params: the parameters, in the order given.
        lr: the learning rate η (α in lecture 001); a learning-rate scheduler may change it between steps.
        state: ``state[p]`` is a dict for parameter ``p`` (keyed by the Value itself, so the state survives
            ``pickle`` and ``copy.deepcopy`` of the model and optimizer together): ``"step"`` (how many
            updates it has had) and whatever the rule keeps (a velocity, running averages of g and g²).

    Subclasses implement ``_update(x, g, state) -> x⁺`` for one parameter: from its value x and gradient g,
    the new value; it may change ``state`` (a copy, kept only if every update of the step is finite).
    """

    def __init__(self, parameters: Iterable[Value], lr: float) -> None:
        name = type(self).__name__
        self.params = parameters_of(parameters, name)
        self.lr = validate.positive(lr, name, "lr (the learning rate)")
        self.state: dict[Value, dict[str, float]] = {p: {} for p in self.params}

    def zero_grad(self) -> None:
        """Set every parameter's gradient to 0.0 (leaf gradients accumulate across backward())."""
        for p in self.params:
            p.grad = 0.0

    def step(self, closure: Callable[[], Value] | None = None) -> Value | None:
        """Update every parameter that is not frozen, from its current ``grad``.

        ``closure`` (optional, as in PyTorch) re-evaluates the loss, e.g. ``lambda: compute_loss_and_backward()``;
        it is called first and its result returned. All new values are computed and checked before any is
        written: a nan/inf gradient raises ValueError, an update or a state that overflows raises
        OverflowError, each naming the parameter, and nothing (parameters, state) is changed.
        """
        where = f"{type(self).__name__}.step"
        if closure is not None:
            validate.function(closure, where, "closure")
        loss = closure() if closure is not None else None
        validate.positive(self.lr, where, "lr (the learning rate)")
        pending: list[tuple[Value, float, dict[str, float]]] = []
        for i, p in enumerate(self.params):
            if p.frozen:
                continue
            g, x = p.grad, p.data
            if type(g) is not float:  # a gradient set by hand: a number, or a clear TypeError
                g = validate.real(g, where, f"the gradient of {_name(p, i)}", finite=False)
            if not -_INF < g < _INF:
                raise ValueError(f"{where}: the gradient of {_name(p, i)} is {g!r}; nothing was updated; "
                                 "find where the cost became nan/inf (a log of 0, an overflow) before stepping")
            state = dict(self.state.get(p, {}))
            state["step"] = state.get("step", 0) + 1
            new = self._update(x, g, state)
            bad = [k for k, v in state.items() if not -_INF < v < _INF]
            if bad or not -_INF < new < _INF:
                what = f"its {bad[0]} became {state[bad[0]]!r}" if bad else f"it would become {new!r}"
                raise OverflowError(
                    f"{where}: the update of {_name(p, i)} overflowed ({what}, gradient {g!r}); nothing was updated; "
                    "lower the learning rate, scale the cost down or clip the gradients"
                )
            pending.append((p, new, state))
        for p, new, state in pending:  # every update is finite: write them all
            p.data = new
            self.state[p] = state
        return loss

    def _update(self, x: float, g: float, state: dict[str, float]) -> float:  # pragma: no cover - abstract
        raise NotImplementedError(f"{type(self).__name__} must implement _update(x, g, state)")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self.params)} parameters, lr={self.lr!r})"
