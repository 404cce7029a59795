"""The one validation layer: each checker's accepted forms, and the error rule (type → TypeError,
value → ValueError, message starting with the call and naming the argument)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from autograd_mini import validate as v


@pytest.mark.parametrize("x, expected", [(1, 1.0), (2.5, 2.5), (Fraction(1, 4), 0.25), (np.float64(0.5), 0.5), (np.int64(3), 3.0), (np.array(1.5), 1.5)])
def test_real_accepts_real_numbers(x, expected):
    out = v.real(x, "f", "x")
    assert out == expected and type(out) is float


@pytest.mark.parametrize("x", [True, np.bool_(False), np.array(True), np.array("1"), np.array([1.0]), "1", None, 1j, [1.0], b"1", object()])
def test_real_refuses_other_types_with_a_type_error(x):
    with pytest.raises(TypeError, match=r"^f: x must be a real number"):
        v.real(x, "f", "x")


def test_real_hints_at_floats_for_bools():
    with pytest.raises(TypeError, match=r"write 1\.0 or 0\.0"):
        v.real(True, "f", "x")


@pytest.mark.parametrize("x", [math.nan, math.inf, -math.inf, np.float64("nan")])
def test_real_refuses_non_finite_values_with_a_value_error(x):
    with pytest.raises(ValueError, match=r"^f: x must be a finite number"):
        v.real(x, "f", "x")
    assert v.real(x, "f", "x", finite=False) != 0.0 or math.isnan(x)


def test_real_refuses_ints_beyond_the_float_range():
    with pytest.raises(ValueError, match=r"too large for a float"):
        v.real(10**400, "f", "x")


def test_shown_cuts_long_reprs_and_survives_broken_ones():
    assert len(v.shown("x" * 10_000)) < 100

    class Broken:
        def __repr__(self):
            raise RuntimeError("no")

    assert v.shown(Broken()) == "Broken: <Broken object>"


@pytest.mark.parametrize("check, bad, error", [
    (v.positive, 0.0, ValueError), (v.positive, -1, ValueError), (v.positive, "1", TypeError),
    (v.non_negative, -1e-300, ValueError), (v.probability, 1.0, ValueError), (v.probability, -0.1, ValueError),
])  # fmt: skip
def test_ranges(check, bad, error):
    with pytest.raises(error, match=r"^opt: lr "):
        check(bad, "opt", "lr")


def test_ranges_accept_their_bounds():
    assert v.non_negative(0, "f", "x") == 0.0
    assert v.probability(0.0, "f", "x") == 0.0
    assert v.probability(1.0, "f", "x", closed=True) == 1.0


def test_integer():
    assert v.integer(np.int32(4), "f", "n", low=1) == 4
    with pytest.raises(TypeError, match="whole number"):
        v.integer(2.0, "f", "n")
    with pytest.raises(TypeError, match="whole number"):
        v.integer(True, "f", "n")
    with pytest.raises(ValueError, match=r"^f: n must be ≥ 1, got 0"):
        v.integer(0, "f", "n", low=1)
    with pytest.raises(ValueError, match=r"between 1 and 17"):
        v.integer(99, "f", "n", low=1, high=17)


def test_boolean_and_text():
    assert v.boolean(np.bool_(True), "f", "b") is True
    with pytest.raises(TypeError, match="True or False"):
        v.boolean(1, "f", "b")
    assert v.text("w5", "f", "label") == "w5"
    with pytest.raises(TypeError, match=r"^f: label must be a str"):
        v.text(5, "f", "label")
    with pytest.raises(ValueError, match="must not be empty"):
        v.text("", "f", "label", empty=False)


def test_choice_separates_type_and_value_errors():
    assert v.choice("LR", ("LR", "TB"), "draw_dot", "rankdir") == "LR"
    with pytest.raises(ValueError, match=r"^draw_dot: rankdir must be one of 'LR', 'TB', got str: 'XY'"):
        v.choice("XY", ("LR", "TB"), "draw_dot", "rankdir")
    with pytest.raises(TypeError, match=r"^draw_dot: rankdir must be one of"):
        v.choice(5, ("LR", "TB"), "draw_dot", "rankdir")
    with pytest.raises(TypeError):
        v.choice(["LR"], ("LR", "TB"), "draw_dot", "rankdir")  # unhashable: still a clean error


def test_sequence_accepts_lists_tuples_ranges_and_1d_arrays():
    assert v.sequence((1, 2), "f", "xs") == [1, 2]
    assert v.sequence(range(3), "f", "xs") == [0, 1, 2]
    assert v.numbers_list(np.array([0.05, 0.1]), "f", "xs") == [0.05, 0.1]
    assert v.sequence(np.array([1.0, "a"], dtype=object), "f", "xs")[1] == "a"


@pytest.mark.parametrize("bad", ["ab", b"ab", {1: 2}, {1, 2}, (x for x in [1]), 5, None])
def test_sequence_refuses_non_lists(bad):
    with pytest.raises(TypeError, match=r"^f: xs must be a list"):
        v.sequence(bad, "f", "xs")


def test_sequence_lengths_and_shapes():
    with pytest.raises(ValueError, match="must have 2 entries, got 3"):
        v.sequence([1, 2, 3], "f", "xs", length=2)
    with pytest.raises(ValueError, match="at least 1 entry"):
        v.sequence([], "f", "xs", min_length=1)
    with pytest.raises(ValueError, match="1-dimensional"):
        v.sequence(np.zeros((2, 2)), "f", "xs")


def test_numbers_list_names_the_bad_entry():
    with pytest.raises(ValueError, match=r"xs\[1\] must be a finite number"):
        v.numbers_list([1.0, math.nan], "f", "xs")
    with pytest.raises(TypeError, match=r"xs\[0\] must be a real number"):
        v.numbers_list(["1"], "f", "xs")


def test_function_and_finite():
    assert v.function(len, "f", "fn") is len
    with pytest.raises(TypeError, match=r"^f: fn must be a function"):
        v.function(3, "f", "fn")
    with pytest.raises(ValueError, match=r"^f: the update is inf"):
        v.finite(math.inf, "f", "the update")


def test_file_path():
    from pathlib import Path

    assert v.file_path(Path("a/b.json"), "MLP.save") == "a/b.json"
    with pytest.raises(TypeError, match=r"^MLP\.save: path must be a str or a pathlib\.Path"):
        v.file_path(b"a.json", "MLP.save")
    with pytest.raises(TypeError, match=r"not bytes"):
        v.file_path(_BytesPath(), "f")
    with pytest.raises(ValueError, match=r"^explore: path '' is not a valid file name; give one such as 'mazur\.html'"):
        v.file_path("", "explore", example="mazur.html")
    with pytest.raises(ValueError, match=r"not a valid file name"):
        v.file_path("a\x00b", "f")


class _BytesPath:
    def __fspath__(self) -> bytes:
        return b"a.json"
