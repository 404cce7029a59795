"""Speed of autograd-mini against micrograd and PyTorch scalar tensors, in one process.

    bash scripts/run.sh bench            # sets up .venv with the peers, then runs this
    python benchmarks/bench.py --quick   # fewer repeats

Every engine does the same work on the same weights, interleaved and repeated; the table shows
medians and ratios against micrograd (how many times faster than micrograd; > 1 is faster).
The garbage collector stays ON, as users run it. A correctness gate runs first: the gradients of
every engine must agree with PyTorch float64 to 1e-9, else no timing is printed.

Work measured:
- epoch: one training step of an MLP 2-16-16-1 (relu, relu, linear) on 100 points, micrograd's demo
  loss (mean hinge + 1e-4·L2), one graph: forward, backward, SGD update, and freeing the graph.
  autograd-mini runs it twice: with its own `nn.MLP` (a neuron's net input is ONE node) and with a
  graph built op by op (`*`, `+`, relu) exactly as micrograd builds it.
- chain: y = y·a + b, per node (forward, backward, free), in chains short enough for micrograd.
- long chains with plain numbers, as users write them: y = y·1.0001 + 0.001, 10,000 steps (20,000 ops,
  each with its constant), forward + backward + free, per op, with the collector on and off; beside
  them the pure-Python floor (a `__slots__` object, one float op, one closure per node, backward
  calling the closures in reverse; like micrograd, its closures make cycles, so freeing needs the
  collector, which is included, as for every engine), measured in the same run, interleaved; and that chain split into forward
  (plain-number constants vs `Value` constants) and backward (sort vs chain-rule loop).
- tracing: `explain`, `tape` and `worksheet` on a 1,000,000-node chain and a ~1,000-node network,
  each in a child process; a row that takes over 60 s is skipped with a note.
- wide sum: Σ a_i·b_i over 100,000 pairs, each engine's natural form (autograd-mini `sum_values`,
  torch `stack().sum()`, micrograd a chain of `+`, with the recursion limit raised so that it finishes).
- deepest chain: the longest y = y·a + b chain each engine back-propagates.
- memory per node (resident memory of a 200,000-node chain) and time to free a graph.
- second order (issue 22): on the epoch's nn.MLP and data, a first-order pass (forward, backward) against
  a second-order pass (forward, ``grad(loss, params, create_graph=True)``, then ``backward()`` through the
  gradient penalty Σ(∂L/∂w)²), graphs freed; PyTorch scalars do the same with ``torch.autograd.grad``.

    python benchmarks/bench.py --only epochs     # the correctness gate, the epochs and the second-order rows
"""

from __future__ import annotations

import argparse
import gc
import importlib
import math
import os
import random
import statistics
import sys
import time
from typing import Any, Callable

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from autograd_mini import Value, grad, sum_values  # noqa: E402
from nn import MLP  # noqa: E402


def _optional(name: str) -> Any:
    """The module, or None when it is not installed (micrograd and torch are the `bench` extra)."""
    try:
        return importlib.import_module(name)
    except ImportError:  # pragma: no cover - depends on the machine
        return None


mg_engine, mg_nn, torch = _optional("micrograd.engine"), _optional("micrograd.nn"), _optional("torch")

SIZES = [16, 16, 1]
N_POINTS = 100
ALPHA = 1e-4
LR = 0.1


# ------------------------------------------------------------------ shared data and weights
def make_problem(seed: int = 1):
    """100 points of two interleaved half-moons (labels ±1) and one set of initial weights."""
    rng = random.Random(seed)
    X, y = [], []
    for k in range(N_POINTS):
        t = math.pi * rng.random()
        if k % 2:
            X.append([math.cos(t) + rng.gauss(0, 0.1), math.sin(t) + rng.gauss(0, 0.1)])
            y.append(1.0)
        else:
            X.append([1 - math.cos(t) + rng.gauss(0, 0.1), 0.5 - math.sin(t) + rng.gauss(0, 0.1)])
            y.append(-1.0)
    weights, biases, nin = [], [], 2
    for nout in SIZES:
        weights.append([[rng.uniform(-1, 1) for _ in range(nin)] for _ in range(nout)])
        biases.append([rng.uniform(-0.1, 0.1) for _ in range(nout)])
        nin = nout
    return X, y, weights, biases


