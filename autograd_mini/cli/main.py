"""``autograd-mini`` (also ``python -m autograd_mini``): draw, explain, replay and grade the gradients of any graph, without writing code.

Pick the graph (before or after the command) with ONE of:

    --example NAME                      a bundled worked example (default: mazur); see `examples`
    --expr "e = a*b; d = e + c; L = d*f" --set a=2 b=-3 c=10 f=-2
                                        your own expression (see `autograd_mini.expr`): every --set name
                                        is a leaf (role "parameter"), every assigned name labels its node,
                                        the last statement is the root
    --graph my_net.py:loss              a function in your file that returns the root Value

then a command:

    autograd-mini examples                          # the bundled examples, their sources
    autograd-mini draw --out mazur.svg              # the graph, values and gradients on it
    autograd-mini draw --view slide --fields data --out forward.svg   # the lecture's diagram, no gradients
    autograd-mini explain w1                        # ∂E_total/∂w1, path by path, as in the post
    autograd-mini explain w5 --lr 0.5               # … ending with the update w5⁺ = 0.35891648
    autograd-mini --expr "y = x*x + 3*x" --set x=2 explain x     # … = 7
    autograd-mini tape                              # what backward() did, step by step
    autograd-mini worksheet --blank --answers key.md --out exercise.md
    autograd-mini check exercise.md                 # grade it once filled in: exit 0 right, 1 wrong
    autograd-mini explore --out mazur.html          # click through backpropagation in a browser

Every command builds the graph and runs one forward and one backward pass, then reads it. Exit status:
0 done, 2 a usage error (``autograd-mini <command>: error: …``, never a traceback), 1 when
Graphviz is missing for a rendering or when `check` finds a wrong number.
"""

from __future__ import annotations

import argparse
import os
import sys
from functools import partial
from typing import NoReturn, Optional, Sequence

from autograd_mini.cli.commands import examples_command
from autograd_mini.cli.graphs import PROG, UsageError, example_graph, expression_graph, file_graph, hoist_graph_options, said
from autograd_mini.cli.parser import COMMANDS, MAX_DECIMALS, build_parser
from autograd_mini.engine import Value
from autograd_mini.graph import post_format

__all__ = ["main", "run", "MAX_DECIMALS"]



def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line on ``argv`` (default: ``sys.argv[1:]``); returns the exit status (usage
    errors exit through `SystemExit` with status 2, as argparse does)."""
    parser = build_parser()
    args = parser.parse_args(hoist_graph_options(sys.argv[1:] if argv is None else argv, COMMANDS))
    command: argparse.ArgumentParser = args.command_parser
    try:
        if args.run is examples_command:
            if args.expr is not None or args.graph is not None or args.set or args.params:
                raise UsageError("examples lists the bundled examples; it takes no --expr, --set or --graph (nor --params)")
            return examples_command()
        root = _graph(args)
        return args.run(args, root, None if args.decimals is None else partial(post_format, decimals=args.decimals))
    except UsageError as error:
        _fail(command, said(error, None))
    except (ValueError, ArithmeticError) as error:  # a library refusal: its message says what to do
        _fail(command, said(error, None))
    except BrokenPipeError:  # output piped into `head`: stop quietly (as the Python docs advise)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except RecursionError:
        _fail(command, "the graph is too deep for this command; try a smaller graph")
    except Exception as error:  # never a traceback: say what happened
        _fail(command, f"internal error ({type(error).__name__}: {said(error)}); please report it with the command line")


def run() -> int:
    """The ``autograd-mini`` console command and ``python -m autograd_mini``: `main` on ``sys.argv[1:]``, with
    ∂, δ, η escaped (never a crash) on a terminal that cannot show them."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    return main()


def _fail(command: argparse.ArgumentParser, message: str) -> NoReturn:
    command.error(message)


def _graph(args: argparse.Namespace) -> Value:
    if (args.set or args.params) and args.expr is None:
        option = "--set gives values to" if args.set else "--params names parameters among"
        raise UsageError(f"{option} the names of --expr; add --expr \"y = …\"")
    if args.expr is not None:
        return expression_graph(args.expr, args.set or [], args.params)
    if args.graph is not None:
        return file_graph(args.graph, lambda text: print(f"{PROG}: note: {text}", file=sys.stderr))
    return example_graph(args.example or "mazur")
