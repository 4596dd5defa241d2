#!/usr/bin/env bash
# `shapegen generate` end to end over whole corpus folders, with wall time, CPU time (user + sys)
# and peak memory, each the median of RUNS runs (default 5):
#   cold       into a folder that does not exist yet
#   no-op      the same again: inputs unchanged, so the cache skips every model
#   uncached   the same again without the cache: every model read, emitted and compared,
#              nothing written
#
#   bench/generate.sh [CORPUS_FOLDER...]     (default: the gen-1 and gen-4 folders)
#
# Needs GNU time (/usr/bin/time; Debian package `time`). Output folders go under $WORK (default
# /tmp/shapegen-generate) and are deleted only at the end: ext4 creates files more slowly where
# many were just deleted, which would add noise to the cold runs.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { apt-get install -y -q time >/dev/null || { echo "needs /usr/bin/time" >&2; exit 1; }; }
runs=${RUNS:-5}
work=${WORK:-/tmp/shapegen-generate}
folders=("$@")
[ ${#folders[@]} -gt 0 ] || folders=(testdata/corpus/gen1-1.17.62 testdata/corpus/gen4-1.24.36)

cargo build -q --release -p shapegen
shapegen=$PWD/target/release/shapegen
rm -rf "$work" && mkdir -p "$work"

# measure LABEL PREPARE: runs PREPARE (untimed; given the run number, it sets $out), then
# generates every model into $out; RUNS times. Prints the median of each figure.
measure() {
  local label=$1 prepare=$2
  local log=$work/time
  : >"$work/samples"
  for run in $(seq "$runs"); do
    "$prepare" "$run"
    /usr/bin/time -f '%e %U %S %M' -o "$log" "$shapegen" generate --out "$out" "${models[@]}" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
    read -r wall user sys kb <"$log"
    echo "$wall $(echo "$user + $sys" | bc) $((kb / 1024))" >>"$work/samples"
  done
  median() { cut -d' ' -f"$1" "$work/samples" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
  printf '  %-10s wall %6.2f s   cpu %6.2f s   peak %5d MB\n' "$label" "$(median 1)" "$(median 2)" "$(median 3)"
}

for corpus in "${folders[@]}"; do
  models=()
  for dir in "$corpus"/*/; do models+=(--model "${dir%/}"); done
  name=$(basename "$corpus")
  echo "$corpus: $(( ${#models[@]} / 2 )) services"
  fresh() { out=$work/$name-$1; }
  keep() { out=$work/$name-1; }
  uncache() { out=$work/$name-1; rm -rf "$out/.shapegen-cache"; }
  measure cold fresh
  measure no-op keep
  measure uncached uncache
  echo "  output: $(du -sb "$work/$name-1" | cut -f1) bytes, $(find "$work/$name-1" -name '*.rs' | xargs cat | wc -l) lines of Rust"
done
rm -rf "$work"
