#!/usr/bin/env bash
# Debian packages vanban needs outside Python. Installs what is missing when run as root (apt-get),
# otherwise prints the exact apt-get line to run and exits 1.
set -euo pipefail
PACKAGES=(tesseract-ocr tesseract-ocr-vie antiword catdoc fonts-dejavu-core poppler-utils chromium libreoffice-writer-nogui curl unzip)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian packages: ${missing[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
else
  echo "vanban needs these Debian packages: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
