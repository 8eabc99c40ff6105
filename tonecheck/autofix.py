"""``tonecheck check --fix`` and ``--diff``: pasting findings' first
replacements back into the files they were read from.

Only replacements are applied (:func:`tonecheck.fixes.apply_fixes`), never
advice, and never inside what must stay as written: template variables
(``{{name}}``, ``<ISSUE_NUMBER>``...), quoted lines (``> ...``) and, in
Markdown, code (fenced and indented blocks, inline code), HTML comments and
link targets. A finding that touches one of those is left for a person.

The file is read again before it is rewritten and must decode to exactly
the text that was checked (otherwise it changed in between, or its reader
transformed it, and it is not fixed). The new text is encoded with the
encoding the reader used, after the same BOM; line endings are part of the
decoded text, so CRLF stays CRLF, and every byte outside the fixed spans is
reproduced (checked: the old text must encode back to the file's bytes).
The write is atomic (:mod:`tonecheck.writing`), keeping permissions.
"""
from __future__ import annotations

import codecs
import difflib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import TonecheckError
from .fixes import chosen_fixes

#: Rounds of fix-and-check: a pasted replacement can meet a neighbour and
#: make a new fixable finding; fixing until nothing changes is what makes a
#: second ``--fix`` a no-op.
MAX_ROUNDS = 8

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt", ".text"}) | MARKDOWN_SUFFIXES

_TEMPLATE = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}\n]*\}|%\{[^}\n]*\}|%\([A-Za-z_]\w*\)[sd]"
    r"|\{[A-Za-z_][\w.]*\}|\[\[[^\]\n]*\]\]|<[A-Z][A-Z0-9_]*>|\[[A-Z][A-Z0-9_ ]*\]",
    re.S)
_QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.M)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)|\]:[ \t]*\S+|<[a-z][a-z0-9+.-]*:[^>\s]*>", re.I)
_BACKTICKS = re.compile(r"`+")


class FixError(TonecheckError):
    """A file that cannot be fixed (read-only, changed, cannot be written)."""


# -- what must stay as written -------------------------------------------------------
def protected_spans(text: str, path: str = "") -> list[tuple[int, int]]:
    """Character spans of ``text`` that fixes must not touch."""
    spans = [m.span() for m in _TEMPLATE.finditer(text)]
    spans += [m.span() for m in _QUOTED_LINE.finditer(text)]
    if Path(path).suffix.lower() in MARKDOWN_SUFFIXES:
        spans += markdown_code_spans(text)
        spans += [m.span() for m in _HTML_COMMENT.finditer(text)]
        spans += [m.span() for m in _LINK_TARGET.finditer(text)]
    return spans


def markdown_code_spans(text: str) -> list[tuple[int, int]]:
    """Code in Markdown source, found simply: fenced blocks (an unclosed
    fence runs to the end), indented blocks (after a blank line, 4 spaces or
    a tab) and inline code (backtick runs closed by a run of the same length
    before a blank line). Wider than CommonMark where unsure, never narrower
    in the common cases."""
    spans: list[tuple[int, int]] = []
    lines = _lines(text)
    pos, fence, fence_start, prev_blank, in_indented = 0, None, 0, True, False
    prose: list[tuple[int, int]] = []  # lines outside blocks, for inline code
    for line in lines:
        body = line.rstrip("\r\n")
        start, end = pos, pos + len(line)
        pos = end
        if fence is not None:
            m = _FENCE.match(body)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                    and not body[m.end():].strip():
                spans.append((fence_start, end))
                fence = None
            continue
        m = _FENCE.match(body)
        if m:
            fence, fence_start = m.group(1), start
            in_indented = False
            continue
        blank = not body.strip()
        if not blank and (body.startswith("    ") or body.startswith("\t")) \
                and (prev_blank or in_indented):
            spans.append((start, end))
            in_indented = True
        else:
            if not blank:
                in_indented = False
            prose.append((start, end))
        prev_blank = blank
    if fence is not None:
        spans.append((fence_start, len(text)))
    # inline code, paragraph by paragraph (a blank line ends an open span)
    para: list[tuple[int, int]] = []
    for start, end in prose + [(len(text), len(text))]:
        if para and (start != para[-1][1] or not text[start:end].strip()):
            spans += _inline_code(text, para[0][0], para[-1][1])
            para = []
        if text[start:end].strip():
            para.append((start, end))
    return spans


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+\Z")


