"""The built wheel carries the layout files and the registry, and installs a working parser."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from tables import ROOT


def test_wheel_contains_grammars_and_registry(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = tmp_path.glob("tickers-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = {p.name for p in (ROOT / "grammars").glob("*.toml")}
    assert {f"tickers/grammars/{n}" for n in bundled} <= names
    assert "tickers/data/indices.toml" in names
    # The installed package finds its grammars inside itself, not in a checkout.
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    code = (
        "import tickers, tickers.layouts as l; "
        "assert l.grammar_dir() == l.Path(tickers.__file__).parent / 'grammars', l.grammar_dir(); "
        "print(tickers.parse('Dow Jones 27,462.11 +114.75 +0.42%')[0].symbol)"
    )
    env = {"PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, timeout=60)
    assert out.stdout.decode().strip() == "DJI", out.stderr.decode()


def test_version_matches_pyproject():
    import tomllib

    import tickers

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert tickers.__version__ == project["version"]
