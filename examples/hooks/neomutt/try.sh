#!/bin/sh
# Two replies through neomutt in batch mode, with tonecheck hook in front of a
# fake sendmail (nothing leaves this machine). Needs neomutt and tonecheck;
# TONECHECK="python3 -m tonecheck" runs it from a checkout.
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
export TONECHECK_HELD_DIR="$work/held" FAKE_SENDMAIL_OUT="$work/sent" HOME="$work"
cat > "$work/muttrc" <<MUTTRC
source $here/muttrc
set sendmail="${TONECHECK:-tonecheck} hook --no-config --sendmail $here/../fake-sendmail"
set from="agent@example.com" realname="Jo" use_from=yes copy=no record=""
set charset="utf-8" send_charset="utf-8"
MUTTRC

echo "== a good reply"
printf 'Hi Sam,\n\nThanks for your patience. Your refund went out today.\n\nBest,\nJo\n' |
  neomutt -n -F "$work/muttrc" -s "Your refund" sam@example.com
echo "neomutt exited $?"

echo "== a poor reply"
printf "No problem! I don't know when it ships, you need to wait.\n" |
  neomutt -n -F "$work/muttrc" -s "Your refund" sam@example.com
echo "neomutt exited $? (the draft is kept)"

echo "== sent:" && ls "$work/sent" 2>/dev/null
echo "== held:" && ls "$work/held" 2>/dev/null
