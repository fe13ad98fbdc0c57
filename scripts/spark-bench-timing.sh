# Sourced by bench-spark.sh and bench-spark-cluster.sh: times commands, keeps each configuration's best, and prints
# the rate once started, (70,000 - 10,000) / (t70 - t10), and the fixed cost, t10 - 10,000 / rate.
# Needs BENCH_WORK, a scratch directory for the commands' output.
declare -A best

seconds() {  # runs a command, prints its wall-clock seconds
  local start end
  start=$(date +%s.%N)
  "$@" >"$BENCH_WORK/log" 2>&1 || { cat "$BENCH_WORK/log" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

record() {  # HOW DATA SECONDS: prints the run's line and keeps the best time of HOW on DATA
  printf '%-8s %-20s %7.1f s   load %s\n' "$1" "$2" "$3" "$(cut -d' ' -f1 /proc/loadavg)"
  local key="$1/$2"
  if [ -z "${best[$key]:-}" ] || (( $(echo "$3 < ${best[$key]}" | bc -l) )); then best[$key]=$3; fi
}

summary() {  # HOW...: one line per configuration from its best times on the 10,000 and the 70,000 images
  echo
  printf '%-8s %10s %10s %14s %12s\n' how t10k_s t70k_s images/s_run fixed_s
  local how t10 t70 rate fixed
  for how in "$@"; do
    t10=${best[$how/fashion-mnist-test]}; t70=${best[$how/fashion-mnist]}
    rate=$(echo "60000 / ($t70 - $t10)" | bc -l)
    fixed=$(echo "$t10 - 10000 / $rate" | bc -l)
    printf '%-8s %10.1f %10.1f %14.0f %12.1f\n' "$how" "$t10" "$t70" "$rate" "$fixed"
  done
}
