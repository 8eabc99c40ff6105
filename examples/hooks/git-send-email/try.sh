#!/bin/sh
# Two prepared replies through git send-email, with tonecheck hook in front of
# a fake sendmail (nothing leaves this machine). Needs git send-email (Debian:
# apt-get install git-email) and tonecheck; TONECHECK="python3 -m tonecheck"
# runs it from a checkout.
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
export TONECHECK_HELD_DIR="$work/held" FAKE_SENDMAIL_OUT="$work/sent" HOME="$work"
export GIT_AUTHOR_NAME=Jo GIT_AUTHOR_EMAIL=agent@example.com
export GIT_COMMITTER_NAME=Jo GIT_COMMITTER_EMAIL=agent@example.com
cmd="${TONECHECK:-tonecheck} hook --no-config --sendmail $here/../fake-sendmail"

reply() {  # reply FILE BODY
  printf 'From: Jo <agent@example.com>\nSubject: Re: your refund\n\nHi Sam,\n\n%s\n\nBest,\nJo\n' \
    "$2" > "$work/$1"
}
reply good.eml "Thanks for your patience. Your refund went out today."
reply poor.eml "No problem! I don't know when it ships, you need to wait."

for name in good poor; do
  echo "== $name.eml"
  git send-email --sendmail-cmd="$cmd" --to=sam@example.com --from="Jo <agent@example.com>" \
    --suppress-cc=self --confirm=never --quiet "$work/$name.eml"
  echo "git send-email exited $?"
done

echo "== sent:" && ls "$work/sent" 2>/dev/null
echo "== held:" && ls "$work/held" 2>/dev/null
