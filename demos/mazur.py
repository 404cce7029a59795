"""Matt Mazur's "A Step by Step Backpropagation Example" (2015), walked through as the post does.

Each line shows the post's figure, the value this engine computes, and whether they agree at the
precision the post prints (✓), or which slip of the post explains the difference. Then it writes
the network's computation graph to out/: mazur.svg (needs Graphviz's dot) and mazur.dot.

    python demos/mazur.py [OUT_DIR]      # OUT_DIR defaults to out/ in the project root
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from autograd_mini import Value  # noqa: E402
from autograd_mini.drawing.draw import GraphvizNotFoundError, draw_dot, save  # noqa: E402
from autograd_mini.testing import agrees, local_grad  # noqa: E402
from nn import SGD  # noqa: E402
from nn.examples import Mazur, mazur  # noqa: E402

# The post's figures, as printed (the tests keep their own copy of this table).
PUBLISHED = {
    "net_h1": "0.3775", "out_h1": "0.593269992", "out_h2": "0.596884378", "net_o1": "1.105905967",
    "out_o1": "0.75136507", "out_o2": "0.772928465",
    "E_o1": "0.274811083", "E_o2": "0.023560026", "E_total": "0.298371109",
    "∂E_total/∂out_o1": "0.74136507", "∂out_o1/∂net_o1": "0.186815602", "∂net_o1/∂w5": "0.593269992",
    "∂E_total/∂w5": "0.082167041",
    "∂E_o1/∂net_o1": "0.138498562", "∂net_o1/∂out_h1": "0.40", "∂E_o1/∂out_h1": "0.055399425",
    "∂E_o2/∂out_h1": "-0.019049119", "∂E_total/∂out_h1": "0.036350306", "∂out_h1/∂net_h1": "0.241300709",
    "∂net_h1/∂w1": "0.05", "∂E_total/∂w1": "0.000438568",
    "w1+": "0.149780716", "w2+": "0.19956143", "w3+": "0.24975114", "w4+": "0.29950229",
    "w5+": "0.35891648", "w6+": "0.408666186", "w7+": "0.511301270", "w8+": "0.561370121",
    "E after the first update": "0.291027924", "E after 10,000 iterations": "0.0000351085",
    "out_o1 after 10,000": "0.015912196", "out_o2 after 10,000": "0.984065734",
}  # fmt: skip

WIDTH = 28


def show(name: str, computed: float, explain: Callable[[], str] | None = None) -> None:
    """One line: the quantity, the post's figure, the engine's value (3 more decimals), the verdict."""
    figure = PUBLISHED[name]
    exponent = Decimal(figure).as_tuple().exponent
    decimals = (-exponent if isinstance(exponent, int) else 0) + 3
    verdict = "✓" if agrees(computed, figure) else "✗ " + (explain() if explain else "disagrees")
    engine = f"{computed:.{decimals}f}"
    print(f"  {name:<{WIDTH}} {figure:>14}   {engine:<17}  {verdict}")


def section(title: str) -> None:
    print(f"\n{title}\n  {'quantity':<{WIDTH}} {'post':>14}   {'engine':<17}  agrees")


def partial(error: str, wrt: str) -> float:
    """∂E_ok/∂node: back-propagate from one error term alone, on a fresh network."""
    net = mazur()
    net.forward()
    net.node(error).backward()
    return net.node(wrt).grad


def step_one(out: Path) -> Mazur:
    net = mazur()
    E_total = net.forward()
    E_total.backward()
    n, p = net.node, net.parameter

    section("The forward pass (i1 = 0.05, i2 = 0.10; w1..w8 = .15 .20 .25 .30 .40 .45 .50 .55; b1 = .35, b2 = .60)")
    for label in ("net_h1", "out_h1", "out_h2", "net_o1", "out_o1", "out_o2"):
        show(label, n(label).data)
    section("The errors: E = ½(target − out)²")
    for label in ("E_o1", "E_o2", "E_total"):
        show(label, n(label).data)

    section("The backward pass, output layer (grads of nodes; local derivatives read off the nodes)")
    show("∂E_total/∂out_o1", n("out_o1").grad)
    show("∂out_o1/∂net_o1", local_grad(n("out_o1"), "net_o1"))
    show("∂net_o1/∂w5", local_grad(n("net_o1"), "w5"))
    show("∂E_total/∂w5", p("w5").grad)

    section("The backward pass, hidden layer (with the ORIGINAL w5..w8)")
    show("∂E_o1/∂net_o1", n("net_o1").grad)
    show("∂net_o1/∂out_h1", local_grad(n("net_o1"), "out_h1"))
    show("∂E_o1/∂out_h1", partial("E_o1", "out_h1"))
    exact = partial("E_o2", "out_h1")
    show("∂E_o2/∂out_h1", exact, lambda: (
        f"slip: exact {exact:.13f}; the post rounded δ_o2·w7 = −0.038098237 × 0.5 twice "
        f"(off by {abs(exact - float(PUBLISHED['∂E_o2/∂out_h1'])):.1e} < 1e-9)"))  # fmt: skip
    show("∂E_total/∂out_h1", n("out_h1").grad)
    show("∂out_h1/∂net_h1", local_grad(n("out_h1"), "net_h1"))
    show("∂net_h1/∂w1", local_grad(n("net_h1"), "w1"))
    show("∂E_total/∂w1", p("w1").grad)
    typo = p("w1").data * n("i1").data + p("w3").data * n("i2").data + p("b1").data
    print(f"  (slip: the post's hidden-layer section writes net_h1 = w1·i1 + w3·i2 + b1, which is {typo:.4f};"
          f"\n   the forward pass, and this engine, use w2: net_h1 = {n('net_h1').data:.4f} ✓)")

    write_graph(E_total, out)  # drawn now: after the update the weights would no longer match the pass

    section("The updated weights: w⁺ = w − η·∂E_total/∂w, η = 0.5, all from the original weights")
    SGD(net.model.parameters(), lr=net.lr).step()
    for k in range(1, 9):
        show(f"w{k}+", p(f"w{k}").data)
    return net


def training() -> None:
    standard, sequential = mazur(), mazur()
    history = standard.train(10_000, variant="standard")
    seq_history = sequential.train(10_000, variant="sequential")
    outs = [o.data for o in standard.model(standard.inputs)]
    seq_outs = [o.data for o in sequential.model(sequential.inputs)]

    section('Training: 10,000 iterations of forward, backward, update ("standard"; biases frozen)')
    show("E after the first update", history[1], lambda: (
        f'slip: the post ran its first code, "sequential" (w5..w8 updated before the hidden-layer '
        f"gradients): {seq_history[1]:.12f} {'✓' if agrees(seq_history[1], PUBLISHED['E after the first update']) else '✗'}"))  # fmt: skip
    show("E after 10,000 iterations", history[10_000], lambda: (
        f"slip: that is the error after 9,999 updates, seen in the 10,000th forward pass: "
        f"{history[9_999]:.13f} {'✓' if agrees(history[9_999], PUBLISHED['E after 10,000 iterations']) else '✗'}"))  # fmt: skip
    def sequential_output(k: int, name: str) -> Callable[[], str]:
        return lambda: f'slip: the "sequential" code\'s output: {seq_outs[k]:.12f} {"✓" if agrees(seq_outs[k], PUBLISHED[name]) else "✗"}'

    for k, name in enumerate(("out_o1 after 10,000", "out_o2 after 10,000")):
        show(name, outs[k], sequential_output(k, name))


def write_graph(root: Value, out: Path) -> None:
    """The step-1 graph (before any update, so every number on it is from the same pass), boxed by
    layer, as SVG and DOT source. Without Graphviz's dot only the source is written."""
    drawing = draw_dot(root, clusters="layers", title="Mazur 2-2-2: forward values and ∂E_total/∂node")
    dot_file = save(drawing, out / "mazur.dot")
    try:
        print(f"\nComputation graph: {save(drawing, out / 'mazur.svg')} (DOT source: {dot_file})")
    except GraphvizNotFoundError as error:
        print(f"\nComputation graph (DOT source): {dot_file}\n  {error}")


def main(argv: list[str]) -> None:
    print('Matt Mazur, "A Step by Step Backpropagation Example": the post\'s figures beside this engine\'s')
    print("(✓: agrees to half a unit in the last printed place)")
    step_one(Path(argv[0]) if argv else ROOT / "out")
    training()


if __name__ == "__main__":
    main(sys.argv[1:])
