"""The linter: rules compiled once, docs streamed through spaCy, findings out."""
from __future__ import annotations

from bisect import bisect_right
import gc
import json
from functools import lru_cache, wraps
from itertools import compress
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .findings import FileReport, Finding, Severity
from .nlp import normalise_with_offsets
from .positions import LineIndex, SpanIndex
from .rules import load_rules
from .rules.base import TEMPLATE_KEY, TEXT_KEY, doc_text, match_case
from .selection import is_enabled, severity_for


def _collector_paused(build):
    """Run ``build`` with Python's cycle collector paused. Building a linter
    makes about a million objects (spaCy, rules, matchers, the lexicon),
    none of them garbage, and the collector would walk them all several
    times over: a quarter of the build, which every CLI run and hook pays."""
    @wraps(build)
    def run(*args, **kwargs):
        if not gc.isenabled():
            return build(*args, **kwargs)
        gc.disable()
        try:
            return build(*args, **kwargs)
        finally:
            gc.enable()

    return run


def load_ruleset(rules: Sequence[str | Path], *, include_default: bool,
                 vocabulary: dict | None = None):
    """The rules of ``rules``' packs, the default pack if included, and the
    rules a config's ``vocabulary`` stands for."""
    from .vocabulary import CONFIG, vocabulary_specs

    return load_rules(rules, include_default=include_default,
                      extra=vocabulary_specs(vocabulary or {}), extra_source=CONFIG)


