#!/usr/bin/env bash
# The transfer experiment of docs/training.md, needing no outside weights: Contrastive Clustering trained on
# Fashion-MNIST's classes 0-4 (train split), then classes 5-9 (K = 5) clustered three ways at equal training time:
# from scratch, fine-tuned from the first model's backbone, and with that backbone frozen. Each is scored on all
# 35,000 images of classes 5-9 (train and test).
#
#   scripts/transfer-experiment.sh [OUT_DIR]          (default runs/transfer; a finished step is not run again)
#
# Environment: SOURCE_EPOCHS (15) epochs of the source model; SCRATCH_EPOCHS (10) epochs from scratch, whose training
# time is the budget; the fine-tuned and frozen runs first train 1 epoch, then resume to the number of epochs that
# fits the budget at their measured epoch time (resume is exact, so this is the run of that many epochs);
# LR_SCALE (unset) adds a fourth run fine-tuned with --backbone-lr-scale LR_SCALE; TRAIN_ARGS (unset) more options of
# every train (e.g. --limit 2048 for a quick smaller version); CC4J (./cc4j) the launcher.
# Prints the table (NMI, ACC, ARI on all images of classes 5-9; epochs; training seconds from metrics.jsonl) and
# writes it to OUT_DIR/results.tsv.
set -euo pipefail
out="${1:-runs/transfer}"
cc4j="${CC4J:-./cc4j}"
source_epochs="${SOURCE_EPOCHS:-15}"
scratch_epochs="${SCRATCH_EPOCHS:-10}"
mkdir -p "$out"

common=(--backbone resnet18 --stem imagenet --width 32 --size 28 --augment-preset fashion-mnist --batch-size 256
  --clusters 5 --seed 42 --eval-every 0 --checkpoint-every 1000 --no-finish ${TRAIN_ARGS:-})
new_classes='fashion-mnist-train@classes=5-9'

trained() { [ -f "$1/metrics.jsonl" ] && [ "$(wc -l < "$1/metrics.jsonl")" -ge "$2" ]; }
# Training seconds of a run: the sum of its epochs' seconds.
seconds() { python3 -c 'import json,sys; print(round(sum(json.loads(l)["seconds"] for l in open(sys.argv[1])), 1))' "$1/metrics.jsonl"; }
epochs() { wc -l < "$1/metrics.jsonl" | tr -d ' '; }

echo "== $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/log.txt"
if ! trained "$out/source" "$source_epochs"; then
  rm -rf "$out/source"
  "$cc4j" train --data 'fashion-mnist-train@classes=0-4' "${common[@]}" --epochs "$source_epochs" --out "$out/source"
fi
if ! trained "$out/scratch" "$scratch_epochs"; then
  rm -rf "$out/scratch"
  "$cc4j" train --data "$new_classes" "${common[@]}" --epochs "$scratch_epochs" --out "$out/scratch"
fi
budget="$(seconds "$out/scratch")"

# Trains one epoch, then resumes to the epochs that fit the budget at the measured epoch time.
equal_time() {
  local run="$1"; shift
  if [ ! -f "$run/metrics.jsonl" ]; then
    rm -rf "$run"
    "$cc4j" train --data "$new_classes" "${common[@]}" --epochs 1 "$@" --out "$run"
  fi
  local total
  total="$(python3 -c 'import sys; b, e = float(sys.argv[1]), float(sys.argv[2]); print(max(1, round(b / e)))' \
    "$budget" "$(seconds "$run")")"
  if [ "$(epochs "$run")" -lt "$total" ]; then
    "$cc4j" train --resume "$run" --epochs "$total" --no-finish
  fi
}
equal_time "$out/finetune" --init-backbone "$out/source"
equal_time "$out/frozen" --init-backbone "$out/source" --freeze-backbone
runs=(scratch finetune frozen)
if [ -n "${LR_SCALE:-}" ]; then
  equal_time "$out/finetune-lr$LR_SCALE" --init-backbone "$out/source" --backbone-lr-scale "$LR_SCALE"
  runs+=("finetune-lr$LR_SCALE")
fi

printf 'run\tNMI\tACC\tARI\tepochs\ttraining s\n' > "$out/results.tsv"
for r in "${runs[@]}"; do
  "$cc4j" cluster --model "$out/$r" --data 'fashion-mnist@classes=5-9' --out "$out/$r/all.csv" --evaluate \
    > "$out/$r/scores.txt"
  python3 - "$out/$r/scores.txt" "$r" "$(epochs "$out/$r")" "$(seconds "$out/$r")" >> "$out/results.tsv" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
get = lambda k: re.search(k + r"\s+([0-9.]+)", text).group(1)
print("\t".join([sys.argv[2], get("NMI"), get("ACC"), get("ARI"), sys.argv[3], sys.argv[4]]))
EOF
done
echo "source: $(epochs "$out/source") epochs, $(seconds "$out/source") s" | tee -a "$out/log.txt"
column -t -s $'\t' "$out/results.tsv" | tee -a "$out/log.txt"
echo "== $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/log.txt"
