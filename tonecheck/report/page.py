"""The HTML page: one file, inline CSS and JS, every piece of text escaped.

Replies, titles, paths and rule texts go through ``html.escape`` (quotes too)
and nothing from a reply is ever placed in a script, a style or a URL, so HTML
in a reply is shown as text, never run."""
from __future__ import annotations

from html import escape

SEVERITY_ICON = {"error": "✖", "warning": "▲", "suggestion": "●"}

CSS = """
:root{--fg:#1b1b1b;--muted:#555;--line:#d0d0d0;--err:#a30d0d;--warn:#8a5300;--sug:#1f5fa8;
--bg-err:#fde7e7;--bg-warn:#fff1d6;--bg-sug:#e6effa}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans",sans-serif;color:var(--fg);
margin:0 auto;max-width:1100px;padding:1.5rem}
h1{margin:.2rem 0 .2rem}h2{margin-top:2.2rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}
.muted{color:var(--muted)}
.tiles{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.tile{border:1px solid var(--line);border-radius:8px;padding:.6rem .9rem;min-width:9rem}
.tile b{display:block;font-size:1.7rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.charts figure{margin:0;flex:1 1 420px}
.charts svg{width:100%;height:auto}
.card{border:1px solid var(--line);border-radius:8px;padding:1rem;margin:1rem 0;break-inside:avoid}
.card h3{margin:0 0 .3rem;overflow-wrap:anywhere}
.reply{white-space:pre-wrap;overflow-wrap:anywhere;background:#fafafa;border-left:4px solid var(--line);
padding:.6rem .8rem;margin:.6rem 0}
mark{padding:0 .1em;border-bottom:2px solid}
mark.error{background:var(--bg-err);border-color:var(--err)}
mark.warning{background:var(--bg-warn);border-color:var(--warn)}
mark.suggestion{background:var(--bg-sug);border-color:var(--sug)}
mark sup{font-size:.7em;font-weight:bold}
.sev{font-weight:600;white-space:nowrap}.sev.error{color:var(--err)}.sev.warning{color:var(--warn)}
.sev.suggestion{color:var(--sug)}
ul.findings{list-style:none;padding-left:.4rem}ul.findings li{margin:.3rem 0}
.after{border-left-color:#2e7d32}
table{border-collapse:collapse;width:100%;margin:.6rem 0}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top;
overflow-wrap:anywhere}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.num,th.num{text-align:right}th{white-space:nowrap;overflow-wrap:normal}
td code{overflow-wrap:normal;word-break:keep-all;white-space:nowrap}
select{max-width:22rem}
.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end}
.filters label{display:flex;flex-direction:column;font-size:.85rem}
input,select{font:inherit;padding:.25rem .4rem}
.unreadable{border:2px solid var(--err);padding:.5rem .8rem;border-radius:6px}
.up{color:#2e7d32}.down{color:var(--err)}
details summary{cursor:pointer}
@media print{body{max-width:none;padding:0}.filters,.noprint{display:none}
a{color:inherit;text-decoration:none}details{display:block}details>*{display:block}}
"""

JS = """
window.addEventListener('beforeprint',function(){
Array.prototype.forEach.call(document.querySelectorAll('details'),function(d){d.open=true;});});
(function(){
var table=document.getElementById('all');if(!table)return;
var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
var q=document.getElementById('f-text'),cat=document.getElementById('f-cat'),
file=document.getElementById('f-file'),count=document.getElementById('f-count');
function apply(){var t=q.value.toLowerCase(),c=cat.value,f=file.value,n=0;
rows.forEach(function(r){var ok=(!t||(r.textContent+' '+r.getAttribute('data-text')).toLowerCase().indexOf(t)>=0)&&
(!c||(' '+r.getAttribute('data-cats')+' ').indexOf(' '+c+' ')>=0)&&(!f||r.getAttribute('data-file')===f);
r.hidden=!ok;if(ok)n++;});count.textContent=n+' of '+rows.length+' replies shown';}
[q,cat,file].forEach(function(e){e.addEventListener('input',apply);});
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
var b=th.querySelector('button');if(!b)return;b.addEventListener('click',function(){
var dir=th.getAttribute('aria-sort')==='ascending'?-1:1,num=th.classList.contains('num');
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(o){o.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',dir===1?'ascending':'descending');
rows.sort(function(a,b){var x=a.cells[i].getAttribute('data-v'),y=b.cells[i].getAttribute('data-v');
if(num){x=parseFloat(x);y=parseFloat(y);x=isNaN(x)?-1:x;y=isNaN(y)?-1:y;return (x-y)*dir;}
return x.localeCompare(y)*dir;});rows.forEach(function(r){body.appendChild(r);});});});
apply();})();
"""


