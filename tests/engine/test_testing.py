"""autograd_mini.testing: published figures checked at their printed precision."""

from decimal import Decimal

import pytest
from graph_fixtures import hand_mazur
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograd_mini import Value
from autograd_mini.testing import agrees, assert_figures, assert_published, local_grad, published_tolerance


def test_tolerance_is_half_a_unit_in_the_last_printed_place():
    assert published_tolerance("0.75136507") == Decimal("5e-9")
    assert published_tolerance("0.40") == Decimal("0.005")
    assert published_tolerance("3") == Decimal("0.5")
    assert published_tolerance("-0.019049119") == Decimal("5e-10")
    assert published_tolerance("3.51e-5") == Decimal("5e-8")


def test_passes_within_half_a_unit_including_the_boundary():
    assert_published(0.7513650695523157, "0.75136507")
    assert_published(0.375, "0.37")  # exactly half a unit (0.375 is exact in binary): still agrees
    assert not agrees(0.37500001, "0.37")
    assert_published(0.75136506500001, "0.75136507")
    assert_published(Value(0.40000001), "0.40")  # a Value's data is read


def test_fails_past_half_a_unit_with_value_figure_and_difference():
    with pytest.raises(AssertionError) as err:
        assert_published(0.7513650751, "0.75136507", name="out_o1")
    msg = str(err.value)
    assert "out_o1" in msg and "0.7513650751" in msg and "0.75136507" in msg
    assert "+5.100e-09" in msg and "5e-9" in msg


def test_negative_figures_and_unicode_minus():
    assert_published(-0.0190491182583, "-0.019049118")
    assert_published(-0.0190491182583, "−0.019049118")
    with pytest.raises(AssertionError, match="difference \\+7.417e-10"):
        assert_published(-0.0190491182583, "-0.019049119")


def test_integer_like_and_trailing_zero_figures_keep_their_precision():
    assert_published(0.404, "0.40")
    with pytest.raises(AssertionError):
        assert_published(0.406, "0.40")
    assert_published(2.4, "2")
    with pytest.raises(AssertionError):
        assert_published(2.6, "2")


def test_agrees_is_the_boolean_form():
    assert agrees(0.05, "0.05") and not agrees(0.0506, "0.050")


def test_the_figure_must_be_a_string_and_a_number():
    with pytest.raises(TypeError, match="string as printed"):
        assert_published(0.4, 0.40)
    with pytest.raises(ValueError, match="not a number"):
        assert_published(0.4, "zero point four")
    with pytest.raises(ValueError, match="finite"):
        assert_published(0.4, "nan")
    with pytest.raises(TypeError, match="expected a float or a Value"):
        assert_published("0.4", "0.4", name="x")


def test_local_grad_reads_the_stored_local_derivative():
    w, x = Value(0.4, "w5"), Value(0.59, "out_h1")
    net = w * x
    assert local_grad(net, "w5") == 0.59 and local_grad(net, x) == 0.4
    sq = x * x  # a child used twice: its local derivatives add (2x)
    assert local_grad(sq, x) == pytest.approx(1.18)
    with pytest.raises(ValueError, match="not a child"):
        local_grad(net, "w6")
    twins = Value(1.0, "a") * Value(2.0, "a")
    with pytest.raises(ValueError, match="several different children"):
        local_grad(twins, "a")


# ---------------------------------------------------------------- bad computed values and figures (issue 9, item 17)
@pytest.mark.parametrize("computed", [float("nan"), float("inf"), float("-inf"), Decimal("NaN"), Decimal("Infinity"), Decimal("sNaN")])
def test_a_non_finite_computed_value_is_a_clear_value_error(computed):
    with pytest.raises(ValueError, match="assert_published: .*finite number"):
        assert_published(computed, "0.4")


def test_nan_never_escapes_as_decimal_invalid_operation():
    from decimal import InvalidOperation

    for computed, figure in [(float("nan"), "0.4"), (0.4, "nan"), (0.4, Decimal("NaN")), (0.4, Decimal("sNaN")), (0.4, "-Infinity")]:
        with pytest.raises(ValueError) as err:
            assert_published(computed, figure)
        assert not isinstance(err.value, InvalidOperation)


