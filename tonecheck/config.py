"""The project config file: ``.tonecheck.yml`` (or ``tonecheck.yml``).

Found by walking up from the current directory, no higher than the project
root (``.git`` or ``pyproject.toml``) or the home directory (see
:func:`find_config`), or named with ``--config``. Options given on the command line win over
the file. Paths in the file are relative to the file.

```yaml
fail_on: warning
select: [positivity, empathy]
ignore: [structure.missing-closing]
rules: [team-rules/]
default_rules: true
# model: en_core_web_sm  # optional trained pipeline, for rules needing POS/dependencies
min_empathy: 40
min_positivity: 40
# field: ["items[].body"]  # JSON/YAML exports not shaped like Zendesk macros (--field)
# column: Content          # CSV exports: the replies' column (--column); title_column too
hook:                      # tonecheck hook (see the README's "Mail clients")
  sendmail: /usr/sbin/sendmail
  on_error: hold           # hold (default) | send: fail open when tonecheck breaks
  skip: [team@example.com, example.org]
```
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import TonecheckError
from .findings import SEVERITY_NAMES

CONFIG_NAMES = (".tonecheck.yml", ".tonecheck.yaml", "tonecheck.yml", "tonecheck.yaml")
#: Read when it has a ``[tool.tonecheck]`` table (after the YAML names in a folder).
PYPROJECT = "pyproject.toml"
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
    #: The ``hook:`` block (``tonecheck hook``), validated by :func:`_hook`.
    hook: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    #: Template mode (tonecheck.templates): True/False for every file, or
    #: globs (relative to the config file) of the files that are templates.
    templates: bool | tuple[str, ...] = False
    #: Severity by rule id, id prefix or category (the most specific wins).
    severity: dict = field(default_factory=dict)
    #: Globs (relative to the config file) of files never checked.
    exclude: tuple[str, ...] = ()
    #: Per-glob settings: ``[{files: [globs], select, ignore, templates, severity}]``.
    overrides: tuple[dict, ...] = ()
    #: The team's vocabulary: banned terms with replacements, jargon (tonecheck.vocabulary).
    vocabulary: dict = field(default_factory=dict)
    #: The line of each key in the file (for errors that point at it).
    lines: dict = field(default_factory=dict)
    # (last: a class attribute named ``field`` hides dataclasses.field below it)
    #: Helpdesk exports (tonecheck.inputs.exports): the JSON/YAML field path(s)
    #: holding the replies and the key titling them; the CSV columns.
    field: tuple[str, ...] = ()
    title_field: str | None = None
    column: str | None = None
    title_column: str | None = None


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


def _templates(v):
    if isinstance(v, bool):
        return v
    try:
        return _str_list(v)
    except ValueError:
        raise ValueError("expected true, false or a list of globs of the files that are "
                         "templates (e.g. [\"macros/**\"])") from None


def _severity(v):
    if isinstance(v, dict) and v and all(isinstance(k, str) and k for k in v):
        bad = next((k for k, x in v.items() if x not in SEVERITY_NAMES), None)
        if bad is None:
            return dict(v)
        raise ValueError(f"{bad!r}: expected one of {', '.join(SEVERITY_NAMES)}, "
                         f"got {v[bad]!r}")
    raise ValueError("expected a mapping of rule id, prefix or category to a severity "
                     "(error, warning or suggestion)")


_OVERRIDE_KEYS = ("files", "select", "ignore", "templates", "severity")


def _overrides(v):
    if not isinstance(v, list):
        raise ValueError("expected a list of {files: [globs], select/ignore/templates/severity}")
    out = []
    for n, item in enumerate(v, 1):
        line = getattr(item, "line", None)
        if not isinstance(item, dict):
            raise _SubkeyError(f"entry {n}: expected a mapping", line)
        lines = getattr(item, "lines", {})
        unknown = [k for k in item if k not in _OVERRIDE_KEYS]
        if unknown:
            raise _SubkeyError(f"entry {n}: unknown key {unknown[0]!r} (allowed: "
                               f"{', '.join(_OVERRIDE_KEYS)})", lines.get(unknown[0], line))
        if "files" not in item:
            raise _SubkeyError(f"entry {n}: 'files' (the globs it applies to) is required", line)
        entry = {}
        for key, check in (("files", _str_list), ("select", _str_list), ("ignore", _str_list),
                           ("templates", _bool), ("severity", _severity)):
            if key in item:
                try:
                    entry[key] = check(item[key])
                except ValueError as exc:
                    raise _SubkeyError(f"entry {n}, {key!r}: {exc}", lines.get(key, line)) \
                        from None
        entry["line"] = line
        out.append(entry)
    return tuple(out)


def _vocabulary(v):
    from .vocabulary import check_vocabulary

    return check_vocabulary(v)


def _model(v):
    if isinstance(v, str) and v.strip():
        return v
    raise ValueError("expected a spaCy pipeline name or path")


def _name(v):
    if isinstance(v, (str, int)) and not isinstance(v, bool) and str(v).strip():
        return str(v)
    raise ValueError("expected a field, key or column name")


class _SubkeyError(ValueError):
    """A bad value inside a nested block, with the line of its own key."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def _hook_on_error(v):
    if v in ("hold", "send"):
        return v
    raise ValueError("expected hold (keep the message, the default) or send (fail open)")


