#!/usr/bin/env bash
# Installs what is missing (Node 22, pnpm, dependencies) and starts the three workers locally.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
exec node scripts/dev.mjs "$@"