class Linter:
    """Checks texts against a rule set.

    Build one per process (or use :func:`get_linter`): loading spaCy and
    compiling the matchers is the slow part; checking is fast.
    """

    @_collector_paused
    def __init__(self, rules: Sequence[str | Path] = (), *, select: Sequence[str] = (),
                 ignore: Sequence[str] = (), model: str | None = None,
                 include_default: bool = True, scores: bool = True,
                 min_empathy: float | None = None, min_positivity: float | None = None,
                 templates: bool = False, severity: dict | None = None,
                 vocabulary: dict | None = None, every: bool = False,
                 warm: bool = True):
        from .nlp import load_pipeline
        from .rules.index import MatchIndex

        from .errors import TonecheckError
        from .selection import check_selectors

        if not include_default and not rules and not vocabulary:
            raise TonecheckError("no rules to run: --no-default-rules (default_rules: false) "
                                 "needs at least one --rules pack")
        self.ruleset = load_ruleset(rules, include_default=include_default, vocabulary=vocabulary)
        check_selectors(select, self.ruleset.rules, "select")
        check_selectors(ignore, self.ruleset.rules, "ignore")
        #: Severity overrides: rule id, prefix or category -> severity name.
        self.severity = dict(severity or {})
        check_selectors(self.severity, self.ruleset.rules, "severity")
        self.select, self.ignore = tuple(select), tuple(ignore)  # (tonecheck.contextual)
        #: Template mode by default (tonecheck.templates); an item may say otherwise.
        self.templates = templates
        self.pipeline = load_pipeline(model)
        notices = list(self.pipeline.notices)
        have = {"tagger"} if self.pipeline.has_tagger else set()
        if self.pipeline.has_parser:
            have.add("parser")
        enabled = [r for r in self.ruleset.rules if is_enabled(r.id, r.category, select, ignore)]
        skipped = [r for r in enabled if not r.needs <= have]
        if skipped:
            ids = ", ".join(r.id for r in skipped)
            notices.append(f"skipped {len(skipped)} rule(s) that need a trained spaCy pipeline "
                           f"({ids}); install one and pass --model, e.g. --model en_core_web_sm")
        #: The rules whose findings are reported (``--select``/``--ignore``).
        self.rules = [r for r in enabled if r not in skipped]
        self.notices = tuple(notices)
        self.gates = {k: v for k, v in (("empathy", min_empathy), ("positivity", min_positivity))
                      if v is not None}
        self.scoring = scores or bool(self.gates)
        # The scores are computed from the findings of every rule (the default
        # pack plus the team's packs), whatever is selected: a selection
        # decides what is reported, not how a reply scores.
        # ``every``: run the whole rule set even without scores, for per-file
        # selections (the config's overrides) that name rules the run's own
        # selection leaves out.
        run = self.rules
        pool = None
        if self.scoring:
            pool = (self.ruleset if include_default
                    else load_ruleset(rules, include_default=True, vocabulary=vocabulary)).rules
        elif every:
            pool = self.ruleset.rules
        if pool is not None:
            run = [r for r in pool if r.needs <= have]
            if not every:
                # A rule whose findings do not enter the scores (the sentence
                # model) runs only where it is reported.
                reported = {r.id for r in self.rules}
                run = [r for r in run if r.id in reported or r.scored]
        #: Rules a per-item selection may report (the rule set, not the scoring pool).
        self._selectable = frozenset(r.id for r in self.ruleset.rules if r.needs <= have)
        self._reported = None if len(run) == len(self.rules) else frozenset(r.id for r in self.rules)
        self.index = MatchIndex(self.pipeline)
        for rule in run:
            rule.compile(self.index)
        self.index.finish()
        self._by_id = {r.id: r for r in run}
        self._levels = {r.id: severity_for(r.id, r.category, self.severity, r.severity)
                        for r in run} if self.severity else {}
        self._whole_text = [r for r in run if r.whole_text]
        self._deferring = frozenset(r.id for r in run if r.defers)
        self._unscored = frozenset(r.id for r in run if not r.scored)
        if self.scoring:
            from .scoring.scorer import scorer_for

            self._score = scorer_for(self.pipeline.vocab, self.pipeline.phrase_tokenizer)
        if warm:
            self.warm_up()

    def warm_up(self) -> None:
        """Do now what is otherwise done when first needed: compile the
        bundled pack's regexes in the form nearly every reply uses (their
        letter classes narrowed to ASCII; the full form, for the few replies
        with letters beyond ASCII, is compiled when one comes), search each
        rule's regexes over its own examples (below) and build the regex
        sifting's automata.

        ``warm=True`` (the default) does it all while building, so the first
        replies checked cost what the rest do: for a service or an API caller,
        whose every reply's latency counts. The command line builds with
        ``warm=False`` and compiles only what its text reaches: one draft
        reaches a few patterns, and a library run about half of them, in less
        time and memory than compiling them all (docs/speed.md)."""
        for rule in self._by_id.values():
            rule.warm()
            # RE2 also builds each regex's automaton state by state as text
            # needs it, which made the first reply to reach some rules cost
            # half a millisecond more; searching the rule's own examples
            # builds most of those states now (first-pass p99 -10%, 40 ms of
            # build). Only examples the narrowed form serves: the full form
            # stays uncompiled until a reply needs it.
            texts = [x for x in (*rule.bad_examples, *rule.good_examples) if x.isascii()]
            for regex in rule.all_regexes():
                regex.compile_narrow()
                for text in texts:
                    regex.search(text)
        # The regex sifting's tests are made ready, and RE2 builds its joined
        # search's automaton as new text comes: the rules' own examples build
        # most of it now.
        self.index.warm_up(text for rule in self._by_id.values()
                           for text in (*rule.bad_examples, *rule.good_examples))
        # The build runs with the cycle collector paused, so all it made is
        # still in the youngest generation, and the first collections while
        # checking would walk it all (50-70 ms over the first 2,000 replies).
        # One full collection now moves it to the oldest.
        gc.collect()

    # -- one doc ----------------------------------------------------------------
    def findings(self, doc, text: str) -> list[Finding]:
        """The reported findings in an analysed ``doc`` of ``text``, in text order."""
        return self._reportable(self._all_findings(doc, text))

    def _reportable(self, found: list[Finding]) -> list[Finding]:
        if self._reported is None:
            return found
        return [f for f in found if f.rule in self._reported]

    def _all_findings(self, doc, text: str, offsets=None, doc_spans=None, hits=None,
                      whole=None) -> list[Finding]:
        """Findings of every rule run (the scoring set, which may be wider
        than the selection). Rules report spans of the doc's (normalised)
        text; ``offsets`` (a :class:`~tonecheck.positions.OffsetMap`) maps
        them to ``text`` when normalising changed its length (and each
        finding's span in the doc is added to ``doc_spans``, if given;
        ``hits``: the shared matchers' hits, if they have run; ``whole``:
        the hits of the whole-text rules, if they have run)."""
        if hits is None:
            hits = self.index(doc)
        if whole is None:
            whole = self._whole_text_hits([doc], [hits])[0]
        matched = [(self._by_id[i], None) for i in hits] + list(whole)
        found: list[Finding] = []
        spans: list[tuple[int, int]] = []  # each finding's span in the doc, when mapped
        lines = sentences = None
        for rule, rule_hits in matched:
            for hit in rule.match(doc) if rule_hits is None else rule_hits:
                if lines is None:
                    lines, sentences = LineIndex(text), _Sentences(doc, text, offsets)
                start, end = hit.start, hit.end
                if offsets is not None:
                    spans.append((start, end))
                    start, end = offsets.span(start, end)
                sent_start, sent_end = sentences.span(hit.start, hit.end, start, end)
                matched = text[start:end]
                line, column = lines.position(start)
                end_line, end_column = lines.position(end)
                level = self._levels.get(rule.id, rule.severity)
                if hit.severity is not None and hit.severity < level:
                    level = hit.severity  # context softens this match (excused_severity)
                found.append(Finding(
                    rule=rule.id, severity=level,
                    category=rule.category,
                    message=rule.format_message(matched, hit.severity is not None, hit.detail),
                    match=matched,
                    start=start, end=end, line=line, column=column,
                    replacements=tuple(dict.fromkeys(match_case(s, matched)
                                                     for s in hit.replacements)),
                    advice=rule.advice,
                    end_line=end_line, end_column=end_column, link=rule.link,
                    sentence_start=sent_start, sentence_end=sent_end))
        if self._deferring and found:
            found, spans = _without_deferred(found, spans, self._deferring)
        if offsets is None:
            found.sort(key=_text_order)
            return found
        order = sorted(range(len(found)), key=lambda i: _text_order(found[i]))
        if doc_spans is not None:
            doc_spans.extend(spans[i] for i in order)
        return [found[i] for i in order]

    def _whole_text_hits(self, docs: list, all_hits: list) -> list[list]:
        """Per doc, (rule, its hits) for each whole-text rule the shared
        matchers did not already send to it: run rule by rule over all of
        ``docs``, so that a rule that reads every doc (the sentence model)
        keeps its tables in the CPU's caches from one doc to the next."""
        out: list[list] = [[] for _ in docs]
        for rule in self._whole_text:
            for doc, hits, whole in zip(docs, all_hits, out):
                if rule.id not in hits:
                    whole.append((rule, rule.match(doc)))
        return out

    def _found(self, doc, text: str, offsets, variables, options, hits, whole=None) -> tuple:
        """What :meth:`_scored` takes for ``text``, analysed as ``doc`` (its
        text is ``text`` normalised, with its template ``variables`` masked;
        ``offsets`` maps its offsets back when normalising changed the
        length): every finding run, the reported ones, and their spans in
        the doc (when mapped). A finding that overlaps a variable is dropped."""
        doc_spans: list[tuple[int, int]] = []
        found = self._all_findings(doc, text, offsets, doc_spans, hits, whole)
        if variables:
            from .templates import overlaps

            found, doc_spans = _kept(found, doc_spans,
                                     [not overlaps(f.start, f.end, variables) for f in found])
        findings = self._reportable(found)
        if options:
            findings = self._for_item(found, findings, options)
        return found, findings, doc_spans

    def _scored(self, doc, text: str, path: str, offsets, found: list, findings: list,
                doc_spans: list) -> FileReport:
        """The report of :meth:`_found`'s findings, with the scores (which
        leave out the findings of unscored rules) and the score gates."""
        scores = None
        if self.scoring:
            if self._unscored and found:
                found, doc_spans = _kept(found, doc_spans,
                                         [f.rule not in self._unscored for f in found])
            if offsets is None:
                scores = self._score(doc, found, text)
            else:
                scores = _scores_in_original(self._score, doc, found, doc_spans, text, offsets)
            findings = findings + score_gates(scores, self.gates)
        return FileReport(path=path, text=text, findings=tuple(findings), scores=scores)

    # -- public entry points ------------------------------------------------------
    def check_text(self, text: str, path: str = "-", templates: bool | None = None
                   ) -> FileReport:
        # One text skips nlp.pipe's batching, which costs more than the
        # pipeline's components on a reply (a mail hook's or a service's call).
        doc_input, item = self._prepare((path, text, templates))
        doc = self.pipeline.run(doc_input)
        _annotate(doc, item)
        return next(self._batch_reports([(doc, item)]))

    def _prepare(self, item: tuple) -> tuple:
        """What the pipeline takes for one ``(path, text[, options])`` item,
        and what the report needs: (path, text, normalised text, offsets,
        template variables, options, read as a template?)."""
        path, text = item[0], item[1]
        options = item[2] if len(item) > 2 else None
        if not isinstance(options, dict):
            options = {"templates": options} if options is not None else {}
        templates = options.get("templates")
        if templates is None:
            templates = self.templates
        source, variables = text, ()
        if templates:
            from .templates import find_variables, mask

            variables = find_variables(text)
            if variables:
                source = mask(text, variables)
        norm, offsets = normalise_with_offsets(source)
        return (self.pipeline.doc_input(norm),
                (path, text, norm, offsets, variables, options, bool(templates)))

    def check_many(self, items: Iterable[tuple], batch_size: int = 64
                   ) -> Iterator[FileReport]:
        """Stream ``(path, text)`` pairs (or ``(path, text, templates)``:
        template mode for that text, None for the linter's default) through
        the pipeline in batches; only one batch of docs is alive at a time,
        so memory stays flat."""
        prepare = self._prepare

        def stream():
            for item in items:
                yield prepare(item)

        batch = []
        for doc, item in self.pipeline.nlp.pipe(stream(), as_tuples=True, batch_size=batch_size):
            _annotate(doc, item)
            batch.append((doc, item))
            if len(batch) == batch_size:
                yield from self._batch_reports(batch)
                batch = []
        yield from self._batch_reports(batch)

    def _batch_reports(self, batch):
        """The reports of a batch of analysed docs, each step over the whole
        batch before the next, so that its code and tables stay in the CPU's
        caches: the shared matchers (see :meth:`MatchIndex.run`), the
        whole-text rules, every doc's findings, then every doc's scores."""
        docs = [doc for doc, _item in batch]
        all_hits = self.index.run(docs)
        all_whole = self._whole_text_hits(docs, all_hits)
        found = [self._found(doc, text, offsets, variables, options, hits, whole)
                 for (doc, (_path, text, _norm, offsets, variables, options, _tmpl)), hits, whole
                 in zip(batch, all_hits, all_whole)]
        for (doc, (path, text, _norm, offsets, _vars, _opts, _tmpl)), parts in zip(batch, found):
            yield self._scored(doc, text, path, offsets, *parts)

    def _for_item(self, found: list[Finding], findings: list[Finding], options: dict
                  ) -> list[Finding]:
        """The findings reported for one item whose ``options`` (per-glob
        config overrides) change the selection or the severities."""
        import dataclasses

        if "select" in options or "ignore" in options:
            select, ignore = options.get("select", ()), options.get("ignore", ())
            findings = [f for f in found if f.rule in self._selectable
                        and is_enabled(f.rule, f.category, select, ignore)]
        levels = options.get("severity")
        if levels:
            levels = {**self.severity, **levels}
            findings = [dataclasses.replace(f, severity=self._item_level(f, levels))
                        for f in findings]
        return findings

    def _item_level(self, f: Finding, levels: dict):
        """``f``'s severity under an item's ``levels``; a match its rule's
        context softened (reported below the rule's level) stays that much lower."""
        rule = self._by_id[f.rule]
        level = severity_for(f.rule, f.category, levels, rule.severity)
        if f.severity < self._levels.get(f.rule, rule.severity):
            level = min(level, f.severity)
        return level


