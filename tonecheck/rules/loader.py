"""Loading YAML rule packs: strict schema, errors that name file, rule, key and line."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import yaml

from ..errors import RuleError
from ..files import read_capped
from .base import COMMON_FIELDS, Rule
from .regex import short
from .registry import RULE_TYPES

PACK_SUFFIXES = (".yml", ".yaml")
MAX_PACK_BYTES = 2_000_000
#: Nesting a rule pack needs is about 8 levels; libyaml's composer recurses in
#: C and crashes the process on a few thousand, so deeper files are refused
#: before they are composed.
MAX_YAML_DEPTH = 50
#: Nodes in a YAML file counting each alias as the whole node it repeats: a
#: few hundred bytes of nested aliases (a "billion laughs") stand for 10**9.
MAX_YAML_NODES = 500_000
#: A folder given as a rule pack is walked no further than this.
MAX_PACK_FILES = 500
MAX_WALK_ENTRIES = 20_000


class LineDict(dict):
    """A mapping that remembers the line of each key (1-based)."""

    line: int = 0
    lines: dict


class _Loader(yaml.SafeLoader):
    pass


# libyaml's C parser when PyYAML was built with it: ~8x faster on a 70-rule
# pack (start-up of every command). It rejects a few things the pure-Python
# parser accepts (``[link here:]``), so any error is re-parsed by ``_Loader``:
# what loads, and every error message, is exactly the pure-Python result.
class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (list, dict, set)):
            raise RuleError("a key must be a plain value, not a list or mapping",
                            line=key_node.start_mark.line + 1)
        if key in data:
            raise RuleError(f"duplicate key {short(key)}", line=key_node.start_mark.line + 1)
        data[key] = loader.construct_object(value_node, deep=True)
        data.lines[key] = key_node.start_mark.line + 1
    return data


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_FastLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def default_pack_path() -> Path:
    """Where the bundled rule packs are: inside the installed package, or the
    repo's ``rules/`` in a source checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "packs"
    return packaged if packaged.is_dir() else here.parent / "rules"


def pack_files(path: Path) -> list[Path]:
    """The rule files of a pack: the file itself, or every .yml/.yaml regular
    file under the folder (symlinked folders are not followed; the walk is
    bounded, so ``rules: [/]`` is an error, not a scan of the disk)."""
    if path.is_dir():
        files: list[Path] = []
        entries = 0

        def unreadable(exc: OSError) -> None:
            raise RuleError(f"cannot read this folder: {exc.strerror or exc}",
                            path=exc.filename or str(path))

        for root, dirs, names in os.walk(path, onerror=unreadable):
            entries += len(dirs) + len(names)
            if entries > MAX_WALK_ENTRIES:
                raise RuleError(f"more than {MAX_WALK_ENTRIES} entries under this folder; give "
                                f"the rule pack's own folder", path=str(path))
            for name in names:
                file = Path(root) / name
                if file.suffix not in PACK_SUFFIXES:
                    continue
                if not file.is_file():  # a FIFO, device or socket: never opened
                    raise RuleError("not a regular file (a FIFO, device or socket?); a rule "
                                    "pack holds only rule files", path=str(file))
                files.append(file)
            if len(files) > MAX_PACK_FILES:
                raise RuleError(f"more than {MAX_PACK_FILES} rule files under this folder",
                                path=str(path))
        if not files:
            raise RuleError("no .yml rule files in this directory", path=str(path))
        return sorted(files)
    if not path.exists():
        raise RuleError("rule pack not found", path=str(path))
    return [path]


def parse_yaml_file(path: Path, what: str = "rule file", bundled: bool = False,
                    cached: bool = False):
    """YAML from ``path`` with line numbers on every mapping; errors are one
    line naming the file (and line and column where YAML knows them).
    ``bundled``: a file tonecheck ships, not checked for alias bombs and
    runaway nesting (a second parse of the file, on every start-up).
    ``cached``: read what the same bytes parsed to on an earlier run, and
    keep this run's result (rules/parsed_cache.py)."""
    name = str(path)
    # Regular files only (a FIFO or device is refused unread), at most MAX_PACK_BYTES.
    data = read_capped(path, MAX_PACK_BYTES, what=what, error=RuleError,
                       missing=f"{what} not found")
    if not cached:
        return _parsed(data, name, what, bundled)
    from . import parsed_cache

    kind = "bundled" if bundled else "checked"
    parsed = parsed_cache.load(data, kind)
    if parsed is parsed_cache.MISSING:
        parsed = _parsed(data, name, what, bundled)
        parsed_cache.store(data, kind, parsed)
    return parsed


def _parsed(data: bytes, name: str, what: str, bundled: bool):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleError(f"{what} is not UTF-8 (byte {exc.start})", path=name) from None
    try:
        try:
            if not bundled:
                _check_shape(text, _FastLoader)
            return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - SafeLoader subclass
        except (yaml.YAMLError, RuleError):
            _check_shape(text, _Loader)
            return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except RuleError as exc:
        exc.path = name
        raise
    except RecursionError:
        raise RuleError("invalid YAML: nested too deeply", path=name) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = " ".join(str(exc.problem or exc.context).split())
        if isinstance(exc, yaml.constructor.ConstructorError) \
                and "constructor for the tag" in problem:
            tag = problem.rsplit(" ", 1)[-1].strip("'")
            tag = tag if len(tag) <= 60 else tag[:59] + "…"
            problem = (f"the tag '{tag}' is not allowed (plain YAML only: strings, numbers, "
                       f"lists and mappings)")
        elif len(problem) > 120:
            problem = problem[:119] + "…"
        raise RuleError(f"invalid YAML: {problem}", path=name, line=line,
                        column=column) from None
    except yaml.YAMLError as exc:
        raise RuleError(f"invalid YAML: {short(str(exc), 120)}", path=name) from None