# ------------------------------------------------------------------ one epoch per engine
def ours_mlp(W, B):
    return MLP(2, SIZES, activation=["relu", "relu", "linear"], bias="neuron", weights=W, biases=B)


def epoch_ours_mlp(model, X, y) -> list[float]:
    params = model.parameters()
    losses = [(1 - yi * model(xi)[0]).relu() for xi, yi in zip(X, y)]
    loss = sum_values(losses) * (1.0 / len(losses)) + ALPHA * sum_values([p * p for p in params])
    for p in params:
        p.grad = 0.0
    loss.backward()
    for p in params:
        p.data -= LR * p.grad
    # gradients in the peers' order: per neuron, its weights then its bias
    return [p.grad for layer in model.layers for n in layer.neurons for p in (*n.weight, n.bias)]


class OpByOp:
    """A 2-16-16-1 network built op by op, as micrograd's `nn` builds it, for any scalar engine."""

    def __init__(self, make: Callable[[float], Any], W, B, relu: Callable):
        self.layers = [[([make(w) for w in row], make(b)) for row, b in zip(Wl, Bl)] for Wl, Bl in zip(W, B)]
        self.relu = relu

    def parameters(self):
        return [p for layer in self.layers for ws, b in layer for p in (*ws, b)]

    def __call__(self, x):
        for k, layer in enumerate(self.layers):
            last = k == len(self.layers) - 1
            out = []
            for ws, b in layer:
                act = sum((wi * xi for wi, xi in zip(ws, x)), b)
                out.append(act if last else self.relu(act))
            x = out
        return x[0]


def epoch_op_by_op(model, X, y, relu, zero, read, update) -> list[float]:
    params = model.parameters()
    losses = [relu(1 + -yi * model(xi)) for xi, yi in zip(X, y)]
    loss = sum(losses) * (1.0 / len(losses)) + ALPHA * sum(p * p for p in params)
    zero(params)
    loss.backward()
    grads = read(params)
    update(params)
    return grads


def mlp_loss(model, X, y):
    """The epoch's loss: mean hinge + α·L2, one graph."""
    params = model.parameters()
    losses = [(1 - yi * model(xi)[0]).relu() for xi, yi in zip(X, y)]
    return sum_values(losses) * (1.0 / len(losses)) + ALPHA * sum_values([p * p for p in params])


def pass_ours(model, X, y, order: int) -> list[float]:
    """A first-order pass (forward, backward) or a second-order one (forward, grad with create_graph=True,
    backward() through Σ(∂L/∂w)²); returns the parameters' gradients."""
    params = model.parameters()
    for p in params:
        p.grad = 0.0
    loss = mlp_loss(model, X, y)
    if order == 1:
        loss.backward()
    else:
        penalty = sum_values([g * g for g in grad(loss, params, create_graph=True)])
        penalty.backward()
    return [p.grad for layer in model.layers for n in layer.neurons for p in (*n.weight, n.bias)]  # the peers' order


def pass_torch(model, X, y, order: int) -> list[float]:
    """The same passes on PyTorch scalar tensors (the op-by-op model): torch.autograd.grad(create_graph=True)."""
    params = model.parameters()
    for p in params:
        p.grad = None
    losses = [torch.relu(1 + -yi * model(xi)) for xi, yi in zip(X, y)]
    loss = sum(losses) * (1.0 / len(losses)) + ALPHA * sum(p * p for p in params)
    if order == 1:
        loss.backward()
    else:
        gs = torch.autograd.grad(loss, params, create_graph=True)
        sum(g * g for g in gs).backward()
    return [p.grad.item() if p.grad is not None else 0.0 for p in params]