def _hook_text(v):
    if isinstance(v, str) and v.strip():
        return v.strip()
    raise ValueError("expected a non-empty string")


def _hook_timeout(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v <= 60:
        return float(v)
    raise ValueError("expected a number of seconds from 0 to 60")


#: The ``hook:`` block: the real sendmail command, what to do when tonecheck
#: itself fails, who is never checked, where refused mail is kept, the service.
_HOOK_KEYS = {"sendmail": _hook_text, "on_error": _hook_on_error, "skip": _str_list,
              "held_dir": _hook_text, "server": _hook_text, "server_timeout": _hook_timeout}


def _hook(v):
    from .rules.loader import LineDict

    if not isinstance(v, dict):
        raise ValueError("expected a mapping of hook options (" + ", ".join(_HOOK_KEYS) + ")")
    lines = v.lines if isinstance(v, LineDict) else {}
    out = {}
    for key, value in v.items():
        check = _HOOK_KEYS.get(key)
        if check is None:
            raise _SubkeyError(f"unknown key {key!r} (allowed: {', '.join(_HOOK_KEYS)})",
                               lines.get(key))
        try:
            out[key] = check(value)
        except ValueError as exc:
            raise _SubkeyError(f"{key!r}: {exc}", lines.get(key)) from None
    return out


_KEYS = {"fail_on": _fail_on, "select": _str_list, "ignore": _str_list, "rules": _str_list,
         "default_rules": _bool, "model": _model, "min_empathy": _score,
         "min_positivity": _score, "hook": _hook, "templates": _templates,
         "severity": _severity, "exclude": _str_list, "overrides": _overrides,
         "vocabulary": _vocabulary, "field": _str_list, "title_field": _name,
         "column": _name, "title_column": _name}
assert set(_KEYS) <= {f.name for f in fields(Config)}


#: A folder holding one of these is a project root: the config search stops there.
PROJECT_MARKERS = (".git", "pyproject.toml")


def _home() -> Path | None:
    try:
        home = Path.home().resolve()
    except (RuntimeError, OSError, KeyError):
        return None
    return None if home == Path(home.anchor) else home  # HOME=/ bounds nothing


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file at or above ``start`` (default: the current
    directory), searched no higher than the first project root (a folder with
    ``.git`` or ``pyproject.toml``) or the home directory on the way up. When
    neither is above ``start``, only ``start`` itself is searched: a
    ``.tonecheck.yml`` that someone left in a shared folder above (``/tmp``)
    is never picked up."""
    try:
        here = (start or Path.cwd()).resolve()
    except OSError:  # the working directory was deleted
        return None
    home = _home()
    folders = (here, *here.parents)
    last = next((i for i, folder in enumerate(folders)
                 if folder == home or any(os.path.exists(folder / m) for m in PROJECT_MARKERS)),
                0)
    for folder in folders[:last + 1]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if os.path.isfile(candidate):  # never raises (an unreadable folder is no config)
                return candidate
        candidate = folder / PYPROJECT
        if os.path.isfile(candidate) and _has_tool_table(candidate):
            return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml has a ``[tool.tonecheck]`` table (a broken or
    unreadable one says so later, when it is loaded, only if it has one)."""
    try:
        with open(path, "rb") as f:
            head = f.read(2_000_000)
    except OSError:
        return False
    return b"tool.tonecheck" in head


def _toml(path: Path) -> dict:
    """The ``[tool.tonecheck]`` table of a pyproject.toml (tomllib, or tomli
    before Python 3.11)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    from .files import read_capped
    from .rules.loader import MAX_PACK_BYTES

    data = read_capped(path, MAX_PACK_BYTES, what="config file", error=TonecheckError,
                       missing="config file not found")
    try:
        table = tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TonecheckError(f"invalid TOML: {exc}", path=str(path)) from None
    return table.get("tool", {}).get("tonecheck", {})


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    from .rules.loader import LineDict, parse_yaml_file
    from .rules.regex import short

    if Path(path).name == PYPROJECT:
        table = _toml(path)
        if not isinstance(table, dict):
            raise TonecheckError("[tool.tonecheck] must be a table", path=str(path))
        # TOML keys use dashes or underscores (fail-on = "error"); nested
        # tables (overrides, severity) keep theirs as written.
        data = LineDict({k.replace("-", "_"): v for k, v in table.items()})
        data.line, data.lines = 0, {k: None for k in data}  # TOML gives no lines
    else:
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
            raise TonecheckError(f"unknown key {short(key)} (allowed: {', '.join(_KEYS)})",
                                 path=str(path), line=line)
        try:
            values[key] = check(value)
        except ValueError as exc:
            if isinstance(exc, _SubkeyError):
                raise TonecheckError(f"key {key!r}: {exc}", path=str(path),
                                     line=exc.line or line) from None
            raise TonecheckError(f"key {key!r}: {exc}, got {short(value)}", path=str(path),
                                 line=line) from None
    if "rules" in values:
        values["rules"] = tuple(path.parent / p for p in values["rules"])
    if "held_dir" in values.get("hook", {}):
        held = Path(values["hook"]["held_dir"]).expanduser()
        values["hook"]["held_dir"] = str(path.parent / held)
    return Config(path=path, lines=dict(data.lines), **values)


def glob_regex(pattern: str):
    """A compiled regex for a path glob: ``**`` any number of folders, ``*``
    and ``?`` within one name; a glob without ``/`` matches a file's name in
    any folder (as in .gitignore); a trailing ``/`` or ``/**`` a whole folder."""
    import re

    pat = pattern.strip()
    if pat.startswith("./"):
        pat = pat[2:]
    anchored = "/" in pat.rstrip("/")
    if pat.endswith("/"):
        pat += "**"
    out, i = [], 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(c))
            i += 1
    body = "".join(out)
    return re.compile(("" if anchored else "(?:.*/)?") + body + "(?:/.*)?")


