#!/usr/bin/env bash
# Cold `cargo build` (empty target folder, dependencies already downloaded) of the two ways to use
# the generated types: a crate whose build script runs shapegen, and the committed generated crate.
# Prints the median of RUNS runs (default 3) for each.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
cargo fetch -q

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

cold_build() {
  local package=$1
  for _ in $(seq "$runs"); do
    local target
    target=$(mktemp -d)
    local start
    start=$(date +%s%N)
    CARGO_TARGET_DIR=$target cargo build -q -p "$package"
    echo $(( ($(date +%s%N) - start) / 1000000 ))
    rm -rf "$target"
  done | median
}

echo "buildrs-consumer (shapegen in build.rs, default-features = false): $(cold_build buildrs-consumer) ms"
echo "amplifybackend-shapes (the generated crate as a dependency):         $(cold_build amplifybackend-shapes) ms"
