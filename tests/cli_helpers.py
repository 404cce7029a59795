"""What the command-line tests share: running `main` in-process as the shell would, and reading its output."""

from __future__ import annotations

from pathlib import Path

from autograd_mini.cli.main import main

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``python -m autograd_mini ARGV`` in-process: (exit status, stdout, stderr); never a traceback."""
    try:
        code = main(list(argv))
    except SystemExit as stop:  # argparse's usage errors and --help
        code = stop.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return code, out, err


def total(out: str) -> str:
    """The number a chain-rule explanation ends with: the last unindented ∂… line's figure after its last '= '."""
    lines = [line for line in out.splitlines() if line.startswith("∂") and " = " in line]
    return lines[-1].rsplit("= ", 1)[1]
