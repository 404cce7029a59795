"""Shared test set-up: hypothesis profiles, and fixtures used by several test files.

Hypothesis profiles: under CI=true the examples are derandomized (the same on every run, so a CI run
is repeatable); HYPOTHESIS_PROFILE=thorough tries 20× more examples, for hunting edge cases locally.
"""

import gc
import os

import pytest
from graph_fixtures import hand_mazur, nn_mazur
from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "default"))


@pytest.fixture(scope="module")
def mazur_example():
    """Mazur's network as `nn.examples.mazur()` builds it, after one forward and one backward pass:
    (the example, E_total); shared by a module's tests, which only read it."""
    return nn_mazur()


@pytest.fixture
def mazur_graph():
    """The Mazur graph built by hand (`graph_fixtures.hand_mazur`), after backward(), fresh for each test:
    ``.E_total`` is the root and every named node an attribute (``.w5``, ``.out_h1``)."""
    return hand_mazur()


@pytest.fixture
def collector_paused():
    """The cyclic garbage collector off (after a full collection) for the test, so that what a graph
    leaves for it can be counted with ``gc.collect()``; back on afterwards."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def pytest_collection_modifyitems(config, items):
    """Every test that drives Chromium (takes the ``driver`` fixture) is marked ``browser``, so that
    ``pytest -m "not slow and not browser"`` (the quick run) never starts a browser."""
    unmarked = [item.nodeid for item in items if "driver" in getattr(item, "fixturenames", ()) and item.get_closest_marker("browser") is None]
    if unmarked:
        raise pytest.UsageError(f"tests driving a browser must be marked @pytest.mark.browser: {', '.join(unmarked)}")
