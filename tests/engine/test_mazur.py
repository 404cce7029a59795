"""Matt Mazur, "A Step by Step Backpropagation Example" (2015), reproduced number for number.

Every figure the post prints is asserted at its printed precision against a value the engine
computed (a node's data, a node's grad, a local derivative stored on a node, or a weight after one
`SGD` step). The post's two slips and its three after-training figures are documented here: the
correct value is asserted, and the post's figure is reproduced where a named variant explains it.
The figures are copied from the post (see the project's reference notes); none lives in the library.
"""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from graph_fixtures import nn_mazur

from autograd_mini import dot
from autograd_mini.testing import agrees, assert_published, local_grad
from nn import SGD
from nn.examples import mazur

# ---------------------------------------------------------------- the post's figures, as printed
FORWARD = {  # node label -> value printed in the forward pass
    "net_h1": "0.3775",
    "out_h1": "0.593269992",
    "out_h2": "0.596884378",
    "net_o1": "1.105905967",
    "out_o1": "0.75136507",
    "out_o2": "0.772928465",
    "E_o1": "0.274811083",
    "E_o2": "0.023560026",
    "E_total": "0.298371109",
}
OUT_H1_IN_HIDDEN_SECTION = "0.59326999"  # out_h1 as printed inside ∂out_h1/∂net_h1 = 0.59326999(1 − 0.59326999)

NODE_GRADS = {  # ∂E_total/∂node: the post's name -> (node label, figure)
    "∂E_total/∂out_o1": ("out_o1", "0.74136507"),
    "∂E_o1/∂net_o1 (δ_o1)": ("net_o1", "0.138498562"),  # net_o1 reaches E_total only through E_o1
    "∂E_total/∂out_h1": ("out_h1", "0.036350306"),
}
PARAMETER_GRADS = {"w5": "0.082167041", "w1": "0.000438568"}  # ∂E_total/∂w

LOCAL_DERIVATIVES = {  # ∂node/∂child, read off the node: (node, child, figure)
    "∂out_o1/∂net_o1": ("out_o1", "net_o1", "0.186815602"),
    "∂net_o1/∂w5": ("net_o1", "w5", "0.593269992"),
    "∂net_o1/∂out_h1": ("net_o1", "out_h1", "0.40"),
    "∂out_h1/∂net_h1": ("out_h1", "net_h1", "0.241300709"),
    "∂net_h1/∂w1": ("net_h1", "w1", "0.05"),
}
DE_O1_DOUT_H1 = "0.055399425"  # ∂E_o1/∂out_h1
DE_O2_DOUT_H1 = "-0.019049119"  # ∂E_o2/∂out_h1: the slip (see below)

UPDATED = {  # w⁺ = w − η·∂E_total/∂w, η = 0.5
    "w1": "0.149780716", "w2": "0.19956143", "w3": "0.24975114", "w4": "0.29950229",
    "w5": "0.35891648", "w6": "0.408666186", "w7": "0.511301270", "w8": "0.561370121",
}  # fmt: skip

AFTER_TRAINING = {
    "E after the first update": "0.291027924",
    "E after 10,000 iterations": "0.0000351085",
    "out_o1 after 10,000": "0.015912196",
    "out_o2 after 10,000": "0.984065734",
}
# what a correct engine gives (recomputed in float64 and at 30+ digits; reference notes)
CORRECT = {
    "∂E_o2/∂out_h1": "-0.0190491182583",
    "E after 1 update": "0.29102777369",
    "E after 10,000 updates": "3.51018778e-5",
    "E after 9,999 updates": "3.51085481e-5",
    "out_o1 after 10,000": "0.015913620",
    "out_o2 after 10,000": "0.984064274",
}


@pytest.fixture
def step1():
    """Mazur's network after one forward and one backward pass (fresh: some tests update it)."""
    return nn_mazur()[0]


# ---------------------------------------------------------------- forward pass
@pytest.mark.parametrize("label", FORWARD)
def test_forward_pass(step1, label):
    assert_published(step1.node(label).data, FORWARD[label], name=label)


def test_out_h1_as_printed_in_the_hidden_layer_section(step1):
    assert_published(step1.node("out_h1").data, OUT_H1_IN_HIDDEN_SECTION, name="out_h1")


