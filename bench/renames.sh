#!/usr/bin/env bash
# `shapegen diff` of a model against the same model with every shape renamed
# (`GetThingN` → `GetThingNResponse`, the same fields: one bucket, one member set), the case
# that made rename detection compare every removed shape with every added one. Prints CPU time
# (user + sys) and peak RSS for each size; linear cost doubles with the size.
#
#   bench/renames.sh [SHAPEGEN_BINARY]     (default: a fresh release build)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package \`time\`)" >&2; exit 1; }
if [ $# -gt 0 ]; then
  shapegen=$(realpath "$1")
else
  cargo build -q --release -p shapegen
  shapegen=$PWD/target/release/shapegen
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A model of $1 structures named GetThing<i><suffix $2>TypeDef, two fields each.
model() {
  { printf 'service: s\nshapes:\n'
    seq -f "%05g" 0 $(($1 - 1)) | while read -r i; do
      printf '  GetThing%s%sTypeDef:\n    fields:\n      A: {type: string, required: true}\n      B: {type: string, required: false}\n' "$i" "$2"
    done; } >"$work/$1$2.yaml"
}
for n in 2500 5000 10000; do
  model $n ""
  model $n Response
  renamed=$(/usr/bin/time -o "$work/time" -f '%U %S %M' "$shapegen" diff "$work/$n.yaml" "$work/${n}Response.yaml" | grep -c 'shape renamed')
  read -r user sys peak <"$work/time"
  printf '%6d shapes: %5d renames, %.2f s CPU, %d MB peak\n' "$n" "$renamed" "$(echo "$user + $sys" | bc)" $((peak / 1024))
done
