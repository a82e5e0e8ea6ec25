#!/usr/bin/env bash
# Renders the golden HTML report (tests/fixtures/reports/golden/report.html) in headless
# Chromium: a desktop-width and a phone-width screenshot, and its PDF print with every page
# side by side (Ghostscript + ImageMagick), into docs/. Run from the repository root after
# `UPDATE_GOLDEN=1 cargo test --test reports` changed the report, then look at the images.
set -euo pipefail
cd "$(dirname "$0")/.."
report="$PWD/tests/fixtures/reports/golden/report.html"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chromium_flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
  --disable-component-update --disable-sync --no-first-run --hide-scrollbars
  --user-data-dir="$work/profile")
chromium "${chromium_flags[@]}" --window-size=1280,1600 --screenshot=docs/report-html.png \
  "file://$report" 2>/dev/null
chromium "${chromium_flags[@]}" --window-size=390,1500 --screenshot=docs/report-html-phone.png \
  "file://$report" 2>/dev/null
chromium "${chromium_flags[@]}" --no-pdf-header-footer --print-to-pdf="$work/report.pdf" \
  "file://$report" 2>/dev/null
gs -q -dNOPAUSE -dBATCH -sDEVICE=png16m -r60 -sOutputFile="$work/page-%02d.png" "$work/report.pdf"
convert "$work"/page-*.png -bordercolor '#888' -border 1 +append docs/report-pdf-pages.png
echo "wrote docs/report-html.png docs/report-html-phone.png docs/report-pdf-pages.png"