def engines(W, B):
    """name -> (make model, run one epoch returning gradients)."""
    out: dict[str, tuple[Callable[[], Any], Callable[..., list[float]]]] = {}
    out["autograd-mini nn.MLP"] = (lambda: ours_mlp(W, B), epoch_ours_mlp)

    def zero_v(ps):
        for p in ps:
            p.grad = 0.0

    def upd_v(ps):
        for p in ps:
            p.data -= LR * p.grad

    read_v = lambda ps: [p.grad for p in ps]  # noqa: E731
    out["autograd-mini op by op"] = (
        lambda: OpByOp(Value, W, B, Value.relu),
        lambda m, X, y: epoch_op_by_op(m, X, y, Value.relu, zero_v, read_v, upd_v),
    )
    if mg_engine is not None:
        def mg_model():
            m = mg_nn.MLP(2, SIZES)
            for layer, Wl, Bl in zip(m.layers, W, B):
                for n, row, b in zip(layer.neurons, Wl, Bl):
                    for p, w in zip(n.w, row):
                        p.data = w
                    n.b.data = b
            return m
        out["micrograd 0.1.0"] = (mg_model, lambda m, X, y: epoch_op_by_op(m, X, y, mg_engine.Value.relu, zero_v, read_v, upd_v))
    if torch is not None:
        def t_make(x):
            return torch.tensor(x, dtype=torch.float64, requires_grad=True)

        def zero_t(ps):
            for p in ps:
                p.grad = None

        def read_t(ps):
            return [p.grad.item() for p in ps]

        def upd_t(ps):
            with torch.no_grad():
                for p in ps:
                    p -= LR * p.grad

        out["PyTorch scalars"] = (
            lambda: OpByOp(t_make, W, B, torch.relu),
            lambda m, X, y: epoch_op_by_op(m, X, y, torch.relu, zero_t, read_t, upd_t),
        )
    return out


def param_order_check(name, grads_by_engine, reference):
    """The correctness gate: every engine's gradients equal the reference to 1e-9."""
    ref = grads_by_engine[reference]
    for name, g in grads_by_engine.items():
        if len(g) != len(ref):
            return f"{name}: {len(g)} gradients, the reference has {len(ref)}"
        worst = max(abs(a - b) / max(1.0, abs(b)) for a, b in zip(g, ref))
        if worst > 1e-9:
            return f"{name}: gradients differ from {reference} by {worst:.3g} (> 1e-9)"
    return None


# ------------------------------------------------------------------ measurements
def timed_until_freed(fn: Callable[[], object]) -> float:
    """Seconds for ``fn()`` plus freeing everything it left behind.

    The garbage collector stays on during ``fn`` (so its automatic passes are paid, as users pay
    them). Afterwards a full ``gc.collect()`` frees what only the collector can free (micrograd's
    graphs are reference cycles); the cost of a full collection of the rest of the process (torch's
    modules alone are ~1e5 objects) is measured right after and subtracted, so each engine pays
    for its own garbage only.
    """
    gc.collect()
    t0 = time.perf_counter()
    fn()
    gc.collect()
    t1 = time.perf_counter()
    gc.collect()
    t2 = time.perf_counter()
    return max(0.0, (t1 - t0) - (t2 - t1))


def epoch_and_free(make, run, X, y, epochs: int = 3) -> float:
    """Seconds per epoch, for `epochs` back-to-back epochs, graphs freed included."""
    model = make()

    def work():
        for _ in range(epochs):
            run(model, X, y)

    return timed_until_freed(work) / epochs


def chain_per_node(kind: str, steps: int = 200, repeats: int = 100) -> float:
    """µs per node for y = y·a + b chains (forward, backward, free), 2·steps nodes per chain."""
    mk: Any = {"ours": Value, "micrograd": getattr(mg_engine, "Value", None),
          "torch": (lambda v: torch.tensor(v, dtype=torch.float64, requires_grad=True)) if torch else None}[kind]
    a, b = mk(1.0), mk(0.0)

    def work():
        for _ in range(repeats):
            y = mk(1.0)
            for _ in range(steps):
                y = y * a + b
            y.backward()

    return timed_until_freed(work) / (repeats * 2 * steps) * 1e6


class _FloorNode:
    """The pure-Python floor: what any closure-based scalar engine must at least do per node."""

    __slots__ = ("data", "grad", "back")
    data: float
    grad: float
    back: Any


def floor_chain(steps: int) -> None:
    """y = y·1.0001 + 0.001 with the floor's nodes: one object, one float op, one closure per node;
    backward calls the closures of a tape in reverse (no sort, no checks, no constants as nodes)."""
    tape = []
    y = _FloorNode()
    y.data, y.grad, y.back = 1.0, 0.0, None
    for _ in range(steps):
        for c, mul in ((1.0001, True), (0.001, False)):
            x, y = y, _FloorNode()
            y.data, y.grad = (x.data * c if mul else x.data + c), 0.0
            if mul:
                def back_mul(x=x, y=y, c=c):
                    x.grad += c * y.grad
                y.back = back_mul
            else:
                def back_add(x=x, y=y):
                    x.grad += y.grad
                y.back = back_add
            tape.append(y)
    y.grad = 1.0
    for n in reversed(tape):
        n.back()


