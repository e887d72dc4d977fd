"""The package is whole: a wheel built from the source, installed in a fresh venv with
nothing else of the project, runs `check` (JSON and its HTML twin) and `serve`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEXTS = {
    "wire.txt": " date 2025-03-11 A car bomb in the market of Tarvel on Monday killed six "
    "people and wounded eleven, the town's mayor said.\n",
    "daily.txt": " date 2025-03-11 Six people died and nine were hurt when a car bomb went off "
    "in the Tarvel market on Monday, a hospital official said.\n",
}


def test_the_package_list_names_every_package_of_the_source() -> None:
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = {
        ".".join(p.relative_to(ROOT).parent.parts)
        for p in (ROOT / "discrepancy").rglob("__init__.py")
    }
    assert set(listed["packages"]) == found | {"discrepancy.templates"}
    assert listed["package-dir"] == {"discrepancy.templates": "templates"}


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding only the built wheel; the dependencies come from this interpreter's
    site-packages through a path file (no network install of pandas and the rest)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("discrepancy", "templates"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", str(work / "dist"),
         str(source)],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    [wheel] = (work / "dist").glob("discrepancy-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
         str(wheel)],
        check=True, timeout=300,
    )  # fmt: skip
    # The dependencies, as plain path lines: this site-packages' own .pth files (an editable
    # install of the source) are not read from a directory named this way.
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def _run(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [str(python), *args], capture_output=True, text=True, check=False, cwd=cwd, env=env,
        timeout=300,
    )  # fmt: skip


def test_the_installed_package_is_the_wheel(fresh_python: Path, tmp_path: Path) -> None:
    found = _run(fresh_python, "-c", "import discrepancy; print(discrepancy.__file__)",
                 cwd=tmp_path)  # fmt: skip
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout.strip()).is_relative_to(fresh_python.parent.parent)


def test_check_writes_json_and_html_from_the_wheel(fresh_python: Path, tmp_path: Path) -> None:
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = _run(fresh_python, "-m", "discrepancy", "check", "wire.txt", "daily.txt",
                  "-o", "out/report.json", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert {a["id"] for a in report["articles"]} == {"wire", "daily"}
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<html" in html and "Tarvel" in html


def test_serve_answers_from_the_wheel(fresh_python: Path, tmp_path: Path) -> None:
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    stored = _run(fresh_python, "-m", "discrepancy", "check", ".", "--db", "team.sqlite",
                  "-o", "r.json", cwd=tmp_path)  # fmt: skip
    assert stored.returncode == 0, stored.stderr
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    server = subprocess.Popen(
        [str(fresh_python), "-m", "discrepancy", "serve", "--db", "team.sqlite", "--port", "0"],
        cwd=tmp_path, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        address = re.search(r"http://\S+/", line)
        assert address, line
        page = ""
        for _ in range(50):
            try:
                with urllib.request.urlopen(address.group(), timeout=5) as response:
                    assert response.status == 200
                    page = response.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(0.2)
        assert "<html" in page
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr is not None:
            server.stderr.close()
