"""The explorer's web files ship inside the package: the wheel and the sdist built from this tree hold
page.html, explorer.css and explorer.js (and the console command's entry point), as a user's pip gets them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB_FILES = ("page.html", "explorer.css", "explorer.js")
SOURCES = ("setup.cfg", "pyproject.toml", "README.md", "MANIFEST.in", "autograd_mini", "nn")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """A wheel and an sdist built from a copy of the source (the build's by-products stay out of the tree)."""
    base = tmp_path_factory.mktemp("build")
    src, out = base / "src", base / "dist"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=ignore)
        elif (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = dict(cwd=src, env=env, capture_output=True, text=True, timeout=300)
    wheel = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), "."], **run)
    assert wheel.returncode == 0, wheel.stderr
    sdist = subprocess.run([sys.executable, "-c", f"from setuptools import build_meta; print(build_meta.build_sdist({str(out)!r}))"], **run)
    assert sdist.returncode == 0, sdist.stderr
    return {"wheel": next(out.glob("*.whl")), "sdist": next(out.glob("*.tar.gz"))}


@pytest.mark.slow
def test_the_wheel_holds_the_web_files_and_the_console_command(built):
    with zipfile.ZipFile(built["wheel"]) as wheel:
        names = set(wheel.namelist())
        for name in WEB_FILES:
            assert f"autograd_mini/explorer/{name}" in names
            assert wheel.read(f"autograd_mini/explorer/{name}") == (ROOT / "autograd_mini" / "explorer" / name).read_bytes()
        assert {"autograd_mini/py.typed", "nn/py.typed"} <= names
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        text = wheel.read(entry_points).decode()
    assert "[console_scripts]" in text and "autograd-mini = autograd_mini.cli.main:run" in text


@pytest.mark.slow
def test_the_sdist_holds_the_web_files(built):
    with tarfile.open(built["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
        for name in WEB_FILES:
            assert f"autograd_mini/explorer/{name}" in names
        assert {"setup.cfg", "pyproject.toml", "README.md", "autograd_mini/py.typed", "nn/py.typed"} <= names


@pytest.mark.slow
def test_the_wheel_installs_an_autograd_mini_command_that_is_python_m_autograd_mini(built, tmp_path):
    target = tmp_path / "site"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(target), str(built["wheel"])],
                          env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    script = target / "bin" / ("autograd-mini.exe" if os.name == "nt" else "autograd-mini")
    assert script.exists()
    env["PYTHONPATH"] = str(target)  # the installed copy, not this tree
    run = dict(cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    where = subprocess.run([sys.executable, "-c", "import autograd_mini.explorer.page as p; print(p.__file__)"], **run)
    assert where.stdout.strip().startswith(str(target)), where  # the page files are read from the installed copy
    by_command = subprocess.run([str(script), "explain", "w5"], **run)
    by_module = subprocess.run([sys.executable, "-m", "autograd_mini", "explain", "w5"], **run)
    assert by_command.returncode == 0 and "0.082167041" in by_command.stdout, by_command.stderr
    assert (by_command.stdout, by_command.stderr) == (by_module.stdout, by_module.stderr)
    page = subprocess.run([str(script), "explore", "--out", "page.html"], **run)  # the web files, read from the wheel's copy
    assert page.returncode == 0, page.stderr
    written = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in written and "<script src" not in written and '<link rel="stylesheet"' not in written
    usage = subprocess.run([str(script), "--help"], **run)
    assert usage.returncode == 0 and usage.stdout.startswith("usage: autograd-mini ")
