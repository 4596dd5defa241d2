#!/usr/bin/env bash
# What the botocore layer (issue #16) costs: `shapegen generate` of every gen-1 corpus service,
# cold, without and with each service's botocore 1.20.62 `service-2.json` (an overlay per service
# holding only `botocore:`), CPU seconds (user + sys) and wall time, each the median of RUNS runs
# (default 3), one thread.
#
#   bench/botocore.sh
#
# Needs GNU time (/usr/bin/time). Work goes under $WORK (default /dev/shm/shapegen-botocore).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time" >&2; exit 1; }
runs=${RUNS:-3}
work=${WORK:-/dev/shm/shapegen-botocore}
corpus=$PWD/testdata/corpus/gen1-1.17.62

cargo build -q --release -p shapegen
shapegen=$PWD/target/release/shapegen
rm -rf "$work" && mkdir -p "$work/plain" "$work/enriched"
# The same docs folders twice (links), the second set with an overlay naming botocore's file.
for dir in "$corpus"/*/; do
  name=$(basename "$dir")
  ln -s "${dir%/}" "$work/plain/$name"
  ln -s "${dir%/}" "$work/enriched/$name"
  echo "botocore: $PWD/testdata/botocore/${name//_/-}/service-2.json" >"$work/enriched/$name.overlay.yaml"
done

measure() {
  local label=$1 models=()
  for dir in "$work/$label"/*/; do models+=(--model "${dir%/}"); done
  : >"$work/samples"
  for run in $(seq "$runs"); do
    out=$work/out-$label-$run
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$shapegen" generate --jobs 1 --out "$out" "${models[@]}" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
    read -r wall user sys <"$work/time"
    echo "$wall $(echo "$user + $sys" | bc)" >>"$work/samples"
    rm -rf "$out"
  done
  median() { cut -d' ' -f"$1" "$work/samples" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
  printf '  %-9s cpu %6.2f s   wall %6.2f s   (%d services)\n' "$label" "$(median 2)" "$(median 1)" $(( ${#models[@]} / 2 ))
}

measure plain
measure enriched
rm -rf "$work"
