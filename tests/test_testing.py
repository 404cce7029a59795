"""autograd_mini.testing: published figures checked at their printed precision."""

from decimal import Decimal

import pytest

from autograd_mini import Value
from autograd_mini.testing import agrees, assert_published, local_grad, published_tolerance


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
