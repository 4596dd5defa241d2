#!/usr/bin/env bash
# shapegen and cargo-typify side by side on the same shapes: generation time and memory for a whole
# corpus folder, and `cargo check` of both outputs for one large service.
#
#   bench/typify.sh [CORPUS_FOLDER] [SERVICE]      (defaults: the gen-1 folder, sagemaker)
#
# Installs cargo-typify 0.5 into target/typify the first time (from crates.io). Needs GNU time and
# python3 (to merge the per-service schemas into one, as typify takes one file).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-testdata/corpus/gen1-1.17.62}
service=${2:-sagemaker}
export work=${WORK:-/tmp/shapegen-vs-typify}
typify=$PWD/target/typify/bin/cargo-typify
[ -x "$typify" ] || cargo install -q cargo-typify --version '^0.5' --locked --root "$PWD/target/typify"
cargo build -q --release -p shapegen
shapegen=$PWD/target/release/shapegen
rm -rf "$work" && mkdir -p "$work/schemas"

measure() { # label, command...: wall s, user+sys s, peak MB
  local label=$1; shift
  if [ "$(type -t "$1")" = function ]; then set -- bash -c "$(declare -f "$1"); $(printf '%q ' "$@")"; fi
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  read -r wall user sys kb <"$work/time"
  printf '%-44s wall %7.2f s  cpu %7.2f s  peak %6d MB\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$((kb / 1024))"
}

models=()
for dir in "$corpus"/*/; do
  name=$(basename "$dir")
  models+=(--model "${dir%/}")
  "$shapegen" model export --format json-schema --model "${dir%/}" -o "$work/schemas/$name.json" 2>/dev/null
done
# One schema for the folder: every definition prefixed by its service, references rewritten, and
# in draft 7's `definitions`, which is what typify 0.5 reads.
python3 - "$work/schemas" "$work/all.json" <<'PY'
import json, os, sys
folder, out = sys.argv[1], sys.argv[2]
def draft7(node, service):
    if isinstance(node, dict):
        return {k: (f"#/definitions/{service}_{v.split('/')[-1]}" if k == "$ref" else draft7(v, service))
                for k, v in node.items()}
    if isinstance(node, list):
        return [draft7(v, service) for v in node]
    return node
merged = {}
for name in sorted(os.listdir(folder)):
    service = name[:-5]
    schema = json.load(open(os.path.join(folder, name)))
    for key, value in schema["$defs"].items():
        merged[f"{service}_{key}"] = draft7(value, service)
    # The per-service schema in draft 7 form too, for the single-service run.
    single = {k: draft7(v, "") for k, v in schema["$defs"].items()}
    single = json.loads(json.dumps(single).replace('"#/definitions/_', '"#/definitions/'))
    json.dump({"$schema": "http://json-schema.org/draft-07/schema#", "definitions": single},
              open(os.path.join(folder, name), "w"))
json.dump({"$schema": "http://json-schema.org/draft-07/schema#", "definitions": merged}, open(out, "w"))
print(f"{len(merged)} definitions")
PY

echo "== whole folder: $corpus"
measure "shapegen generate (all services)" "$shapegen" generate --out "$work/shapegen-all" "${models[@]}"
measure "cargo typify (one merged schema)" "$typify" typify "$work/all.json" -o "$work/typify-all.rs"
echo "output: shapegen $(du -sb --exclude=.shapegen-cache "$work/shapegen-all" | cut -f1) bytes, typify $(stat -c %s "$work/typify-all.rs") bytes"

echo "== $service alone: generate, then cargo check"
measure "shapegen generate $service" "$shapegen" generate --model "$corpus/$service" --out "$work/shapegen-$service"
measure "cargo typify $service" "$typify" typify "$work/schemas/$service.json" -o "$work/typify-$service.rs"
mkdir -p "$work/typify-crate/src"
cp "$work/typify-$service.rs" "$work/typify-crate/src/lib.rs"
cat >"$work/typify-crate/Cargo.toml" <<TOML
[package]
name = "typify-$service"
version = "0.0.0"
edition = "2021"
[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
chrono = { version = "0.4", features = ["serde"] }
regress = "0.10"
TOML
printf '[workspace]\nmembers = ["shapegen-%s", "typify-crate"]\n' "$service" >"$work/Cargo.toml"
# Both crates checked once, so that their dependencies are built; then each generated crate
# alone, cold (its incremental state removed, as on a first build), three times each.
export CARGO_TARGET_DIR=$work/target
cargo check -q --manifest-path "$work/Cargo.toml" --workspace 2>/dev/null
check_cold() { # package, source folder
  rm -rf "$CARGO_TARGET_DIR"/debug/incremental/"${1//-/_}"-*
  touch "$2/src/lib.rs"
  cargo check -q --manifest-path "$work/Cargo.toml" -p "$1"
}
for run in 1 2 3; do
  measure "cargo check shapegen's $service ($run)" check_cold "$service-shapes" "$work/shapegen-$service"
  measure "cargo check typify's $service ($run)" check_cold "typify-$service" "$work/typify-crate"
done
