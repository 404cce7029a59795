"""``python -m autograd_mini``: draw and explain the bundled worked examples without writing code.

    python -m autograd_mini draw --out mazur.svg          # the Mazur graph, values and gradients on it
    python -m autograd_mini draw --highlight w1 --clusters neurons --out w1.png
    python -m autograd_mini explain w1                    # ∂E_total/∂w1, path by path, as in the post
    python -m autograd_mini explain w5 --markdown         # the same with LaTeX maths
    python -m autograd_mini tape                          # what backward() did, step by step
    python -m autograd_mini worksheet --blank --answers key.md > exercise.md

Every command builds the example, runs one forward and one backward pass, then reads the graph.
"""

from __future__ import annotations

import argparse
import os
import sys
from functools import partial
from pathlib import Path
from typing import Callable, Optional, Sequence

from autograd_mini.graph import find_node, is_expression, post_format
from autograd_mini.engine import Value, topological_order

__all__ = ["main", "EXAMPLES"]


def _mazur() -> tuple[Value, object]:
    from nn.examples import mazur

    example = mazur()
    root = example.forward()
    root.backward()
    return root, example.model


#: name -> function building the example's graph (forward and backward done): (root, model or None)
EXAMPLES: dict[str, Callable[[], tuple[Value, object]]] = {"mazur": _mazur}


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    root, model = EXAMPLES[args.example]()
    fmt = partial(post_format, decimals=args.decimals)
    try:
        return args.run(parser, args, root, model, fmt)
    except BrokenPipeError:  # output piped into `head`: stop quietly (as the Python docs advise)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m autograd_mini",
        description="Draw and explain the computation graph of a bundled worked example (after one forward and backward pass).",
    )
    parser.add_argument("--example", choices=sorted(EXAMPLES), default="mazur", help="the worked example (default: mazur, the 2-2-2 network of Mazur's post)")
    parser.add_argument("--decimals", type=_positive_int, default=9, help="decimals of the numbers shown (default 9, as the Mazur post prints)")
    sub = parser.add_subparsers(title="commands", metavar="{draw,explain,tape,worksheet}", required=True)

    draw = sub.add_parser("draw", help="render the graph (.svg/.png/.pdf) or write its DOT source", description="Render the graph with every value and gradient.")
    draw.add_argument("--out", type=Path, help="file to write; the suffix picks the format: .svg .png .pdf, or .dot/.gv for the source (default: DOT source to stdout)")
    draw.add_argument("--rankdir", choices=["LR", "TB"], default="LR", help="left to right (default) or top to bottom")
    draw.add_argument("--clusters", choices=["layers", "neurons", "none"], default="layers", help="boxes around the layers (default), each neuron, or none")
    draw.add_argument("--highlight", metavar="NAME", help="mark every path from this node (e.g. w1) to the loss")
    draw.add_argument("--edge-labels", choices=["local", "contribution", "both"], help="label edges with the local derivative and/or the contribution to the input's grad")
    draw.add_argument("--no-legend", action="store_true", help="leave out the legend")
    draw.set_defaults(run=_draw)

    explain = sub.add_parser("explain", help="∂E_total/∂NAME, path by path, factor by factor", description="Explain one gradient with the chain rule.")
    explain.add_argument("name", help="a labelled node, e.g. w1 … w8, b1, out_h1")
    explain.add_argument("--markdown", action="store_true", help="Markdown with LaTeX maths instead of plain text")
    explain.add_argument("--fold", choices=["post", "labels", "none"], default="post", help="factor grouping: as the post (default), one per labelled node, or every edge")
    explain.add_argument("--expand", action="store_true", help="also spell out each folded factor edge by edge")
    explain.add_argument("--max-paths", type=_positive_int, default=64, help="list at most this many paths (default 64)")
    explain.set_defaults(run=_explain)

    tape = sub.add_parser("tape", help="the steps of backward(), in order", description="Replay backward() step by step.")
    tape.add_argument("--markdown", action="store_true", help="a Markdown table instead of plain text")
    tape.add_argument("--no-leaves", action="store_true", help="leave out the leaves (inputs, weights, constants), which pass nothing on")
    tape.set_defaults(run=_tape)

    sheet = sub.add_parser("worksheet", help="a Markdown table of the nodes (gradients optionally blank)", description="Export a worksheet.")
    sheet.add_argument("--blank", action="store_true", help="leave the gradient column empty (an exercise)")
    sheet.add_argument("--out", type=Path, help="write the table here (default: stdout)")
    sheet.add_argument("--answers", type=Path, help="also write the answer key (gradients filled in) here")
    sheet.add_argument("--no-constants", action="store_true", help="leave out the constants (targets, ½)")
    sheet.set_defaults(run=_worksheet)
    return parser


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {n}")
    return n


