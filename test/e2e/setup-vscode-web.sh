#!/usr/bin/env bash
# Installs code-server (VS Code in the browser) for the e2e suite, offline-ish:
# only the npm registry and Debian's apt repositories are used.
#
# Idempotent: when the cache folder already holds a complete install (marker
# file present), it only checks the Debian packages and exits.
#
#   test/e2e/setup-vscode-web.sh            # install (or reuse) the cache
#   ARCHWAY_CODE_SERVER_CACHE=/some/dir test/e2e/setup-vscode-web.sh
#
# Prints the code-server root on its last line: CODE_SERVER_ROOT=<path>
#
# Steps (DESIGN.md "Toolchain facts"): unpack the npm tarball; `npm install
# --omit=dev --ignore-scripts` at its root, in lib/vscode and in
# lib/vscode/extensions; build the native modules against the local Node
# headers; copy Debian's rg in; symlink node_modules.asar -> node_modules.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE_DIR="${ARCHWAY_CODE_SERVER_CACHE:-$REPO_ROOT/.cache/code-server}"
DEST="$CACHE_DIR/code-server-$CODE_SERVER_VERSION"
MARKER="$DEST/.archway-setup-complete"
APT_PACKAGES=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium)

log() { printf '[setup-vscode-web] %s\n' "$*" >&2; }
START=$(date +%s)

# --- Debian packages (checked on every run: the cache may outlive them) -----
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi

# --- reuse a complete install ----------------------------------------------
# Native modules are built for one Node ABI: a cache made with another Node is stale.
if [ -f "$MARKER" ] && ! grep -qF "(node $(node -v))" "$MARKER"; then
  log "cache was built with another Node ($(head -n1 "$MARKER")); reinstalling"
  rm -f "$MARKER"
fi
if [ -f "$MARKER" ]; then
  log "reusing $DEST ($(head -n1 "$MARKER"))"
  echo "CODE_SERVER_ROOT=$DEST"
  exit 0
fi

mkdir -p "$CACHE_DIR"
exec 9>"$CACHE_DIR/.lock"
if command -v flock >/dev/null; then
  flock 9
  # Another run may have finished while we waited.
  if [ -f "$MARKER" ]; then
    log "reusing $DEST (installed by a concurrent run)"
    echo "CODE_SERVER_ROOT=$DEST"
    exit 0
  fi
fi

# Build into a scratch folder and move it into place only when complete, so an
# interrupted run never leaves something that looks like a cache hit.
WORK="$CACHE_DIR/.partial-$CODE_SERVER_VERSION"
rm -rf "$WORK" "$DEST"
mkdir -p "$WORK"

log "fetching code-server@$CODE_SERVER_VERSION from the npm registry"
tarball=$(cd "$WORK" && npm pack --silent "code-server@$CODE_SERVER_VERSION" | tail -n1)
tar -xzf "$WORK/$tarball" -C "$WORK"
rm -f "$WORK/$tarball"
CS="$WORK/package"

