"""Rule packs and configs written by someone else can never hang, exhaust
memory or crash tonecheck: each hostile case is refused when the pack loads,
with one line naming the file, line, rule and key, and exit code 2."""
from __future__ import annotations

import pytest

from tonecheck.exitcodes import ExitCode

RULE = """\
- id: team.x
  extends: {extends}
  category: courtesy
  severity: warning
  message: Hmm.
  {body}
  examples: {{bad: [aaab], good: [b]}}
"""

#: 40 "a" and no "b": Python's re takes minutes on (a+)+b over this line.
CATASTROPHIC_LINE = "a" * 40 + "\n"


def pack(write_pack, body: str, extends: str = "existence", name: str = "pack.yml"):
    return write_pack(RULE.format(extends=extends, body=body), name)


def refused(run_cli, path, *fragments, command=("validate",)):
    """Both ``validate`` and ``check --rules`` refuse the pack with one line
    naming each fragment, exit 2."""
    results = [run_cli(*command, str(path)),
               run_cli("check", "--no-config", "--rules", str(path), "-", input="Hello.")]
    for result in results:
        assert result.exit_code == ExitCode.ERROR, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
        for fragment in fragments:
            assert fragment in lines[0], lines[0]
    return results[0].stderr


# -- regexes: RE2, linear time --------------------------------------------------------------

def test_a_catastrophic_existence_regex_returns(run_cli, write_pack, tmp_path):
    path = pack(write_pack, "regex: ['(a+)+b']")
    draft = tmp_path / "draft.txt"
    draft.write_text(CATASTROPHIC_LINE * 3 + "aaab\n")
    result = run_cli("check", "--no-config", "--no-default-rules", "--rules", str(path),
                     "--fail-on", "never", str(draft))
    assert result.exit_code == ExitCode.OK
    assert "team.x" in result.stdout and "4:1" in result.stdout


def test_a_catastrophic_token_regex_returns(run_cli, write_pack):
    path = pack(write_pack, "patterns: [[{LOWER: {REGEX: '(a+)+b'}}]]", extends="pattern")
    result = run_cli("check", "--no-config", "--no-default-rules", "--rules", str(path),
                     "--format", "json", "--fail-on", "never", "-",
                     input=CATASTROPHIC_LINE + "then aaab.")
    assert result.exit_code == ExitCode.OK
    assert '"match": "aaab"' in result.stdout


def test_catastrophic_context_regexes_return(linter, write_pack):
    from tonecheck.engine import Linter

    body = ("phrases: [hold on]\n  unless_after: ['(a+)+b']\n  requires_before: ['(x+x+)+y|.']\n"
            "  unless_before: ['(a|aa)+c']")
    lint = Linter([pack(write_pack, body)], include_default=False, scores=False)
    text = "a" * 40 + " hold on " + "a" * 40 + "."
    assert [f.rule for f in lint.check_text(text).findings] == ["team.x"]


@pytest.mark.parametrize("key", ["regex", "unless_after", "cleared_after", "cleared_before",
                                 "requires_before", "unless_before"])
@pytest.mark.parametrize("regex,why", [
    ("(?<=a)b", "lookarounds"), ("a(?!b)", "lookarounds"), ("(a)\\\\1", "backreferences"),
    ("(unclosed", "missing )"),
])
def test_what_re2_cannot_run_is_refused_naming_file_rule_and_key(run_cli, write_pack, key, regex,
                                                                 why):
    body = f'{key}: ["{regex}"]' if key == "regex" else f'phrases: [hold on]\n  {key}: ["{regex}"]'
    refused(run_cli, pack(write_pack, body), "pack.yml:", "rule 'team.x'", f"key '{key}'", why,
            "RE2")


def test_a_regex_predicate_re2_cannot_run_names_file_rule_and_key(run_cli, write_pack):
    path = pack(write_pack, "patterns: [[{LOWER: {REGEX: '(?<=a)b'}}]]", extends="pattern")
    refused(run_cli, path, "pack.yml:6:", "rule 'team.x'", "key 'patterns'", "lookarounds")


def test_a_broken_regex_predicate_is_a_load_error_not_an_internal_error(run_cli, write_pack):
    path = pack(write_pack, "patterns: [[{LOWER: {REGEX: '(unclosed'}}]]", extends="pattern")
    refused(run_cli, path, "pack.yml:6:", "rule 'team.x'", "key 'patterns'", "missing )")


