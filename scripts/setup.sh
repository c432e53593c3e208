#!/usr/bin/env bash
# Bondstore set-up: everything a fresh Debian bookworm machine needs to build, run and test.
#
# Idempotent. Runs as root (or with sudo available). Slow results (third-party sources, the ICU
# cross-build for WebAssembly) are cached outside the checkout under $BONDSTORE_CACHE
# (default ~/.cache/bondstore), keyed by version, so a second run takes seconds.
#
# Nothing third-party is ever written into the checkout except tests/browser/node_modules,
# which npm installs from the committed lockfile (and .gitignore keeps out of git).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${BONDSTORE_CACHE:-$HOME/.cache/bondstore}
mkdir -p "$cache"

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

log() { printf '[setup] %s\n' "$*" >&2; }

# --- 1. Debian packages ------------------------------------------------------------------------
# Build: compilers, CMake/Ninja, ccache (the native builds: the sanitizer builds of every test
# run come from its cache, outside the checkout), Emscripten (uses the system clang).
# Native libraries: httplib, json, ICU, doctest, SQLite, PostgreSQL client + server, OpenSSL,
# libxml2 (CEB XSD validation), xmlsec1 (signature checks), stb (thumbnails), qrcodegen.
# The store's data: iso-flags-png-320x240 (the country flags beside each product's origin).
# Web build: wqy-microhei and DejaVu Sans (Arabic) fonts + fontTools (subsetting) + PyICU (the country names the app shows),
# brotli/gzip (precompressed assets).
# Tests and benchmarks: chromium, node/npm, wrk, nginx-light (the TLS front; the baseline), hyperfine;
# the packaging check: curl, systemd (systemd-analyze).
packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates dpkg-dev ccache
  clang lld libclang-rt-14-dev
  emscripten nodejs npm
  libcpp-httplib-dev nlohmann-json3-dev libicu-dev icu-devtools doctest-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql libssl-dev openssl python3
  libxml2-dev libxml2-utils xmlsec1 libxmlsec1-dev libstb-dev libqrcodegencpp-dev zlib1g-dev
  libxlsxwriter-dev python3-openpyxl
  iso-flags-png-320x240
  fonts-wqy-microhei fonts-dejavu-core python3-fonttools python3-icu python3-brotli brotli
  chromium wrk nginx-light hyperfine curl systemd
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
# nodejs from another origin may already provide npm; do not fight it.
if command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/npm}")
  missing=("${missing[@]/nodejs}")
fi
read -r -a missing <<<"${missing[*]}"

deb_src=/etc/apt/sources.list.d/bondstore-deb-src.sources
need_update=0
if [ ! -f "$deb_src" ]; then
  # Same archives and suites the machine already uses, as deb-src (TOOLCHAIN.md).
  src=/etc/apt/sources.list.d/debian.sources
  if [ -f "$src" ]; then
    sed 's/^Types: deb$/Types: deb-src/' "$src" | $SUDO tee "$deb_src" >/dev/null
  else
    grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
      | $SUDO tee /etc/apt/sources.list.d/bondstore-deb-src.list >/dev/null
    : >/dev/null; $SUDO touch "$deb_src"
  fi
  need_update=1
fi

