#!/usr/bin/env bash
# Smoke-test the built .deb: unpack it with dpkg-deb -x (no install) and run the app from
# there against a temporary home, with an explicitly configured test keyring.
set -euo pipefail
cd "$(dirname "$0")/.."

deb=$(ls dist/*.deb 2>/dev/null | head -n 1 || true)
[ -n "$deb" ] || { echo "smoke: no .deb in dist/; run \`make package\` first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/root"
app="$work/root/usr/bin/scorer"
home="$work/scorer-home"

# The test keyring: a file-backed test double, chosen in keyring's own config file so the
# packaged interpreter loads it from keyring-path; the app's keys never reach a real keyring.
mkdir -p "$work/keyring" "$work/config/python_keyring"
cp tests/support/keyrings.py "$work/keyring/scorer_test_keyring.py"
printf '[backend]\ndefault-keyring = scorer_test_keyring.FileKeyring\nkeyring-path = %s\n' \
    "$work/keyring" > "$work/config/python_keyring/keyringrc.cfg"
export HOME="$work/user" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
       SCORER_TEST_KEYRING="$work/keyring.json"
unset PYTHON_KEYRING_BACKEND
mkdir -p "$HOME"

step() { echo "\$ scorer $*"; "$app" "$@"; }

echo "smoke: $deb ($(du -h "$deb" | cut -f1)) unpacked to $work/root"
step --version
step --home "$home" demo --candidates 2
step --home "$home" rubrics check
echo "rubric folder: $(ls -d "$home"/rubrics) ($(ls "$home"/rubrics | wc -l) files)"
echo "trust folder:  $(ls -d "$home"/interviewers) ($(ls "$home"/interviewers | wc -l) certificates)"
id=$("$app" --home "$home" interviews list --json | /usr/bin/python3 -c '
import json, sys
print(next(i["id"] for i in json.load(sys.stdin) if i.get("submitted_at")))')
step --home "$home" export "$id" -o "$work/card.pdf"
step --home "$home" verify "$work/card.pdf" | tee "$work/verify.txt"
grep -q ': OK ' "$work/verify.txt" || { echo "smoke: the exported card did not verify" >&2; exit 1; }
# The merge checks cards in worker processes started through the app's own launcher.
step --home "$home" identity create --name "Panel Chair" --email chair@example.com >/dev/null
step --home "$home" identity export-cert "$home/interviewers/panel-chair.pem"
step --home "$home" merge -o "$work/packet.pdf" "$work/card.pdf"
step --home "$home" verify "$work/packet.pdf" | tee "$work/verify-packet.txt"
grep -q ': OK ' "$work/verify-packet.txt" || { echo "smoke: the packet did not verify" >&2; exit 1; }

echo "\$ QT_QPA_PLATFORM=offscreen scorer --home ... (8 s)"
status=0
QT_QPA_PLATFORM=offscreen timeout -s INT 8 "$app" --home "$home" >"$work/gui.out" 2>"$work/gui.err" \
    || status=$?
# Qt's offscreen platform plugin itself prints this notice for every top-level window.
grep -v -x 'This plugin does not support propagateSizeHints()' "$work/gui.err" \
    > "$work/gui.errors" || true
if [ "$status" -ne 124 ] || [ -s "$work/gui.errors" ]; then
    echo "smoke: the GUI exited with status $status before 8 s or wrote errors:" >&2
    cat "$work/gui.out" "$work/gui.errors" >&2
    exit 1
fi
[ -s "$home/scorer.lock" ] || { echo "smoke: the GUI never took its instance lock" >&2; exit 1; }
echo "GUI: up for 8 s (it took the data folder's instance lock), no error output"
echo "smoke: passed"