def e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def _sev(severity: str) -> str:
    return f'<span class="sev {e(severity)}">{SEVERITY_ICON.get(severity, "")} {e(severity)}</span>'


def _name(r) -> str:
    return f"{r['title']} — {r['path']}" if r["title"] else r["path"]


def _spans(r):
    """Findings as non-overlapping spans relative to the reply's text."""
    out, last = [], 0
    for f in sorted(r["findings"], key=lambda f: (f["start"], -f["end"])):
        a, b = f["start"] - r["offset"], f["end"] - r["offset"]
        if a < last or a < 0 or b > len(r["text"]) or a >= b:
            continue
        out.append((a, b, f))
        last = b
    return out


def highlighted(r) -> str:
    text, parts, pos = r["text"], [], 0
    index = {id(f): n for n, f in enumerate(r["findings"], 1)}
    for a, b, f in _spans(r):
        parts.append(e(text[pos:a]))
        parts.append(f'<mark class="{e(f["severity"])}" title="{e(f["rule"])}">{e(text[a:b])}'
                     f'<sup>{SEVERITY_ICON.get(f["severity"], "")}{index[id(f)]}</sup></mark>')
        pos = b
    parts.append(e(text[pos:]))
    return "".join(parts)


def fixed(r) -> str | None:
    """The reply with each fixable finding's first replacement pasted in (None: nothing)."""
    text, parts, pos, changed = r["text"], [], 0, False
    for a, b, f in _spans(r):
        if not f.get("suggestions"):
            continue
        parts.append(e(text[pos:a]))
        parts.append(f"<ins>{e(f['suggestions'][0])}</ins>")
        pos, changed = b, True
    parts.append(e(text[pos:]))
    return "".join(parts) if changed else None


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def _score(v) -> str:
    return "–" if v is None else f"{v:g}"


def card(r) -> str:
    out = [f'<article class="card" id="reply-{r["id"]}"><h3>{e(r["title"] or r["path"])}</h3>']
    if r["title"]:
        out.append(f'<div class="muted">{e(r["path"])}</div>')
    out.append(f'<div>Empathy <b>{_score(r["empathy"])}</b>/100 · Positivity '
               f'<b>{_score(r["positivity"])}</b>/100 · {len(r["findings"])} finding(s)</div>')
    out.append(f'<div class="reply" lang="">{highlighted(r)}</div>')
    if r["findings"]:
        out.append('<ul class="findings">')
        marked = {id(f) for _, _, f in _spans(r)}
        for n, f in enumerate(r["findings"], 1):
            where = ("" if id(f) in marked else
                     ' <span class="muted">(within another highlight)</span>')
            out.append(f'<li>{n}. {_sev(f["severity"])} “{e(f["match"])}”{where}: '
                       f'{e(f["message"])} '
                       f'<a href="#rule-{e(f["rule"])}"><code>{e(f["rule"])}</code></a>')
            if f.get("suggestions"):
                out.append("<br>→ replace with " + " · ".join(
                    f"“{e(s)}”" for s in f["suggestions"]))
            if f.get("advice"):
                out.append(f'<br><span class="muted">Tip: {e(f["advice"])}</span>')
            out.append("</li>")
        out.append("</ul>")
    after = fixed(r)
    if after is not None:
        out.append(f'<details><summary>Before → after (replacements pasted in)</summary>'
                   f'<div class="reply after">{after}</div></details>')
    if r["signals"]:
        out.append("<details><summary>Why these scores</summary><ul>")
        for s in sorted(r["signals"], key=lambda s: -abs(s["weight"]))[:12]:
            out.append(f'<li>{s["weight"]:+g} {e(s["score"])}: {e(s["signal"])} '
                       f'“{e(s["text"])}”</li>')
        out.append("</ul></details>")
    out.append("</article>")
    return "".join(out)


