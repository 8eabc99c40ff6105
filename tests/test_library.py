"""Multi-reply files: Markdown sections, HTML, Zendesk JSON/YAML exports,
field paths and CSV columns. Each reply is checked on its own, titled, and
its findings point at lines and columns of the file as written."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonecheck.cli import cli
from tonecheck.inputs.exports import ExportOptions, parse_field, parse_json
from tonecheck.inputs.library import parse_source, read_replies

LIB = Path(__file__).parent / "fixtures" / "library"


def run(*args):
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-scores",
                                      "--fail-on", "never", "--jobs", "1", *map(str, args)])
    return result


def report(*args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def found(data):
    return [(f.get("title"), [(x["rule"], x["line"], x["column"], x["match"])
                              for x in f["findings"]]) for f in data["files"]]


def assert_points_into_source(data):
    """Every finding's span is its match in the file, and line/column agree."""
    for f in data["files"]:
        text = Path(f["path"]).read_text(encoding="utf-8")
        lines = text.split("\n")
        for x in f["findings"]:
            if not x["match"]:
                continue
            assert text[x["start"]:x["end"]] == x["match"]
            line = lines[x["line"] - 1]
            assert line[x["column"] - 1:].startswith(x["match"].split("\n")[0])


def test_markdown_sections_are_replies_titled_by_their_heading():
    data = report(LIB / "sections.md")
    assert found(data) == [
        ("Refund delayed", [("positivity.no-problem", 5, 32, "No problem")]),
        ("Wrong item", [("honesty.dont-know", 18, 1, "I don't know")]),
    ]
    assert_points_into_source(data)


def test_markdown_code_urls_and_comments_are_not_checked():
    source = (LIB / "sections.md").read_text()
    reply = parse_source(source, ".md", "sections.md")[0]
    assert "No problem, I checked" in reply.text
    assert "our refund page" in reply.text          # a link's words are checked
    assert "example.com" not in reply.text          # its target is not
    assert "echo" not in reply.text                 # fenced code
    assert "--now" not in reply.text                # inline code
    assert "note for editors" not in reply.text     # HTML comment
    assert reply.source is source and reply.kind == "markdown"
    # every character of the reply maps back onto the same character of the file
    for start, at, n in reply.offsets.pieces:
        assert reply.text[start:start + n] == source[at:at + n]


def test_saved_reply_fences_are_the_reply_but_code_inside_them_is_not():
    data = report(LIB / "saved.md")
    assert found(data) == [
        ("Already fixed (v1)", [("positivity.no-problem", 5, 1, "No problem")]),
        ("Cannot reproduce", []),
    ]
    replies = read_replies(str(LIB / "saved.md"))
    assert "npm update" not in replies[0].text
    assert "We can't reproduce this." in replies[1].text
    assert "it is code" not in replies[1].text


def test_html_text_only_with_offsets_in_the_markup():
    data = report(LIB / "page.html")
    assert found(data) == [("Refund & delay", [("positivity.no-problem", 5, 4, "No problem"),
                                               ("positivity.we-cant", 6, 1, "We can't")])]
    (reply,) = read_replies(str(LIB / "page.html"))
    for hidden in ("comment", "preformatted", "color", "example.com"):
        assert hidden not in reply.text
    assert "& thanks" in reply.text  # entities decoded


def test_zendesk_json_export_macros_are_titled_replies_pointing_at_the_value_line():
    data = report(LIB / "zendesk.json")
    titles = [f["title"] for f in data["files"]]
    assert titles == ["Refund delayed", "Wrong item"]  # the macro without a comment is no reply
    refund = dict(found(data))["Refund delayed"]
    assert ("positivity.no-problem", 8, 85, "No problem") in refund
    # comment_value_html is read as HTML: the entity maps onto its place in the JSON string
    assert dict(found(data))["Wrong item"] == [("honesty.dont-know", 15, 67, "I don't know")]
    text = (LIB / "zendesk.json").read_text()
    wrong = data["files"][1]["findings"][0]
    assert text[wrong["start"]:wrong["end"]] == "I don&#39;t know"


