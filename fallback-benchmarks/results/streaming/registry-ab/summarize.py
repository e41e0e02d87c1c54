#!/usr/bin/env python3
"""Summarises the registry A/B: per side and benchmark, the mean over rounds of JMH's score, with the
rounds' errors combined (root of the mean of squares), and gc.alloc.rate.norm."""
import glob, json, math, os, collections
here = os.path.dirname(os.path.abspath(__file__))
rows = collections.defaultdict(list)
for path in sorted(glob.glob(os.path.join(here, '*-[0-9].json'))):
    side = os.path.basename(path).rsplit('-', 1)[0]
    for r in json.load(open(path)):
        pm = r['primaryMetric']
        alloc = r['secondaryMetrics'].get('gc.alloc.rate.norm', {}).get('score', float('nan'))
        rows[(r['benchmark'].split('.')[-1], side)].append((pm['score'], pm['scoreError'], alloc))
for (bench, side), values in sorted(rows.items()):
    mean = sum(v[0] for v in values) / len(values)
    err = math.sqrt(sum(v[1] ** 2 for v in values) / len(values)) / math.sqrt(len(values))
    alloc = sum(v[2] for v in values) / len(values)
    print(f"{bench:16s} {side:11s} rounds {len(values)}  {mean:9.1f} ± {err:7.1f} ns  {alloc:6.0f} B/op  "
          f"per round: {', '.join(f'{v[0]:.1f}' for v in values)}")
