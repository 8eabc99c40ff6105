"""Email input: MIME messages to the agent's reply, with positions that point
into the message (or the decoded body), and the quoted customer message as
context. Fixtures in tests/fixtures/email/ are realistic messages from the
common clients; each test says what was checked and where findings point."""
from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

import pytest

import tonecheck
from tonecheck.errors import InputError
from tonecheck.exitcodes import ExitCode
from tonecheck.inputs.email import read_email
from tonecheck.inputs.email.parse import decode_text
from tonecheck.inputs.email.reply import split_reply

FIXTURES = Path(__file__).parent / "fixtures" / "email"
UPSET = "empathy.acknowledge-upset-customer"


def raw(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def check(name: str, **options):
    return tonecheck.check_email(raw(name), path=name, **options)


def rules(report) -> list[str]:
    return [f.rule for f in report.findings]


def where(report, rule: str) -> list[tuple[int, int]]:
    return [(f.line, f.column) for f in report.findings if f.rule == rule]


def message_line(name: str, line: int, encoding: str = "utf-8") -> str:
    return raw(name).decode(encoding).split("\n")[line - 1]


@pytest.fixture(params=sorted(p.name for p in FIXTURES.glob("*.eml")
                              if not p.name.startswith("malformed")))
def readable(request):
    return request.param


def test_every_finding_points_at_its_words(readable):
    report = check(readable)
    for f in report.findings:
        assert report.text[f.start:f.end] == f.match
        line_start = report.text.rfind("\n", 0, f.start) + 1
        assert f.column == f.start - line_start + 1
        assert f.line == report.text.count("\n", 0, f.start) + 1


# -- what is checked -------------------------------------------------------------------
@pytest.mark.parametrize("delsp", ["", "; delsp=yes"])
def test_format_flowed_soft_breaks_read_as_one_line(delsp):
    # RFC 3676: a line ending in a space continues on the next (DelSp=yes adds
    # a second space); "As I already / said" is one phrase, pointed at in the message.
    message = (b"From: agent@example.com\r\nTo: sam@example.com\r\nSubject: Re: refund\r\n"
               b"Content-Type: text/plain; charset=utf-8; format=flowed" + delsp.encode() + b"\r\n\r\n"
               b"Hi Sam,\r\n\r\nThanks for writing back. As I already  \r\nsaid, the refund went out "
               b"on Monday.\r\n\r\nBest,\r\nAlex\r\n")
    report = tonecheck.check_email(message)
    assert where(report, "courtesy.as-i-said") == [(8, 26)]


def test_gmail_multipart_alternative_checks_the_plain_part_in_the_message():
    report = check("gmail-alternative.eml")
    assert report.location == "message"
    # The agent's "No problem" is line 16 of the file; the customer's quoted
    # "No problem" (line 25) and the older quote (line 31) are not checked.
    assert where(report, "positivity.no-problem") == [(16, 1)]
    assert message_line("gmail-alternative.eml", 16).startswith("No problem, I looked")
    assert report.to_dict()["location"] == "message"
    reply = read_email(raw("gmail-alternative.eml"))
    assert "Customer Care" not in reply.text and "+1 555" not in reply.text  # signature
    assert "Best regards," in reply.text  # the sign-off is the agent's wording
    assert "third time" in reply.context and ">" not in reply.context
    assert "ships tomorrow." not in reply.context.split("Anna")[-1]  # older quote left out


def test_gmail_upset_customer_gets_the_context_finding():
    report = check("gmail-alternative.eml")
    [f] = [f for f in report.findings if f.rule == UPSET]
    assert f.severity.label == "warning" and f.replacements == () and f.advice
    assert (f.line, f.column) == (16, 1)  # the first sentence after "Hi Anna,"
    assert f.match == "No problem, I looked into order #48213."
    assert '"third time"' in f.message


def test_html_only_apple_mail_is_converted_and_the_quote_skipped():
    report = check("apple-html-only.eml")
    assert report.location == "decoded-body"
    assert report.text.startswith("Hi Tom,")
    assert "NOBODY" not in report.text and "<div" not in report.text
    assert "positivity.no-problem" not in rules(report)  # only in the quoted mail
    assert where(report, "courtesy.demand") == [(3, 1)]
    reply = read_email(raw("apple-html-only.eml"))
    assert "Billing" not in reply.text  # the signature under "Kind regards,"
    assert "Billing" in report.text  # (still in the body that positions refer to)
    assert reply.context.startswith("I have been charged TWICE")  # attribution dropped
    assert UPSET in rules(report)


def test_gmail_html_quote_block_is_skipped():
    msg = raw("gmail-alternative.eml").replace(b"Content-Type: text/plain", b"Content-Type: "
                                               b"text/x-not-plain")
    report = tonecheck.check_email(msg, select=["positivity"])
    assert report.location == "decoded-body"
    assert where(report, "positivity.no-problem") == [(3, 1)]
    assert "ridiculous" not in report.text  # the gmail_quote element is gone
    assert "1 555 0100" not in read_email(msg).text  # the signature is not checked
    assert read_email(msg).context.startswith("This is the third time")


def test_quoted_printable_points_at_the_decoded_body():
    report = check("quoted-printable.eml")
    assert report.location == "decoded-body"
    assert where(report, "honesty.dont-know") == [(3, 73)]
    assert "I’m sorry you’ve had to deal with this" in report.text  # =E2=80=99 decoded
    # The signature under "-- " says "No problem is too small": not checked.
    assert "positivity.no-problem" not in rules(report)
    # "sorry you've had to deal with", "sounds really frustrating": acknowledged.
    assert UPSET not in rules(report)


def test_base64_with_crlf_line_endings():
    assert b"\r\n" in raw("base64.eml")
    report = check("base64.eml")
    assert report.location == "decoded-body"
    assert where(report, "courtesy.as-i-said") == [(3, 27)]
    assert "positivity.no-problem" not in rules(report)  # quoted
    [f] = [f for f in report.findings if f.rule == UPSET]
    assert f.match == "Thanks for your patience."


def test_iso_8859_1_points_at_lines_of_the_message():
    report = check("latin1.eml")
    assert report.location == "message" and report.notices == ()
    assert "Café" in report.text
    assert where(report, "positivity.no-problem") == [(12, 8)]
    assert message_line("latin1.eml", 12, "latin-1").startswith("today. No problem")


def test_windows_1252_smart_quotes():
    report = check("windows1252.eml")
    assert report.location == "message" and report.notices == ()
    assert "honesty.dont-know" in rules(report)
    f = next(f for f in report.findings if f.rule == "honesty.dont-know")
    assert f.match == "I don’t know" and f.line == 11


def test_wrong_declared_charset_falls_back_with_a_notice():
    report = check("wrong-charset.eml")
    assert any("windows-1252" in n and "wrong-charset.eml" in n for n in report.notices)
    assert "I’m afraid" in report.text and "café" in report.text
    assert where(report, "positivity.no-problem") == [(11, 35)]


@pytest.mark.parametrize("data, declared, expected, noticed", [
    ("café".encode("utf-8"), "iso-8859-1", "café", True),     # UTF-8 labelled Latin-1
    ("café".encode("cp1252"), None, "café", True),            # no charset, not UTF-8
    ("café".encode("utf-8"), "x-unknown", "café", True),      # unknown label
    (b"plain", "x-unknown", "plain", True),
    ("’".encode("cp1252"), "iso-8859-1", "’", False),         # Latin-1 read as windows-1252
    ("naïve".encode("utf-8"), "utf-8", "naïve", False),
    (b"\x81\x8d", "windows-1252", "\x81\x8d", False),          # undefined cp1252 bytes
])
def test_decode_text_never_fails(data, declared, expected, noticed):
    text, notice = decode_text(data, declared)
    assert text == expected and bool(notice) == noticed


def test_outlook_top_posted_with_original_message():
    report = check("outlook-top-posted.eml")
    assert report.location == "message"
    assert "positivity.no-problem" not in rules(report)  # both are in the history
    assert "Original Message" not in read_email(raw("outlook-top-posted.eml")).text
    [f] = [f for f in report.findings if f.rule == UPSET]
    assert f.line == 12 and f.match == "Thank you for sending the invoice."
    assert '"fourth time"' in f.message


def test_outlook_from_sent_block_without_separator():
    reply = read_email(raw("outlook-from-sent.eml"))
    assert reply.text.strip() == "Hi Paul,\n\nI reset the password for you; the new link is in " \
                                 "your inbox."
    assert reply.context.startswith("Can you reset my password")
    assert check("outlook-from-sent.eml").findings == ()


def test_inline_reply_checks_each_answer_and_maps_lines():
    report = check("inline-reply.eml")
    assert "positivity.no-problem" not in rules(report)  # quoted and in the signature
    assert where(report, "positivity.unfortunately") == [(21, 1)]
    assert message_line("inline-reply.eml", 21).startswith("Unfortunately")
    reply = read_email(raw("inline-reply.eml"))
    for answer in ("Hi Greg, answers inline:", "Yes, under Settings", "No, they stay"):
        assert answer in reply.text
    assert "Ana Silva" not in reply.text and "wrote:" not in reply.text
    assert reply.context.startswith("1. Can I pause")


def test_attachments_are_not_checked():
    report = check("attachment.eml")
    assert report.location == "message"
    assert where(report, "positivity.no-problem") == [(16, 31)]  # not the notes.txt attachment
    assert "honesty.dont-know" not in rules(report)


def _big_message(reply: str, attachment_bytes: int) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "sam@acme.test", "anna@example.com", "Re: logs"
    msg.set_content(reply)
    msg.add_attachment(b"\x00" * attachment_bytes, maintype="application",
                       subtype="octet-stream", filename="logs.bin")
    return msg.as_bytes()


def test_a_25_mb_attachment_does_not_count_against_the_limit():
    data = _big_message("Hi Anna,\n\nNo problem, the logs are attached.\n", 25 * 1024 * 1024)
    assert len(data) > 25 * 1024 * 1024
    report = tonecheck.check_email(data, path="big.eml", select=["positivity.no-problem"])
    assert where(report, "positivity.no-problem") == [(report.text.count("\n", 0, report.text.index("No problem")) + 1, 1)]
    assert report.location == "message"


def test_the_limit_applies_to_the_reply_text():
    quoted = "".join(f"> line {i} of a long thread, no problem\n" for i in range(40_000))
    ok = f"From: a@b.test\nSubject: Re: x\n\nThanks, done.\n\nOn Mon, Anna wrote:\n{quoted}"
    assert len(ok) > 1_000_000
    report = tonecheck.check_email(ok.encode(), select=["positivity.no-problem"])
    assert report.findings == ()
    long_reply = "From: a@b.test\nSubject: x\n\n" + "Thanks for waiting. " * 60_000
    with pytest.raises(InputError, match="too large"):
        tonecheck.check_email(long_reply.encode(), path="long.eml")


def test_truncated_base64_gives_a_notice():
    report = check("truncated-base64.eml")
    assert any("cut short" in n for n in report.notices)
    assert report.text.startswith("Hi there, no problem!")


@pytest.mark.parametrize("name, why", [
    ("malformed-no-boundary.eml", "declares no MIME boundary"),
    ("malformed-boundary-missing.eml", "boundary never appears"),
    ("malformed-no-headers.eml", "not an email message"),
])
def test_malformed_messages_are_one_line_errors(name, why):
    with pytest.raises(InputError) as exc:
        check(name)
    assert str(exc.value).startswith(f"{name}: ") and why in str(exc.value)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize("data, why", [
    (b"", "empty message"),
    (b"From: a@b.test\nContent-Type: application/pdf\n\n%PDF-1.4", "no text/plain or text/html"),
])
def test_unreadable_messages(data, why):
    with pytest.raises(InputError, match=why):
        tonecheck.check_email(data, path="m.eml")


def test_text_is_not_an_email():
    with pytest.raises(TypeError):
        tonecheck.check_email("From: a@b.test\n\nHi")


# -- the reply splitter ---------------------------------------------------------------
def test_offsets_map_every_checked_character_back():
    body = raw("inline-reply.eml").decode().split("\n\n", 1)[1]
    reply = split_reply(body)
    for i, ch in enumerate(reply.text):
        j = reply.offsets(i)
        assert body[j] == ch or (ch == "\n" and body[j - 1] == "\n")


@pytest.mark.parametrize("body, kept, dropped", [
    # The opening thanks and a list of steps are the reply, not a signature.
    ("Thanks, that helps.\n- open Settings\n- tap Reset\n\nNo problem at all.\n",
     ["Thanks, that helps.", "- tap Reset", "No problem at all."], []),
    # A sign-off followed by prose is not a signature block.
    ("Hi Jo,\n\nThanks,\n\nI checked the order and it ships today. It will arrive on Monday "
     "morning.\n", ["ships today"], []),
    ("Hi,\n\nDone.\n\nCheers,\nMia Wong\nSenior Support Engineer\nAcme Ltd.\n+44 20 7946 0000\n",
     ["Done.", "Cheers,"], ["Mia Wong", "Senior Support", "+44"]),
    ("Done.\n\nSent from my iPhone\n\n> old\n", ["Done."], ["iPhone", "old"]),
    ("Fixed.\n\nAm 3. März 2025 um 10:00 schrieb Anna <a@b.de>:\n> Hallo\n", ["Fixed."],
     ["schrieb", "Hallo"]),
    ("Fixed.\n\nLe lun. 3 mars 2025 à 10:00, Anna <a@b.fr> a écrit :\n> Bonjour\n", ["Fixed."],
     ["Bonjour"]),
    ("Fixed.\n\nOn Mon, Mar 3, 2025 at 10:00 AM Anna Lopez <\nanna@example.com> wrote:\n\n> Hi\n",
     ["Fixed."], ["wrote", "anna@"]),
    ("Fixed.\n\n---------- Forwarded message ---------\nFrom: X\n\nNo problem\n", ["Fixed."],
     ["No problem"]),
])
def test_split_reply_shapes(body, kept, dropped):
    reply = split_reply(body)
    for words in kept:
        assert words in reply.text
    for words in dropped:
        assert words not in reply.text


# -- the command line ------------------------------------------------------------------
def test_cli_checks_eml_files_by_extension(run_cli):
    result = run_cli("check", "--format", "json", "--no-scores",
                     str(FIXTURES / "gmail-alternative.eml"))
    assert result.exit_code == ExitCode.FINDINGS
    [data] = json.loads(result.stdout)["files"]
    assert data["location"] == "message"
    assert [(f["rule"], f["line"]) for f in data["findings"]] == [
        (UPSET, 16), ("positivity.no-problem", 16)] or sorted(
        (f["rule"], f["line"]) for f in data["findings"]) == sorted(
        [(UPSET, 16), ("positivity.no-problem", 16)])


def test_cli_reads_an_email_on_stdin(run_cli):
    result = run_cli("check", "--email", "--format", "json", "--no-scores", "-",
                     input=raw("latin1.eml"))
    assert result.exit_code == ExitCode.FINDINGS
    [data] = json.loads(result.stdout)["files"]
    assert data["location"] == "message"
    assert [(f["rule"], f["line"], f["column"]) for f in data["findings"]] == [
        ("positivity.no-problem", 12, 8)]


def test_cli_prints_charset_notices(run_cli):
    result = run_cli("check", "--fail-on", "never", str(FIXTURES / "wrong-charset.eml"))
    assert result.exit_code == ExitCode.OK
    assert "windows-1252" in result.stderr


def test_cli_malformed_message_exit_2_and_file_untouched(run_cli):
    path = FIXTURES / "malformed-no-boundary.eml"
    before = path.read_bytes()
    result = run_cli("check", str(path))
    assert result.exit_code == ExitCode.ERROR
    [line] = result.stderr.strip().splitlines()
    assert "malformed-no-boundary.eml" in line and "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_cli_context_file(run_cli, tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_text("Hi Anna,\n\nYour order ships tomorrow.\n")
    angry = tmp_path / "customer.txt"
    angry.write_text("This is the THIRD time I am writing. Absolutely ridiculous!!\n")
    result = run_cli("check", "--no-scores", "--context", str(angry), str(reply))
    assert result.exit_code == ExitCode.FINDINGS
    assert "reply.txt:3:1: warning" in result.stdout and UPSET in result.stdout
    calm = tmp_path / "calm.txt"
    calm.write_text("Hi, when will my order ship? Thanks!\n")
    assert run_cli("check", "--no-scores", "--context", str(calm), str(reply)).exit_code == 0
    # An .eml context is the customer's own words, not what they quote.
    result = run_cli("check", "--no-scores", "--context", str(FIXTURES / "outlook-from-sent.eml"),
                     str(reply))
    assert result.exit_code == ExitCode.OK
    missing = run_cli("check", "--context", str(tmp_path / "nope.txt"), str(reply))
    assert missing.exit_code == ExitCode.ERROR and "nope.txt" in missing.stderr


def test_cli_walks_folders_for_eml_files(run_cli, tmp_path):
    (tmp_path / "outbox").mkdir()
    (tmp_path / "outbox" / "reply.eml").write_bytes(raw("latin1.eml"))
    result = run_cli("check", "--format", "json", "--no-scores", str(tmp_path / "outbox"))
    [data] = json.loads(result.stdout)["files"]
    assert data["path"].endswith("reply.eml") and data["location"] == "message"
    assert [(f["rule"], f["line"]) for f in data["findings"]] == [("positivity.no-problem", 12)]
