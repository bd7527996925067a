#!/usr/bin/env bash
# Install the Debian/Ubuntu packages Scorer needs, skipping those already present.
#   .ci/system-deps.sh run    what the app needs to open a window
#   .ci/system-deps.sh test   that, plus what the tests need (poppler's pdfsig, pdftoppm, and a
#                             PostgreSQL server for the team store's tests)
#   .ci/system-deps.sh package   what Briefcase needs to build the .deb under /usr/bin/python3
set -euo pipefail

runtime=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
         libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
         libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 fonts-dejavu-core)
testing=(poppler-utils postgresql)
packaging=(python3-dev python3-venv build-essential dpkg-dev git)

wanted=("${runtime[@]}")
case "${1:-run}" in
    test) wanted+=("${testing[@]}") ;;
    package) wanted=("${packaging[@]}") ;;
esac
python3 -c 'import ensurepip, venv' 2>/dev/null || wanted+=(python3-venv)

missing=()
for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
    echo "Please install these system packages: ${missing[*]}" >&2
    exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
