"""The ``tonecheck`` command line. Heavy imports (spaCy) happen only in the
commands that analyse text, so ``--help`` and ``rules list`` stay instant."""
from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import TonecheckError
from .exitcodes import ExitCode
from .formatters import MACHINE_FORMATS, OutputFormat
from .spacy_import import lean_imports

FAIL_ON = ("error", "warning", "suggestion", "never")


def _split(values) -> tuple[str, ...]:
    """Accept both ``--select a,b`` and ``--select a --select b``."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _notice(message: str) -> None:
    """One line on stderr; names and text in it are escaped (no terminal
    control sequence, no line break from a file name)."""
    from .formatters.escape import visible
    from .progress import print_above

    line = f"tonecheck: {visible(message)}"
    if not print_above(line):  # a progress bar on screen: above it, not through it
        click.echo(line, err=True)


def _error(message) -> None:
    _notice(f"error: {message}")


#: Write errors of the output itself: reported as such, exit code 2.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", -1)})


def _silence_stdout() -> None:
    """Point descriptor 1 at /dev/null, so the output still buffered when the
    reader went away or the disk filled up is dropped at exit instead of
    failing again with Python's own complaint."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):  # not a real stream (tests)
        pass


class _Group(click.Group):
    """Turns tonecheck's own errors into one stderr line and exit code 2, and
    the ways a run can end from outside into their conventional exit codes:
    Ctrl-C 130 (no traceback), a closed pipe (``| head -1``) 0 quietly, as
    ruff and ripgrep do, and a full disk a one-line error with 2."""

    def invoke(self, ctx):
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()  # write errors surface here, not at interpreter exit
        except TonecheckError as exc:
            _error(exc)
            ctx.exit(ExitCode.ERROR)
        except KeyboardInterrupt:
            ctx.exit(ExitCode.INTERRUPTED)
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(ExitCode.OK)
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRNOS:
                raise
            _silence_stdout()
            _error(f"cannot write the output: {os.strerror(exc.errno).lower()}")
            ctx.exit(ExitCode.ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="tonecheck")
def cli() -> None:
    """Lint customer-support replies for tone and phrasing.

    \b
    Exit codes: 0 no findings at or above --fail-on, 1 findings,
    2 usage, input or rule-pack error.
    """


rules_option = click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path),
                            metavar="PATH", help="Extra rule pack: a YAML file or a directory "
                            "of them (repeatable).")
no_default_option = click.option("--no-default-rules", is_flag=True,
                                 help="Use only the packs given with --rules.")
config_option = click.option("--config", "config_path", type=click.Path(path_type=Path),
                             metavar="FILE", help="Config file (default: the nearest "
                             ".tonecheck.yml at or above the current directory).")
no_config_option = click.option("--no-config", is_flag=True, help="Ignore config files.")


@cli.command()
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option("--format", "fmt", type=click.Choice([f.value for f in OutputFormat]),
              default="text", show_default=True, help="Output format: text, json, or for CI "
              "github (annotations), sarif (code scanning), junit (test reports).")
@click.option("--statistics", is_flag=True, help="End the text output with the number of "
              "findings per rule.")
@click.option("--baseline", "baseline_path", metavar="FILE", help="Report only findings that "
              "FILE does not hold (matched by file, rule and words, not line).")
@click.option("--write-baseline", is_flag=True, help="Record this run's findings in the "
              "--baseline FILE (exit 0) instead of filtering by it.")
@click.option("--progress/--no-progress", "show_progress", default=None, help="A progress bar "
              "on stderr for runs over a second (default: when stderr is a terminal and the "
              "output goes to a file or pipe).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Lowest severity that makes the exit code 1.  [default: warning]")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rule ids, id prefixes or categories (comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="Skip these rule ids, id prefixes or categories (comma-separated).")
@rules_option
@no_default_option
@click.option("--model", metavar="NAME", envvar="TONECHECK_MODEL",
              help="A trained spaCy pipeline to use (e.g. en_core_web_sm) for rules that need "
                   "part-of-speech or dependency labels.")
@click.option("--explain", is_flag=True, help="List every signal behind the scores.")
@click.option("--no-scores", is_flag=True, help="Skip the empathy and positivity scores.")
@click.option("--min-empathy", type=click.IntRange(0, 100), metavar="N",
              help="Fail (an error finding) when a reply's empathy score is below N.")