def test_the_wiring_is_the_posts(step1):
    def children(label):
        return [c.label for c in step1.node(label).children]
    assert children("net_h1") == ["w1", "i1", "w2", "i2", "b1"]  # net_h1 = w1·i1 + w2·i2 + b1·1
    assert children("net_h2") == ["w3", "i1", "w4", "i2", "b1"]
    assert children("net_o1") == ["w5", "out_h1", "w6", "out_h2", "b2"]
    assert children("net_o2") == ["w7", "out_h1", "w8", "out_h2", "b2"]
    assert children("E_total") == ["E_o1", "E_o2"]


# ---------------------------------------------------------------- backward pass: output layer
@pytest.mark.parametrize("name", NODE_GRADS)
def test_node_gradients(step1, name):
    label, figure = NODE_GRADS[name]
    assert_published(step1.node(label).grad, figure, name=name)


@pytest.mark.parametrize("w", PARAMETER_GRADS)
def test_parameter_gradients(step1, w):
    assert_published(step1.parameter(w).grad, PARAMETER_GRADS[w], name=f"∂E_total/∂{w}")


@pytest.mark.parametrize("name", LOCAL_DERIVATIVES)
def test_local_derivatives_read_off_the_nodes(step1, name):
    node, child, figure = LOCAL_DERIVATIVES[name]
    assert_published(local_grad(step1.node(node), child), figure, name=name)


def test_dE_total_dw5_is_the_chain_of_the_three_local_pieces(step1):
    """∂E_total/∂w5 = ∂E_total/∂out_o1 · ∂out_o1/∂net_o1 · ∂net_o1/∂w5 (the post's product)."""
    chain = step1.node("out_o1").grad * local_grad(step1.node("out_o1"), "net_o1") * local_grad(step1.node("net_o1"), "w5")
    assert chain == pytest.approx(step1.parameter("w5").grad, rel=1e-15)


# ---------------------------------------------------------------- backward pass: hidden layer
def _partial_of(error_label: str, wrt: str) -> float:
    """∂E_ok/∂node: back-propagate from E_ok alone, on a fresh network."""
    net = mazur()
    net.forward()
    net.node(error_label).backward()
    return net.node(wrt).grad


def test_dE_o1_dout_h1():
    assert_published(_partial_of("E_o1", "out_h1"), DE_O1_DOUT_H1, name="∂E_o1/∂out_h1")


def test_slip_dE_o2_dout_h1_agrees_to_1e9_only():
    """The post prints ∂E_o2/∂out_h1 = −0.019049119; the exact value is −0.0190491182583.

    The post rounded an intermediate, δ_o2·w7 = −0.038098237 × 0.5 = −0.0190491185, then rounded
    again (half up) to 9 decimals. The published figure agrees to 1e-9, not to half a unit.
    """
    computed = _partial_of("E_o2", "out_h1")
    assert_published(computed, CORRECT["∂E_o2/∂out_h1"], name="∂E_o2/∂out_h1 (exact)")
    with pytest.raises(AssertionError, match="difference"):
        assert_published(computed, DE_O2_DOUT_H1, name="∂E_o2/∂out_h1 (published)")
    assert abs(computed - float(DE_O2_DOUT_H1)) < 1e-9
    # how the figure arose: δ_o2 rounded to 9 decimals, times w7, rounded again
    net = mazur()
    net.forward().backward()
    delta_o2 = Decimal(net.node("net_o2").grad).quantize(Decimal("1e-9"), ROUND_HALF_UP)
    assert str(delta_o2) == "-0.038098237"
    w7 = Decimal(local_grad(net.node("net_o2"), "out_h1"))
    assert str((delta_o2 * w7).quantize(Decimal("1e-9"), ROUND_HALF_UP)) == DE_O2_DOUT_H1


def test_dE_total_dout_h1_is_the_sum_over_both_outputs(step1):
    """∂E_total/∂out_h1 = ∂E_o1/∂out_h1 + ∂E_o2/∂out_h1: the engine adds both paths into out_h1.grad."""
    total = _partial_of("E_o1", "out_h1") + _partial_of("E_o2", "out_h1")
    assert step1.node("out_h1").grad == pytest.approx(total, rel=1e-15)