def _annotate(doc, item: tuple) -> None:
    """What rules read of the item beside the doc: its text (sparing them
    rebuilding Doc.text) and whether it is read as a template."""
    doc.user_data[TEXT_KEY] = item[2]
    if item[6]:
        doc.user_data[TEMPLATE_KEY] = True


def _without_deferred(found: list[Finding], spans: list, deferring: frozenset[str]):
    """``found`` (and its parallel ``spans``, when mapped) without the
    findings of deferring rules that overlap another rule's finding."""
    taken = SpanIndex((f.start, f.end) for f in found if f.rule not in deferring)
    return _kept(found, spans, [f.rule not in deferring or not taken.overlaps(f.start, f.end)
                                for f in found])


def _kept(found: list[Finding], spans: list, keep: list[bool]):
    """``found`` and its parallel ``spans`` (empty when not mapped) where
    ``keep`` is true; the same lists when nothing is dropped."""
    if all(keep):
        return found, spans
    return (list(compress(found, keep)), list(compress(spans, keep)) if spans else spans)


def _text_order(f: Finding):
    return (f.start, f.end, f.rule)


class _Sentences:
    """Character spans of a doc's sentences, for findings: token starts and
    sentence starts read once, each sentence trimmed once, so a reply with
    thousands of findings in one long sentence stays linear. Spans are in
    ``text`` (the reply as written; ``offsets`` maps the doc's offsets to it)."""

    def __init__(self, doc, text: str, offsets=None):
        from .nlp import token_table

        table = token_table(doc)
        self.doc = doc
        self.text = text
        self.offsets = offsets
        self.idx = table.idx
        self.starts = table.starts
        self.trimmed: dict[int, tuple[int, int]] = {}

    def _sentence(self, char: int) -> int:
        token = max(0, bisect_right(self.idx, char) - 1)
        return bisect_right(self.starts, token) - 1

    def _bounds(self, k: int) -> tuple[int, int]:
        """Sentence ``k`` without the whitespace around it (whitespace as
        written: a control character is a space only to the rules)."""
        out = self.trimmed.get(k)
        if out is None:
            text, starts = self.text, self.starts
            lo = self.idx[starts[k]]
            last = self.doc[(starts[k + 1] if k + 1 < len(starts) else len(self.doc)) - 1]
            hi = last.idx + len(last)
            if self.offsets is not None:
                lo, hi = self.offsets.span(lo, hi)
            while lo < hi and text[lo].isspace():
                lo += 1
            while hi > lo and text[hi - 1].isspace():
                hi -= 1
            out = self.trimmed[k] = (lo, hi)
        return out

    def span(self, doc_start: int, doc_end: int, start: int, end: int) -> tuple[int, int]:
        """Character span of the sentence(s) holding the doc's
        ``doc_start:doc_end`` (``start:end`` in the text), without the
        surrounding whitespace."""
        if not self.idx:
            return start, end
        lo, _ = self._bounds(self._sentence(doc_start))
        _, hi = self._bounds(self._sentence(max(doc_start, doc_end - 1)))
        return min(lo, start), max(hi, end)


