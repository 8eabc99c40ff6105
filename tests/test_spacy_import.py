"""A tonecheck command imports spaCy without spaCy's CLI; a library user's
spaCy is left as it is (tonecheck/spacy_import.py)."""
import subprocess
import sys

from tonecheck import spacy_import

# Runs `tonecheck check` in-process, then reports what was imported and
# whether spaCy's own CLI still works afterwards.
_COMMAND = """
import sys
from tonecheck.cli import main
sys.argv = ["tonecheck", "check", "--format", "json", "-"]
try:
    main()
except SystemExit as exc:
    code = exc.code
left_out = "spacy.cli" not in sys.modules and "requests" not in sys.modules
import spacy, spacy.cli
print(code, left_out, callable(spacy.cli.download), "spaCy version" in spacy.info(silent=True, markdown=True),
      file=sys.stderr)
"""


def _run(code: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True,
                          text=True, check=True)


def test_a_command_checks_without_spacys_cli_and_leaves_it_importable():
    proc = _run(_COMMAND, stdin="No problem, I don't know.")
    assert '"positivity.no-problem"' in proc.stdout
    # exit 1 (findings); the CLI was left out; later spacy.cli and spacy.info are the real ones
    assert proc.stderr.split()[-4:] == ["1", "True", "True", "True"]


def test_the_library_imports_spacy_as_it_is():
    proc = _run("import sys, tonecheck; tonecheck.check('Thanks!'); print('spacy.cli' in sys.modules)")
    assert proc.stdout.strip() == "True"


def test_the_installed_spacy_names_its_cli_in_the_one_line_expected():
    # What makes the lean import apply here; a spaCy that differs imports as usual.
    assert spacy_import._cli_only_for_info()


def test_a_spacy_whose_init_uses_more_of_its_cli_is_imported_as_usual(tmp_path, monkeypatch):
    init = tmp_path / "__init__.py"
    init.write_text(f"{spacy_import._CLI_LINE}\nfrom .cli import app\n")

    class Spec:
        origin = str(init)

    monkeypatch.setattr(spacy_import.importlib.util, "find_spec", lambda name: Spec)
    assert not spacy_import._cli_only_for_info()