def _delta(before, after, better_up=True) -> str:
    if before is None or after is None:
        return ""
    d = round(after - before, 1)
    if d == 0:
        return '<span class="muted">= no change</span>'
    good = (d > 0) == better_up
    return (f'<span class="{"up" if good else "down"}">{"▲" if d > 0 else "▼"} {d:+g} '
            f'({"better" if good else "worse"})</span>')


def compare_section(c) -> str:
    labels = {"replies": ("Replies", None), "findings": ("Findings", False),
              "clean": ("Replies without findings", True),
              "median_empathy": ("Median empathy", True),
              "median_positivity": ("Median positivity", True)}
    out = ['<section><h2 id="compare">Change since the last audit</h2><table><thead><tr>'
           '<th>measure</th><th class="num">before</th><th class="num">now</th><th>change</th>'
           '</tr></thead><tbody>']
    for k, (label, up) in labels.items():
        t = c["totals"][k]
        change = _delta(t["before"], t["after"], up) if up is not None else ""
        out.append(f'<tr><td>{label}</td><td class="num">{e(t["before"])}</td>'
                   f'<td class="num">{e(t["after"])}</td><td>{change}</td></tr>')
    out.append("</tbody></table>")
    out.append(f'<p>{_n(c["added"], "new reply", "new replies")} since then, '
               f'{_n(c["removed"], "reply", "replies")} gone.</p>')
    if c["rules"]:
        out.append('<table><thead><tr><th>rule</th><th class="num">before</th>'
                   '<th class="num">now</th><th>change</th></tr></thead><tbody>')
        for r in c["rules"]:
            out.append(f'<tr><td><code>{e(r["id"])}</code></td><td class="num">{r["before"]}</td>'
                       f'<td class="num">{r["after"]}</td>'
                       f'<td>{_delta(r["before"], r["after"], False)}</td></tr>')
        out.append("</tbody></table>")
    out.append("</section>")
    return "".join(out)