def _scores_in_original(score, doc, found: list[Finding], doc_spans, text: str, offsets):
    """Scores of a doc whose text is ``text`` normalised to another length:
    computed on the doc's own offsets (``doc_spans``: each finding's span in
    the doc), then every span mapped back to ``text``."""
    import dataclasses

    norm = doc_text(doc)
    in_doc = [dataclasses.replace(f, start=a, end=b) for f, (a, b) in zip(found, doc_spans)]
    scores = score(doc, in_doc, norm)

    def mapped(a: int, b: int, shown: str) -> dict:
        if a < 0 or b < a:
            return {}
        a2, b2 = offsets.span(a, b)
        return {"start": a2, "end": b2, "text": text[a2:b2] if shown == norm[a:b] else shown}

    return dataclasses.replace(
        scores,
        signals=tuple(x._replace(**mapped(x.start, x.end, x.text)) for x in scores.signals),
        sentences=tuple(x._replace(**mapped(x.start, x.end, x.text)) for x in scores.sentences))


def score_gates(scores, gates: dict[str, float]) -> list[Finding]:
    """A failing finding for each score under its ``--min-<score>`` gate."""
    out = []
    for name, minimum in gates.items():
        value = getattr(scores, name)
        if round(value) < minimum:
            out.append(Finding(
                rule=f"score.min-{name}", severity=Severity.ERROR, category=name,
                message=f"{name} score {round(value)} is below the minimum of {minimum:g}; "
                        f"see the signals with --explain",
                match="", start=0, end=0, line=1, column=1, end_line=1, end_column=1))
    return out


