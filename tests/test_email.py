"""Email input: MIME messages to the agent's reply, with positions that point
into the message (or the decoded body), and context-aware empathy."""
from __future__ import annotations

import pytest

import tonecheck
from tonecheck.errors import InputError

SIMPLE = b"""From: Sam <sam@acme.test>
To: Anna <anna@example.com>
Subject: Re: my order
Content-Type: text/plain; charset=utf-8

Hi Anna,

No problem, I checked your order and it ships tomorrow.

Best regards,
Sam

On Mon, 3 Mar 2025 at 10:02, Anna <anna@example.com> wrote:
> No problem with the app, but where is my order?
"""


def test_check_email_points_into_the_message():
    report = tonecheck.check_email(SIMPLE, path="reply.eml", select=["positivity.no-problem"])
    assert report.location == "message"
    [f] = report.findings
    assert (f.line, f.column) == (8, 1)
    assert report.text[f.start:f.end] == "No problem"
    assert report.to_dict()["location"] == "message"


def test_malformed_message_is_one_line_error():
    with pytest.raises(InputError) as exc:
        tonecheck.check_email(b"just some words, no headers", path="bad.eml")
    assert str(exc.value).startswith("bad.eml: ")
