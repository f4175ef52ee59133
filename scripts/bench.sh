#!/usr/bin/env bash
# Installs what is missing (Node 22, pnpm, dependencies) and runs the benchmark (see BENCHMARKS.md).
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
exec pnpm bench "$@"
