"""nn: neurons, layers, MLPs, losses, initializers and optimizers, built only on `autograd_mini.Value`.

    from nn import MLP, SGD, train, losses
    model = MLP(2, [2, 2], seed=0)
    history = train(model, losses.quadratic_cost, X, Y, SGD(model.parameters(), lr=0.5), epochs=100)

Modules: `nn.init` (``nn.init.uniform_`` …), `nn.losses`, `nn.optim` (optimizers and
``nn.optim.lr_scheduler``), `nn.search` (grid, Monte Carlo, gradient descent), `nn.training` (where
`train` and `dataset_cost` live), `nn.matrix` (the matrix form, needs numpy), `nn.examples` (Mazur), `nn.clusters`
(`layer_clusters`: one drawing box per layer).
"""

from nn import examples, init, losses, optim, search, training
from nn.clusters import layer_clusters
from nn.layers import MLP, Layer, Neuron
from nn.module import Module
from nn.optim import SGD, Adadelta, Adagrad, Adam, AdaMax, Adamax, Momentum, NAdam, Nesterov, Optimizer, RMSprop, RuderNadam
from nn.training import dataset_cost, train

__all__ = [
    "Module", "Neuron", "Layer", "MLP",
    "Optimizer", "SGD", "Momentum", "Nesterov", "Adagrad", "Adadelta", "RMSprop", "Adam", "Adamax", "AdaMax",
    "RuderNadam", "NAdam",
    "train", "dataset_cost", "layer_clusters",
    "examples", "init", "losses", "optim", "search", "training",
]  # fmt: skip
