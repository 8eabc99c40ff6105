"""``tonecheck report``: one self-contained HTML audit of a reply library.

Only ``command`` is imported by the CLI at start-up; the data model (``data``),
the charts (``charts``, pygal) and the page (``page``) load when the command runs."""
