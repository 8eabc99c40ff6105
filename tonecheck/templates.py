"""Template variables in canned replies: found, and masked before the rules run.

A saved reply is a template: ``Hi {{ticket.requester.first_name}}, your order
[Order Number] has shipped.`` In template mode (``--templates``, or
``templates:`` in the config) each variable stands for the value it will hold:

* it is replaced, before anything reads the text, by a neutral stand-in of the
  same length, so offsets, lines and columns do not move: a name variable
  (``{{name}}``, ``{first_name}``, ``[Customer Name]``...) by ``Sam`` padded
  with ``m`` (``Sammmmmm``: still one capitalised word, so "Hi {{name}},"
  counts as personal address in the empathy score), any other value by zeros
  (``[Order Number]`` -> ``00000000000000``), and a control tag
  (``{% if … %}``, ``{% endif %}``) by spaces;
* it is never flagged (``structure.placeholder`` sees the stand-in), and a
  finding that overlaps a variable is dropped, so no rule matches across one
  ("No {% if vip %}problem").

Shapes: ``{{ a.b }}``, ``{% … %}``, ``{name}``, ``${name}``, ``%name%``,
``[Order Number]``, ``<ISSUE_NUMBER>``, ``<your name>``, ``XXX`` (a name
after a greeting word, "Hi XXX,", a value elsewhere). A name keeps its kind
behind a filter or a fallback (``{{ first_name | default: "there" }}``,
``{{first_name|fallback:"there"}}``, Help Scout's
``{%customer.firstName,fallback=there%}``). In draft mode (the default) the
same shapes are left in the text, where ``structure.placeholder`` flags each
one as an error: a reply about to go out with ``[Customer Name]`` in it.
"""
from __future__ import annotations

import re
from typing import NamedTuple

# Each alternative is bounded and its repeated class cannot contain its own
# closing or opening character, so the scan is linear in the text.
_VARIABLE = re.compile(r"""
      (?P<tag>\{%[^%\n]{0,200}%\})                                   # {% if x %} {% endif %}
    | (?P<mustache>\{\{[^{}\n]{1,200}\}\})                           # {{ticket.requester.name}}
    | (?<![\w{$])(?P<brace>\{[A-Za-z_][\w.]{0,60}\})(?!\})           # {name}
    | (?<![\w$])(?P<dollar>\$\{[A-Za-z_][\w. ]{0,60}\})              # ${Contacts.First Name} (Zoho)
    | (?<![\w%/=&])(?P<percent>%[A-Za-z_][A-Za-z_.]{1,60}%)(?!\w)    # %NAME%, not %20
    | (?P<bracket>\[(?:[A-Z][\w\ .'-]{0,60}                          # [Order Number]
        |(?i:[\w\ ]{0,30}\b(?:name|customer|agent|company|number|date|time|link|url|e-?mail
            |product|order|ticket|issue|insert|phone|address|amount|account|id)\b[\w\ ]{0,30})
      )\])(?![(\[:])                                                 # not a Markdown link
    | (?P<angle><[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*>                      # <ISSUE_NUMBER>
        |<(?i:your|insert|customer|agent|first|last|user)[\ _][\w\ ]{1,40}>)  # <your name>
    | (?<!\w)(?P<xs>X{3,})(?!\w)                                      # XXX (to be filled in)
""", re.VERBOSE)

#: Upper-case HTML tags are markup, not variables.
_HTML_TAGS = frozenset("""DIV SPAN TABLE HTML BODY HEAD BR HR IMG UL OL LI TD TR TH PRE CODE
    SCRIPT STYLE FORM INPUT LINK META TITLE FONT CENTER EM STRONG H1 H2 H3 H4 H5 H6 DL DT DD
    NAV MAIN SECTION HEADER FOOTER BUTTON LABEL SELECT OPTION TEXTAREA IFRAME SUP SUB
    BLOCKQUOTE DETAILS SUMMARY TBODY THEAD KBD ABBR SMALL BIG P A B I U S Q""".split())

#: Where a variable's name ends and its filters or fallback begin.
_FILTER = re.compile(r"[|,]")
#: Control tags, as opposed to Help Scout's ``{%customer.firstName%}`` values.
_CONTROL = re.compile(r"(?i)^\s*(?:if|elsif|else|endif|unless|endunless|for|endfor|case|when|"
                      r"endcase|assign|capture|endcapture|comment|endcomment|raw|endraw|include|"
                      r"render)\b")
#: A value's name, as Help Scout writes one between ``{%`` and ``%}``.
_IDENTIFIER = re.compile(r"^[A-Za-z_][\w.]*$")
#: The last part of a variable's name that makes it a person's name.
_NAME = re.compile(r"(?i)(?:^|[\s._-])(?:(?:first|last|full|given|display|customer|user|"
                   r"requester|agent|contact)[\s_-]?name|name|customer|requester|"
                   r"recipient|user|contact)$")


class Variable(NamedTuple):
    """A template variable: its half-open span in the text and its kind
    (``name``, ``value`` or ``tag``)."""

    start: int
    end: int
    kind: str


#: A greeting word just before a variable: "Hi ", "Dear ", "Hello ".
_GREETED = re.compile(r"(?:^|[^\w])(?:hi|hello|hey|dear|hiya|morning|afternoon|evening)[ \t]+$",
                      re.IGNORECASE)


def find_variables(text: str) -> list[Variable]:
    """Every template variable in ``text``, in order."""
    out = []
    for m in _VARIABLE.finditer(text):
        shape = m.lastgroup
        raw = m.group()
        if shape == "angle" and raw[1:-1] in _HTML_TAGS:
            continue
        inner = _FILTER.split(raw.strip("${}[]<>% "), 1)[0].strip()
        if shape == "tag" and (_CONTROL.match(inner) or not _IDENTIFIER.match(inner)):
            kind = "tag"
        elif shape == "xs":  # a bare XXX: the name where a greeting asks for one ("Hi XXX,")
            # (the few characters before it only: a long text of XXXs stays linear)
            kind = "name" if _GREETED.search(text, max(0, m.start() - 24), m.start()) else "value"
        else:
            kind = "name" if _NAME.search(inner) else "value"
        out.append(Variable(m.start(), m.end(), kind))
    return out


def stand_in(kind: str, length: int) -> str:
    """The neutral text of ``length`` characters a variable is read as."""
    if kind == "tag":
        return " " * length
    if kind == "name":
        return ("Sam" + "m" * length)[:length]
    return "0" * length


def mask(text: str, variables: list[Variable]) -> str:
    """``text`` with each variable replaced by its stand-in (same length)."""
    parts, at = [], 0
    for v in variables:
        parts.append(text[at:v.start])
        parts.append(stand_in(v.kind, v.end - v.start))
        at = v.end
    parts.append(text[at:])
    return "".join(parts)


def overlaps(start: int, end: int, variables: list[Variable]) -> bool:
    """Whether the span ``start:end`` touches any variable (``variables`` in order)."""
    from bisect import bisect_left

    i = bisect_left(variables, (start,))
    for v in variables[max(0, i - 1):]:
        if v.start >= end:
            return False
        if start < v.end:
            return True
    return False
