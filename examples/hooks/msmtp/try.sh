#!/bin/sh
# Two replies through tonecheck-msmtp, with a fake msmtp on PATH (nothing
# leaves this machine). Needs only tonecheck; TONECHECK="python3 -m tonecheck"
# runs it from a checkout.
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
export TONECHECK_HELD_DIR="$work/held" FAKE_SENDMAIL_OUT="$work/sent" HOME="$work"
mkdir "$work/bin" && ln -s "$here/../fake-sendmail" "$work/bin/msmtp"
export PATH="$work/bin:$PATH"

message() {
  printf 'From: agent@example.com\nTo: sam@example.com\nSubject: Your refund\n\nHi Sam,\n\n%s\n\nBest,\nJo\n' "$1"
}

echo "== a good reply"
message "Thanks for your patience. Your refund went out today." |
  "$here/tonecheck-msmtp" -a work --read-envelope-from -t
echo "tonecheck-msmtp exited $?"

echo "== a poor reply"
message "No problem! I don't know when it ships, you need to wait." |
  "$here/tonecheck-msmtp" -a work --read-envelope-from -t
echo "tonecheck-msmtp exited $?"

echo "== sent:" && ls "$work/sent" 2>/dev/null && cat "$work/sent/1.argv"
echo "== held:" && ls "$work/held" 2>/dev/null