def test_a_nan_value_is_refused_with_the_name():
    with pytest.raises(ValueError, match="out_o1 \\(the computed value\\) must be a finite number"):
        assert_published(float("nan"), "0.4", name="out_o1")


def test_ints_are_compared_exactly_and_huge_ones_refused():
    assert_published(2**60 + 1, str(2**60 + 1))
    with pytest.raises(AssertionError):
        assert_published(2**60 + 1, str(2**60))
    with pytest.raises(ValueError, match="too large for a float"):
        assert_published(10**400, "1")
    with pytest.raises(ValueError, match="too large for a float"):
        assert_published(-(10**400), "1")


def test_numpy_scalars_and_values_are_read():
    np = pytest.importorskip("numpy")
    assert_published(np.float64(0.75136507), "0.75136507")
    assert_published(np.int64(3), "3")
    assert_published(Value(0.75136507), "0.75136507")
    with pytest.raises(TypeError, match="expected a float or a Value"):
        assert_published(np.bool_(True), "1")


@pytest.mark.parametrize("computed", [True, None, "0.4", [0.4], 0.4j])
def test_a_computed_value_of_the_wrong_type_is_a_type_error(computed):
    with pytest.raises(TypeError, match="assert_published: .*expected a float or a Value"):
        assert_published(computed, "0.4")


def test_decimal_figures_keep_their_printed_precision():
    assert_published(0.404, Decimal("0.40"))
    with pytest.raises(AssertionError):
        assert_published(0.406, Decimal("0.40"))
    assert published_tolerance(Decimal("0.40")) == Decimal("0.005")
    assert_published(Decimal("0.4"), "0.40")  # a computed Decimal is read exactly


def test_figures_beyond_the_float_range_are_refused_without_decimal_blow_ups():
    for figure in ["1e999999999", "-1e999999999", "1e309", "1.8e308", Decimal("1e999999999999")]:
        if figure == "1.8e308":  # within half a unit (0.05e308) of the largest float: still a possible value
            assert_published(1.7976931348623157e308, figure)
            continue
        with pytest.raises(ValueError, match="beyond the float range"):
            assert_published(0.4, figure)


def test_figures_printed_finer_than_any_float_are_refused():
    with pytest.raises(ValueError, match="no float carries a digit below"):
        assert_published(0.4, "1e-999999999")
    with pytest.raises(ValueError, match="no float carries a digit below"):
        assert_published(0.0, Decimal("0e-99999999999999"))
    assert published_tolerance("1e-500") == Decimal("5e-501")  # exact, not rounded to 0 by a context
    with pytest.raises(AssertionError, match="difference -1.000e-500"):
        assert_published(0.0, "1e-500")  # the difference shown beyond the float range, not as 0.0


def test_very_long_figures_and_bad_names_are_refused():
    with pytest.raises(ValueError, match="at most 1200"):
        assert_published(0.4, "0." + "4" * 2000)
    with pytest.raises(TypeError, match="name must be a str"):
        assert_published(0.4, "0.4", name=5)


def test_the_boundary_is_exact_at_any_exponent():
    tiny = 2.0**-1074  # 4.94e-324, the smallest float: a figure printed to its exact decimal value agrees
    assert_published(tiny, f"{Decimal(tiny):f}")
    assert agrees(1e300, "1e300") and not agrees(1e300, "1.1e300")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    computed=st.one_of(
        st.floats(), st.integers(), st.decimals(), st.booleans(), st.none(), st.text(max_size=5),
        st.from_regex(r"-?\d{1,5}[eE][-+]?\d{1,17}", fullmatch=True).map(Decimal),
    ),  # fmt: skip
    figure=st.one_of(st.text(max_size=30), st.decimals(), st.floats(), st.from_regex(r"-?\d{0,3}\.?\d{0,5}[eE][-+]?\d{1,12}", fullmatch=True)),
)
@pytest.mark.slow
def test_only_the_documented_exceptions_come_out(computed, figure):
    try:
        assert_published(computed, figure)
    except (TypeError, ValueError, AssertionError) as error:
        assert str(error)
        assert type(error).__module__ == "builtins"  # not decimal.InvalidOperation and friends


# ---------------------------------------------------------------- assert_figures: many figures at once
def _mazur():
    return hand_mazur().E_total


