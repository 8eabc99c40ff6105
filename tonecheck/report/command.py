"""The ``report`` command: ``check``'s inputs, config and template mode, written as HTML.

Kept light: click only. Everything else is imported inside the command so
``tonecheck check`` starts as fast as before."""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("report")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path),
              metavar="FILE", help="The HTML file to write (self-contained, works offline).")
@click.option("--json", "json_path", type=click.Path(path_type=Path), metavar="FILE",
              help="Also write the report's data as JSON (give it to --compare next time).")
@click.option("--compare", "compare_path", type=click.Path(path_type=Path), metavar="FILE",
              help="A previous report's --json: show the change since that audit.")
@click.option("--worst", type=click.IntRange(1, 500), default=10, show_default=True,
              help="How many of the lowest-scoring replies to show as cards.")
@click.option("--select", multiple=True, metavar="RULES")
@click.option("--ignore", multiple=True, metavar="RULES")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path),
              metavar="PATH", help="Extra rule pack (repeatable).")
@click.option("--no-default-rules", is_flag=True)
@click.option("--model", metavar="NAME", envvar="TONECHECK_MODEL")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N")
@click.option("--config", "config_path", type=click.Path(path_type=Path), metavar="FILE")
@click.option("--no-config", is_flag=True)
@click.option("--templates", is_flag=True, help="Read the replies as templates (as `check`).")
@click.option("--email", "as_email", is_flag=True)
@click.option("--field", "fields", multiple=True, metavar="PATH")
@click.option("--title-field", metavar="KEY")
@click.option("--column", metavar="NAME")
@click.option("--title-column", metavar="NAME")
@click.option("--title", "page_title", default="Reply library audit", show_default=True)
@click.pass_context
def command(ctx, paths, output, json_path, compare_path, worst, select, ignore, rule_paths,
            no_default_rules, model, jobs, config_path, no_config, templates, as_email, fields,
            title_field, column, title_column, page_title):
    """Write an HTML audit of the replies in PATH... (the same inputs as `check`): headline
    numbers, score histograms, the lowest-scoring replies, rules by frequency and a
    filterable table of every reply."""
    import json

    from ..cli import check
    from ..errors import TonecheckError
    from .data import Collector, build

    try:
        import pygal  # noqa: F401  (the charts; an optional extra)
    except ImportError:
        raise TonecheckError("tonecheck report draws its charts with pygal, which is not "
                             "installed: pip install 'tonecheck[report]'") from None
    if "-" in paths:
        raise click.UsageError("report reads files and folders, not stdin")
    previous = None
    if compare_path is not None:
        from ..files import read_capped

        raw = read_capped(compare_path, MAX_COMPARE_BYTES, what="previous report")
        try:
            previous = json.loads(raw.decode("utf-8"))
            if not isinstance(previous, dict) or "replies" not in previous:
                raise ValueError("not a tonecheck report --json file")
        except ValueError as exc:  # UnicodeDecodeError too
            raise TonecheckError(f"{compare_path}: cannot read the previous report: {exc}") from None
    collector = Collector()
    code = 0
    try:
        ctx.invoke(check, paths=paths, fmt="json", fail_on="never", select=select,
                   ignore=ignore, rule_paths=rule_paths, no_default_rules=no_default_rules,
                   model=model, explain=False, no_scores=False, min_empathy=None,
                   min_positivity=None, shard=None, config_path=config_path,
                   no_config=no_config, color=False, jobs=jobs, verbose=False,
                   show_progress=False, as_email=as_email, templates=templates,
                   fields=fields, title_field=title_field, column=column,
                   title_column=title_column, collect=collector)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    if code not in (0, 1) and not collector.reports:  # nothing read: said on stderr
        sys.exit(code)
    data = build(collector, worst=worst, previous=previous, title=page_title)
    from .page import render

    _write(output, render(data))
    if json_path is not None:
        _write(json_path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    click.echo(f"wrote {output}: {data['totals']['replies']} replies, "
               f"{data['totals']['findings']} findings", err=True)
    if code not in (0, 1):  # some input could not be read: the page says which
        sys.exit(code)


MAX_COMPARE_BYTES = 256_000_000  # a previous --json of a very large library


def _write(path: Path, text: str) -> None:
    """Replace a file atomically (a reader never sees half a page); a
    non-regular target such as /dev/stdout is written directly."""
    import os
    import stat

    from ..errors import TonecheckError
    from ..writing import write_atomic

    data = text.encode("utf-8")
    try:
        special = not stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        special = False
    except OSError as exc:
        raise TonecheckError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
    try:
        if special:
            path.write_bytes(data)
        else:
            write_atomic(path, data, mode=0o644)
    except OSError as exc:
        raise TonecheckError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
