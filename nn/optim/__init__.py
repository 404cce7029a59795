"""Optimizers (`nn.optim`): they change parameters' ``data`` using their ``grad``, with PyTorch's interface.

    opt = SGD(model.parameters(), lr=0.5)
    loss.backward(); opt.step(); opt.zero_grad()

The family from Ruder's overview that lecture 001 lists: `SGD` (PyTorch's, with optional momentum),
`Momentum`, `Nesterov`, `Adagrad`, `Adadelta`, `RMSprop`, `Adam`, `AdaMax`, `RuderNadam` (Ruder's Nadam);
plus PyTorch's `NAdam` and learning-rate schedules in `nn.optim.lr_scheduler`. Each class docstring gives the update
formula and, where PyTorch computes something different, how it differs.
"""

from nn.optim.adam import Adam, AdaMax, Adamax, NAdam, RuderNadam
from nn.optim.adaptive import Adadelta, Adagrad, RMSprop
from nn.optim.lr_scheduler import ExponentialLR, LambdaLR, LRScheduler, StepLR
from nn.optim.optimizer import Optimizer
from nn.optim.sgd import SGD, Momentum, Nesterov

__all__ = [
    "Optimizer", "SGD", "Momentum", "Nesterov", "Adagrad", "Adadelta", "RMSprop", "Adam", "Adamax", "AdaMax",
    "RuderNadam", "NAdam", "LRScheduler", "StepLR", "ExponentialLR", "LambdaLR",
]