@click.option("--min-positivity", type=click.IntRange(0, 100), metavar="N",
              help="Fail (an error finding) when a reply's positivity score is below N.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N",
              help="Check with N processes (default 0: one per CPU core, about 1.3x faster "
                   "on 2 cores for 10k replies; small runs never fork).")
@click.option("--shard", metavar="I/N", help="Check only slice I of N of the files (stable as "
              "files are added), to spread a large library over N CI jobs.")
@config_option
@no_config_option
@click.option("--templates", is_flag=True, help="Read the replies as templates: variables "
              "such as {{name}}, [Order Number] or <ISSUE_NUMBER> stand for their values and "
              "are never flagged (default: drafts, where a left-over placeholder is an error).")
@click.option("--email", "as_email", is_flag=True, help="Read PATH (or stdin) as an email "
              "message (RFC 822/MIME) and check only the agent's reply; .eml files always are.")
@click.option("--field", "fields", multiple=True, metavar="PATH", help="In JSON/YAML exports, "
              "the field holding the replies, e.g. 'macros[].actions[?field=comment_value].value' "
              "(default: the Zendesk macros shape; repeatable).")
@click.option("--title-field", metavar="KEY", help="In JSON/YAML exports, the key that titles a "
              "reply (nearest enclosing object; default: title, name, subject or id).")
@click.option("--column", metavar="NAME", help="In CSV files, the column holding the replies "
              "(a header name or 1-based number; default: body, content, text...).")
@click.option("--title-column", metavar="NAME", help="In CSV files, the column that titles a "
              "row (default: title, name, subject or id).")
@click.option("--context", "context_path", metavar="FILE", help="The customer's message the "
              "replies answer (text or .eml): replies to an upset customer must acknowledge it.")
@click.option("--fix", is_flag=True, help="Paste the first replacement of each fixable finding "
              "into its file (never advice, never code, quotes or template variables), then "
              "report what remains.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the changes --fix would make as "
              "a unified diff, and write nothing (exit 1 when there are some).")
@click.option("--color/--no-color", default=None, help="Force colour on or off "
              "(default: on for a terminal, off when NO_COLOR is set).")
@click.option("--report-unused-suppressions", "report_unused", is_flag=True,
              help="List the inline suppressions (tonecheck: ignore[...], <!-- tonecheck-disable "
                   "-->) that no longer suppress anything; they make the exit code 1.")
@click.option("--verbose", "-v", is_flag=True, help="Say which config file and pipeline are "
              "used (on stderr).")
