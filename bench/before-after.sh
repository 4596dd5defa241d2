#!/usr/bin/env bash
# Two shapegen builds side by side: CPU seconds (user, sys) of `cargo check` of one generated
# crate (CARGO_INCREMENTAL=0, dependencies built) and of generating the whole gen-1 folder with
# 2 threads, RUNS times each (default 3), alternating.
#   bench/before-after.sh /tmp/shapegen-before target/release/shapegen [SERVICE]
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(realpath "$1") after=$(realpath "$2") service=${3:-sagemaker}
runs=${RUNS:-3}
corpus=$PWD/testdata/corpus/gen1-1.17.62
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
models=()
for d in "$corpus"/*/; do models+=(--model "${d%/}"); done

for side in before after; do
  bin=${!side}
  "$bin" generate --model "$corpus/$service" --model "$corpus/sts" --out "$work/$side" >/dev/null 2>&1
  cp Cargo.lock "$work/$side/"
  CARGO_TARGET_DIR="$work/$side/target" cargo check -q --offline --manifest-path "$work/$side/Cargo.toml" --workspace
done
for _ in $(seq "$runs"); do
  for side in before after; do
    bin=${!side}
    touch "$work/$side/$service-shapes/src/lib.rs"
    /usr/bin/time -f "$side: cargo check $service: %U s user, %S s sys" \
      env CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/$side/target" \
      cargo check -q --offline --manifest-path "$work/$side/Cargo.toml" -p "$service-shapes"
    /usr/bin/time -f "$side: generate gen-1: %U s user, %S s sys" \
      "$bin" generate --jobs 2 --out "$work/gen-$side" "${models[@]}" >/dev/null 2>&1
    rm -rf "$work/gen-$side"
  done
done