def _node(parser: argparse.ArgumentParser, root: Value, name: str, option: str) -> Value:
    """The node labelled ``name``, or a usage error listing the names there are."""
    order = topological_order(root)
    try:
        return find_node(root, name, order, what=option)
    except ValueError:
        params = [n.label for n in order if n.role == "parameter" and n.label]
        others = [n.label for n in order if n.label and n.role != "parameter" and not is_expression(n.label)]
        parser.error(
            f"{option}: no node named {name!r} in this example; parameters: {', '.join(sorted(params))}; "
            f"other nodes: {', '.join(sorted(set(others)))}"
        )
        raise  # unreachable: parser.error exits


def _write(parser: argparse.ArgumentParser, path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        parser.error(f"cannot write {str(path)!r}: {error.strerror or error}")


def _draw(parser, args, root, model, fmt) -> int:
    from autograd_mini.clusters import layer_clusters
    from autograd_mini.draw import FORMATS, GraphvizNotFoundError, draw_dot, save

    highlight = _node(parser, root, args.highlight, "--highlight") if args.highlight else None
    clusters = None
    if args.clusters != "none":
        clusters = layer_clusters(model, by=args.clusters[:-1]) if model is not None else args.clusters
    graph = draw_dot(
        root, rankdir=args.rankdir, number_format=fmt, edge_labels=args.edge_labels,
        clusters=clusters, highlight=highlight, legend=not args.no_legend,
    )  # fmt: skip
    if args.out is None:
        sys.stdout.write(graph.source)
        return 0
    if args.out.suffix.lower() not in FORMATS:
        parser.error(f"--out: cannot tell the format of {str(args.out)!r}; use a file ending in {', '.join(FORMATS)}")
    if not args.out.parent.is_dir():
        parser.error(f"--out: the directory {str(args.out.parent)!r} does not exist")
    try:
        save(graph, args.out)
    except GraphvizNotFoundError as error:
        print(f"python -m autograd_mini draw: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        parser.error(f"--out: {error.strerror or error}")
    print(f"wrote {args.out}")
    return 0


def _explain(parser, args, root, model, fmt) -> int:
    from autograd_mini.trace import explain

    wrt = _node(parser, root, args.name, "explain")
    result = explain(root, wrt, fold=args.fold, max_paths=args.max_paths, number_format=fmt)
    print(result.markdown() if args.markdown else result.text(expand=args.expand))
    return 0


def _tape(parser, args, root, model, fmt) -> int:
    from autograd_mini.tape import tape

    result = tape(root, leaves=not args.no_leaves, number_format=fmt)
    print(result.markdown() if args.markdown else result.text())
    return 0


def _worksheet(parser, args, root, model, fmt) -> int:
    from autograd_mini.worksheet import worksheet

    sheet = worksheet(root, blank_grads=args.blank, constants=not args.no_constants, number_format=fmt)
    if args.answers is not None:
        _write(parser, args.answers, (sheet.answer_key + "\n").encode("utf-8"))
    if args.out is not None:
        _write(parser, args.out, (sheet.exercise + "\n").encode("utf-8"))
    else:
        print(sheet.exercise)
    return 0
