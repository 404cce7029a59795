"""nn: neurons, layers, MLPs, losses, initializers and optimizers, built only on `autograd_mini.Value`."""

from nn.optim import SGD, Optimizer
