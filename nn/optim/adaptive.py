"""Per-parameter learning rates from past squared gradients: Adagrad, Adadelta, RMSprop.

Each follows PyTorch's update (and its defaults) step by step; where Ruder's overview writes the
formula slightly differently, the docstring says how.
"""

from __future__ import annotations

import math
from typing import Iterable

from autograd_mini.engine import Value
from nn.optim.optimizer import Optimizer, check_hyperparameter

__all__ = ["Adagrad", "Adadelta", "RMSprop"]


class Adagrad(Optimizer):
    """Adagrad (Duchi et al. 2011): big steps for rarely-moved parameters, small ones for frequent.

    ``torch.optim.Adagrad``'s rule::

        G_t = G_{t−1} + g_t²                      (G_0 = ``initial_accumulator_value``)
        η_t = η / (1 + (t − 1)·lr_decay)
        θ ← θ − η_t · g_t / (√G_t + ε)           (ε = 1e-10)

    Difference from Ruder, who writes θ ← θ − η/√(G_t + ε) · g_t (ε inside the root): the two differ by
    a relative ~ε/(2G), below 1e-9 for any gradient above 1e-4 with the default ε. The learning rate
    only ever shrinks, which is Adagrad's known weakness (Adadelta and RMSprop address it).
    """

    def __init__(self, parameters: Iterable[Value], lr: float = 1e-2, lr_decay: float = 0.0,
                 initial_accumulator_value: float = 0.0, eps: float = 1e-10) -> None:
        super().__init__(parameters, lr)
        self.lr_decay = check_hyperparameter("Adagrad", "lr_decay", lr_decay, 0.0)
        self.initial_accumulator_value = check_hyperparameter(
            "Adagrad", "initial_accumulator_value", initial_accumulator_value, 0.0)
        self.eps = check_hyperparameter("Adagrad", "eps", eps, 0.0)

    def _update(self, x: float, g: float, state: dict[str, float]) -> float:
        G = state.get("sum", self.initial_accumulator_value) + g * g
        state["sum"] = G
        lr_t = self.lr / (1.0 + (state["step"] - 1) * self.lr_decay)
        denom = math.sqrt(G) + self.eps
        return x - lr_t * g / denom if denom > 0.0 else x  # G = 0, ε = 0: every gradient so far was 0


class Adadelta(Optimizer):
    """Adadelta (Zeiler 2012): Adagrad's shrinking rate fixed with decaying averages, units matched.

    Ruder's formulas, with RMS[x]_t = √(E[x²]_t + ε)::

        E[g²]_t  = ρ·E[g²]_{t−1} + (1 − ρ)·g_t²
        Δθ_t     = −(RMS[Δθ]_{t−1} / RMS[g]_t) · g_t
        E[Δθ²]_t = ρ·E[Δθ²]_{t−1} + (1 − ρ)·Δθ_t²
        θ ← θ + lr·Δθ_t

    The published rule has no learning rate: that is ``lr=1.0``, the default here and in PyTorch, and
    this matches ``torch.optim.Adadelta`` for any ``lr`` (which, as in PyTorch, scales the step but not
    the Δθ that E[Δθ²] accumulates).
    """

    def __init__(self, parameters: Iterable[Value], lr: float = 1.0, rho: float = 0.9, eps: float = 1e-6) -> None:
        super().__init__(parameters, lr)
        self.rho = check_hyperparameter("Adadelta", "rho", rho, 0.0, 1.0, high_open=False)
        self.eps = check_hyperparameter("Adadelta", "eps", eps, 0.0, low_open=True)

    def _update(self, x: float, g: float, state: dict[str, float]) -> float:
        rho = self.rho
        square_avg = rho * state.get("square_avg", 0.0) + (1.0 - rho) * g * g
        delta = math.sqrt(state.get("acc_delta", 0.0) + self.eps) / math.sqrt(square_avg + self.eps) * g
        state["square_avg"] = square_avg
        state["acc_delta"] = rho * state.get("acc_delta", 0.0) + (1.0 - rho) * delta * delta
        return x - self.lr * delta


class RMSprop(Optimizer):
    """RMSprop (Hinton, Coursera lecture 6e): divide the step by a running RMS of recent gradients.

    ``torch.optim.RMSprop``'s rule (α = ``alpha``, default 0.99; ε = 1e-8)::

        E[g²]_t = α·E[g²]_{t−1} + (1 − α)·g_t²
        θ ← θ − η · g_t / (√E[g²]_t + ε)

    Differences from Ruder, who writes θ ← θ − η/√(E[g²]_t + ε)·g_t with α = 0.9, η = 0.001: ε sits
    outside the root here (as in PyTorch); pass ``alpha=0.9`` for Hinton's decay. PyTorch's ``momentum``
    and ``centered`` variants are not implemented.
    """

    def __init__(self, parameters: Iterable[Value], lr: float = 1e-2, alpha: float = 0.99, eps: float = 1e-8) -> None:
        super().__init__(parameters, lr)
        self.alpha = check_hyperparameter("RMSprop", "alpha", alpha, 0.0, 1.0, high_open=False)
        self.eps = check_hyperparameter("RMSprop", "eps", eps, 0.0)

    def _update(self, x: float, g: float, state: dict[str, float]) -> float:
        square_avg = self.alpha * state.get("square_avg", 0.0) + (1.0 - self.alpha) * g * g
        state["square_avg"] = square_avg
        denom = math.sqrt(square_avg) + self.eps
        return x - self.lr * g / denom if denom > 0.0 else x