def test_flag_groups_stand_in_for_lookarounds(write_pack):
    from tonecheck.engine import Linter

    body = r"regex: ['(?:^|[^\w{$])(?P<flag>\{[a-z_]+\})(?:$|[^}])']"
    lint = Linter([pack(write_pack, body)], include_default=False, scores=False)
    text = "Hi {first_name} {last_name}{x}, ${not_this} {nor_this}}"
    assert [f.match for f in lint.check_text(text).findings] == ["{first_name}", "{last_name}",
                                                                 "{x}"]


# -- token patterns -----------------------------------------------------------------------

@pytest.mark.parametrize("patterns,why", [
    ("[[{OP: '*'}]]", "OP '*' repeats without bound"),
    ("[[{LOWER: very}, {LOWER: very, OP: '+'}]]", "OP '+' repeats without bound"),
    ("[[{LOWER: hold}, {OP: '{2,}'}]]", "OP '{2,}' repeats without bound"),
    ("[[{LOWER: hold}, {OP: '{0,500}'}]]", "repeats more than 10 times"),
    ("[[{_: {foo: true}}]]", "custom attributes"),
    ("[[{LOWER: hold, OPX: '+'}]]", "invalid token pattern"),
    # YAML reads an unquoted on / no as a boolean, which would never match a word
    ("[[{LOWER: why}, {LOWER: on}, {LOWER: earth}]]", "LOWER value true is a YAML boolean"),
    ("[[{LEMMA: {IN: [yes, no]}}]]", "LEMMA value true is a YAML boolean"),
    ("[[{LOWER: {IN: [hi], NOT_IN: [off]}}]]", "LOWER value false is a YAML boolean"),
])
def test_token_patterns_that_can_run_away_are_refused(run_cli, write_pack, patterns, why):
    path = pack(write_pack, f"patterns: {patterns}", extends="pattern")
    refused(run_cli, path, "pack.yml:6:", "rule 'team.x'", "key 'patterns'", why)


def test_bounded_repetition_and_regex_predicates_still_match(write_pack):
    from tonecheck.engine import Linter

    body = "patterns: [[{LOWER: we}, {OP: '{0,3}'}, {LOWER: {REGEX: '^serious', NOT_IN: [x]}}]]"
    lint = Linter([pack(write_pack, body, extends="pattern")], include_default=False,
                  scores=False)
    assert [f.match for f in lint.check_text("We take this very seriously.").findings] == [
        "We take this very seriously"]


# -- YAML structure -------------------------------------------------------------------------

def _bomb(levels: int = 9) -> str:
    text = "- &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, levels):
        text += f"- &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n"
    return text


def test_an_alias_bomb_under_phrases_is_refused_fast(run_cli, write_pack):
    text = _bomb() + RULE.format(extends="existence", body="phrases: *a8")
    msg = refused(run_cli, write_pack(text), "pack.yml:", "alias")
    assert len(msg) < 300


def test_a_smaller_alias_bomb_gives_a_short_message(run_cli, write_pack):
    text = RULE.format(extends="existence", body="phrases: [aaab]\n  exceptions: "
                                                 "[&p [[a, b], [c, d]], *p, *p, *p, *p, *p, *p]")
    msg = refused(run_cli, write_pack(text), "rule 'team.x'", "key 'exceptions'")
    assert len(msg) < 300


def test_an_alias_bomb_in_a_config_is_refused_fast(run_cli, tmp_path):
    anchors = "x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"
    for i in range(1, 9):
        anchors += f", x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]"
    config = tmp_path / ".tonecheck.yml"
    config.write_text("hook: {" + anchors + "}\nselect: *a8\n")
    result = run_cli("check", "--config", str(config), "-", input="Hello.")
    assert result.exit_code == ExitCode.ERROR
    assert ".tonecheck.yml:1: invalid YAML" in result.stderr and "alias" in result.stderr
    config.write_text("select: &s [a, b, c]\nignore: [*s, *s, *s, *s, *s, *s, *s, *s, *s, *s]\n")
    result = run_cli("check", "--config", str(config), "-", input="Hello.")
    assert result.exit_code == ExitCode.ERROR and "key 'ignore'" in result.stderr
    assert len(result.stderr) < 300


