#!/usr/bin/env bash
# Runs on the GPU machine (after bench/gpu/prepare.sh here, with .gpu carried): records the device,
# runs gpu-check and the benchmarks, and writes everything to ${OUT:-gpu-out}.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
OUTDIR="${OUT:-gpu-out}"; mkdir -p "$OUTDIR"
JAVA=".gpu/jre/bin/java"
CP=".gpu/lib/cli-classes:$(ls .gpu/lib/*.jar | tr '\n' ':')"
tv() { "$JAVA" --enable-native-access=ALL-UNNAMED -Xss8m -cp "$CP" org.tilevm.cli.Main "$@"; }
{
  echo "# device"; nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem --format=csv
  nvcc --version | tail -2; "$JAVA" -version 2>&1 | head -1; date -u
} > "$OUTDIR/device.txt" 2>&1
tv help > /dev/null || { echo "session.sh: the TileVM CLI does not start" >&2; exit 2; }
tv gpu-check ${GPU_CHECK_ARGS:-} 2>&1 | tee "$OUTDIR/gpu-check.txt"
for shape in "1 4096 4096" "1 4096 14336" "1 14336 4096" "16 4096 4096" "16 4096 14336"; do
  set -- $shape
  for t in u4 i4 u3 u2 f4e2m1 u8; do
    tv bench qmatmul --backend cuda --type "$t" --group 128 --m "$1" --n "$2" --k "$3" --runs 50 --warmup 10
  done
done 2>&1 | tee "$OUTDIR/bench.txt"
