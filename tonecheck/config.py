"""The project config file: ``.tonecheck.yml`` (or ``tonecheck.yml``).

Found by walking up from the current directory (stopping at the repository
root), or named with ``--config``. Options given on the command line win over
the file. Paths in the file are relative to the file.

```yaml
fail_on: warning
select: [positivity, empathy]
ignore: [structure.missing-closing]
rules: [team-rules/]
default_rules: true
model: en_core_web_sm
min_empathy: 40
min_positivity: 40
```
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import TonecheckError
from .findings import SEVERITY_NAMES

CONFIG_NAMES = (".tonecheck.yml", ".tonecheck.yaml", "tonecheck.yml", "tonecheck.yaml")
FAIL_ON = SEVERITY_NAMES + ("never",)


@dataclass
class Config:
    path: Path | None = None
    fail_on: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: tuple[Path, ...] = ()
    default_rules: bool = True
    model: str | None = None
    min_empathy: int | None = None
    min_positivity: int | None = None
    extra: dict = field(default_factory=dict)


def _str_list(v):
    if isinstance(v, str):
        v = [x.strip() for x in v.split(",") if x.strip()]
    if isinstance(v, list) and all(isinstance(x, str) and x for x in v):
        return tuple(v)
    raise ValueError("expected a list of strings")


def _score(v):
    if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 100:
        return v
    raise ValueError("expected a whole number from 0 to 100")


def _fail_on(v):
    if v in FAIL_ON:
        return v
    raise ValueError("expected one of " + ", ".join(FAIL_ON))


def _bool(v):
    if isinstance(v, bool):
        return v
    raise ValueError("expected true or false")


def _model(v):
    if isinstance(v, str) and v.strip():
        return v
    raise ValueError("expected a spaCy pipeline name or path")


_KEYS = {"fail_on": _fail_on, "select": _str_list, "ignore": _str_list, "rules": _str_list,
         "default_rules": _bool, "model": _model, "min_empathy": _score,
         "min_positivity": _score}
assert set(_KEYS) <= {f.name for f in fields(Config)}


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file at or above ``start`` (not above a repo root)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        if (folder / ".git").exists():
            return None
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    from .rules.loader import LineDict, parse_yaml_file

    data = parse_yaml_file(path, what="config file")
    if data is None:
        return Config(path=path)
    if not isinstance(data, LineDict):
        raise TonecheckError("a config file holds a mapping of options", path=str(path))
    values: dict[str, Any] = {}
    for key, value in data.items():
        check = _KEYS.get(key)
        line = data.lines.get(key)
        if check is None:
            raise TonecheckError(f"unknown key {key!r} (allowed: {', '.join(_KEYS)})",
                                 path=str(path), line=line)
        try:
            values[key] = check(value)
        except ValueError as exc:
            raise TonecheckError(f"key {key!r}: {exc}, got {value!r}", path=str(path),
                                 line=line) from None
    if "rules" in values:
        values["rules"] = tuple(path.parent / p for p in values["rules"])
    return Config(path=path, **values)