def test_slip_w3_typo_in_the_hidden_layer_section(step1):
    """The hidden-layer section writes net_h1 = w1·i1 + w3·i2 + b1; the forward pass uses w2.

    With w3 the net input would be 0.3825, not the published 0.3775 (which w2 gives)."""
    p, node = step1.parameter, step1.node
    typo = dot([p("w1"), p("w3")], [node("i1"), node("i2")], p("b1"), label="net_h1 (typo)")
    assert typo.data == pytest.approx(0.3825, abs=1e-15)
    with pytest.raises(AssertionError):
        assert_published(typo.data, FORWARD["net_h1"], name="net_h1 with w3")
    assert_published(node("net_h1").data, FORWARD["net_h1"], name="net_h1 with w2")


# ---------------------------------------------------------------- the update
def test_updated_weights_after_one_sgd_step(step1):
    """All gradients from the ORIGINAL weights, then one step: w⁺ = w − η·∂E_total/∂w."""
    SGD(step1.model.parameters(), lr=step1.lr).step()
    for w, figure in UPDATED.items():
        assert_published(step1.parameter(w).data, figure, name=f"{w}+")
    assert step1.parameter("b1").data == 0.35 and step1.parameter("b2").data == 0.60  # frozen


def test_one_step_of_train_gives_the_same_weights():
    net = mazur()
    net.train(1)
    for w, figure in UPDATED.items():
        assert_published(net.parameter(w).data, figure, name=f"{w}+ (train)")


# ---------------------------------------------------------------- after training
@pytest.fixture(scope="module")
def trained():
    """Both variants, 10,000 iterations each: (history, outputs) per variant."""
    runs = {}
    for variant in ("standard", "sequential"):
        net = mazur()
        history = net.train(10_000, variant=variant)
        runs[variant] = (history, [o.data for o in net.model(net.inputs)])
    return runs


@pytest.mark.slow
def test_error_after_the_first_update(trained):
    """The post's 0.291027924 is the "sequential" first version of its code; correct: 0.291027774."""
    standard, sequential = trained["standard"][0][1], trained["sequential"][0][1]
    assert_published(standard, CORRECT["E after 1 update"], name="E after 1 update")
    assert not agrees(standard, AFTER_TRAINING["E after the first update"])
    assert_published(sequential, AFTER_TRAINING["E after the first update"], name="E after 1 sequential update")


@pytest.mark.slow
def test_error_after_10000_iterations(trained):
    """The post's 0.0000351085 is the error after 9,999 updates (seen in the 10,000th forward pass)."""
    history = trained["standard"][0]
    assert len(history) == 10_001
    assert_published(history[10_000], CORRECT["E after 10,000 updates"], name="E after 10,000 updates")
    assert not agrees(history[10_000], AFTER_TRAINING["E after 10,000 iterations"])
    assert_published(history[9_999], CORRECT["E after 9,999 updates"], name="E after 9,999 updates")
    assert_published(history[9_999], AFTER_TRAINING["E after 10,000 iterations"], name="E after 9,999 updates")


@pytest.mark.slow
@pytest.mark.parametrize("k, name", [(0, "out_o1 after 10,000"), (1, "out_o2 after 10,000")])
def test_outputs_after_10000_iterations(trained, k, name):
    """The post's outputs 0.015912196 / 0.984065734 are the "sequential" variant's after 10,000 updates."""
    standard, sequential = trained["standard"][1][k], trained["sequential"][1][k]
    assert_published(standard, CORRECT[name], name=f"{name} (standard)")
    assert not agrees(standard, AFTER_TRAINING[name])
    assert_published(sequential, AFTER_TRAINING[name], name=f"{name} (sequential)")


def test_the_sequential_variant_backpropagates_through_the_updated_output_weights():
    """sequential: w5..w8 as in "standard", but ∂E/∂out_h1 = δ_o1·w5⁺ + δ_o2·w7⁺ for the hidden layer."""
    reference = mazur()
    reference.forward().backward()
    d_o1, d_o2 = reference.node("net_o1").grad, reference.node("net_o2").grad
    SGD(reference.model.parameters(), lr=0.5).step()
    w5, w7 = reference.parameter("w5").data, reference.parameter("w7").data
    out_h1 = reference.node("out_h1").data
    grad_w1 = (d_o1 * w5 + d_o2 * w7) * out_h1 * (1 - out_h1) * 0.05

    net = mazur()
    net.train(1, variant="sequential")
    for w in ("w5", "w6", "w7", "w8"):
        assert net.parameter(w).data == reference.parameter(w).data
    assert net.parameter("w1").data == pytest.approx(0.15 - 0.5 * grad_w1, abs=1e-16)
    assert not agrees(net.parameter("w1").data, UPDATED["w1"])  # the published w1+ is the standard one
