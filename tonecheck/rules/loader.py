"""Loading YAML rule packs: strict schema, errors that name file, rule, key and line."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import yaml

from ..errors import RuleError
from ..files import read_capped
from .base import COMMON_FIELDS, Rule
from .registry import RULE_TYPES

PACK_SUFFIXES = (".yml", ".yaml")
MAX_PACK_BYTES = 2_000_000


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
        if key in data:
            raise RuleError(f"duplicate key {key!r}", line=key_node.start_mark.line + 1)
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
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in PACK_SUFFIXES and p.is_file())
        if not files:
            raise RuleError("no .yml rule files in this directory", path=str(path))
        return files
    if not path.exists():
        raise RuleError("rule pack not found", path=str(path))
    return [path]


def parse_yaml_file(path: Path, what: str = "rule file"):
    """YAML from ``path`` with line numbers on every mapping; errors are one
    line naming the file (and line and column where YAML knows them)."""
    name = str(path)
    # Regular files only (a FIFO or device is refused unread), at most MAX_PACK_BYTES.
    data = read_capped(path, MAX_PACK_BYTES, what=what, error=RuleError,
                       missing=f"{what} not found")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleError(f"{what} is not UTF-8 (byte {exc.start})", path=name) from None
    try:
        try:
            return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - SafeLoader subclass
        except (yaml.YAMLError, RuleError):
            return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except RuleError as exc:
        exc.path = name
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise RuleError(f"invalid YAML: {exc.problem or exc.context}", path=name, line=line,
                        column=column) from None
    except yaml.YAMLError as exc:
        raise RuleError(f"invalid YAML: {exc}", path=name) from None


def parse_pack(path: Path) -> list[LineDict]:
    """The rule mappings in one YAML file: a list of rules, or ``{rules: [...]}``."""
    name = str(path)
    data = parse_yaml_file(path)
    if data is None:
        return []
    if isinstance(data, dict):
        unknown = set(data) - {"rules", "pack", "description"}
        if unknown:
            key = sorted(unknown)[0]
            raise RuleError(f"unknown top-level key {key!r} (expected 'rules')", path=name,
                            line=data.lines.get(key))
        data = data.get("rules") or []
    if not isinstance(data, list):
        raise RuleError("a rule file holds a list of rules (or 'rules: [...]')", path=name)
    for item in data:
        if not isinstance(item, LineDict):
            raise RuleError("each rule must be a mapping", path=name)
    return data


def build_rule(spec: LineDict, source: str) -> Rule:
    rule_id = spec.get("id", "?")

    def fail(key: str, message: str) -> RuleError:
        return RuleError(f"rule {rule_id!r}, key {key!r}: {message}", path=source,
                         line=spec.lines.get(key, spec.line))

    extends = spec.get("extends")
    cls = RULE_TYPES.get(extends) if isinstance(extends, str) else None
    if cls is None:
        if "extends" not in spec:
            raise fail("extends", "missing required key")
        raise fail("extends", f"unknown rule type {extends!r} (expected one of "
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
            raise fail(key, f"expected {field.expected}, got {spec[key]!r}")
    return cls(spec, source=source, line=spec.line)


@dataclass
class RuleSet:
    rules: list[Rule]

    def by_id(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def load_rules(paths: Sequence[Path | str] | None = None, *, include_default: bool = True) -> RuleSet:
    """Load the default pack (unless excluded) and every pack in ``paths``.
    A later rule with the same id replaces an earlier one, so a team's pack
    can override a default rule."""
    sources: list[Path] = [default_pack_path()] if include_default else []
    sources += [Path(p) for p in paths or ()]
    rules: dict[str, Rule] = {}
    for source in sources:
        seen_here: dict[str, str] = {}
        for file in pack_files(source):
            for spec in parse_pack(file):
                rule = build_rule(spec, str(file))
                if rule.id in seen_here:
                    raise RuleError(f"rule {rule.id!r} is defined twice (also in "
                                    f"{seen_here[rule.id]})", path=str(file), line=spec.line)
                seen_here[rule.id] = str(file)
                rules.pop(rule.id, None)
                rules[rule.id] = rule
    return RuleSet(list(rules.values()))