@pytest.mark.parametrize("text,fragment", [
    ("[" * 5000 + "]" * 5000, "nested more than"),
    ("- " * 5000 + "x\n", "nested more than"),
    ("- !!python/object/apply:os.system ['echo hi']\n",
     "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    ("? [a]\n: b\n", "a key must be a plain value"),
])
def test_hostile_yaml_is_one_clean_line(run_cli, write_pack, text, fragment):
    refused(run_cli, write_pack(text), "pack.yml:", fragment)


def test_a_huge_rule_file_is_refused_by_size_before_parsing(run_cli, write_pack):
    path = write_pack("# filler\n" * 2_300_000)  # about 20 MB
    refused(run_cli, path, "pack.yml:", "too large")


def test_duplicate_ids_across_packs_name_both_files(run_cli, write_pack):
    first = pack(write_pack, "phrases: [hold on]", name="one.yml")
    second = pack(write_pack, "phrases: [wait]", name="two.yml")
    for command in (("validate", str(first), str(second)),
                    ("check", "--no-config", "--rules", str(first), "--rules", str(second), "-")):
        result = run_cli(*command, input="Hello.")
        assert result.exit_code == ExitCode.ERROR
        assert "two.yml:1: rule 'team.x' is defined twice (also in " in result.stderr
        assert "one.yml:1)" in result.stderr


def test_the_same_pack_given_twice_is_read_once(run_cli, write_pack):
    path = pack(write_pack, "phrases: [aaab]")
    result = run_cli("validate", str(path), str(path))
    assert result.exit_code == ExitCode.OK, result.output


@pytest.mark.parametrize("body,fragment", [
    ("phrases: [hold on]\n  advice: ''", "key 'advice': expected a non-empty string, got ''"),
    ("phrases: [hold on]\n  suggestions: ['', wait]",
     "key 'suggestions': expected a list of non-empty strings"),
    ("phrases: [hold on]\n  replace: []", "key 'replace': expected a non-empty list of strings"),
])
def test_an_empty_suggestion_or_advice_is_a_clear_error(run_cli, write_pack, body, fragment):
    refused(run_cli, pack(write_pack, body), "pack.yml:", "rule 'team.x'", fragment)


def test_values_shown_in_errors_are_cut_short(run_cli, write_pack):
    msg = refused(run_cli, pack(write_pack, "phrases: " + "x" * 100_000), "key 'phrases'")
    assert len(msg) < 300


def test_a_folder_with_too_much_under_it_is_refused(run_cli, tmp_path, monkeypatch):
    from tonecheck.rules import loader

    monkeypatch.setattr(loader, "MAX_WALK_ENTRIES", 50)
    for i in range(60):
        (tmp_path / f"f{i}.txt").write_text("x")
    result = run_cli("validate", str(tmp_path))
    assert result.exit_code == ExitCode.ERROR and "more than 50 entries" in result.stderr


# -- the RE2 wrapper ------------------------------------------------------------------------

def test_spans_are_character_offsets_in_any_script():
    from tonecheck.rules.regex import Regex

    text = "Café 😀 {name} und {ünïcode} {x_y}"
    spans = list(Regex(r"(?:^|[^\pL\pN_])(?P<flag>\{[a-z_]+\})").spans(text))
    assert [text[a:b] for a, b in spans] == ["{name}", "{x_y}"]
    assert list(Regex("é").spans("e\ud800é")) == [(2, 3)]  # a lone surrogate is no crash


def test_verbose_mode_is_python_s():
    from tonecheck.rules.regex import Regex, _prepare

    pattern = "(?ix) a \\  b  # comment\n [ #]c"
    assert _prepare(pattern) == "(?i)a b[ #]c"
    assert Regex(pattern).search("xA B#c") and not Regex(pattern).search("ab c")


@pytest.mark.parametrize("text,flagged", [
    ("Hi {first_name} {last_name}{x_y}, ${no} {ab}}", ["{first_name}", "{last_name}", "{x_y}"]),
    ("See [NAME](https://x.y), [NAME][1], [NAME]: x, [XXX](u)", ["XXX"]),
    ("[ORDER NUMBER]{{ first }}<TICKET_ID><DIV>%AB%", ["[ORDER NUMBER]", "{{ first }}",
                                                      "<TICKET_ID>", "%AB%"]),
    ("[your name here] <your name> a%AB% 5%off%now% XXXX éXXX", ["[your name here]",
                                                               "<your name>", "XXXX"]),
])
def test_the_placeholder_rule_keeps_what_its_lookarounds_did(linter, text, flagged):
    found = [f.match for f in linter.check_text(text).findings if f.rule == "structure.placeholder"]
    assert found == flagged


def test_a_fifo_inside_a_rules_folder_is_named_not_read(tmp_path, run_cli):
    import os

    pack = tmp_path / "pack"
    pack.mkdir()
    os.mkfifo(pack / "pipe.yml")
    result = run_cli("validate", str(pack))
    assert result.exit_code == 2
    assert "pipe.yml" in result.output and "not a regular file" in result.output
    assert "Traceback" not in result.output
