"""``python -m autograd_mini``: the same as the ``autograd-mini`` command (see `autograd_mini.cli.main`)."""

from autograd_mini.cli.main import run

raise SystemExit(run())