def check(paths, fmt, fail_on, select, ignore, rule_paths, no_default_rules, model, explain,
          no_scores, min_empathy, min_positivity, shard, config_path, no_config, color, jobs,
          verbose, fix=False, show_diff=False,
          show_progress=None,
          as_email=False, context_path=None, templates=False, report_unused=False, statistics=False,
          baseline_path=None,
          write_baseline=False, fields=(), title_field=None, column=None, title_column=None,
          collect=None):
    """Check replies in PATH... (files or directories; "-" or nothing reads stdin).

    Directories are searched for .txt, .md, .eml, .html, .json, .yaml, .yml and .csv files.
    Email messages (.eml files, or any PATH with --email) are checked for the agent's reply
    only. Markdown (a reply per heading), HTML and helpdesk exports (JSON/YAML: Zendesk
    macros or --field; CSV: --column) are checked reply by reply."""
    from .engine import Linter
    from .findings import Severity
    from .formatters import get_formatter
    from .formatters.base import Summary
    from .errors import InputError
    from .inputs.discover import Problem, expand, parse_shard
    from .parallel import WorkerDied, check_many

    paths = paths or ("-",)
    if fix and show_diff:
        raise click.UsageError("--fix writes the fixes and --diff only shows them; choose one")
    if fix and "-" in paths:
        raise click.UsageError("--fix rewrites files, and stdin is not one; use --diff to see "
                               "the fixes")
    if write_baseline and not baseline_path:
        raise click.UsageError("--write-baseline needs --baseline FILE")
    if paths == ("-",) and sys.stdin is not None and sys.stdin.isatty():
        raise click.UsageError("no PATH given and stdin is a terminal; pass a file or pipe text in")
    cfg = _config(config_path, no_config)
    if verbose:
        _notice(f"config: {cfg.path}" if cfg.path is not None else
                "config: none (--no-config)" if no_config else "config: none found")
    # The command line wins: --select replaces the file's list, --ignore adds to it.
    cli_select, cli_ignore = _split(select), _split(ignore)
    select = cli_select or cfg.select
    ignore = cfg.ignore + cli_ignore
    fail_on = fail_on or cfg.fail_on or "warning"
    _need_rules(cfg, rule_paths, no_default_rules)
    from .inputs.library import EXPORT_SUFFIXES

    # A library run: several files, a folder, or a helpdesk export.
    many = len(paths) > 1 or any(p != "-" and (
        os.path.isdir(p) or os.path.splitext(p)[1].lower() in EXPORT_SUFFIXES) for p in paths)
    with _selector_origin(cfg, cli_select, cli_ignore):
        linter = Linter(cfg.rules + tuple(rule_paths), select=select, ignore=ignore,
                        model=model or cfg.model,
                        include_default=cfg.default_rules and not no_default_rules,
                        scores=not no_scores,
                        min_empathy=_first(min_empathy, cfg.min_empathy),
                        min_positivity=_first(min_positivity, cfg.min_positivity),
                        severity=cfg.severity, vocabulary=cfg.vocabulary,
                        every=bool(cfg.overrides),
                        # compile each pattern when a reply first reaches it
                        # (a library run reaches about half; docs/speed.md)
                        warm=False)
        _check_overrides(cfg, linter)
    for notice in linter.notices:
        _notice(notice)
    if verbose:
        _notice(f"pipeline: {linter.pipeline.name}; {len(linter.rules)} rules")

    shard_slice = parse_shard(shard) if shard else None
    baseline = None
    if baseline_path:
        from .baseline import Baseline

        baseline = Baseline(baseline_path) if write_baseline else Baseline.load(baseline_path)
    unreadable = []
    from .inputs.sources import Sources, read_context

    from .inputs.exports import ExportOptions, NotAnExport

    sources = Sources(linter, email=as_email, notice=_notice,
                      context=read_context(context_path) if context_path else None,
                      exports=ExportOptions(tuple(fields) or cfg.field, title_field or
                                            cfg.title_field, column or cfg.column,
                                            title_column or cfg.title_column))

    named = set(paths)
    from .config import is_excluded

    def item_options(p):
        """Template mode and the config's per-glob overrides for ``p``."""
        from .config import options_for

        return options_for(cfg, p, select, ignore, templates)

    def inputs():
        # A file that cannot be read is reported and skipped; the run goes on
        # and ends with exit code 2. So does a folder that cannot be listed.
        # A FIFO or device file met in a folder is skipped unread, with a
        # notice; a file found in a folder that is gone by the time it is
        # read was deleted during the run: a notice too.
        for p in expand(paths, shard_slice):
            if isinstance(p, Problem):
                if p.error:
                    unreadable.append(p.path)
                _notice(f"error: {p}" if p.error else f"{p}")
                continue
            if is_excluded(cfg, p):  # named or found in a folder (pre-commit names files)
                continue
            try:
                texts = sources.read_all(p)
            except InputError as exc:
                if p not in named and not os.path.lexists(p):
                    _notice(f"{p}: disappeared during the run; skipped")
                    continue
                if p not in named and isinstance(exc, NotAnExport):
                    _notice(f"{p}: no replies found (not a helpdesk export); skipped")
                    continue
                unreadable.append(p)
                _error(exc)
                continue
            for text in texts:
                yield p, text, item_options(p)

    from .suppress import Suppressor

    suppressor = Suppressor(_source_text)  # inline comments: findings they turn off
    fixer = None
    if fix or show_diff:
        from .autofix import Fixer
        from .inputs.sources import is_email_path

        fixer = Fixer(linter, write=fix, context=sources.context, out=sys.stdout, error=_error,
                      notice=_notice, is_email=lambda p: as_email or is_email_path(p),
                      exports=getattr(sources, "exports", None), suppress=suppressor.apply)

    _prepare_stdout(fmt)
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    formatter = get_formatter(fmt)(sys.stdout, explain=explain, color=color, many=many,
                                   config=None if cfg.path is None else str(cfg.path),
                                   rules=linter.rules, threshold=threshold,
                                   statistics=statistics)
    if show_diff:  # the diff is the output
        formatter = _Silent()
    if collect is not None:  # `tonecheck report`: the reports go to it, not to stdout
        collect.rules = linter.rules
        formatter = collect
    summary = Summary()
    checked = []
    failed = False
    stopped = None
    formatter.start()
    from .progress import ProgressBar, wanted

    progress = ProgressBar(wanted(show_progress))
    reports = check_many(linter, inputs() if fixer is None else fixer.watch(inputs()), jobs)
    try:
        for report in _finished(reports, sources, fixer):
            progress.advance(report.path)
            report = suppressor.apply(report)
            if baseline is not None:
                checked.append(report.path)
                if write_baseline:
                    baseline.record(report)
                else:
                    report, held = baseline.filter(report)
                    summary.baselined += held
            with _whole_lines():
                formatter.file(report)
            summary.add(report)
            worst = report.worst()
            failed |= threshold is not None and worst is not None and worst >= threshold
    except WorkerDied as exc:
        stopped = exc
    finally:
        progress.close()
        reports.close()  # on Ctrl-C too: the workers are stopped before the exit
    summary.unreadable = len(unreadable)
    summary.unreadable_paths = [str(p) for p in unreadable]
    with _whole_lines():
        formatter.finish(summary)
    if stopped is not None:
        sys.stdout.flush()
        _error(stopped)
    if baseline is not None and write_baseline and stopped is None:
        n = baseline.write()
        _notice(f"wrote {n} finding(s) to the baseline {baseline_path}")
        failed = False
    elif baseline is not None and stopped is None:
        stale = baseline.stale(checked)
        if stale:
            _notice(f"{stale} finding(s) in the baseline {baseline_path} are gone; "
                    f"rewrite it with --write-baseline to keep it tight")
    if fixer is not None:
        unreadable += fixer.failed
        _notice(fixer.summary())
        if show_diff:
            failed = fixer.files > 0
    if report_unused and stopped is None:
        unused = suppressor.unused()
        for line in unused:
            _notice(line)
        failed |= bool(unused)
    if unreadable or stopped is not None:
        sys.exit(ExitCode.ERROR)
    sys.exit(ExitCode.FINDINGS if failed else ExitCode.OK)


