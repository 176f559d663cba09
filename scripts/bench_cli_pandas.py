"""The pandas side of scripts/bench-cli.sh: read_csv + pivot + krippendorff.alpha (ordinal) on a long
unit,rater,value file, timed end to end like `auditpanel agreement`. Prints one JSON line with alpha
and the wall time in seconds."""

import json
import sys
import time

import krippendorff
import pandas as pd

start = time.perf_counter()
frame = pd.read_csv(sys.argv[1])
matrix = frame.pivot(index="rater", columns="unit", values="value")
alpha = krippendorff.alpha(
    reliability_data=matrix.to_numpy(dtype=float),
    level_of_measurement="ordinal",
    value_domain=[1, 2, 3, 4, 5],
)
print(json.dumps({"alpha": alpha, "seconds": time.perf_counter() - start}))