def test_assert_figures_passes_when_every_figure_agrees():
    root = _mazur()
    assert_figures(root, values={"out_o1": "0.75136507", "E_total": "0.298371109"}, grads={"w5": "0.082167041", "w1": "0.000438568"})
    assert_figures(root, grads={"w5": Decimal("0.082167041")})
    assert_figures(root, local_grads={("net_o1", "w5"): "0.593269992", ("net_o1", "out_h1"): "0.40"})


def test_assert_figures_raises_one_error_with_a_table_of_every_mismatch():
    root = _mazur()
    with pytest.raises(AssertionError) as err:
        assert_figures(
            root,
            values={"out_o1": "0.75136508", "out_o2": "0.772928465", "net_h1": "0.37"},
            grads={"w5": "0.082167041", "w1": "0.000438567"},
            local_grads={("net_o1", "out_h1"): "0.41"},
        )
    msg = str(err.value)
    assert msg.startswith("assert_figures: 4 of 6 figures do not match")
    lines = msg.splitlines()
    assert lines[1].split() == ["label", "figure", "computed", "difference", "tolerance"]
    rows = {line.split()[0]: line.split() for line in lines[3:]}
    assert set(rows) == {"out_o1", "net_h1", "∂E_total/∂w1", "∂net_o1/∂out_h1"}
    assert rows["out_o1"][1:3] == ["0.75136508", "0.7513650695523157"]
    assert rows["out_o1"][3] == "-1.045e-08" and rows["out_o1"][4:] == ["±", "5e-9"]
    assert rows["∂E_total/∂w1"][1] == "0.000438567"
    assert rows["∂net_o1/∂out_h1"][1:3] == ["0.41", "0.4"]


def test_assert_figures_hints_at_a_missing_backward():
    from autograd_mini.examples import mazur

    root = mazur.forward(mazur.parameters())
    with pytest.raises(AssertionError, match="was root.backward\\(\\) called"):
        assert_figures(root, grads={"w5": "0.082167041"})
    assert_figures(root, values={"out_o1": "0.75136507"})  # forward values need no backward


def test_assert_figures_unknown_and_ambiguous_labels_list_the_graph_labels():
    root = _mazur()
    with pytest.raises(ValueError) as err:
        assert_figures(root, values={"out_o3": "1", "out_o1": "0.75136507"}, grads={"w9": "0"})
    msg = str(err.value)
    assert msg.startswith("assert_figures: no node is labelled 'out_o3', 'w9'")
    assert "the graph's labels are:" in msg and "out_o1" in msg and "w5" in msg
    twins = Value(1.0, "a") * Value(2.0, "a")
    with pytest.raises(ValueError, match="several nodes are labelled 'a'"):
        assert_figures(twins, values={"a": "1"})
    with pytest.raises(ValueError, match="no node is labelled 'w9'"):
        assert_figures(root, local_grads={("net_o1", "w9"): "1"})
    with pytest.raises(ValueError, match="not a child"):
        assert_figures(root, local_grads={("net_o1", "w1"): "1"})


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"values": {"out_o1": 0.75}}, TypeError, "string as printed"),
        ({"values": [("out_o1", "0.75")]}, TypeError, "values must be a mapping"),
        ({"grads": "w5=0.08"}, TypeError, "grads must be a mapping"),
        ({"values": {1: "0.75"}}, TypeError, "node label"),
        ({"local_grads": {"net_o1": "0.5"}}, TypeError, "\\(node label, child label\\) pair"),
        ({"local_grads": {("net_o1", "w5", "x"): "0.5"}}, TypeError, "\\(node label, child label\\) pair"),
        ({"values": {"out_o1": "nan"}}, ValueError, "values\\['out_o1'\\]: published figure 'nan' must be a finite"),
        ({"grads": {"w5": "zero"}}, ValueError, "grads\\['w5'\\]: published figure .* is not a number"),
        ({"grads": {"w5": "1e999999999"}}, ValueError, "beyond the float range"),
        ({}, ValueError, "no figures given"),
        ({"values": {}, "grads": None}, ValueError, "no figures given"),
    ],
)
def test_assert_figures_bad_arguments(kwargs, error, words):
    with pytest.raises(error, match=f"assert_figures: .*{words}"):
        assert_figures(_mazur(), **kwargs)


