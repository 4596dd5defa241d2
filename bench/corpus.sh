#!/usr/bin/env bash
# Generates every service of a corpus folder into one workspace and `cargo check`s it, then the
# largest service (ec2) alone. Prints wall time and peak memory of each step.
#
#   bench/corpus.sh [CORPUS_FOLDER] [OUT_FOLDER]
#   bench/corpus.sh testdata/corpus/gen1-1.17.62 /tmp/corpus-gen1
#
# Needs GNU time (/usr/bin/time; Debian package `time`). SERVICES="a b c" limits the run to those.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-testdata/corpus/gen1-1.17.62}
out=${2:-/tmp/shapegen-corpus-$(basename "$corpus")}
[ -x /usr/bin/time ] || { apt-get install -y -q time >/dev/null || { echo "needs /usr/bin/time" >&2; exit 1; }; }

cargo build -q --release -p shapegen
shapegen=$PWD/target/release/shapegen

models=()
for dir in "$corpus"/*/; do
  service=$(basename "$dir")
  if [ -n "${SERVICES:-}" ] && ! grep -qw "$service" <<<"$SERVICES"; then continue; fi
  models+=(--model "${dir%/}")
done

measure() { # label, command...
  local label=$1; shift
  local log
  log=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null 2>"$log.err" || { cat "$log.err" >&2; exit 1; }
  read -r wall kb <"$log"
  printf '%-40s %8.2f s %8.0f MB\n' "$label" "$wall" "$((kb / 1024))"
  rm -f "$log" "$log.err"
}

rm -rf "$out"
echo "$corpus: $(( ${#models[@]} / 2 )) services, $(cat "$corpus"/*/type_defs.md | grep -c '^## ') shape sections"
measure "generate (cold, all services)" "$shapegen" generate --out "$out" "${models[@]}"
measure "generate (unchanged inputs)" "$shapegen" generate --out "$out" "${models[@]}"
echo "generated: $(du -sh "$out" | cut -f1), $(find "$out" -name '*.rs' | xargs cat | wc -l) lines of Rust"
measure "cargo check --workspace (cold)" cargo check -q --manifest-path "$out/Cargo.toml" --workspace

if [ -d "$corpus/ec2" ]; then
  rm -rf "$out-ec2"
  measure "generate ec2 alone" "$shapegen" generate --model "$corpus/ec2" --out "$out-ec2/ec2"
  printf '[workspace]\nmembers = ["ec2"]\n' >"$out-ec2/Cargo.toml"
  measure "cargo check ec2 alone (cold)" cargo check -q --manifest-path "$out-ec2/Cargo.toml"
fi
