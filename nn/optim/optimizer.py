"""The optimizer base class: the parameters, their per-parameter ``state``, `zero_grad()` and `step()`.

PyTorch's interface, on scalar `Value`s::

    opt = Adam(model.parameters(), lr=0.01)
    for epoch in range(100):
        opt.zero_grad()          # leaf gradients accumulate across backward(): reset them first
        loss = ...               # the forward pass, J(Θ)
        loss.backward()          # ∂J/∂θ into every parameter's .grad
        opt.step()               # θ ← update(θ, ∂J/∂θ, state)

Frozen parameters (``p.frozen = True``, e.g. the Mazur post's biases) are left unchanged.
"""

from __future__ import annotations

import math
from typing import Callable, Iterable

from autograd_mini.engine import Value

__all__ = ["Optimizer", "check_hyperparameter"]


def check_hyperparameter(owner: str, name: str, value: object, low: float, high: float = math.inf,
                         *, low_open: bool = False, high_open: bool = True) -> float:
    """``value`` as a float if it lies in the interval, else a ValueError naming the optimizer and the range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{owner}: {name} must be a finite number, got {value!r}")
    value = float(value)
    too_low = value <= low if low_open else value < low
    too_high = value >= high if high_open else value > high
    if too_low or too_high:
        interval = f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
        raise ValueError(f"{owner}: {name} must lie in {interval}, got {value!r}")
    return value


class Optimizer:
    """Holds the parameters to update and the per-parameter ``state`` of a stateful rule.

    Attributes:
        params: the parameters, in the order given.
        lr: the learning rate η (α in lecture 001); a learning-rate scheduler may change it between steps.
        state: ``state[id(p)]`` is a dict for parameter ``p``: ``"step"`` (how many updates it has had)
            and whatever the rule keeps (a velocity, running averages of g and g²).

    Subclasses implement ``_update(p, state)`` for one parameter; `step()` counts the step and calls it
    for every parameter that is not frozen.
    """

    def __init__(self, parameters: Iterable[Value], lr: float) -> None:
        name = type(self).__name__
        if hasattr(parameters, "parameters") and callable(parameters.parameters):
            parameters = parameters.parameters()  # a model: use its parameters
        if isinstance(parameters, Value):
            parameters = [parameters]
        self.params = list(parameters)
        if not self.params:
            raise ValueError(f"{name}: got no parameters to optimize; pass model.parameters()")
        for p in self.params:
            if not isinstance(p, Value):
                raise TypeError(f"{name}: parameters must be Values, got {type(p).__name__}: {p!r}")
        if len({id(p) for p in self.params}) != len(self.params):
            raise ValueError(f"{name}: a parameter appears twice; it would be updated twice per step")
        if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not math.isfinite(lr) or lr <= 0:
            raise ValueError(f"{name}: the learning rate must be a positive finite number, got {lr!r}")
        self.lr = float(lr)
        self.state: dict[int, dict] = {id(p): {} for p in self.params}

    def zero_grad(self) -> None:
        """Set every parameter's gradient to 0.0 (leaf gradients accumulate across backward())."""
        for p in self.params:
            p.grad = 0.0

    def step(self, closure: Callable[[], Value] | None = None) -> Value | None:
        """Update every parameter that is not frozen, from its current ``grad``.

        ``closure`` (optional, as in PyTorch) re-evaluates the loss, e.g. ``lambda: compute_loss_and_backward()``;
        it is called first and its result returned.
        """
        loss = closure() if closure is not None else None
        for p in self.params:
            if p.frozen:
                continue
            state = self.state[id(p)]
            state["step"] = state.get("step", 0) + 1
            self._update(p, state)
            if not -math.inf < p.data < math.inf:
                raise OverflowError(
                    f"{type(self).__name__}.step: parameter {p.label or '(unlabelled)'} became {p.data!r}; "
                    "the update diverged: lower the learning rate."
                )
        return loss

    def _update(self, p: Value, state: dict) -> None:  # pragma: no cover - abstract
        raise NotImplementedError(f"{type(self).__name__} must implement _update(p, state)")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self.params)} parameters, lr={self.lr!r})"