def render(data) -> str:
    from .charts import histogram

    t, replies = data["totals"], data["replies"]
    by_id = {r["id"]: r for r in replies}
    out = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
           f"<title>{e(data['title'])}</title><style>{CSS}</style></head><body>",
           f"<header><h1>{e(data['title'])}</h1><p class=\"muted\">tonecheck report · "
           f"{_n(t['files'], 'file')} · {_n(t['replies'], 'reply', 'replies')}</p></header>"]
    if t.get("unreadable"):
        out.append('<p class="unreadable" role="alert"><b>⚠ Not in this report:</b> '
                   f'{_n(len(t["unreadable"]), "path")} could not be read: '
                   + ", ".join(f"<code>{e(p)}</code>" for p in t["unreadable"]) + "</p>")
    sev = data["severity"]
    tiles = [("Replies", t["replies"]), ("Without findings", t["clean"]),
             ("Findings", t["findings"]),
             ("Median empathy", _score(t["median_empathy"]) + "/100"),
             ("Median positivity", _score(t["median_positivity"]) + "/100")]
    out.append('<section aria-label="Headline numbers"><div class="tiles">')
    out += [f'<div class="tile"><b>{e(v)}</b>{e(k)}</div>' for k, v in tiles]
    out.append("</div><p>Findings by severity: " + " · ".join(
        f"{_sev(s)} {n}" for s, n in sev.items()) + "</p>")
    if data["category"]:
        out.append("<p>By category: " + " · ".join(
            f"{e(c)} {n}" for c, n in data["category"].items()) + "</p>")
    out.append("</section>")
    if data.get("compare"):
        out.append(compare_section(data["compare"]))
    out.append('<section><h2 id="scores">Scores</h2><div class="charts">')
    for key, label, colour in (("empathy", "Empathy", "#1f5fa8"),
                               ("positivity", "Positivity", "#2e7d32")):
        out.append(f'<figure>{histogram([r[key] for r in replies], label + " (0-100)", colour)}'
                   f'<figcaption class="muted">{label}: how many replies score in each band of '
                   f'10 (median {_score(t["median_" + key])}).</figcaption></figure>')
    out.append("</div></section>")
    heading = _n(len(data["worst"]), "lowest-scoring reply", "lowest-scoring replies")
    out.append(f'<section><h2 id="worst">The {heading}</h2>'
               '<p class="muted">Sorted by empathy + positivity, lowest first. Highlights mark '
               'each finding (✖ error, ▲ warning, ● suggestion).</p>')
    out += [card(by_id[i]) for i in data["worst"]]
    out.append("</section>")
    out.append('<section><h2 id="rules">Rules by how often they fire</h2>')
    if data["rules"]:
        out.append('<table><thead><tr><th>rule</th><th>severity</th><th class="num">findings</th>'
                   '<th class="num">replies</th><th>what it flags, and what to do</th></tr>'
                   '</thead><tbody>')
        for r in data["rules"]:
            what = e(r["message"])
            if r["suggestions"]:
                what += "<br>→ " + " · ".join(f"“{e(s)}”" for s in r["suggestions"])
            if r["advice"]:
                what += f'<br><span class="muted">Tip: {e(r["advice"])}</span>'
            if r["link"] and str(r["link"]).startswith(("https://", "http://")):
                what += f' <a href="{e(r["link"])}" rel="noreferrer">more</a>'
            out.append(f'<tr id="rule-{e(r["id"])}"><td><code>{e(r["id"])}</code></td>'
                       f'<td>{_sev(r["severity"])}</td><td class="num">{r["count"]}</td>'
                       f'<td class="num">{r["replies"]}</td><td>{what}</td></tr>')
        out.append("</tbody></table>")
    else:
        out.append("<p>No rule fired.</p>")
    out.append("</section>")
    files = sorted({r["path"] for r in replies})
    cats = sorted(data["category"])
    out.append('<section><h2 id="replies">All replies</h2><div class="filters noprint">'
               '<label>Search<input id="f-text" type="search" '
               'placeholder="text, title, rule"></label>'
               '<label>Category<select id="f-cat"><option value="">any</option>'
               + "".join(f'<option value="{e(c)}">{e(c)}</option>' for c in cats) +
               '</select></label><label>File<select id="f-file"><option value="">any</option>'
               + "".join(f'<option value="{e(f)}">{e(f)}</option>' for f in files) +
               '</select></label><span id="f-count" class="muted" aria-live="polite"></span></div>'
               '<table id="all"><thead><tr><th><button type="button">reply</button></th>'
               '<th class="num"><button type="button">empathy</button></th>'
               '<th class="num"><button type="button">positivity</button></th>'
               '<th class="num"><button type="button">findings</button></th>'
               '<th><button type="button">rules</button></th></tr></thead><tbody>')
    worst = set(data["worst"])
    for r in replies:
        rules = sorted({f["rule"] for f in r["findings"]})
        rcats = sorted({f["category"] for f in r["findings"]})
        name = _name(r)
        cell = e(r["title"] or r["path"])
        if r["id"] in worst:
            cell = f'<a href="#reply-{r["id"]}">{cell}</a>'
        if r["title"]:
            cell += f'<br><small class="muted">{e(r["path"])}</small>'
        out.append(f'<tr data-file="{e(r["path"])}" data-cats="{e(" ".join(rcats))}" '
                   f'data-text="{e(r["text"])}">'
                   f'<td data-v="{e(name)}">{cell}</td>'
                   f'<td class="num" data-v="{_score(r["empathy"])}">{_score(r["empathy"])}</td>'
                   f'<td class="num" data-v="{_score(r["positivity"])}">'
                   f'{_score(r["positivity"])}</td>'
                   f'<td class="num" data-v="{len(r["findings"])}">{len(r["findings"])}</td>'
                   f'<td data-v="{e(" ".join(rules))}">{e(", ".join(rules))}</td></tr>')
    out.append("</tbody></table></section>")
    out.append(f"<script>{JS}</script></body></html>\n")
    return "".join(out)