def _lines(text: str) -> list[str]:
    """Lines with their endings; only CR, LF and CRLF end one (as in the
    line numbers tonecheck reports)."""
    return _LINE.findall(text)


def _inline_code(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, runs = [], list(_BACKTICKS.finditer(text, start, end))
    i = 0
    while i < len(runs):
        opener = runs[i]
        close = next((j for j in range(i + 1, len(runs))
                      if len(runs[j].group()) == len(opener.group())), None)
        if close is None:
            i += 1
            continue
        spans.append((opener.start(), runs[close].end()))
        i = close + 1
    return spans


def _touches(f, spans) -> bool:
    return any(f.start < e and s < f.end for s, e in spans)


def fixable(findings, text: str, path: str = "") -> list:
    """The findings ``--fix`` may apply: with a replacement, a non-empty
    span, and nothing protected under it."""
    spans = protected_spans(text, path)
    return [f for f in findings if f.replacements and f.end > f.start and not _touches(f, spans)]


# -- files ---------------------------------------------------------------------------------
_BOM_CODECS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
               (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
               (codecs.BOM_UTF8, "utf-8"))


@dataclass(frozen=True)
class Source:
    """A text file as read for fixing: its bytes, how they decode, its stat."""

    path: str  # as named
    target: str  # the file the name leads to (symlinks followed): what is rewritten
    data: bytes
    text: str
    bom: bytes
    codec: str
    info: os.stat_result

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


def read_source(path: str, max_bytes: int | None = None) -> Source:
    """Read ``path`` the way the text reader does, and remember how to write
    it back byte for byte."""
    from .errors import InputError
    from .files import read_capped
    from .inputs.text import MAX_BYTES, decode

    data = read_capped(path, max_bytes or MAX_BYTES, what="file", error=InputError)
    text, encoding = decode(data, path)
    bom, codec = b"", encoding
    if encoding in ("utf-8-sig", "utf-16", "utf-32"):
        bom, codec = next((b, c) for b, c in _BOM_CODECS if data.startswith(b)
                          and c.startswith(encoding.split("-sig")[0]))
    source = Source(path, os.path.realpath(path), data, text, bom, codec, os.stat(path))
    if source.encode(text) != data:
        raise FixError("cannot write this file back byte for byte in its encoding "
                       f"({encoding}); not fixed", path=path)
    return source


def is_read_only(info: os.stat_result, target: str) -> bool:
    """No write permission for us, or (as root, who may write anyway) no
    write bit for anyone: either way the owner meant it to stay as it is."""
    return not os.access(target, os.W_OK) or not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP
                                                                  | stat.S_IWOTH)