def test_json_escapes_keep_offsets_exact():
    source = '{"macros": [{"title": "T", "actions": [{"field": "comment_value", ' \
             '"value": "Line one.\\n\\"Quoted\\" \\u00e9t\\u00e9. No problem."}]}]}'
    (reply,) = parse_source(source, ".json", "x.json")
    assert reply.text == 'Line one.\n"Quoted" été. No problem.'
    at = reply.text.index("No problem")
    start, end = reply.offsets(at), reply.offsets(at + len("No problem"), end=True)
    assert source[start:end] == "No problem"


def test_zendesk_yaml_export_points_at_the_scalar_lines():
    data = report(LIB / "zendesk.yaml")
    assert found(data) == [
        ("Refund delayed", [("positivity.no-problem", 8, 11, "No problem")]),
        ("Wrong item", [("honesty.dont-know", 12, 17, "I don't know")]),
    ]
    assert_points_into_source(data)


def test_field_path_for_other_shapes_and_title_field():
    result = run(LIB / "articles.json")
    assert result.exit_code == 2 and "--field" in result.stderr
    data = report("--field", "items[].body.text", LIB / "articles.json")
    assert [f["title"] for f in data["files"]] == ["Shipping", "Returns"]
    assert_points_into_source(data)
    data = report("--field", "items[?name=Returns].body.text", LIB / "articles.json")
    assert [f["title"] for f in data["files"]] == ["Returns"]
    # the brief's example path reads the Zendesk export too
    data = report("--field", "macros[].actions[?field=comment_value].value",
                  LIB / "zendesk.json")
    assert [f["title"] for f in data["files"]] == ["Refund delayed"]


def test_parse_field_steps_and_errors():
    assert parse_field("macros[].actions[?field=comment_value].value") == [
        ("key", "macros"), ("all", ""), ("key", "actions"), ("where", "field=comment_value"),
        ("key", "value")]
    assert parse_field("[0].body") == [("index", "0"), ("key", "body")]
    from tonecheck.errors import InputError

    with pytest.raises(InputError):
        parse_field("a[")


@pytest.mark.parametrize("name, args, expected", [
    ("freshdesk.csv", (), [("Refund delayed", [("positivity.no-problem", 3, 1, "No problem")]),
                           ("Wrong item", [("honesty.dont-know", 4, 26, "I don't know")])]),
    ("helpscout.csv", ("--column", "text", "--title-column", "name"),
     [("Greeting", []), ("Unsure", [("honesty.dont-know", 3, 10, "I don't know")])]),
])
def test_csv_one_reply_a_row(name, args, expected):
    data = report(*args, LIB / name)
    assert found(data) == expected
    assert_points_into_source(data)


def test_csv_unknown_column_is_an_error_naming_the_header():
    result = run("--column", "nope", LIB / "freshdesk.csv")
    assert result.exit_code == 2
    assert "Title, Content, Folder" in result.stderr


def test_invalid_json_is_an_error_with_line_and_column(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"macros": [\n  {"title": }\n]}')
    result = run(bad)
    assert result.exit_code == 2
    assert "bad.json:2:13: invalid JSON" in result.stderr


def test_folder_picks_up_every_format_and_text_output_shows_titles():
    data = report(LIB)
    names = {Path(f["path"]).name for f in data["files"]}
    assert {"sections.md", "page.html", "zendesk.json", "zendesk.yaml",
            "freshdesk.csv"} <= names
    assert "articles.json" not in names  # not a known shape: an error on stderr, run goes on
    result = CliRunner().invoke(cli, ["check", "--no-color", "--fail-on", "never", "--jobs", "1",
                                      str(LIB / "sections.md")])
    assert "sections.md:5:32: warning" in result.stdout
    assert "(Refund delayed)" in result.stdout


def test_each_reply_has_its_own_scores():
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--fail-on", "never",
                                      "--jobs", "1", str(LIB / "zendesk.yaml")])
    data = json.loads(result.stdout)
    assert len(data["files"]) == 2
    assert all("scores" in f for f in data["files"])


def test_parse_json_locates_string_values():
    source = '{"a": [1, "x\\ty", {"b": "z"}]}'
    tree = parse_json(source, "t.json")
    assert tree["a"][0] == 1
    assert source[tree["a"][1].start:tree["a"][1].end] == "x\\ty"
    assert source[tree["a"][2]["b"].start:tree["a"][2]["b"].end] == "z"
    assert ExportOptions().fields == ()


