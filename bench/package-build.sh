#!/usr/bin/env bash
# CPU seconds (user + sys) of a clean `cargo build` of the generated crate as it is published: the
# `.crate` that `cargo package` makes, unpacked and built alone with an empty target folder
# (dependencies already downloaded). Prints each run and the median of RUNS runs (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
package=${1:-amplifybackend-shapes}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cargo package -q -p "$package" --no-verify --allow-dirty
tar -xzf target/package/"$package"-*.crate -C "$scratch"
crate=$(echo "$scratch"/"$package"-*)
cp Cargo.lock "$crate/"  # the workspace's versions, so every run builds the same dependencies

for _ in $(seq "$runs"); do
  rm -rf "$scratch/target"
  /usr/bin/time -f '%U %S' -o "$scratch/time" \
    cargo build -q --offline --manifest-path "$crate/Cargo.toml" --target-dir "$scratch/target"
  awk '{printf "%.2f\n", $1 + $2}' "$scratch/time"
done | tee "$scratch/runs"
echo "median CPU seconds: $(sort -n "$scratch/runs" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
