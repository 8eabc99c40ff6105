"""Score histograms as inline SVG, drawn by pygal.

pygal is pure Python (no compiled parts, no numpy), small, maintained, and
writes SVG directly; with ``js=[]`` the chart has no script, so the page makes
no network request (pygal's default adds a script from its CDN for tooltips)."""
from __future__ import annotations

import re

BINS = 10


def histogram(values, title: str, colour: str) -> str:
    import pygal
    from pygal.style import Style

    values = [v for v in values if v is not None]
    counts = [0] * BINS
    for v in values:
        counts[min(int(v) * BINS // 100, BINS - 1)] += 1
    width = 100 // BINS
    style = Style(background="white", plot_background="white", foreground="#222",
                  foreground_strong="#111", foreground_subtle="#555", colors=(colour,),
                  font_family="system-ui, sans-serif", title_font_size=16,
                  label_font_size=12, major_label_font_size=12)
    chart = pygal.Histogram(style=style, js=[], width=520, height=260, show_legend=False,
                            title=title, x_title="score (0-100)", y_title="replies",
                            disable_xml_declaration=True, explicit_size=False,
                            print_values=False, margin=8, y_labels_major_every=2,
                            show_minor_y_labels=False)
    chart.add("replies", [(n, i * width, (i + 1) * width) for i, n in enumerate(counts)])
    # pygal still writes its tooltip config as an inline <script>; with no tooltip script
    # to read it, it is dead weight, and the page's only script is its own.
    return re.sub(r"<script\b.*?</script>", "", chart.render(is_unicode=True), flags=re.S)
