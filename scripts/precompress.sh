#!/bin/sh
# Writes FILE.br (brotli -q 11) and FILE.gz (gzip -9) next to every file of the web app's dist/
# directory, then touches DIR/.precompressed. The server sends these bytes as they are.
set -eu
dir=$1
for f in "$dir"/*; do
  case "$f" in *.br|*.gz) continue ;; esac
  [ -f "$f" ] || continue
  brotli -q 11 -f -o "$f.br" "$f"
  gzip -9 -n -c "$f" > "$f.gz"
done
touch "$dir/.precompressed"
