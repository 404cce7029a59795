"""Optimizers: they change parameters' ``data`` using their ``grad``, with PyTorch's interface.

    opt = SGD(model.parameters(), lr=0.5)
    loss.backward(); opt.step(); opt.zero_grad()

Frozen parameters (``p.frozen = True``, e.g. the Mazur post's biases) are left unchanged.
"""

from __future__ import annotations

import math
from typing import Iterable

from autograd_mini.engine import Value

__all__ = ["Optimizer", "SGD"]


class Optimizer:
    """Holds the parameters to update and the per-parameter ``state`` of a stateful rule.

    Subclasses implement ``_update(p, state)`` for one parameter; `step()` calls it for every
    parameter that is not frozen.
    """

    def __init__(self, parameters: Iterable[Value], lr: float) -> None:
        self.params = list(parameters)
        if not self.params:
            raise ValueError(f"{type(self).__name__}: got no parameters to optimize; pass model.parameters()")
        for p in self.params:
            if not isinstance(p, Value):
                raise TypeError(f"{type(self).__name__}: parameters must be Values, got {type(p).__name__}: {p!r}")
        if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not math.isfinite(lr) or lr <= 0:
            raise ValueError(f"{type(self).__name__}: the learning rate must be a positive finite number, got {lr!r}")
        self.lr = float(lr)
        self.state: dict[int, dict] = {id(p): {} for p in self.params}

    def zero_grad(self) -> None:
        """Set every parameter's gradient to 0.0 (leaf gradients accumulate across backward())."""
        for p in self.params:
            p.grad = 0.0

    def step(self) -> None:
        """Update every parameter that is not frozen, from its current ``grad``."""
        for p in self.params:
            if not p.frozen:
                self._update(p, self.state[id(p)])

    def _update(self, p: Value, state: dict) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class SGD(Optimizer):
    """Plain gradient descent: ``w⁺ = w − η · ∂E_total/∂w`` (Mazur: w5⁺ = 0.4 − 0.5 · 0.082167041)."""

    def _update(self, p: Value, state: dict) -> None:
        p.data -= self.lr * p.grad
