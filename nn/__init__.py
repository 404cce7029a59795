"""nn: neurons, layers, MLPs, losses, initializers and optimizers, built only on `autograd_mini.Value`."""

from nn.optim import SGD, Optimizer
from nn.optim import Adadelta, Adagrad, Adam, AdaMax, Adamax, Momentum, Nadam, NAdam, Nesterov, RMSprop
from nn import init, losses, optim, search, train  # modules: nn.train.train(...), nn.init.uniform_(...)
from nn.module import Module
from nn.layers import MLP, Layer, Neuron
from nn import examples