def _source_text(path: str) -> str | None:
    """A checked file's own text, for its inline suppressions (None: unreadable)."""
    from .files import read_capped

    try:
        return read_capped(path, 256_000_000, what="file").decode("utf-8-sig", "replace")
    except (TonecheckError, OSError):
        return None


def _finished(reports, sources, fixer):
    """Each report moved back onto what was read; with --fix/--diff, a file's
    reports once it is fixed (what remains)."""
    for report in reports:
        report = sources.finish(report)
        yield from (report,) if fixer is None else fixer.feed(report)
    if fixer is not None:
        yield from fixer.flush()


class _Silent:
    """The formatter of --diff: the diff is the output, findings are not."""

    def start(self):
        pass

    def file(self, report):
        pass

    def finish(self, summary):
        pass


def _prepare_stdout(fmt: str) -> None:
    """JSON is UTF-8 whatever the locale; text output escapes what the
    terminal's encoding cannot show instead of failing on it."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is None:
        return
    try:
        if fmt in MACHINE_FORMATS:
            if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
                reconfigure(encoding="utf-8")
        else:
            reconfigure(errors="backslashreplace")
    except (ValueError, OSError):  # output already written or a stream that cannot change
        pass


@contextlib.contextmanager
def _whole_lines():
    """Hold Ctrl-C while one file's output is written, so an interrupted run
    never leaves half a line (half a JSON object) behind."""
    import signal
    import threading

    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not \
            threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _config(path, disabled):
    from .config import find_config, load_config

    if disabled:
        return load_config(None)
    return load_config(path if path is not None else find_config())


def _need_rules(cfg, rule_paths, no_default_rules) -> None:
    """``--no-default-rules`` (or ``default_rules: false``) with no pack to
    use instead would run zero rules and pass every reply: an error."""
    if (no_default_rules or not cfg.default_rules) and not (rule_paths or cfg.rules):
        how = ("--no-default-rules" if no_default_rules else
               f"default_rules: false in {cfg.path}")
        raise TonecheckError(f"{how} without any --rules pack would run no rules at all; "
                             f"give the team's pack with --rules PATH (or rules: in the config)")


@contextlib.contextmanager
def _selector_origin(cfg, cli_select=(), cli_ignore=()):
    """An unknown selector named with where it was written: the option on the
    command line, or the config file and line."""
    from .selection import UnknownSelector

    try:
        yield
    except UnknownSelector as exc:
        if exc.path is not None:  # already says where (an override in the config)
            raise
        given = cli_select if exc.option == "select" else cli_ignore
        if exc.selector in given or cfg.path is None:
            raise exc.at(f"--{exc.option}") from None
        raise exc.at(exc.option, path=str(cfg.path),
                     line=cfg.lines.get(exc.option)) from None


def _first(*values):
    return next((v for v in values if v is not None), None)


def _check_overrides(cfg, linter) -> None:
    """Selectors in the config's per-glob overrides must name rules too."""
    from .selection import check_selectors

    for o in cfg.overrides:
        for key in ("select", "ignore", "severity"):
            check_selectors(o.get(key, ()), linter.ruleset.rules, f"overrides {key}",
                            path=str(cfg.path), line=o.get("line"))


