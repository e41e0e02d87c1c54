#!/usr/bin/env python3
"""Pools both rounds' measurement iterations per side and benchmark: mean ± 99.9% CI (Student t), B/op."""
import json, math, statistics, glob, os
here = os.path.dirname(os.path.abspath(__file__))
T999 = {9: 4.781, 4: 8.610}  # two-sided 99.9% t quantiles for df = n-1
rows = {}
for path in sorted(glob.glob(os.path.join(here, '*-[12].json'))):
    side = os.path.basename(path).split('-')[0]
    for b in json.load(open(path)):
        name = b['benchmark'].split('.')[-1]
        r = rows.setdefault((name, side), {'ns': [], 'bytes': []})
        for fork in b['primaryMetric']['rawData']:
            r['ns'].extend(fork)
        r['bytes'].append(b['secondaryMetrics']['gc.alloc.rate.norm']['score'])
print('| benchmark | side | ns/op (mean ± 99.9% CI, n) | B/op |')
print('|---|---|---:|---:|')
for (name, side), r in sorted(rows.items()):
    n = len(r['ns'])
    mean = statistics.mean(r['ns'])
    ci = T999.get(n - 1, 3.3) * statistics.stdev(r['ns']) / math.sqrt(n)
    print(f"| {name} | {side} | {mean:,.0f} ± {ci:,.0f} (n={n}) | {statistics.mean(r['bytes']):.0f} |")
