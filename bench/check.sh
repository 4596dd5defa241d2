#!/usr/bin/env bash
# What `shapegen check` costs now that it compares contents instead of trusting the cache:
# wall and CPU time (user + sys), median of RUNS runs (default 5), of
#   single     `check` of this repository's generated/ (one model)
#   gen-1      `check` of the 199 crates of the gen-1 folder, generated just before
#
#   bench/check.sh                      (the release build of this tree)
#   SHAPEGEN=/path/to/shapegen bench/check.sh   (another build, e.g. one from before the change)
#
# Needs GNU time (/usr/bin/time; Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { apt-get install -y -q time >/dev/null || { echo "needs /usr/bin/time" >&2; exit 1; }; }
runs=${RUNS:-5}
work=${WORK:-/tmp/shapegen-check}
if [ -z "${SHAPEGEN:-}" ]; then
  cargo build -q --release -p shapegen
  SHAPEGEN=$PWD/target/release/shapegen
fi
rm -rf "$work" && mkdir -p "$work"
models=()
for model in testdata/corpus/gen1-1.17.62/*/; do models+=(--model "$model"); done
# Generated (and so cached) by the build measured: a build that trusts its cache gets to.
"$SHAPEGEN" generate 2>/dev/null
"$SHAPEGEN" generate --out "$work/gen1" "${models[@]}" 2>/dev/null

# measure LABEL ARGS...: runs `shapegen check ARGS...` RUNS times; prints the medians.
measure() {
  local label=$1
  shift
  : >"$work/samples"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$SHAPEGEN" check "$@" 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
    read -r wall user sys <"$work/time"
    echo "$wall $(echo "$user + $sys" | bc)" >>"$work/samples"
  done
  median() { cut -d' ' -f"$1" "$work/samples" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
  printf '  %-8s wall %6.2f s   cpu %6.2f s\n' "$label" "$(median 1)" "$(median 2)"
}
measure single
measure gen-1 --out "$work/gen1" "${models[@]}"
rm -rf "$work"
