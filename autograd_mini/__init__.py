"""autograd-mini: a scalar reverse-mode autodiff engine for learning, teaching and checking backpropagation.

    >>> from autograd_mini import Value
    >>> x = Value(2.0, "x"); y = x * x + 3 * x
    >>> y.backward(); x.grad
    7.0
"""

from autograd_mini.engine import Value, dot, sum_values, topological_order, zero_grad

__all__ = ["Value", "dot", "sum_values", "topological_order", "zero_grad"]
__version__ = "0.1.0"