def _check_shape(text: str, loader) -> None:
    """Refuse, from the parser's events and before anything is built, YAML
    nested deeper than MAX_YAML_DEPTH or standing for more than
    MAX_YAML_NODES nodes once its aliases are expanded (an alias bomb is
    refused in the time it takes to read it, memory bounded)."""
    sizes: dict[str, int] = {}  # anchor -> expanded node count
    stack: list[list] = []  # [node count, anchor] of each open collection
    total = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append([1, event.anchor])
            if len(stack) > MAX_YAML_DEPTH:
                raise RuleError(f"invalid YAML: nested more than {MAX_YAML_DEPTH} levels deep",
                                line=event.start_mark.line + 1)
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            size, anchor = stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            size, anchor = 1, event.anchor
        elif isinstance(event, yaml.AliasEvent):
            size, anchor = sizes.get(event.anchor, 1), None
        else:
            continue
        if anchor is not None:
            sizes[anchor] = size
        if stack:
            stack[-1][0] += size
            size = stack[-1][0]
        else:
            total += size
            size = total
        if size > MAX_YAML_NODES:
            raise RuleError(f"invalid YAML: more than {MAX_YAML_NODES} values once aliases are "
                            f"expanded (an alias bomb?)", line=event.start_mark.line + 1)


def parse_pack(path: Path, bundled: bool = False) -> list[LineDict]:
    """The rule mappings in one YAML file: a list of rules, or ``{rules: [...]}``."""
    name = str(path)
    data = parse_yaml_file(path, bundled=bundled, cached=True)
    if data is None:
        return []
    if isinstance(data, dict):
        unknown = set(data) - {"rules", "pack", "description"}
        if unknown:
            key = sorted(unknown)[0]
            raise RuleError(f"unknown top-level key {short(key)} (expected 'rules')", path=name,
                            line=data.lines.get(key))
        data = data.get("rules") or []
    if not isinstance(data, list):
        raise RuleError("a rule file holds a list of rules (or 'rules: [...]')", path=name)
    for item in data:
        if not isinstance(item, LineDict):
            raise RuleError("each rule must be a mapping", path=name)
    return data


def build_rule(spec: LineDict, source: str, bundled: bool = False) -> Rule:
    rule_id = spec.get("id", "?")

    def fail(key: str, message: str) -> RuleError:
        return RuleError(f"rule {short(rule_id)}, key {short(key)}: {message}", path=source,
                         line=spec.lines.get(key, spec.line))

    extends = spec.get("extends")
    cls = RULE_TYPES.get(extends) if isinstance(extends, str) else None
    if cls is None:
        if "extends" not in spec:
            raise fail("extends", "missing required key")
        raise fail("extends", f"unknown rule type {short(extends)} (expected one of "
                              f"{', '.join(sorted(RULE_TYPES))})")
    fields = {**COMMON_FIELDS, **cls.FIELDS}
    for key in spec:
        if key not in fields:
            raise fail(key, f"unknown key for rule type {extends} (allowed: {', '.join(fields)})")
    for key, field in fields.items():
        if key not in spec:
            if field.required:
                raise fail(key, "missing required key")
            continue
        if not field.check(spec[key]):
            raise fail(key, f"expected {field.expected}, got {short(spec[key])}")
    return cls(spec, source=source, line=spec.line, bundled=bundled)


@dataclass
class RuleSet:
    rules: list[Rule]

    def by_id(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def load_rules(paths: Sequence[Path | str] | None = None, *, include_default: bool = True,
               extra: Sequence[LineDict] = (), extra_source: str = "config") -> RuleSet:
    """Load the default pack (unless excluded) and every pack in ``paths``.
    A rule with the id of a default rule replaces it, so a team's pack can
    override a default rule; two of the team's packs defining the same id is
    an error naming both files (which one should win is not for tonecheck
    to guess). A pack given twice is read once."""
    default = default_pack_path()
    sources: list[Path] = [default] if include_default else []
    sources += [Path(p) for p in paths or ()]
    rules: dict[str, Rule] = {}
    where: dict[str, tuple[str, bool]] = {}  # rule id -> ("file:line", from the default pack)
    read: set[Path] = set()
    for source in sources:
        for file in pack_files(source):
            key = file.resolve()
            if key in read:
                continue
            read.add(key)
            is_default = include_default and source == default
            for spec in parse_pack(file, bundled=is_default):
                rule = build_rule(spec, str(file), bundled=is_default)
                if rule.id in where and not (where[rule.id][1] and not is_default):
                    raise RuleError(f"rule {rule.id!r} is defined twice (also in "
                                    f"{where[rule.id][0]})", path=str(file), line=spec.line)
                where[rule.id] = (f"{file}:{spec.line}", is_default)
                rules.pop(rule.id, None)
                rules[rule.id] = rule
    for spec in extra:  # rules compiled from the config (tonecheck.vocabulary)
        rule = build_rule(spec, extra_source)
        rules.pop(rule.id, None)
        rules[rule.id] = rule
    return RuleSet(list(rules.values()))