npm_install() {
  log "npm install --omit=dev --ignore-scripts in ${1#"$CS"/}"
  (cd "$1" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
}
npm_install "$CS"
npm_install "$CS/lib/vscode"
npm_install "$CS/lib/vscode/extensions"

# node-gyp and node-pre-gyp: the copy of node-gyp that comes with npm, and the
# node-pre-gyp that argon2 depends on. Headers: the machine's own Node headers
# (npm's `nodedir`, /usr on these machines), never a download.
NODE_GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
if [ ! -f "$NODE_GYP" ]; then
  NODE_GYP="$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
fi
NODEDIR="$(npm config get nodedir 2>/dev/null || true)"
if [ -z "$NODEDIR" ] || [ "$NODEDIR" = "undefined" ] || [ "$NODEDIR" = "null" ]; then
  NODE_BIN_DIR="$(dirname "$(readlink -f "$(command -v node)")")"
  NODEDIR="$(cd "$NODE_BIN_DIR/.." && pwd)"
fi
if [ ! -f "$NODEDIR/include/node/node.h" ]; then
  log "no Node headers at $NODEDIR/include/node: node-gyp would try to download them"
  exit 1
fi
export npm_config_nodedir="$NODEDIR"
GYP_FLAGS=(--nodedir="$NODEDIR" --jobs=max --loglevel=warn)

# Native modules VS Code needs (node-pty, spdlog, watcher, kerberos, ...).
mapfile -t gyp_pkgs < <(cd "$CS/lib/vscode/node_modules" &&
  find . -mindepth 2 -maxdepth 3 -name binding.gyp -not -path '*/node_modules/*/node_modules/*' -printf '%h\n' | sort)
for rel in "${gyp_pkgs[@]}"; do
  pkg="$CS/lib/vscode/node_modules/${rel#./}"
  log "node-gyp rebuild: lib/vscode/node_modules/${rel#./}"
  (cd "$pkg" && node "$NODE_GYP" rebuild "${GYP_FLAGS[@]}" >"$pkg/.archway-build.log" 2>&1) || {
    tail -n 40 "$pkg/.archway-build.log" >&2
    log "node-gyp failed in $pkg"
    exit 1
  }
done

# argon2 (password hashing; unused with --auth none, but loaded at start-up).
ARGON2="$CS/node_modules/argon2"
if [ -d "$ARGON2" ]; then
  PRE_GYP=""
  for cand in "$ARGON2/node_modules/@mapbox/node-pre-gyp/bin/node-pre-gyp" \
              "$CS/node_modules/@mapbox/node-pre-gyp/bin/node-pre-gyp"; do
    if [ -f "$cand" ]; then PRE_GYP="$cand"; break; fi
  done
  if [ -z "$PRE_GYP" ]; then log "node-pre-gyp not found for argon2"; exit 1; fi
  log "node-pre-gyp rebuild --build-from-source: node_modules/argon2"
  # node-pre-gyp shells out to node-gyp: point it at npm's copy.
  (cd "$ARGON2" && PATH="$(dirname "$NODE_GYP"):$PATH" npm_config_node_gyp="$NODE_GYP" \
    node "$PRE_GYP" rebuild --build-from-source --nodedir="$NODEDIR" >"$ARGON2/.archway-build.log" 2>&1) || {
    tail -n 40 "$ARGON2/.archway-build.log" >&2
    log "node-pre-gyp failed in $ARGON2"
    exit 1
  }
fi

# ripgrep: the npm package would download its binary; use Debian's.
RG_DIR="$CS/lib/vscode/node_modules/@vscode/ripgrep/bin"
mkdir -p "$RG_DIR"
cp /usr/bin/rg "$RG_DIR/rg"

# What code-server's postinstall.sh does besides `npm install`.
ln -sfn node_modules "$CS/lib/vscode/node_modules.asar"
if [ -d "$CS/lib/vscode/bin/remote-cli" ]; then
  ln -sfn code-linux.sh "$CS/lib/vscode/bin/remote-cli/code-server"
fi
if [ -d "$CS/lib/vscode/bin/helpers" ]; then
  ln -sfn browser-linux.sh "$CS/lib/vscode/bin/helpers/browser.sh"
fi

# Smoke check before declaring success.
log "checking that code-server starts"
version_out=$(cd "$CS" && CODE_SERVER_CONFIG="$WORK/config.yaml" node out/node/entry.js --version 2>&1 | tail -n1) || {
  echo "$version_out" >&2
  log "code-server --version failed"
  exit 1
}
(cd "$CS/lib/vscode" && node -e '
  for (const m of ["@vscode/spdlog", "node-pty", "@parcel/watcher", "kerberos"]) {
    try { require(m); } catch (e) { console.error("cannot load " + m + ": " + e.message); process.exit(1); }
  }') >&2
(cd "$CS" && node -e 'require("argon2")') >&2

mv "$WORK/package" "$DEST"
rm -rf "$WORK"
printf 'code-server %s installed %s (node %s)\n%s\n' "$CODE_SERVER_VERSION" \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(node -v)" "$version_out" >"$MARKER"
log "installed $DEST in $(( $(date +%s) - START ))s"
echo "CODE_SERVER_ROOT=$DEST"
