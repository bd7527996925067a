#!/usr/bin/env bash
# Build Scorer's Linux system package (.deb) into dist/ with Briefcase.
# Briefcase's `linux system` target must run under the system interpreter, so its venv is made
# from /usr/bin/python3. Its Linux template comes, in this order, from:
#   $SCORER_BRIEFCASE_TEMPLATE   a git bundle or a checkout of briefcase-linux-system-template
#   ../shared/vendor/briefcase-linux-system-template.bundle   the team's offline copy
#   upstream on GitHub           Briefcase's own default, when the network reaches it
# With none of them it says so loudly and builds nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PYTHON=${SYSTEM_PYTHON:-/usr/bin/python3}
TOOLS=build/briefcase-venv
UPSTREAM=https://github.com/beeware/briefcase-linux-system-template

skip() {
    {
        echo "######################################################################"
        echo "# PACKAGE SKIPPED: $1"
        echo "# Set SCORER_BRIEFCASE_TEMPLATE to a clone or git bundle of"
        echo "# $UPSTREAM (branch main), or put the bundle at"
        echo "# ../shared/vendor/briefcase-linux-system-template.bundle."
        echo "######################################################################"
    } >&2
    exit 0
}

template_args=()
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
source=${SCORER_BRIEFCASE_TEMPLATE:-}
[ -z "$source" ] && [ -e ../shared/vendor/briefcase-linux-system-template.bundle ] \
    && source=../shared/vendor/briefcase-linux-system-template.bundle
if [ -n "$source" ]; then
    [ -e "$source" ] || skip "SCORER_BRIEFCASE_TEMPLATE=$source does not exist"
    git clone --quiet --branch main "$source" "$workdir/template"
    template_args=(-C "template=\"$workdir/template\"" -C 'template_branch="main"')
    echo "Briefcase template: $source (cloned to $workdir/template)"
elif timeout 20 git ls-remote --exit-code "$UPSTREAM" main >/dev/null 2>&1; then
    echo "Briefcase template: $UPSTREAM"
else
    skip "no Briefcase Linux template: none given, no offline copy, and $UPSTREAM is unreachable"
fi

.ci/system-deps.sh package
[ -x "$SYSTEM_PYTHON" ] || skip "$SYSTEM_PYTHON (the system interpreter Briefcase needs) is missing"
if [ ! -x "$TOOLS/bin/briefcase" ] || [ requirements/package.txt -nt "$TOOLS/bin/briefcase" ]; then
    rm -rf "$TOOLS"
    "$SYSTEM_PYTHON" -m venv "$TOOLS"
    "$TOOLS/bin/pip" install --quiet --require-hashes -r requirements/package.txt
    touch "$TOOLS/bin/briefcase"
fi

# The package must ship the locked versions: Briefcase's requires must be the lock's.
"$SYSTEM_PYTHON" .ci/sync_briefcase.py --check >/dev/null
rm -rf build/scorer dist
start=$SECONDS
"$TOOLS/bin/briefcase" create linux system --no-input "${template_args[@]}"
"$TOOLS/bin/briefcase" build linux system --no-input
"$TOOLS/bin/briefcase" package linux system --no-input --adhoc-sign  # unsigned .deb
deb=$(ls dist/*.deb)
echo "Built $deb: $(du -h "$deb" | cut -f1) in $((SECONDS - start)) s"
