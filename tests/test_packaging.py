"""The built wheel carries the rule packs: install it into a fresh virtualenv
and run a check from another directory."""
from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO


def test_wheel_ships_rule_packs_and_runs_from_anywhere(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist),
                    str(REPO)], check=True, capture_output=True)
    (wheel,) = dist.glob("tonecheck-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    packed = {n.rsplit("/", 1)[-1] for n in names if n.startswith("tonecheck/packs/")}
    # the rule files and the data beside them (the sentence model's weights)
    shipped = {p.name for p in (REPO / "rules").rglob("*") if p.suffix in (".yml", ".json")}
    assert shipped and shipped <= packed
    # data the package reads at run time (the gates' word counts, the scores' weights)
    assert {"tonecheck/rules/word_rates.json", "tonecheck/rules/text_word_rates.json",
            "tonecheck/rules/sifting_tests.json", "tonecheck/scoring/positivity_weights.json"} <= set(names)

    # A fresh venv that borrows this interpreter's installed packages (spaCy and
    # friends, so no network is needed) through a .pth file. Plain path lines do
    # not run the .pth hooks of those folders, so the editable install of this
    # checkout stays out, and the wheel's copy of tonecheck is the one imported.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bindir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    venv_site = subprocess.run([str(bindir / "python"), "-c",
                                "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip()
    borrowed = [p for p in site.getsitepackages() + [site.getusersitepackages()]
                if os.path.isdir(p)]
    (Path(venv_site) / "_borrowed.pth").write_text("\n".join(borrowed) + "\n")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run([str(bindir / "python"), "-c", "import tonecheck; print(tonecheck.__file__)"],
                           cwd=elsewhere, capture_output=True, text=True, check=True).stdout
    assert str(venv) in where
    proc = subprocess.run([str(bindir / "tonecheck"), "check", "--format", "json", "-"],
                          input="No problem, I don't know.", cwd=elsewhere,
                          capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    rules = {f["rule"] for f in json.loads(proc.stdout)["files"][0]["findings"]}
    assert "positivity.no-problem" in rules