@lru_cache(maxsize=8)
def _cached(rules: tuple, select: tuple, ignore: tuple, model, include_default: bool,
            scores: bool, min_empathy, min_positivity, templates: bool = False,
            severity: tuple = (), vocabulary: str = "", warm: bool = True) -> Linter:
    return Linter(rules, select=select, ignore=ignore, model=model,
                  include_default=include_default, scores=scores, min_empathy=min_empathy,
                  min_positivity=min_positivity, templates=templates, severity=dict(severity),
                  vocabulary=json.loads(vocabulary) if vocabulary else None, warm=warm)


def get_linter(*, rules: Sequence = (), select: Sequence[str] = (), ignore: Sequence[str] = (),
               model: str | None = None, include_default: bool = True,
               scores: bool = True, min_empathy: float | None = None,
               min_positivity: float | None = None, templates: bool = False,
               severity: dict | None = None, vocabulary: dict | None = None,
               warm: bool = True) -> Linter:
    """A process-wide linter for these options (built on first use);
    ``templates=True`` reads template variables as their values; ``warm``:
    see :meth:`Linter.warm_up`."""
    return _cached(tuple(str(r) for r in rules), tuple(select), tuple(ignore), model,
                   include_default, scores, min_empathy, min_positivity, templates,
                   tuple(sorted((severity or {}).items())),
                   json.dumps(vocabulary, sort_keys=True) if vocabulary else "", warm)