@pytest.mark.parametrize("root", [None, 0.5, "E_total", [Value(1.0)]])
def test_assert_figures_root_must_be_a_value(root):
    with pytest.raises(TypeError, match="assert_figures: root must be a Value"):
        assert_figures(root, values={"x": "1"})


def test_assert_figures_checks_the_figures_before_the_labels():
    with pytest.raises(TypeError, match="string as printed"):
        assert_figures(_mazur(), values={"no such node": 1.0})


@pytest.mark.slow
def test_assert_figures_is_linear_on_a_long_chain():
    y = x = Value(1.0, "x")
    for _ in range(100_000):
        y = y * 1.0001 + 0.001
    y.label = "y"
    y.backward()
    assert_figures(y, values={"y": f"{y.data:.6f}"}, grads={"x": f"{x.grad:.6f}"})


def test_local_grad_wrt_of_a_wrong_type():
    with pytest.raises(TypeError, match="local_grad: wrt must be"):
        local_grad(Value(1.0) * 2, 3)
    with pytest.raises(TypeError, match="local_grad: expected a Value"):
        local_grad(3, "x")


def test_agrees_and_published_tolerance_name_themselves_in_errors():
    with pytest.raises(ValueError, match="^agrees: the computed value must be a finite number"):
        agrees(float("nan"), "0.4")
    with pytest.raises(TypeError, match="^published_tolerance: published figure must be a string"):
        published_tolerance(0.4)
    with pytest.raises(ValueError, match="^published_tolerance: .*beyond the float range"):
        published_tolerance("1e999999999")


def test_computed_decimals_at_any_exponent_never_raise_decimal_signals():
    with pytest.raises(ValueError, match="beyond the float range"):
        assert_published(Decimal("1e999999999"), "0.4")
    with pytest.raises(ValueError, match="beyond the float range"):
        assert_published(Decimal("-9e999999999999999999"), "0.4")
    with pytest.raises(AssertionError, match="difference -4.000e-01"):
        assert_published(Decimal("1e-999999999999999999"), "0.4")
    assert_published(Decimal("1.7976931348623157e308"), "1.8e308")


_JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12), st.decimals(),
    st.lists(st.integers(), max_size=2), st.tuples(st.text(max_size=6), st.text(max_size=6)),
)  # fmt: skip


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    values=st.one_of(_JUNK, st.dictionaries(st.one_of(st.none(), st.integers(), st.text(max_size=8), st.tuples(st.text(max_size=4))), _JUNK, max_size=3)),
    grads=st.one_of(st.none(), st.dictionaries(st.sampled_from(["w5", "w1", "out_o1", "nope", ""]), _JUNK, max_size=3)),
    local=st.one_of(st.none(), _JUNK, st.dictionaries(st.tuples(st.sampled_from(["net_o1", "x"]), st.sampled_from(["w5", "w1"])), _JUNK, max_size=2)),
)
@pytest.mark.slow
def test_assert_figures_lets_only_the_documented_exceptions_out(values, grads, local):
    root = _mazur()
    try:
        assert_figures(root, values, grads, local_grads=local)
    except (TypeError, ValueError, AssertionError) as error:
        assert str(error).startswith("assert_figures: ") or "local_grad: " in str(error)


# ---------------------------------------------------------------------- issue 19: messages that cannot read as a pass
def test_a_failure_just_beyond_the_tolerance_shows_enough_digits_to_see_it():
    with pytest.raises(AssertionError) as caught:
        assert_published(0.40500000000000004, "0.40")
    message = str(caught.value)
    assert "does NOT match the published 0.40" in message and "more than the printed precision allows (± 5e-3)" in message
    difference = message.split("difference ")[1].split(",")[0]
    assert Decimal(difference) > Decimal("5e-3"), difference  # not "+5.000e-03", which reads as within ± 5e-3


def test_a_long_figure_is_cut_with_an_ellipsis():
    long_figure = "0." + "4" * 400
    with pytest.raises(AssertionError) as caught:
        assert_published(0.5, long_figure)
    assert "0." + "4" * 57 + "…:" in str(caught.value) and long_figure not in str(caught.value)
    with pytest.raises(ValueError, match=r"figure '" + "1" * 39 + "…' is beyond the float range"):
        assert_published(1.0, "1" * 401)
