"""autograd-mini: a scalar reverse-mode autodiff engine for learning, teaching and checking backpropagation.

    >>> from autograd_mini import Value
    >>> x = Value(2.0, "x"); y = x * x + 3 * x
    >>> y.backward(); x.grad
    7.0

The engine is `Value` (`engine.py`); around it: drawing (`draw_dot`, `save`), chain-rule tracing
(`explain`, `tape`, `worksheet`), the interactive HTML explorer (`explore`), gradient checking (`gradcheck`) and published-figure assertions
(`assert_published`).
"""

from autograd_mini.draw import GraphTooLargeError, StaleGradientsWarning, draw_dot, save
from autograd_mini.engine import Value, dot, sum_values, topological_order, zero_grad
from autograd_mini.explore import explore
from autograd_mini.gradcheck import central_difference, gradcheck, numerical_gradient
from autograd_mini.grading import WorksheetCheck, check_worksheet
from autograd_mini.render import Drawing, GraphvizNotFoundError, RenderError
from autograd_mini.summary import summary
from autograd_mini.tape import tape
from autograd_mini.testing import assert_figures, assert_published
from autograd_mini.trace import explain
from autograd_mini.worksheet import worksheet

__all__ = [
    "Value", "dot", "sum_values", "topological_order", "zero_grad",
    "draw_dot", "save", "Drawing", "GraphTooLargeError", "GraphvizNotFoundError", "RenderError", "StaleGradientsWarning", "explain", "tape", "worksheet", "summary", "check_worksheet", "WorksheetCheck", "explore", "assert_published", "assert_figures", "gradcheck", "central_difference", "numerical_gradient",
]  # fmt: skip
__version__ = "0.1.0"
