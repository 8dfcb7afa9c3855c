#!/usr/bin/env sh
# Start-up benchmark for docs/benchmarks.md: hyperfine over `--version`, the README sample and
# resnet18 from ONNX, for each launcher given (e.g. an older checkout's bin/pnnx-j, then this one).
# Prints mean, median and min per command and writes OUT/<label>.json (hyperfine's export).
#
# Usage: testdata/bench/startup.sh OUT RESNET18.onnx LABEL=LAUNCHER [LABEL=LAUNCHER ...]
#   resnet18: /usr/bin/python3 testdata/export_torchvision.py /tmp/tv resnet18
#   env RUNS (default 20), PNNXJ_JAVA / PNNXJ_JAVA_OPTS pass through to the launchers.
set -eu
out=$1 resnet=$2
shift 2
mkdir -p "$out"
sample=$(cd "$(dirname "$0")/.." && pwd)/testdata/sample/tinynet.onnx
for spec in "$@"; do
  label=${spec%%=*} launcher=${spec#*=}
  o="$out/$label"
  hyperfine -N -w 3 -r "${RUNS:-20}" --export-json "$out/$label.json" \
    -n version "$launcher --version" \
    -n sample "$launcher $sample inputshape=[1,3,32,32] ncnnparam=$o.s.param ncnnbin=$o.s.bin ncnnpy=$o.s.py" \
    -n resnet18 "$launcher $resnet inputshape=[1,3,224,224] ncnnparam=$o.r.param ncnnbin=$o.r.bin ncnnpy=$o.r.py" \
    >/dev/null
  python3 - "$out/$label.json" "$label" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{sys.argv[2]:>12} {r["command"]:>9}: mean {r["mean"]*1e3:6.0f} ms  median {r["median"]*1e3:6.0f} ms  '
          f'min {r["min"]*1e3:6.0f} ms  user+sys {(r["user"]+r["system"])*1e3:5.0f} ms')
PY
done
