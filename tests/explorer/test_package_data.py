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