if [ ${#missing[@]} -gt 0 ] || [ $need_update = 1 ]; then
  log "apt-get update"
  $SUDO apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- 2. Source packages for the WebAssembly build ----------------------------------------------
srcdir="$cache/src"
mkdir -p "$srcdir"

# Upstream sources as Debian ships them (the .orig tarball; Debian's own patches are packaging
# only for these three). Extracted to $srcdir/<name>-<version>; a failed download of the small
# Debian diff (seen: qr-code-generator's 404s on the mirror) does not matter.
fetch_source() { # source-package-name
  local name=$1 orig dir
  if ls -d "$srcdir/$name"-*/ >/dev/null 2>&1; then return; fi
  log "fetching Debian source package $name"
  (cd "$srcdir" && apt-get source -qq --download-only "$name" >/dev/null 2>&1) || true
  orig=$(ls "$srcdir/$name"_*.orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -n1)
  if [ -z "$orig" ]; then
    $SUDO apt-get update -qq
    (cd "$srcdir" && apt-get source -qq --download-only "$name" >/dev/null 2>&1) || true
    orig=$(ls "$srcdir/$name"_*.orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -n1)
  fi
  [ -n "$orig" ] || { log "could not download the source of $name"; exit 1; }
  dir="$srcdir/$name-$(basename "$orig" | sed -E "s/^${name}_//; s/\.orig\.tar\..*$//")"
  mkdir -p "$dir.tmp"
  tar -xf "$orig" -C "$dir.tmp" --strip-components=1
  mv "$dir.tmp" "$dir"
}
fetch_source imgui
fetch_source icu
fetch_source qr-code-generator

imgui_dir=$(ls -d "$srcdir"/imgui-*/ | head -n1); imgui_dir=${imgui_dir%/}
icu_src=$(ls -d "$srcdir"/icu-*/ | head -n1); icu_src=${icu_src%/}
qr_dir=$(ls -d "$srcdir"/qr-code-generator-*/ | head -n1); qr_dir=${qr_dir%/}
icu_version=$(basename "$icu_src" | sed 's/^icu-//')

# --- 3. ICU: native build (for its tools) then the WebAssembly cross-build --------------------
export NODE_PATH=/usr/share/nodejs
icu_native="$cache/icu-$icu_version-native"
icu_wasm="$cache/icu-$icu_version-wasm"
jobs=$(nproc)

if [ ! -f "$icu_native/.done" ]; then
  log "building ICU $icu_version natively (tools for the cross-build, ~3 min)"
  rm -rf "$icu_native"; mkdir -p "$icu_native"
  (cd "$icu_native" && "$icu_src/source/configure" --disable-tests --disable-samples \
      --disable-extras --disable-layoutex >/dev/null && make -s -j"$jobs" >/dev/null)
  touch "$icu_native/.done"
fi

if [ ! -f "$icu_wasm/.done" ]; then
  log "cross-building ICU $icu_version for WebAssembly (~5 min)"
  rm -rf "$icu_wasm"; mkdir -p "$icu_wasm"
  (cd "$icu_wasm" && CFLAGS="-Os" CXXFLAGS="-Os -std=c++17" emconfigure "$icu_src/source/configure" \
      --host=wasm32-unknown-linux --with-cross-build="$icu_native" \
      --enable-static --disable-shared --disable-tools --disable-tests --disable-samples \
      --disable-extras --disable-icuio --disable-layoutex --with-data-packaging=archive >/dev/null \
   && emmake make -s -j"$jobs" >/dev/null)
  touch "$icu_wasm/.done"
fi

# --- 4. Emscripten's system libraries ---------------------------------------------------------
# Debian ships them prebuilt; make sure the ones the web build uses exist so the first real
# build does not stall on them (and fails early here if the toolchain is broken).
if [ ! -f "$cache/emscripten-warm.done" ]; then
  log "checking Emscripten"
  tmp=$(mktemp -d)
  printf '#include <cstdio>\nint main(){std::puts("ok");}\n' >"$tmp/t.cpp"
  (cd "$tmp" && em++ -std=c++20 -Os t.cpp -o t.js -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 >/dev/null \
    && node --no-experimental-fetch t.js | grep -q ok)
  rm -rf "$tmp"
  touch "$cache/emscripten-warm.done"
fi

# --- 5. Browser test driver (playwright-core from npm, Debian's chromium) ---------------------
if [ -f "$here/tests/browser/package-lock.json" ]; then
  # Again whenever the lockfile changed since the last install.
  if ! cmp -s "$here/tests/browser/package-lock.json" "$here/tests/browser/node_modules/.bondstore-lock"; then
    log "npm ci (tests/browser)"
    (cd "$here/tests/browser" && npm ci --silent --no-audit --no-fund >/dev/null \
       && cp package-lock.json node_modules/.bondstore-lock)
  fi
fi

# --- 6. Where things are, for CMake ----------------------------------------------------------
cat >"$cache/paths.cmake" <<EOF
# written by scripts/setup.sh
set(BONDSTORE_IMGUI_DIR "$imgui_dir" CACHE PATH "")
set(BONDSTORE_QRCODEGEN_DIR "$qr_dir" CACHE PATH "")
set(BONDSTORE_ICU_SRC "$icu_src" CACHE PATH "")
set(BONDSTORE_ICU_WASM "$icu_wasm" CACHE PATH "")
set(BONDSTORE_ICU_NATIVE "$icu_native" CACHE PATH "")
EOF
log "ready (cache: $cache)"