def plain_chain_per_op(kind: str, collector: bool, steps: int = 10_000, chains: int = 5) -> float:
    """µs per op of y = y·1.0001 + 0.001 (plain-number constants), forward + backward + free; `chains`
    chains back to back per timing, so the work outweighs the noise of the full collections around it."""
    mk: Any = {"ours": Value, "micrograd": getattr(mg_engine, "Value", None), "floor": None,
          "torch": (lambda v: torch.tensor(v, dtype=torch.float64, requires_grad=True)) if torch else None}[kind]

    def work():
        for _ in range(chains):
            if kind == "floor":
                floor_chain(steps)
                continue
            y = mk(1.0)
            for _ in range(steps):
                y = y * 1.0001 + 0.001
            y.backward()

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 100_000))  # micrograd's recursive sort needs 20,000 frames
    try:
        if collector:
            return timed_until_freed(work) / (2 * steps * chains) * 1e6
        gc.disable()
        try:
            return timed_until_freed(work) / (2 * steps * chains) * 1e6
        finally:
            gc.enable()
    finally:
        sys.setrecursionlimit(limit)


def chain_parts(steps: int = 10_000) -> dict[str, float]:
    """Ours, collector off, µs: forward per op with plain numbers and with Value constants; backward per
    node split into the sort and the rest (reset, chain-rule loop, finiteness check)."""
    from autograd_mini.engine import topological_order

    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        y = Value(1.0)
        for _ in range(steps):
            y = y * 1.0001 + 0.001
        t1 = time.perf_counter()
        a, b = Value(1.0001), Value(0.001)
        z = Value(1.0)
        for _ in range(steps):
            z = z * a + b
        t2 = time.perf_counter()
        nodes = len(topological_order(y))
        t3 = time.perf_counter()
        topological_order(y)
        t4 = time.perf_counter()
        y.backward()
        t5 = time.perf_counter()
        del y, z
    finally:
        gc.enable()
    ops = 2 * steps
    return {"fwd plain": (t1 - t0) / ops * 1e6, "fwd values": (t2 - t1) / ops * 1e6,
            "sort": (t4 - t3) / nodes * 1e6, "backward": (t5 - t4) / nodes * 1e6}


def tracing_time(fn: str, graph: str, timeout: float = 60.0) -> float | str:
    """Seconds for one tracing call in a fresh child process (graph built and back-propagated first,
    not timed); a call slower than ``timeout`` is stopped and reported as such."""
    import subprocess
    try:
        out = subprocess.run([sys.executable, __file__, "--tracing-child", fn, graph], capture_output=True, text=True,
                             timeout=timeout + 60, check=True)
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f} s (stopped; skipped)"
    except subprocess.CalledProcessError as e:
        return f"failed: {e.stderr.strip().splitlines()[-1] if e.stderr.strip() else e.returncode}"
    seconds = float(out.stdout.strip().splitlines()[-1])
    return seconds if seconds <= timeout else f"> {timeout:.0f} s ({seconds:.0f} s; skipped)"


def _tracing_child(fn: str, graph: str) -> float:
    from autograd_mini import explain, tape, worksheet

    if graph == "chain":  # 1,000,000 nodes: 250,000 steps of y·1.0001 + 0.001, constants included
        x = Value(0.5, "x")
        y = x
        for _ in range(250_000):
            y = y * 1.0001 + 0.001
    else:  # a 2-16-16-1 network built op by op on one point, squared error: ~1,000 nodes
        X, _, W, B = make_problem()
        net = OpByOp(Value, W, B, Value.relu)
        first: Value = net.layers[0][0][0][0]
        first.label = "w1"
        y = (net(X[0]) - 1.0) ** 2
    y.backward()
    t0 = time.perf_counter()
    if fn == "explain":
        explain(y, "x" if graph == "chain" else "w1").text()
    elif fn == "tape":
        tape(y).text()
    else:
        worksheet(y)
    return time.perf_counter() - t0


