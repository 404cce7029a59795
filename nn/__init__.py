"""nn: neurons, layers, MLPs, losses, initializers and optimizers, built only on `autograd_mini.Value`."""

from nn.optim import SGD, Optimizer
from nn.module import Module
from nn.layers import MLP, Layer, Neuron
from nn import examples
