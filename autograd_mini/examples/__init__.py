"""Published worked examples, built from plain `Value`s with each source's own names.

Each `Example` carries its source, a builder (a fresh graph, forward and backward done) and every
figure the source prints, as a string, so a test checks it at its printed precision::

    from autograd_mini.examples import get_example
    from autograd_mini.testing import assert_figures

    ex = get_example("mazur")
    assert_figures(ex.build(), ex.values, ex.grads)   # out_o1 = 0.75136507, ∂E_total/∂w5 = 0.082167041, …

``autograd-mini examples`` lists them; ``--example NAME`` draws, explains, tapes any of them.
The engine package never imports ``nn``: `nn.examples.mazur()` is the same Mazur network as a model
you can train (a test checks that both graphs draw and explain identically).
"""

from __future__ import annotations

import difflib

from autograd_mini.examples import (
    colah,
    cs231n_circuit,
    cs231n_gates,
    cs231n_neuron,
    karpathy_expression,
    karpathy_fanout,
    karpathy_neuron,
    mazur,
    micrograd,
)
from autograd_mini.examples._example import Example
from autograd_mini.validate import shown

__all__ = ["Example", "EXAMPLES", "get_example"]

#: name → example, in the order a course meets them.
EXAMPLES: dict[str, Example] = {
    ex.name: ex
    for ex in (
        mazur.EXAMPLE,
        micrograd.EXAMPLE,
        karpathy_expression.EXAMPLE,
        karpathy_neuron.EXAMPLE,
        karpathy_fanout.EXAMPLE,
        cs231n_circuit.EXAMPLE,
        cs231n_neuron.EXAMPLE,
        cs231n_gates.EXAMPLE,
        colah.EXAMPLE,
    )
}


def get_example(name: str) -> Example:
    """The bundled example called ``name`` (see `EXAMPLES`); ValueError listing the names for another."""
    if not isinstance(name, str):
        raise TypeError(f"get_example: name must be a str such as 'mazur', got {shown(name)}")
    if name not in EXAMPLES:
        close = difflib.get_close_matches(name[:60], list(EXAMPLES), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"get_example: no example named {name[:60]!r}{hint}; the examples are {', '.join(EXAMPLES)}")
    return EXAMPLES[name]