def wide_sum(kind: str, n: int = 100_000) -> float | str:
    """Seconds for Σ a_i·b_i (forward + backward + free)."""
    rng = random.Random(5)
    vals = [(rng.uniform(-1, 1), rng.uniform(-1, 1)) for _ in range(n)]

    def work():
        if kind == "ours":
            total = sum_values([Value(p) * Value(q) for p, q in vals])
        elif kind == "torch":
            ps = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p, _ in vals]
            total = torch.stack([x * q for x, (_, q) in zip(ps, vals)]).sum()
        else:
            total = sum(mg_engine.Value(p) * mg_engine.Value(q) for p, q in vals)
        total.backward()

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 1_000_000))  # micrograd's recursive sort: 200,000 frames deep here
    try:
        return timed_until_freed(work)
    except RecursionError:
        gc.collect()
        return "RecursionError"
    finally:
        sys.setrecursionlimit(limit)


def deepest_chain(kind: str, limit: int = 1_000_000) -> str:
    """The longest y = y·a + b chain (in nodes) that back-propagates, searched by doubling up to `limit`."""
    mk: Any = {"ours": Value, "micrograd": getattr(mg_engine, "Value", None),
          "torch": (lambda v: torch.tensor(v, dtype=torch.float64, requires_grad=True)) if torch else None}[kind]

    def ok(nodes: int) -> bool:
        a, b = mk(1.0), mk(0.0)
        y = mk(1.0)
        for _ in range(nodes // 2):
            y = y * a + b
        try:
            y.backward()
            return True
        except RecursionError:
            return False
        finally:
            del y
            gc.collect()

    if ok(limit):
        return f">= {limit:,}"
    lo, hi = 2, limit  # ok(lo) assumed; binary search on even node counts
    while hi - lo > 2:
        mid = (lo + hi) // 4 * 2
        lo, hi = (mid, hi) if ok(mid) else (lo, mid)
    return f"{lo:,} (RecursionError beyond)"


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def memory_per_node(kind: str) -> float:
    """Measured in a fresh interpreter, so memory another engine freed cannot be reused."""
    import subprocess
    out = subprocess.run([sys.executable, __file__, "--memory-child", kind], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def _memory_child(kind: str, steps: int = 100_000) -> float:
    """Resident bytes per node of a y = y·a + b chain of 2·steps nodes, graph held, before backward."""
    mk: Any = {"ours": Value, "micrograd": getattr(mg_engine, "Value", None),
          "torch": (lambda v: torch.tensor(v, dtype=torch.float64, requires_grad=True)) if torch else None}[kind]
    gc.collect()
    a, b = mk(1.0), mk(0.0)
    before = rss_bytes()
    y = mk(1.0)
    for _ in range(steps):
        y = y * a + b
    used = rss_bytes() - before
    del y
    gc.collect()
    return used / (2 * steps)


def free_time(kind: str, steps: int = 100_000) -> float:
    """Seconds to free a 2·steps-node chain: drop the last reference, then collect."""
    mk: Any = {"ours": Value, "micrograd": getattr(mg_engine, "Value", None),
          "torch": (lambda v: torch.tensor(v, dtype=torch.float64, requires_grad=True)) if torch else None}[kind]
    a, b = mk(1.0), mk(0.0)
    holder = [mk(1.0)]
    for _ in range(steps):
        holder[0] = holder[0] * a + b
    return timed_until_freed(holder.clear)


# ------------------------------------------------------------------ report
def fmt_time(s: float) -> str:
    return f"{s * 1e3:.1f} ms" if s >= 1e-3 else f"{s * 1e6:.1f} µs"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=7, help="interleaved repeats per measurement (median reported)")
    ap.add_argument("--quick", action="store_true", help="3 repeats, a shorter deepest-chain search")
    ap.add_argument("--only", choices=["epochs"], help="only the correctness gate, the epochs and the second-order rows")
    ap.add_argument("--memory-child", choices=["ours", "micrograd", "torch"], help=argparse.SUPPRESS)
    ap.add_argument("--tracing-child", nargs=2, metavar=("FN", "GRAPH"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.memory_child:
        print(_memory_child(args.memory_child))
        return 0
    if args.tracing_child:
        print(_tracing_child(*args.tracing_child))
        return 0
    reps = 3 if args.quick else args.repeats
    missing = [n for n, m in (("micrograd", mg_engine), ("torch", torch)) if m is None]
    if missing:
        print(f"missing peers: {', '.join(missing)} (pip install -e '.[bench]' or: bash scripts/run.sh bench); "
              "their columns are left out", file=sys.stderr)
    X, y, W, B = make_problem()
    eng = engines(W, B)

    # 1. the correctness gate
    grads = {name: run(make(), X, y) for name, (make, run) in eng.items()}
    reference = "PyTorch scalars" if torch is not None else "autograd-mini op by op"
    problem = param_order_check(None, grads, reference)
    if problem:
        print(f"correctness gate FAILED: {problem}; no timing printed", file=sys.stderr)
        return 1
    print(f"correctness gate: {len(grads)} engines, {len(grads[reference])} gradients each, all within 1e-9 of {reference}")

    # 2. epochs, interleaved
    times: dict[str, list[float]] = {name: [] for name in eng}
    for _ in range(reps):
        for name, (make, run) in eng.items():
            times[name].append(epoch_and_free(make, run, X, y))
    epoch = {n: statistics.median(t) for n, t in times.items()}
    second = second_order(W, B, X, y, reps)
    if args.only == "epochs":
        return report_epochs(epoch, second)

    kinds = ["ours"] + (["micrograd"] if mg_engine else []) + (["torch"] if torch else [])
    rows = []

    def interleave(fn, *a):
        res: dict[str, list[Any]] = {k: [] for k in kinds}
        for _ in range(reps):
            for k in kinds:
                res[k].append(fn(k, *a))
        return {k: (statistics.median(v) if all(isinstance(x, float) for x in v) else v[0]) for k, v in res.items()}

    chain = interleave(chain_per_node)
    plain_kinds = kinds + ["floor"]
    plain: dict[bool, dict[str, float]] = {}
    for collector in (True, False):
        res: dict[str, list[float]] = {k: [] for k in plain_kinds}
        for _ in range(reps):
            for k in plain_kinds:
                res[k].append(plain_chain_per_op(k, collector))
        plain[collector] = {k: statistics.median(v) for k, v in res.items()}
    part_runs = [chain_parts() for _ in range(reps)]
    parts = {k: statistics.median(r[k] for r in part_runs) for k in part_runs[0]}
    wide = interleave(wide_sum)
    mem = {k: memory_per_node(k) for k in kinds}
    free = interleave(free_time)
    deep = {k: deepest_chain(k, 200_000 if args.quick else 1_000_000) for k in kinds}

    def ratio(mine, theirs):  # ours ÷ micrograd: a time (or memory) ratio, lower is better
        if not isinstance(mine, float) or not isinstance(theirs, float):
            return "—"
        return f"{mine / theirs:.3f}×"

    mg = "micrograd 0.1.0"
    rows.append(("epoch, nn.MLP (graph freed)", fmt_time(epoch["autograd-mini nn.MLP"]), fmt_time(epoch[mg]) if mg in epoch else "—",
                 fmt_time(epoch["PyTorch scalars"]) if "PyTorch scalars" in epoch else "—", ratio(epoch["autograd-mini nn.MLP"], epoch.get(mg))))
    rows.append(("epoch, op by op (graph freed)", fmt_time(epoch["autograd-mini op by op"]), fmt_time(epoch[mg]) if mg in epoch else "—",
                 fmt_time(epoch["PyTorch scalars"]) if "PyTorch scalars" in epoch else "—", ratio(epoch["autograd-mini op by op"], epoch.get(mg))))
    rows += second_order_rows(second)
    cell = lambda d, k, f: (f(d[k]) if isinstance(d.get(k), float) else str(d.get(k, "—")))  # noqa: E731
    rows.append(("chain y = y·a + b, per node", cell(chain, "ours", lambda v: f"{v:.2f} µs"), cell(chain, "micrograd", lambda v: f"{v:.2f} µs"),
                 cell(chain, "torch", lambda v: f"{v:.2f} µs"), ratio(chain["ours"], chain.get("micrograd"))))
    us = lambda v: f"{v:.2f} µs"  # noqa: E731
    for collector, word in ((True, "on"), (False, "off")):
        p = plain[collector]
        rows.append((f"chain y = y·1.0001 + 0.001 with plain numbers, 10,000 steps, fwd + bwd + free, per op, collector {word}",
                     cell(p, "ours", us), cell(p, "micrograd", us), cell(p, "torch", us), ratio(p["ours"], p.get("micrograd"))))
        rows.append((f"the same chain, pure-Python floor (slots object + float op + closure per node), collector {word}",
                     cell(p, "floor", us), "—", "—", f"ours ÷ floor = {p['ours'] / p['floor']:.2f}×"))
    rows.append(("that chain's forward per op, plain-number constants (collector off)", us(parts["fwd plain"]), "—", "—", "—"))
    rows.append(("that chain's forward per op, constants as leaf Values (collector off)", us(parts["fwd values"]), "—", "—", "—"))
    rows.append(("its backward per node: the topological sort (collector off)", us(parts["sort"]), "—", "—", "—"))
    rows.append(("its backward per node: all of backward(), sort included (collector off)", us(parts["backward"]), "—", "—", "—"))
    rows.append(("wide sum of 100,000 products", cell(wide, "ours", fmt_time), cell(wide, "micrograd", fmt_time),
                 cell(wide, "torch", fmt_time), ratio(wide["ours"], wide.get("micrograd"))))
    rows.append(("deepest chain that back-propagates", deep["ours"], deep.get("micrograd", "—"), deep.get("torch", "—"), "—"))
    rows.append(("memory per node", cell(mem, "ours", lambda v: f"{v:.0f} B"), cell(mem, "micrograd", lambda v: f"{v:.0f} B"),
                 cell(mem, "torch", lambda v: f"{v:.0f} B"), ratio(mem["ours"], mem.get("micrograd"))))
    rows.append(("free a 200,000-node chain", cell(free, "ours", fmt_time), cell(free, "micrograd", fmt_time),
                 cell(free, "torch", fmt_time), ratio(free["ours"], free.get("micrograd"))))

    tracing = {(fn, g): tracing_time(fn, g) for g in ("chain", "net") for fn in ("explain", "tape", "worksheet")}
    for (fn, g), t in tracing.items():
        what = "a 1,000,000-node chain" if g == "chain" else "a ~1,000-node 2-16-16-1 network (one point)"
        rows.append((f"`{fn}` on {what}", fmt_time(t) if isinstance(t, float) else t, "—", "—", "—"))

    print(f"\nPython {sys.version.split()[0]}, {os.cpu_count()} cores, collector ON unless a row says off, "
          f"medians of {reps} interleaved runs\n")
    print("| work | autograd-mini | micrograd 0.1.0 | PyTorch scalars | autograd-mini ÷ micrograd |")
    print("|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")

    mg_epoch = epoch.get(mg)
    checks = [
        ("chain with plain numbers, collector on ≤ 0.33× micrograd", plain[True]["ours"], plain[True].get("micrograd"), 0.33),
        ("chain with plain numbers, collector off ≤ 0.5× micrograd", plain[False]["ours"], plain[False].get("micrograd"), 0.5),
        ("chain with plain numbers ≤ 2× the pure-Python floor, collector on", plain[True]["ours"], plain[True]["floor"], 2.0),
        ("chain with plain numbers ≤ 2× the pure-Python floor, collector off", plain[False]["ours"], plain[False]["floor"], 2.0),
        ("nn.MLP epoch ≤ 0.02× micrograd", epoch["autograd-mini nn.MLP"], mg_epoch, 0.02),
        ("wide sum ≤ 0.2× micrograd", wide["ours"], wide.get("micrograd"), 0.2),
        ("memory per node ≤ 0.33× micrograd", mem["ours"], mem.get("micrograd"), 0.33),
    ]
    print("\nTargets (issue 11):")
    for text, mine, ref, limit in checks:
        if isinstance(mine, float) and isinstance(ref, float):
            quotient = mine / ref
            print(f"- {text}: {quotient:.3f}× -> {'met' if quotient <= limit else f'MISSED by {quotient / limit:.2f}×'}")
        else:
            print(f"- {text}: not measured")
    for (fn, g), t in tracing.items():
        limit = 10.0 if g == "chain" else 0.05
        status = "met" if isinstance(t, float) and t < limit else "MISSED"
        print(f"- `{fn}` on the {'1,000,000-node chain < 10 s' if g == 'chain' else '~1,000-node network < 50 ms'}: "
              f"{fmt_time(t) if isinstance(t, float) else t} -> {status}")
    print(f"- a 1,000,000-node chain back-propagates: {deep['ours']}")
    print_second_order_target(second)
    return 0


def second_order(W, B, X, y, reps: int) -> dict[str, float]:
    """Seconds per first- and second-order pass (graphs freed), ours and PyTorch's, interleaved; after a
    gate: the second-order gradients of both engines agree to 1e-9."""
    runs: dict[str, tuple[Callable, Callable]] = {"ours": (lambda: ours_mlp(W, B), pass_ours)}
    if torch is not None:
        t_make = lambda x: torch.tensor(x, dtype=torch.float64, requires_grad=True)  # noqa: E731
        runs["torch"] = (lambda: OpByOp(t_make, W, B, torch.relu), pass_torch)
        mine, theirs = pass_ours(ours_mlp(W, B), X, y, 2), runs["torch"][1](runs["torch"][0](), X, y, 2)
        worst = max(abs(a - b) / max(1.0, abs(b)) for a, b in zip(mine, theirs))
        if worst > 1e-9:
            raise SystemExit(f"second-order gate FAILED: gradients of the penalty differ from PyTorch's by {worst:.3g}")
    out: dict[str, list[float]] = {f"{k} {o}": [] for k in runs for o in (1, 2)}
    for _ in range(reps):
        for k, (make, run) in runs.items():
            passes = 5 if k == "ours" else 1  # ours back to back, so the work outweighs the noise of the collections around it
            for o in (1, 2):
                model = make()
                out[f"{k} {o}"].append(timed_until_freed(lambda: [run(model, X, y, o) for _ in range(passes)]) / passes)  # noqa: B023
    return {k: statistics.median(v) for k, v in out.items()}


def second_order_rows(second: dict[str, float]) -> list[tuple[str, str, str, str, str]]:
    t = lambda k: fmt_time(second[k]) if k in second else "—"  # noqa: E731
    ratio = lambda k: f"{second[k + ' 2'] / second[k + ' 1']:.2f}×" if k + " 2" in second else "—"  # noqa: E731
    return [
        ("first-order pass, nn.MLP: forward + backward (graph freed)", t("ours 1"), "—", t("torch 1"), "—"),
        ("second-order pass, nn.MLP: forward + grad(create_graph=True) + backward() through Σ(∂L/∂w)² (graphs freed)",
         t("ours 2"), "—", t("torch 2"), "—"),
        ("second-order ÷ first-order pass", ratio("ours"), "—", ratio("torch"), "—"),
    ]


def print_second_order_target(second: dict[str, float]) -> None:
    r = second["ours 2"] / second["ours 1"]
    print(f"- second-order pass ≤ 3× a first-order pass (issue 22): {r:.2f}× -> {'met' if r <= 3.0 else f'MISSED by {r / 3.0:.2f}×'}")


def report_epochs(epoch: dict[str, float], second: dict[str, float]) -> int:
    mg = "micrograd 0.1.0"
    print("\n| work | autograd-mini | micrograd 0.1.0 | PyTorch scalars | autograd-mini ÷ micrograd |")
    print("|---|---|---|---|---|")
    for name, key in (("epoch, nn.MLP (graph freed)", "autograd-mini nn.MLP"), ("epoch, op by op (graph freed)", "autograd-mini op by op")):
        shown = f"{epoch[key] / epoch[mg]:.3f}×" if mg in epoch else "—"
        print(f"| {name} | {fmt_time(epoch[key])} | {fmt_time(epoch[mg]) if mg in epoch else '—'} | "
              f"{fmt_time(epoch['PyTorch scalars']) if 'PyTorch scalars' in epoch else '—'} | {shown} |")
    for row in second_order_rows(second):
        print("| " + " | ".join(row) + " |")
    print("\nTargets:")
    if mg in epoch:
        r = epoch["autograd-mini nn.MLP"] / epoch[mg]
        print(f"- nn.MLP epoch ≤ 0.02× micrograd (aim: 0.018×): {r:.3f}× -> {'met' if r <= 0.02 else f'MISSED by {r / 0.02:.2f}×'}")
    print_second_order_target(second)
    return 0


if __name__ == "__main__":
    sys.exit(main())
