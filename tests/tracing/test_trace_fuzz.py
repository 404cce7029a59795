"""Junk into every tracing entry point: only TypeError or ValueError come out, with the call's name first."""

from __future__ import annotations

import math

import pytest
from graph_fixtures import hand_mazur
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_mini import check_worksheet, explain, summary, tape, worksheet
from autograd_mini.tracing.explain import count_paths

JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30), st.binary(max_size=5),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from(["w5", "{0.real.foo}", "{:.2f}", "{}{}", "grads", "data", "| # |", math.nan, round, len, str]),
)  # fmt: skip

G = hand_mazur()


def _only_documented(call, where: str) -> None:
    try:
        call()
    except (TypeError, ValueError) as error:
        assert str(error).startswith(f"{where}: ") or str(error).startswith(f"{where}."), str(error)[:200]


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(JUNK, JUNK, JUNK)
def test_explain(wrt, number_format, lr):
    _only_documented(lambda: str(explain(G.E_total, wrt, number_format=number_format, lr=lr)), "explain")
    _only_documented(lambda: explain(G.E_total, "w5", max_paths=wrt), "explain")
    _only_documented(lambda: explain(wrt, "w5"), "explain")
    _only_documented(lambda: count_paths(G.E_total, wrt), "count_paths")


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(JUNK, JUNK, JUNK)
def test_tape_worksheet_summary(seed, flag, number_format):
    _only_documented(lambda: tape(G.E_total, seed, leaves=flag, number_format=number_format).text(), "tape")
    _only_documented(lambda: worksheet(G.E_total, blank=seed, constants=flag, number_format=number_format), "worksheet")
    _only_documented(lambda: worksheet(G.E_total, title=seed), "worksheet")
    _only_documented(lambda: summary(G.E_total, seed, number_format=number_format).markdown(), "summary")


@settings(max_examples=150, deadline=None)
@given(JUNK, st.text(max_size=300))
def test_check_worksheet(junk, text):
    _only_documented(lambda: check_worksheet(G.E_total, junk), "check_worksheet")
    _only_documented(lambda: check_worksheet(junk, text), "check_worksheet")
    sheet = worksheet(G.E_total, blank="grads").exercise
    cut = sheet[: len(text) * 5] + text  # a truncated worksheet followed by junk
    _only_documented(lambda: check_worksheet(G.E_total, cut).text(), "check_worksheet")