def _ruleset(config_path, no_config, rule_paths, no_default_rules):
    """The rules `check` would run from here: the config's packs, default
    rules and vocabulary, with the command line's on top."""
    from .engine import load_ruleset

    cfg = _config(config_path, no_config)
    _need_rules(cfg, rule_paths, no_default_rules)
    return load_ruleset(cfg.rules + tuple(rule_paths),
                        include_default=cfg.default_rules and not no_default_rules,
                        vocabulary=cfg.vocabulary)


@cli.command("config")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--config", "config_path", type=click.Path(path_type=Path), metavar="FILE",
              help="Config file (default: the one `check` would find from here).")
@click.option("--no-config", is_flag=True, help="Show the defaults.")
def config_command(fmt, config_path, no_config):
    """Print the resolved configuration and where each value came from."""
    import json

    from .config import resolved

    cfg = _config(config_path, no_config)
    rows = resolved(cfg)
    if fmt == "json":
        json.dump({"version": 1, "config": None if cfg.path is None else str(cfg.path),
                   "values": {k: {"value": v, "source": s} for k, v, s in rows}},
                  sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    click.echo(f"# config file: {cfg.path if cfg.path is not None else 'none'}")
    width = max(len(k) for k, _, _ in rows)
    for key, value, source in rows:
        shown = json.dumps(value, ensure_ascii=False)
        click.echo(f"{key + ':':<{width + 1}} {shown:<30} # {source}")


@cli.group()
def rules() -> None:
    """List and explain the rules."""


@rules.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@rules_option
@no_default_option
@config_option
@no_config_option
def rules_list(fmt, rule_paths, no_default_rules, config_path, no_config):
    """List every rule: id, severity, "fix" when `check --fix` can paste a replacement, and
    message."""
    from .rules.docs import rule_to_dict

    ruleset = _ruleset(config_path, no_config, rule_paths, no_default_rules)
    if fmt == "json":
        import json

        json.dump({"version": 1, "rules": [rule_to_dict(r) for r in ruleset.rules]}, sys.stdout,
                  indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    width = max((len(r.id) for r in ruleset.rules), default=10)
    for r in sorted(ruleset.rules, key=lambda r: r.id):
        fix = "fix" if r.has_replacements else "   "
        click.echo(f"{r.id.ljust(width)}  {r.severity.label:<10}  {fix}  {r.doc_message}")
    fixable = sum(1 for r in ruleset.rules if r.has_replacements)
    click.echo(f"{len(ruleset.rules)} rules; {fixable} marked fix offer replacements that "
               "`tonecheck check --fix` pastes", err=True)


@rules.command("explain")
@click.argument("rule_id")
@rules_option
@no_default_option
@config_option
@no_config_option
def rules_explain(rule_id, rule_paths, no_default_rules, config_path, no_config):
    """Show what a rule flags, why it matters, and its examples."""
    from .rules.docs import explain

    ruleset = _ruleset(config_path, no_config, rule_paths, no_default_rules)
    rule = ruleset.by_id(rule_id)
    if rule is None:
        close = [r.id for r in ruleset.rules if rule_id in r.id][:5]
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `tonecheck rules list`"
        raise TonecheckError(f"unknown rule {rule_id!r}{hint}")
    click.echo(explain(rule))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--model", metavar="NAME", envvar="TONECHECK_MODEL")
def validate(paths, model):
    """Validate rule packs and run their examples (bad must fire, good must not)."""
    from .engine import Linter
    from .examples import run_examples

    linter = Linter(paths, include_default=False, model=model, scores=False)
    for notice in linter.notices:
        _notice(notice)
    results = list(run_examples(linter))
    failures = [r for r in results if not r.passed]
    missing = [r.id for r in linter.rules if not (r.bad_examples or r.good_examples)]
    for r in failures:
        click.echo(f"FAIL {r.describe()}")
    for rule_id in missing:
        click.echo(f"FAIL {rule_id}: has no examples")
    click.echo(f"{len(linter.rules)} rules, {len(results)} examples: "
               f"{len(results) - len(failures)} passed, {len(failures)} failed")
    sys.exit(ExitCode.FINDINGS if failures or missing else ExitCode.OK)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; one that is not loopback must be given here explicitly.")
@click.option("--port", type=click.IntRange(0, 65535), default=8977, show_default=True,
              help="Port (0: any free port, printed on start).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a client has to send each request.")
@click.option("--select", multiple=True, metavar="RULES", help="Default selection (a request's "
              "select replaces it).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Default ignores (a request's "
              "ignore adds to them).")
@rules_option
@no_default_option
@click.option("--model", metavar="NAME", envvar="TONECHECK_MODEL")
@config_option
@no_config_option
@click.option("--access-log", is_flag=True, help="Print one line per request on stderr.")
@click.pass_context
def serve(ctx, host, port, timeout, select, ignore, rule_paths, no_default_rules, model,
          config_path, no_config, access_log):
    """Check replies over HTTP in a warm process (POST /check; see the README)."""
    from .serve import run

    cfg = _config(config_path, no_config)
    _need_rules(cfg, rule_paths, no_default_rules)
    explicit = ctx.get_parameter_source("host") == click.core.ParameterSource.COMMANDLINE
    sys.exit(run(host=host, port=port, allow_remote=explicit, timeout=timeout,
                 access_log=access_log, service_options=dict(
                     rules=cfg.rules + tuple(rule_paths), model=model or cfg.model,
                     include_default=cfg.default_rules and not no_default_rules,
                     select=_split(select) or cfg.select, ignore=cfg.ignore + _split(ignore),
                     min_empathy=cfg.min_empathy, min_positivity=cfg.min_positivity,
                     severity=cfg.severity, vocabulary=cfg.vocabulary, config=cfg)))


# `tonecheck report`: the HTML audit (tonecheck/report/command.py; its imports load only there).
from .report.command import command as _report_command  # noqa: E402

cli.add_command(_report_command)

# `tonecheck hook`: a sendmail drop-in; it parses its own arguments (tonecheck/hook.py).
from .hook import command as _hook_command  # noqa: E402

cli.add_command(_hook_command)


def main(argv=None) -> None:
    """Console entry point: one-line errors with exit code 2, never a traceback
    (set TONECHECK_DEBUG=1 to see one for an internal error)."""
    lean_imports()  # this process is tonecheck's own: spaCy without its CLI
    try:
        # Without standalone mode click returns ctx.exit()'s code instead of exiting.
        code = cli.main(args=argv, prog_name="tonecheck", standalone_mode=False)
        sys.stdout.flush()
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(ExitCode.ERROR)
    except click.exceptions.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):
            sys.exit(ExitCode.INTERRUPTED)
        _notice("aborted")
        sys.exit(ExitCode.ERROR)
    except TonecheckError as exc:
        _error(exc)
        sys.exit(ExitCode.ERROR)
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, without Python's own complaint.
        _silence_stdout()
        sys.exit(ExitCode.OK)
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS or os.environ.get("TONECHECK_DEBUG"):
            raise _internal(exc)  # noqa: B904 (the exception itself, or a plain exit)
        _silence_stdout()
        _error(f"cannot write the output: {os.strerror(exc.errno).lower()}")
        sys.exit(ExitCode.ERROR)
    except Exception as exc:  # a bug in tonecheck: still no traceback for the user
        raise _internal(exc)  # noqa: B904 (the exception itself, or a plain exit)
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


def _internal(exc: Exception):
    """A bug in tonecheck: one line and exit code 2, still no traceback
    (TONECHECK_DEBUG=1 re-raises to show one)."""
    if os.environ.get("TONECHECK_DEBUG"):
        return exc
    _notice(f"internal error: {type(exc).__name__}: {exc} (set TONECHECK_DEBUG=1 for details)")
    return SystemExit(ExitCode.ERROR)