def write_back(source: Source, text: str) -> None:
    """Write ``text`` over the file atomically, in its encoding, after its
    BOM, with its permission bits (and owner, where allowed)."""
    from .files import os_error_message
    from .writing import write_atomic

    if is_read_only(source.info, source.target):
        raise FixError("is read-only; not fixed (the file is unchanged)", path=source.path)
    try:
        write_atomic(source.target, source.encode(text), mode=stat.S_IMODE(source.info.st_mode),
                     owner=(source.info.st_uid, source.info.st_gid))
    except OSError as exc:
        raise FixError(f"cannot write the fixed file: {os_error_message(exc)} "
                       "(the file is unchanged)", path=source.path) from None


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff of the fix (``a/PATH``, ``b/PATH``; an absolute PATH
    without its leading slash, as ``git diff`` writes it), lines as written."""
    a, b = _lines(old), _lines(new)
    out = []
    name = path.lstrip("/")
    for line in difflib.unified_diff(a, b, f"a/{name}", f"b/{name}"):
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


# -- formats -------------------------------------------------------------------------------
def _library():
    """The multi-reply readers (Markdown sections, HTML, exports), when this
    build has them; None otherwise (Markdown is then fixed as text, with
    :func:`markdown_code_spans` keeping code as it is)."""
    try:
        from .inputs import library
    except ImportError:
        return None
    return library


def kind_of(path: str) -> str | None:
    """How ``path`` is fixed: "text", "markdown", "html", "json", "yaml",
    "csv", or None (not fixed: email, unknown suffixes)."""
    suffix = Path(path).suffix.lower()
    if path == "-" or suffix in (".txt", ".text", ""):
        return "text"
    library = _library()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown" if library is not None else "text"
    if library is None or suffix not in library.LIBRARY_SUFFIXES:
        return None
    if suffix in library.HTML_SUFFIXES:
        return "html"
    return {".json": "json", ".yaml": "yaml", ".yml": "yaml"}.get(suffix, "csv")


#: Characters a replacement may not hold to be pasted as it is into a reply
#: field of each format (where it would need escaping or quoting).
_UNSAFE = {"text": "", "markdown": "", "html": "<>&", "json": "\"\\<>&",
           "yaml": "\"\\:#<>&\t", "csv": "\",\t<>&"}


def pasteable(f, source: str, kind: str, protected) -> bool:
    """Whether ``f``'s first replacement can go into ``source`` as it is: the
    matched words stand there verbatim (no escape, entity or markup inside),
    nothing protected is under them, and the replacement needs no escaping
    in this format (and has no line break)."""
    if not f.replacements or f.end <= f.start or source[f.start:f.end] != f.match:
        return False
    new = f.replacements[0]
    if any(c in new for c in _UNSAFE[kind]) or "\n" in new or "\r" in new:
        return False
    return not _touches(f, protected)


# -- fixing a file's text until it is stable --------------------------------------------------
@dataclass(frozen=True)
class Fixed:
    text: str  # the file's text after the fixes
    applied: int  # replacements pasted
    reports: list  # the reports of ``text``: what remains
    refused: int = 0  # fixes left out because the file would no longer read the same


def _shape(reports) -> list:
    return [(getattr(r, "title", ""), r.path) for r in reports]


def fix_source(reports: list, check: Callable[[str], list], kind: str, path: str = "") -> Fixed:
    """Apply the pasteable findings of ``reports`` (all of one file, spans on
    its text ``reports[0].text``), check the result again
    (``check(text) -> reports``) and repeat while that changes it. For a
    multi-reply file a fix is kept only when the file still reads as the
    same replies (same number, same titles) afterwards."""
    from .fixes import apply_fixes

    text, applied, refused = reports[0].text, 0, 0
    md_as_text = kind == "text" and Path(path).suffix.lower() in MARKDOWN_SUFFIXES
    for _ in range(MAX_ROUNDS):
        protected = protected_spans(text, path if md_as_text else "")
        findings = [f for r in reports for f in r.findings]
        todo = chosen_fixes(f for f in findings if pasteable(f, text, kind, protected))
        if not todo:
            break
        new, new_reports = apply_fixes(text, todo), None
        if kind != "text":
            new_reports = _check_shape(check, new, reports)
            if new_reports is None:  # try them one by one, keeping those that fit
                new, kept = text, []
                for f in reversed(todo):
                    candidate = apply_fixes(new, [f])
                    if _check_shape(check, candidate, reports) is not None:
                        new, kept = candidate, kept + [f]
                refused += len(todo) - len(kept)
                todo = kept
                new_reports = None
        if new == text:
            break
        text, applied = new, applied + len(todo)
        reports = new_reports if new_reports is not None else check(text)
        if not reports:
            break
    return Fixed(text, applied, reports, refused)


def _check_shape(check, text, before):
    try:
        after = check(text)
    except TonecheckError:
        return None
    return after if _shape(after) == _shape(before) else None


# -- the command line's side ---------------------------------------------------------------
class Fixer:
    """What ``check --fix`` (``write=True``) or ``--diff`` does with the
    reports of a run. Reports come file by file (a Markdown or export file
    gives one per reply, one after another); :meth:`feed` holds a file's
    reports until the next file starts, then fixes that file and returns the
    reports of what remains; :meth:`flush` does the last file. A file that is
    not fixed gives its reports back as they were. Problems go to ``error``
    (a one-line message; the run should end with exit 2), files that are
    never fixed to ``notice``."""

    def __init__(self, linter, *, write: bool, context: str | None = None, out=None,
                 error: Callable[[Exception], None] = print,
                 notice: Callable[[str], None] = print,
                 is_email: Callable[[str], bool] | None = None, exports=None,
                 suppress: Callable | None = None):
        self.linter = linter
        #: report -> report without the findings the file's inline comments
        #: suppress (tonecheck.suppress): a suppressed finding is never fixed.
        self.suppress = suppress or (lambda report: report)
        self.write = write
        self.context = context
        self.out = out
        self.error = error
        self.notice = notice
        self.is_email = is_email or (lambda path: False)
        self.exports = exports  # inputs.exports.ExportOptions, for re-reading exports
        self.fixed = 0  # replacements pasted (or, with --diff, that would be)
        self.files = 0  # files changed (would change)
        self.remaining = 0  # findings left in every report given back
        self.failed: list[str] = []  # files that could not be fixed (errors)
        self._held: list = []
        self._options: dict = {}  # path -> the run's per-item options (templates, overrides)

    def watch(self, items):
        """Pass the run's ``(path, text[, options])`` items through, noting
        each path's options, so that a fixed file is checked again exactly
        as the run checked it (template mode, per-glob selection)."""
        for item in items:
            if len(item) > 2:
                self._options[item[0]] = item[2]
            yield item

    def _check_text(self, text: str, path: str):
        options = self._options.get(path)
        item = (path, text) if options is None else (path, text, options)
        return next(self.linter.check_many([item]))

    def feed(self, report) -> list:
        out = []
        if self._held and self._held[0].path != report.path:
            out = self.flush()
        self._held.append(self.suppress(report))
        return out

    def flush(self) -> list:
        held, self._held = self._held, []
        if not held:
            return []
        reports = self._fix(held)
        self._options.pop(held[0].path, None)
        self.remaining += sum(len(r.findings) for r in reports)
        return reports

    def _check(self, path: str, kind: str) -> Callable[[str], list]:
        """``text -> reports``: the file's text checked as the run checks it."""
        from .contextual import with_context

        linter, context, check_text = self.linter, self.context, self._check_text
        suppress = self.suppress
        if kind == "text":
            return lambda text: [suppress(with_context(linter, check_text(text, path), context))]
        library = _library()
        options = self.exports
        if options is None:
            from .inputs.exports import ExportOptions

            options = ExportOptions()

        def check(text):
            replies = library.parse_source(text, Path(path).suffix, path, options)
            return [suppress(r.finish(with_context(linter, check_text(r.text, path),
                                                   context or getattr(r, "context", "") or None)))
                    for r in replies]

        return check

    def _fix(self, reports: list) -> list:
        path = reports[0].path
        if not any(f.replacements for r in reports for f in r.findings):
            return reports
        kind = None if self.is_email(path) or reports[0].location else kind_of(path)
        if kind is None:
            what = "email messages are" if self.is_email(path) or reports[0].location else \
                "files of this type are"
            self.notice(f"{path}: {what} not fixed; findings left as they are")
            return reports
        if path == "-" and self.write:
            return reports  # the command line refuses --fix on stdin before it starts
        source = None
        if path != "-":
            try:
                source = read_source(path)
            except TonecheckError as exc:
                self.failed.append(path)
                self.error(exc)
                return reports
            if source.text != reports[0].text:
                self.notice(f"{path}: changed since it was checked; not fixed")
                return reports
        result = fix_source(reports, self._check(path, kind), kind, path)
        if result.refused:
            self.notice(f"{path}: {result.refused} fix(es) left out: the file would no longer "
                        "read as the same replies")
        if result.text == reports[0].text:
            return reports
        if not self.write:
            self.out.write(unified_diff(path, reports[0].text, result.text))
        else:
            try:
                write_back(source, result.text)
            except FixError as exc:
                self.failed.append(path)
                self.error(exc)
                return reports
        self.fixed += result.applied
        self.files += 1
        return result.reports if self.write else reports

    def summary(self) -> str:
        files = f"{self.files} file{'s' * (self.files != 1)}"
        if self.write:
            return f"{self.fixed} fixed ({files} changed), {self.remaining} remaining"
        return f"{self.fixed} fixable ({files} would change); nothing written"
