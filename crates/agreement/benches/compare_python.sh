#!/usr/bin/env bash
# Times this crate against the Python `krippendorff` package (with numpy) on the same data, side by side:
#   * Krippendorff's alpha (ordinal) on 200 raters x 100 000 units, 10 % missing;
#   * a 1 000-resample bootstrap of alpha on 15 raters x 500 units (a Python loop around krippendorff.alpha).
# The data are generated once by the Rust example `compare_python` (the generator of the criterion benchmark,
# benches/support/synthetic.rs) and read by Python from the bytes it writes, so both sides see identical data;
# the script also checks that both compute the same alpha at all four levels.
# Installs the Python package into a virtual environment under target/. Usage, from anywhere:
#   bash crates/agreement/benches/compare_python.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
venv="$target/compare-python-venv"
data="$target/compare-python"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check krippendorff numpy

mkdir -p "$data"
cargo run --release --quiet -p agreement --example compare_python -- "$data" > "$data/rust.json"

"$venv/bin/python" - "$data" <<'PY'
import json
import sys
import time
from importlib.metadata import version

import krippendorff
import numpy as np

data = sys.argv[1]
ours = json.load(open(f"{data}/rust.json"))


def load(name, raters, units):
    raw = np.fromfile(f"{data}/{name}", dtype=np.uint8).reshape(raters, units)
    values = raw.astype(float)
    values[raw == 0] = np.nan
    return values


domain = [1, 2, 3, 4, 5]
large = load("large.u8", 200, 100_000)
boot = load("boot.u8", 15, 500)

# Same data, same coefficient: the values must agree before the times mean anything.
for level, value in ours["alpha_large"].items():
    theirs = krippendorff.alpha(reliability_data=large, level_of_measurement=level, value_domain=domain)
    status = "ok" if abs(theirs - value) < 1e-9 else "DIFFERENT"
    print(f"alpha {level:8} 200x100000: ours {value:.12f}  python {theirs:.12f}  {status}")
    if status != "ok":
        sys.exit(1)

times = []
for _ in range(3):
    start = time.perf_counter()
    krippendorff.alpha(reliability_data=large, level_of_measurement="ordinal", value_domain=domain)
    times.append(time.perf_counter() - start)
py_alpha = sorted(times)[1]

rng = np.random.default_rng(2024)
units = boot.shape[1]
start = time.perf_counter()
replicates = []
for _ in range(1000):
    idx = rng.integers(0, units, units)
    replicates.append(
        krippendorff.alpha(reliability_data=boot[:, idx], level_of_measurement="ordinal", value_domain=domain)
    )
py_boot = time.perf_counter() - start
replicates = np.array(replicates)

print()
print(f"python {sys.version.split()[0]}, krippendorff {version('krippendorff')}, numpy {np.__version__}")
print(f"alpha ordinal, 200 raters x 100 000 units, 10 % missing (median of 3 / 21 runs)")
print(f"  python krippendorff.alpha : {py_alpha * 1e3:10.1f} ms")
print(f"  ours krippendorff_alpha   : {ours['alpha_large_seconds'] * 1e3:10.2f} ms"
      f"   speed-up {py_alpha / ours['alpha_large_seconds']:7.0f}x")
print(f"  ours incl. building the matrix from category indices: "
      f"{(ours['build_large_seconds'] + ours['alpha_large_seconds']) * 1e3:.1f} ms"
      f"   speed-up {py_alpha / (ours['build_large_seconds'] + ours['alpha_large_seconds']):.0f}x")
print(f"bootstrap of alpha ordinal, 1000 resamples, 15 raters x 500 units")
print(f"  python loop               : {py_boot * 1e3:10.1f} ms"
      f"   (alpha {krippendorff.alpha(reliability_data=boot, level_of_measurement='ordinal', value_domain=domain):.4f},"
      f" se {replicates.std(ddof=1):.4f}, 95 % [{np.quantile(replicates, 0.025):.4f}, {np.quantile(replicates, 0.975):.4f}])")
print(f"  ours, {ours['bootstrap_threads']} threads            : {ours['bootstrap_seconds'] * 1e3:10.2f} ms"
      f"   speed-up {py_boot / ours['bootstrap_seconds']:7.0f}x"
      f"   (alpha {ours['alpha_boot']:.4f}, se {ours['bootstrap_se']:.4f},"
      f" 95 % [{ours['bootstrap_ci95'][0]:.4f}, {ours['bootstrap_ci95'][1]:.4f}])")
print(f"  ours, 1 thread            : {ours['bootstrap_1thread_seconds'] * 1e3:10.2f} ms"
      f"   speed-up {py_boot / ours['bootstrap_1thread_seconds']:7.0f}x")
PY
