"""Rule files parsed on an earlier run are read back from the cache, keyed
by their bytes: the same rules load either way, an edited file is parsed
again, and a cache that is broken or cannot be written only costs time."""
from __future__ import annotations

import os

import pytest

from tonecheck.rules import parsed_cache
from tonecheck.rules.loader import LineDict, parse_pack

from conftest import TEAM_RULE


@pytest.fixture
def cache(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv("TONECHECK_CACHE_DIR", str(where))
    return where


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, LineDict):
        return (a.line, a.lines, list(a)) == (b.line, b.lines, list(b)) \
            and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def test_a_pack_read_back_from_the_cache_is_the_pack_parsed(cache, tmp_path):
    pack = tmp_path / "team.yml"
    pack.write_text(TEAM_RULE + "  link: https://example.com/x\n  exceptions: [1, 2.5, true, null]\n",
                    encoding="utf-8")
    parsed = parse_pack(pack)
    assert len(list((cache / "packs").iterdir())) == 1
    again = parse_pack(pack)
    assert _same(again, parsed) and again is not parsed
    assert again[0].lines["phrases"] == 6  # line numbers survive, for error messages


def test_an_edited_pack_is_parsed_again(cache, tmp_path):
    pack = tmp_path / "team.yml"
    pack.write_text(TEAM_RULE, encoding="utf-8")
    parse_pack(pack)
    pack.write_text(TEAM_RULE.replace("hold on", "hang on"), encoding="utf-8")
    assert parse_pack(pack)[0]["phrases"] == ["hang on"]


def test_a_broken_or_unwritable_cache_only_costs_time(cache, tmp_path, monkeypatch):
    pack = tmp_path / "team.yml"
    pack.write_text(TEAM_RULE, encoding="utf-8")
    parse_pack(pack)
    for entry in (cache / "packs").iterdir():
        entry.write_bytes(b"\x00not marshal")
    assert parse_pack(pack)[0]["id"] == "team.hold-on"
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("TONECHECK_CACHE_DIR", str(blocked / "cache"))  # under a file: unwritable
    assert parse_pack(pack)[0]["id"] == "team.hold-on"


def test_no_cache_when_turned_off(cache, tmp_path, monkeypatch):
    monkeypatch.setenv("TONECHECK_NO_CACHE", "1")
    pack = tmp_path / "team.yml"
    pack.write_text(TEAM_RULE, encoding="utf-8")
    parse_pack(pack)
    assert not cache.exists()
    assert parsed_cache.cache_dir() is None


def test_a_pack_that_fails_to_parse_is_not_kept(cache, tmp_path):
    from tonecheck.rules.loader import RuleError

    pack = tmp_path / "team.yml"
    pack.write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleError):
        parse_pack(pack)
    assert not (cache / "packs").exists() or not os.listdir(cache / "packs")


def test_the_cache_keeps_only_the_newest_entries(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(parsed_cache, "MAX_ENTRIES", 2)
    for n in range(4):
        pack = tmp_path / f"team{n}.yml"
        pack.write_text(TEAM_RULE.replace("hold on", f"hold on {n}"), encoding="utf-8")
        parse_pack(pack)
    assert len(list((cache / "packs").glob("*.marshal"))) == 2
    assert parse_pack(pack)[0]["phrases"] == ["hold on 3"]  # the newest is still read back


@pytest.mark.parametrize("planted", ["fifo", "device"])
def test_a_fifo_or_device_in_the_cache_is_passed_over_not_read(cache, tmp_path, planted):
    pack = tmp_path / "team.yml"
    pack.write_text(TEAM_RULE, encoding="utf-8")
    entry = parsed_cache._entry(pack.read_bytes(), "checked")
    entry.parent.mkdir(parents=True)
    if planted == "fifo":
        os.mkfifo(entry)
    else:
        entry.symlink_to("/dev/zero")
    assert parse_pack(pack)[0]["id"] == "team.hold-on"  # parsed, without blocking on it
    assert entry.is_file() and not entry.is_symlink()  # and a real entry written in its place
