"""Fixtures shared by the drawing and tracing tests."""

import pytest


@pytest.fixture(scope="module")
def mazur_example():
    """Mazur's network after one forward and one backward pass: (the example, E_total)."""
    from nn.examples import mazur

    ex = mazur()
    root = ex.forward()
    root.backward()
    return ex, root
