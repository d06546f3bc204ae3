#!/bin/sh
# Peak memory of the gate on a ~100 MB and a ~1 GB CSV with the same columns (10x the rows), to show
# that memory grows with the columns the checks keep, not with the file's text. Not run by vitest.
#
#   npm run build && sh test/hardening/measure-memory.sh [workdir]     (needs GNU time: /usr/bin/time)
#
# The holdout is the demo's rows repeated (2400 rows, ~152 bytes each); the policy is the demo's, so
# every check runs (MG102 fails: the repeated file is not the recorded holdout, hence exit 1).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${1:-$(mktemp -d)}
mkdir -p "$WORK"
cd "$WORK"
cp "$ROOT/fixtures/demo/model.yaml" "$ROOT/fixtures/demo/model.onnx" "$ROOT/policies/default.yaml" .
sed 's#\.\./\.\./policies/default.yaml#./default.yaml#' "$ROOT/fixtures/demo/policy.yaml" > policy.yaml
tail -n +2 "$ROOT/fixtures/demo/holdout.csv" > body.csv
for copies in 280 2800; do
  f=holdout-$copies.csv
  { head -1 "$ROOT/fixtures/demo/holdout.csv"; i=0; while [ $i -lt $copies ]; do cat body.csv; i=$((i + 1)); done; } > "$f"
  set +e
  /usr/bin/time -v node "$ROOT/bin/modelgate.js" check --model model.yaml --data "$f" --policy policy.yaml --no-progress -q > "out-$copies.txt" 2> "time-$copies.txt"
  code=$?
  set -e
  echo "$f: $(wc -c < "$f") bytes, $((copies * 2400)) rows, exit $code; $(grep -E 'Maximum resident|Elapsed' "time-$copies.txt" | sed 's/^[[:space:]]*//' | tr '\n' ';')"
  rm -f "$f"
done