def test_summary_counts_files_and_replies():
    data = report(LIB / "sections.md", LIB / "zendesk.yaml", LIB / "helpscout.csv")
    assert data["summary"]["files"] == 3
    assert data["summary"]["replies"] == 6
    result = CliRunner().invoke(cli, ["check", "--no-color", "--no-scores", "--fail-on", "never",
                                      "--jobs", "1", str(LIB / "sections.md")])
    assert "in 1 file (2 replies)" in result.stdout


def test_export_with_many_replies_across_worker_processes(tmp_path):
    """Over 512 replies: --jobs 2 forks; every reply comes back titled, in order."""
    macros = [{"title": f"M{i}", "actions": [{"field": "comment_value",
                                               "value": f"Reply {i}. No problem!"}]}
              for i in range(600)]
    export = tmp_path / "macros.json"
    export.write_text(json.dumps({"macros": macros}, indent=1))
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-scores", "--fail-on",
                                      "never", "--jobs", "2", str(export)])
    data = json.loads(result.stdout)
    assert [f["title"] for f in data["files"]] == [f"M{i}" for i in range(600)]
    text = export.read_text()
    for f in data["files"]:
        (x,) = f["findings"]
        assert text[x["start"]:x["end"]] == "No problem"


def test_gitignore_in_a_walked_folder_is_respected(tmp_path):
    (tmp_path / "keep.md").write_text("# Hi\n\nNo problem!\n")
    (tmp_path / "skip.md").write_text("# Hi\n\nNo problem!\n")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "a.txt").write_text("No problem!\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.bak.txt").write_text("No problem!\n")
    (tmp_path / "sub" / "y.txt").write_text("No problem!\n")
    (tmp_path / "sub" / "again.md").write_text("No problem!\n")
    (tmp_path / ".gitignore").write_text("# comment\nskip.md\nold/\n*.bak.txt\n/sub/again.md\n"
                                         "again.md\n!sub/again.md\n")
    data = report(tmp_path)
    names = sorted(Path(f["path"]).relative_to(tmp_path).as_posix() for f in data["files"])
    assert names == ["keep.md", "sub/again.md", "sub/y.txt"]


def test_field_and_column_from_the_config_file(tmp_path):
    cfg = tmp_path / ".tonecheck.yml"
    cfg.write_text("field: ['items[].body.text']\ntitle_field: name\n"
                   "column: text\ntitle_column: name\n")
    data = report("--config", cfg, LIB / "articles.json", LIB / "helpscout.csv")
    assert [f["title"] for f in data["files"]] == ["Shipping", "Returns", "Greeting", "Unsure"]
    # the command line wins
    data = report("--config", cfg, "--field", "items[?name=Returns].body.text",
                  LIB / "articles.json")
    assert [f["title"] for f in data["files"]] == ["Returns"]
    cfg.write_text("column: [1, 2]\n")
    result = run("--config", cfg, LIB / "helpscout.csv")
    assert result.exit_code == 2 and "column" in result.stderr


def test_markdown_entities_and_escapes_keep_the_words_in_place():
    source = "# T\n\n- item **bold** text\n  continued &amp; more. No problem \\*really\\*\n"
    (reply,) = parse_source(source, ".md", "x.md")
    assert reply.text == "item bold text\ncontinued & more. No problem *really*"
    at = reply.text.index("No problem")
    start = reply.offsets(at)
    assert source[start:reply.offsets(at + 10, end=True)] == "No problem"


def test_one_export_is_a_library_run():
    result = CliRunner().invoke(cli, ["check", "--no-color", "--fail-on", "never", "--jobs", "1",
                                      str(LIB / "zendesk.yaml")])
    assert "Lowest scores" in result.stdout


@pytest.mark.parametrize("doc", [
    # a bare list of macros, and the API's single-macro shape; a value given as a list
    [{"title": "A", "actions": [{"field": "comment_value", "value": ["channel:all", "No problem!"]}]}],
    {"macro": {"title": "A", "actions": [{"field": "comment_value", "value": "No problem!"}]}},
])
def test_zendesk_shape_variants(tmp_path, doc):
    path = tmp_path / "m.json"
    path.write_text(json.dumps(doc, indent=2))
    data = report(path)
    assert [(f["title"], [x["match"] for x in f["findings"]]) for f in data["files"]] == \
        [("A", ["No problem"])]
    assert_points_into_source(data)
