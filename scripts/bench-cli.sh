#!/usr/bin/env bash
# Times `auditpanel agreement` end to end against pandas read_csv + pivot + Python krippendorff.alpha on
# the same 200 raters x 100 000 units long CSV (20 M cells, 10 % missing, ~225 MB), in one run, and
# prints wall time and peak memory (/usr/bin/time -v) of both, the speed-up, and whether alpha agrees.
# Not part of CI. Needs python3 with venv and GNU time (`apt-get install -y python3-venv time`); installs
# pandas and krippendorff into a virtual environment under target/. Usage, from anywhere:
#   bash scripts/bench-cli.sh [UNITS] [RATERS]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
units="${1:-100000}"
raters="${2:-200}"
work="$target/bench-cli"
venv="$target/bench-cli-venv"
csv="$work/ratings-${raters}x${units}.csv"
mkdir -p "$work"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check pandas krippendorff numpy

cargo build --release --quiet -p auditpanel
if [ ! -s "$csv" ]; then
    cargo run --release --quiet -p agreement --example ratings_csv -- "$csv" "$units" "$raters"
fi

peak_mb() { awk -F: '/Maximum resident/ { printf "%.0f", $2 / 1024 }' "$1"; }
wall_s() {
    awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$1"
}

/usr/bin/time -v "$target/release/auditpanel" agreement "$csv" --level ordinal --categories 1,2,3,4,5 \
    --format json > "$work/ours.json" 2> "$work/ours.time"
/usr/bin/time -v "$venv/bin/python" "$root/scripts/bench_cli_pandas.py" "$csv" \
    > "$work/pandas.json" 2> "$work/pandas.time"

"$venv/bin/python" - "$work" "$(wall_s "$work/ours.time")" "$(peak_mb "$work/ours.time")" \
    "$(wall_s "$work/pandas.time")" "$(peak_mb "$work/pandas.time")" "$raters" "$units" <<'PY'
import json
import sys

work, ours_s, ours_mb, py_s, py_mb, raters, units = sys.argv[1:]
ours = json.load(open(f"{work}/ours.json"))
theirs = json.load(open(f"{work}/pandas.json"))
alpha = ours["coefficients"]["krippendorff_alpha"]["estimate"]
same = abs(alpha - theirs["alpha"]) < 1e-9
print(f"{raters} raters x {units} units, ordinal 1-5, 10 % missing")
print(f"  auditpanel agreement (all coefficients): {float(ours_s):7.2f} s  peak {ours_mb:>5} MB")
print(f"  pandas read_csv+pivot+krippendorff.alpha: {float(py_s):7.2f} s  peak {py_mb:>5} MB")
print(f"  speed-up {float(py_s) / float(ours_s):.1f}x; alpha {alpha:.12f} vs {theirs['alpha']:.12f}"
      f" {'same' if same else 'DIFFERENT'}")
sys.exit(0 if same else 1)
PY
