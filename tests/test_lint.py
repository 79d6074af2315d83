"""The tree is lint-clean and formatted: ruff, as CI would run it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from tables import ROOT


@pytest.mark.parametrize("args", [["check", "."], ["format", "--check", "."]], ids=["check", "format"])
def test_ruff(args):
    result = subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
