#!/usr/bin/env bash
# Matching experiments on ../shared/eval/dev (docs/PERFORMANCE.md, "Matching: signals tried in the fourth session"):
# runs the real matcher (eval-match --explain) at 50 and 366 topics, has the matcher's model encode the concerns, the
# topics, their clauses, the pairs with shared words removed and every word of the texts (bench/java/.../ModelProbe),
# then scores each signal with thresholds chosen on the whole set and by 10-fold cross-validation
# (bench/matching-experiments.py). Needs python3 with numpy. About 1 minute after the build.
#
# Environment: JAVA_HOME (JDK 21+), SKIP_BUILD=1 to reuse target/, WORK=dir to keep the intermediate files.
set -euo pipefail
cd "$(dirname "$0")/.."
DEV=../shared/eval/dev
[[ -f $DEV/queries.jsonl ]] || { echo "$DEV/queries.jsonl not found (the eval data sit beside the repository)" >&2; exit 1; }

source bench/build.sh
W="${WORK:-$(mktemp -d -t shangliang-match.XXXXXX)}"
mkdir -p "$W"
probe() { "$JAVA" -cp "$CP" cn.shangliang.matching.ModelProbe "$@" 2>/dev/null; }

cat $DEV/topics.jsonl $DEV/distractors.jsonl > "$W/topics-366.jsonl"
"$JAVA" -jar target/shangliang.jar eval-match --topics $DEV/topics.jsonl --queries $DEV/queries.jsonl \
  --out "$W/pred-50.jsonl" --explain "$W/explain-50.jsonl" 2>/dev/null
"$JAVA" -jar target/shangliang.jar eval-match --topics "$W/topics-366.jsonl" --queries $DEV/queries.jsonl \
  --out "$W/pred-366.jsonl" --explain "$W/explain-366.jsonl" 2>/dev/null

python3 bench/matching-experiments.py texts "$W"
probe states "$W/texts.jsonl" "$W/h.bin"
probe states "$W/clauses.jsonl" "$W/h2.bin"
probe words "$W/texts.jsonl" "$W/words.jsonl"
python3 bench/matching-experiments.py residual "$W"
probe states "$W/residual.jsonl" "$W/h3.bin"
probe states "$W/vocab.jsonl" "$W/hv.bin"
probe counts "$W/vocab.json" "$W/counts.json"
python3 bench/matching-experiments.py evaluate "$W"
[[ -n "${WORK:-}" ]] || rm -rf "$W"
