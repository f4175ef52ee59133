#!/usr/bin/env bash
# Installs what is missing (Node 22, pnpm, dependencies) and runs every check: generated env types
# up to date, typecheck, lint and format, and the whole test suite in workerd.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
exec pnpm run check
