#!/usr/bin/env bash
# Small inputs that once cost far more than their size (issue #13, "bounded cost"): each is made
# here, then `shapegen generate` runs on it once under GNU time, at most 150 s and 8 GiB of address
# space (the machine is shared). Prints wall time, CPU time (user + sys), peak RSS and the outcome.
#
#   bench/hostile.sh [SHAPEGEN_BINARY]     (default: a fresh release build)
#
# ONLY=REGEX runs only the rows whose label matches.
# Inputs go under $WORK (default /tmp/shapegen-hostile), which is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package \`time\`)" >&2; exit 1; }
if [ $# -gt 0 ]; then
  shapegen=$(realpath "$1")
else
  cargo build -q --release -p shapegen
  shapegen=$PWD/target/release/shapegen
fi
work=${WORK:-/tmp/shapegen-hostile}
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

# A structure of $1 string fields, required if $2 is true.
fields() {
  { printf 'service: s\nshapes:\n  FooTypeDef:\n    fields:\n'
    seq -f "      F%g: {type: string, required: $2}" 0 $(($1 - 1)); } >"$work/fields-$1-$2.yaml"
}
fields 3000 true
fields 1000000 false
for n in 25000 50000 100000; do fields $n false; done
# A docs page of one structure whose field is a `Literal` of $1 values.
literal() {
  mkdir -p "$work/literal-$1"
  { printf '## FooTypeDef\n\nRequired fields:\n\n- `Mode`: `Literal['
    seq -f "'v%g'" 0 $(($1 - 1)) | paste -sd, | sed 's/,/, /g' | tr -d '\n'
    printf ']`\n'; } >"$work/literal-$1/type_defs.md"
}
literal 300000
literal 90000
brackets=$(printf '%*s' 100000 '' | tr ' ' '[')$(printf '%*s' 100000 '' | tr ' ' ']')
printf 'service: s\nshapes:\n  Foo:\n    docs: %s\n' "$brackets" >"$work/nested.yaml"
printf 'service: s\nshapes:\n  Foo:\n    values: [A]\n' | tee "$work/small.yaml" >"$work/tiny.yaml"
printf 'version: %s\n' "$brackets" >"$work/small.overlay.yaml"
mkdir -p "$work/sparse" && truncate -s 3G "$work/sparse/type_defs.md"
truncate -s 3G "$work/sparse.yaml"
{ printf 'service: s\nshapes:\n  Mode:\n    values: [A, B]\n'
  for i in $(seq 0 9997); do
    printf '  S%dTypeDef:\n    fields:\n      Next: {type: S%dTypeDef, required: true}\n' "$i" $((i + 1))
  done
  printf '  S9998TypeDef:\n    fields:\n      Mode: {type: Mode, required: true}\n'; } >"$work/chain.yaml"
# The cache's state file: generate once, then replace the state with nested brackets.
"$shapegen" generate --model "$work/tiny.yaml" --out "$work/cached" >/dev/null
printf 'generator: %s\n' "$brackets" >"$work/cached/.shapegen-cache/state.yaml"

# run LABEL MODEL [OUT]
run() {
  local label=$1 model=$2 out=${3:-$work/out}
  [[ $label =~ ${ONLY:-.} ]] || return 0
  local status=0
  (ulimit -v $((8 << 20)); /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
    timeout 150 "$shapegen" generate --model "$model" --out "$out" >/dev/null 2>"$work/stderr") || status=$?
  # GNU time writes "Command terminated by signal N" first when the child was killed.
  read -r wall user sys kb < <(tail -n1 "$work/time")
  local outcome
  case $status in
    0) outcome=completed ;;
    124) outcome="timed out (> 150 s)" ;;
    134) outcome="aborted: out of memory (> 8 GiB)" ;;
    *) outcome="exit $status: $(grep -m1 -o 'error: .*' "$work/stderr" | cut -c1-100 || true)" ;;
  esac
  printf '%-34s wall %7.2f s   cpu %7.2f s   peak %6d MB   %s\n' \
    "$label" "$wall" "$(echo "$user + $sys" | bc)" $((kb / 1024)) "$outcome"
  rm -rf "$work/out"
}

run "3,000 required fields ($(($(stat -c %s "$work/fields-3000-true.yaml") / 1024)) KB)" "$work/fields-3000-true.yaml"
run "1M optional fields ($(($(stat -c %s "$work/fields-1000000-false.yaml") >> 20)) MB)" "$work/fields-1000000-false.yaml"
run "Literal of 300k values ($(($(stat -c %s "$work/literal-300000/type_defs.md") / 1024)) KB)" "$work/literal-300000"
run "Literal of 90k values" "$work/literal-90000"
run "200 KB of [[[...]]], model" "$work/nested.yaml"
run "200 KB of [[[...]]], overlay" "$work/small.yaml"
run "200 KB of [[[...]]], cache state" "$work/tiny.yaml" "$work/cached"
run "3 GiB sparse type_defs.md" "$work/sparse"
run "3 GiB sparse YAML model" "$work/sparse.yaml"
run "chain of 10k shapes to an enum" "$work/chain.yaml"
for n in 25000 50000 100000; do
  run "$((n / 1000))k optional fields" "$work/fields-$n-false.yaml"
done
