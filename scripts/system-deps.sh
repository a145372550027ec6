#!/usr/bin/env bash
# Debian packages vanban needs outside Python. Installs what is missing when run as root (apt-get),
# otherwise prints the exact apt-get line to run and exits 1.
set -euo pipefail
PACKAGES=(tesseract-ocr tesseract-ocr-vie antiword catdoc fonts-dejavu-core poppler-utils chromium libreoffice-writer-nogui curl unzip)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node and npm install axe-core for the browser tests (tests/web/package.json); any packaging of
# them will do, so the commands are looked for rather than a package name.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  log="${VANBAN_SYSDEPS_LOG:-/tmp/vanban-system-deps.log}"
  mkdir -p "$(dirname "$log")"
  echo "installing Debian packages: ${missing[*]} (log: $log)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    > "$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }
else
  echo "vanban needs these Debian packages: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
