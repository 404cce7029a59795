#!/usr/bin/env bash
# One entry point that sets everything up and runs it:
#   bash scripts/run.sh demo   # the Mazur worked example, end to end, graph included
#   bash scripts/run.sh test   # the whole test suite (PyTorch oracle and Graphviz rendering included)
#   bash scripts/run.sh bench  # the speed benchmark against micrograd and PyTorch
# It installs what it needs: Debian's graphviz (for `dot`, when run as root), a virtual environment
# in .venv, and the package with its extras. Re-runs skip what is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."
task="${1:-}"; shift || true
case "$task" in demo|test|bench) ;; *) echo "usage: bash scripts/run.sh demo|test|bench [args...]" >&2; exit 2 ;; esac

say() { echo "[autograd-mini] $*" >&2; }
pip_install() { # quiet on success; the whole log on failure
  if ! .venv/bin/python -m pip install "$@" >> .venv/install.log 2>&1; then
    cat .venv/install.log >&2; say "pip install $* failed (log: .venv/install.log)"; exit 1
  fi
}
is_root() { [ "$(id -u)" = 0 ]; }
apt_install() { # Debian packages, only as root
  if [ -z "${_apt_updated:-}" ]; then apt-get update -qq >/dev/null; _apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

PY="${PYTHON:-python3}"
command -v "$PY" >/dev/null || { say "python3 not found: install Python 3.10 or newer"; exit 1; }

# 1. Graphviz's `dot` renders the computation graphs. AUTOGRAD_MINI_DOT=pure uses the graphviz-pure
#    wheel (SVG and PNG, no PDF) inside .venv instead of the system's Graphviz.
if [ "${AUTOGRAD_MINI_DOT:-}" = pure ]; then
  want_pure_dot=1
elif ! command -v dot >/dev/null; then
  if is_root && command -v apt-get >/dev/null; then
    say "installing Debian's graphviz (for the dot program)"; apt_install graphviz
  else
    say "Graphviz's dot is missing and this is not a root Debian machine: the graphviz-pure wheel is installed into .venv instead (or run 'sudo apt-get install graphviz' / 'brew install graphviz')"
    want_pure_dot=1
  fi
fi

# 1b. The browser tests of the HTML explorer drive Debian's headless Chromium through chromedriver
#     (as root only; without them those tests skip with a printed reason).
if [ "$task" = test ] && ! command -v chromedriver >/dev/null && is_root && command -v apt-get >/dev/null; then
  say "installing Debian's chromium and chromium-driver (for the browser tests)"
  apt_install chromium chromium-driver || say "chromium could not be installed: the browser tests will skip"
fi
# 1c. The maths of the Markdown exports is typeset in that browser by Debian's MathJax (as a notebook does).
if [ "$task" = test ] && [ ! -f /usr/share/javascript/mathjax/MathJax.js ] && is_root && command -v apt-get >/dev/null; then
  say "installing Debian's libjs-mathjax (for the browser test of the exports' maths)"
  apt_install libjs-mathjax || say "libjs-mathjax could not be installed: the MathJax test will skip"
fi

# 2. A virtual environment with the package and its extras.
if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    if is_root && command -v apt-get >/dev/null; then
      ver=$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
      say "installing Debian's python${ver}-venv"; apt_install "python${ver}-venv" || apt_install python3-venv
      "$PY" -m venv .venv
    else
      say "python -m venv failed: install the venv module (Debian: sudo apt-get install python3-venv)"; exit 1
    fi
  fi
fi
case "$task" in
  demo) extras="plot" ;;
  test) extras="test,oracle,plot" ;;
  bench) extras="test,bench" ;;
esac
stamp=".venv/.installed-$extras-$(cat setup.cfg pyproject.toml | cksum | cut -d' ' -f1)"
if [ ! -f "$stamp" ]; then
  say "installing autograd-mini[$extras] into .venv (first run takes a minute)"
  pip_install -e ".[$extras]"
  touch "$stamp"
fi
if [ -n "${want_pure_dot:-}" ] && [ ! -x .venv/bin/dot ]; then
  pip_install graphviz-pure
  ln -sf graphviz-pure .venv/bin/dot  # the wheel's program, under the name the graphviz package calls
fi
export PATH="$PWD/.venv/bin:$PATH"

# 3. Run.
case "$task" in
  demo) exec python demos/mazur.py "$@" ;;
  test)
    if [ $# -eq 0 ]; then  # the whole suite: lint and types first (a finding fails the run)
      say "ruff check"; python -m ruff check --quiet autograd_mini nn tests demos benchmarks scripts
      say "mypy"; python -m mypy --no-error-summary
    fi
    exec python -m pytest "$@" ;;
  bench) exec python benchmarks/bench.py "$@" ;;
esac
