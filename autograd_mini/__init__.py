"""autograd-mini: a scalar reverse-mode autodiff engine for learning, teaching and checking backpropagation.

    >>> from autograd_mini import Value
    >>> x = Value(2.0, "x"); y = x * x + 3 * x
    >>> y.backward(); x.grad
    7.0

The package is an engine with wings; dependencies point one way, and this package never imports `nn`:

* the engine, at the top of this folder: `validate` (the error rule), `files` (the one writer),
  `operators` (float maths) ← `engine` (`Value`, `backward()`) ← `graph` (reading a graph: names,
  number formats, one replay of backward()), `neurons` (which nodes form a neuron or a layer),
  and `calculus/` (`derivatives`, the table of derivative rules in ops; `higher`: `grad`, `hessian`, to any order);
  checks on it: `numerical` (`gradcheck`), `testing` (`assert_published`), `expr` (a graph from a line of
  maths) and `examples/` (published worked examples);
* `tracing/` — why each gradient is what it is: `explain`, `tape`, `worksheet`, `check_worksheet`, `summary`;
* `drawing/` — Graphviz pictures: `draw_dot`, `save`, the slide view, rendering;
* `explorer/` — one self-contained HTML page built from tracing and drawing (`explore`);
* `cli/` — the ``autograd-mini`` command (also ``python -m autograd_mini``).

Tracing and drawing never import each other. Only the engine is imported with the package; the wings
load on first use (``from autograd_mini import explain`` works as always).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from autograd_mini.engine import Value, dot, sum_values, topological_order, zero_grad

if TYPE_CHECKING:  # what the lazy names are, for type checkers and editors
    from autograd_mini.calculus.higher import grad, hessian
    from autograd_mini.drawing.draw import GraphTooLargeError, StaleGradientsWarning, draw_dot, save
    from autograd_mini.drawing.render import Drawing, GraphvizNotFoundError, RenderError
    from autograd_mini.explorer.explore import explore
    from autograd_mini.numerical import central_difference, gradcheck, numerical_gradient
    from autograd_mini.testing import assert_figures, assert_published
    from autograd_mini.tracing.explain import explain
    from autograd_mini.tracing.grading import WorksheetCheck, check_worksheet
    from autograd_mini.tracing.summary import summary
    from autograd_mini.tracing.tape import tape
    from autograd_mini.tracing.worksheet import worksheet

#: public name -> the module that defines it, imported on first use
_LAZY = {
    "draw_dot": "drawing.draw", "save": "drawing.draw", "GraphTooLargeError": "drawing.draw", "StaleGradientsWarning": "drawing.draw",
    "Drawing": "drawing.render", "GraphvizNotFoundError": "drawing.render", "RenderError": "drawing.render",
    "explain": "tracing.explain", "tape": "tracing.tape", "worksheet": "tracing.worksheet", "summary": "tracing.summary",
    "check_worksheet": "tracing.grading", "WorksheetCheck": "tracing.grading",
    "explore": "explorer.explore",
    "assert_published": "testing", "assert_figures": "testing",
    "gradcheck": "numerical", "central_difference": "numerical", "numerical_gradient": "numerical",
    "grad": "calculus.higher", "hessian": "calculus.higher",
}  # fmt: skip

__all__ = [
    "Value", "dot", "sum_values", "topological_order", "zero_grad", "grad", "hessian",
    "draw_dot", "save", "Drawing", "GraphTooLargeError", "GraphvizNotFoundError", "RenderError", "StaleGradientsWarning", "explain", "tape", "worksheet", "summary", "check_worksheet", "WorksheetCheck", "explore", "assert_published", "assert_figures", "gradcheck", "central_difference", "numerical_gradient",
]  # fmt: skip
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """Serve a presentation name from its module on first use, then keep it here."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'autograd_mini' has no attribute {name!r}")
    value = getattr(import_module(f"autograd_mini.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
