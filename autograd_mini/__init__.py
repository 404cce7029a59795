"""autograd-mini: a scalar reverse-mode autodiff engine for learning, teaching and checking backpropagation.

    >>> from autograd_mini import Value
    >>> x = Value(2.0, "x"); y = x * x + 3 * x
    >>> y.backward(); x.grad
    7.0

The architecture, dependencies pointing one way (this package never imports `nn`):

* `validate` — the one validation layer and its error rule (TypeError / ValueError / ArithmeticError);
* `operators` ← `engine` — `Value` with ops as data (value + local derivatives), `backward()`;
* `graph` — the read-only graph API every tool shares (node names, lookups, number formats);
* on `graph`: tracing (`explain`, `tape`, `worksheet`, `summary`, `check_worksheet`), drawing
  (`draw_dot`, `save`; Graphviz is imported only to render), the HTML explorer (`explore`);
* checks (`gradcheck`, `assert_published`, `assert_figures`), the catalogue of published worked
  examples (`autograd_mini.examples`), expressions (`autograd_mini.expr`) and the command line
  (``python -m autograd_mini``).
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