def path_matches(path: str, globs, base: Path | None) -> bool:
    """Whether ``path`` (as given on the command line) matches one of
    ``globs``, which are relative to the folder ``base`` (the config file's;
    the current directory when None)."""
    if path == "-":
        return False
    try:
        full = Path(os.path.abspath(path))
        rel = full.relative_to(os.path.abspath(base or Path.cwd()))
    except ValueError:  # outside the project: only a name-only glob can match
        rel = Path(path)
    text = rel.as_posix()
    return any(glob_regex(g).fullmatch(text) for g in globs)


def templates_for(cfg: Config, path: str) -> bool:
    """Whether ``path`` is read in template mode by this config."""
    if isinstance(cfg.templates, bool):
        return cfg.templates
    return path_matches(path, cfg.templates, cfg.path.parent if cfg.path else None)


def options_for(cfg: Config, path: str, select: tuple = (), ignore: tuple = (),
                templates: bool = False) -> dict | None:
    """What the per-glob ``overrides`` change for ``path``: a dict with
    ``templates`` and, where an override says so, ``select``, ``ignore`` and
    ``severity`` (applied in order, later entries on top: ``select``
    replaces, ``ignore`` adds, ``severity`` merges); ``select``/``ignore`` are
    the run's own. None when nothing differs from the run's settings."""
    base = cfg.path.parent if cfg.path else None
    out: dict = {"templates": templates or templates_for(cfg, path)}
    for o in cfg.overrides:
        if not path_matches(path, o["files"], base):
            continue
        if "select" in o:
            select = o["select"]
            out["select"] = select
        if "ignore" in o:
            ignore = tuple(ignore) + o["ignore"]
            out["ignore"] = ignore
        if "select" in out or "ignore" in out:
            out["select"], out["ignore"] = tuple(select), tuple(ignore)
        if "templates" in o:
            out["templates"] = o["templates"]
        if "severity" in o:
            out["severity"] = {**out.get("severity", {}), **o["severity"]}
    return out


def is_excluded(cfg: Config, path: str) -> bool:
    """Whether ``path`` matches the config's ``exclude`` globs."""
    return bool(cfg.exclude) and path_matches(path, cfg.exclude,
                                              cfg.path.parent if cfg.path else None)


#: What each key is when no config file sets it (shown by ``tonecheck config``).
DEFAULTS = {"fail_on": "warning", "select": [], "ignore": [], "rules": [], "default_rules": True,
            "model": None, "min_empathy": None, "min_positivity": None, "hook": {},
            "templates": False, "severity": {}, "exclude": [], "overrides": [],
            "vocabulary": {}, "field": [], "title_field": None, "column": None,
            "title_column": None}
assert set(DEFAULTS) == set(_KEYS)


def _plain(value):
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "line"}
    return value


def resolved(cfg: Config) -> list[tuple[str, Any, str]]:
    """Every config key as ``(key, value, source)``: the file and line that
    set it, or ``default``."""
    out = []
    for key in _KEYS:
        if key in cfg.lines:
            line = cfg.lines.get(key)
            source = f"{cfg.path}:{line}" if line else f"{cfg.path} [tool.tonecheck]"
            value = getattr(cfg, key)
            if key == "fail_on" and value is None:
                value = DEFAULTS[key]
        else:
            source, value = "default", DEFAULTS[key]
        out.append((key, _plain(value), source))
    return out

