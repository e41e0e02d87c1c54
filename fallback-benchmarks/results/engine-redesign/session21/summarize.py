"""Prints session 21's tables from the JSON here: every front door, old (e924590) against new, fork by fork.

  python3 summarize.py            the grid: 6 forks per side, JDK and door (jmh/grid-old-m21)
  python3 summarize.py --pooled   JDK 25's programmatic fall-over and its control, grid + 10 more forks (16 per side)
  python3 summarize.py --grid-s21b  the same grid for b6a8513 (the status reader alone), 5 forks
  python3 summarize.py --final    JDK 25's programmatic fall-over and its control for main's final 2cb13d8, 8 forks
Each fork (JVM) is one sample; the interval is Welch's 95% interval of the difference of means.
"""
import glob, json, math, os, statistics as st, sys

HERE = os.path.dirname(os.path.abspath(__file__))
T95 = {1: 12.71, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
       12: 2.179, 15: 2.131, 20: 2.086, 30: 2.042}


def t95(df):
    keys = sorted(T95)
    for k in keys:
        if df <= k:
            return T95[k]
    return 2.0


def load(folder, new):
    forks, bop = {}, {}
    for f in glob.glob(os.path.join(HERE, 'jmh', folder, '*.json')):
        name = os.path.basename(f)
        build, jdk = name.split('-')[0], name.split('-')[1]
        try:
            rows = json.load(open(f))
        except ValueError:
            continue
        for r in rows:
            b = r['benchmark'].split('.')[-1]
            side = 'new' if build == new else build
            for fork in r['primaryMetric']['rawData']:
                forks.setdefault((jdk, b, side), []).append(sum(fork) / len(fork))
            g = r.get('secondaryMetrics', {}).get('gc.alloc.rate.norm')
            if g:
                bop.setdefault((jdk, b, side), []).append(g['score'])
    return forks, bop


def line(b, o, n, bo=None, bn=None):
    vo, vn = st.variance(o) / len(o), st.variance(n) / len(n)
    df = (vo + vn) ** 2 / (vo ** 2 / (len(o) - 1) + vn ** 2 / (len(n) - 1))
    d = st.mean(n) - st.mean(o)
    half = t95(df) * math.sqrt(vo + vn)
    s = (f"  {b:<21} old {st.mean(o):6.1f} new {st.mean(n):6.1f} (forks {len(o)}/{len(n)})  "
         f"ratio {st.mean(n) / st.mean(o):.3f}  new-old {d:+5.1f} ± {half:4.1f}{'  SLOWER' if d > half else ''}")
    if bo is not None:
        s += f"   B/op {max(bo):.0f} -> {max(bn):.0f}"
    return s


ORDER = ['happy_handWritten', 'happy_chain', 'happy_aspectj', 'happy_agent',
         'fallover_handWritten', 'fallover_chain', 'fallover_aspectj', 'fallover_agent']
if '--final' in sys.argv:
    forks, _ = load('g1-8forks-old-2cb13d8', '2cb13d8')
    for b in ('fallover_handWritten', 'fallover_chain'):
        print(line(b, forks[('jdk25', b, 'old')], forks[('jdk25', b, 'new')]))
elif '--pooled' in sys.argv:
    forks, _ = load('grid-old-m21', 'm21')
    more, _ = load('g1-10forks-old-m21', 'm21')
    for k, v in more.items():
        forks.setdefault(k, []).extend(v)
    for b in ('fallover_handWritten', 'fallover_chain'):
        print(line(b, forks[('jdk25', b, 'old')], forks[('jdk25', b, 'new')]))
else:
    folder, new = ('grid-old-s21b', 's21b') if '--grid-s21b' in sys.argv else ('grid-old-m21', 'm21')
    forks, bop = load(folder, new)
    for jdk in ('jdk17', 'jdk25'):
        print(jdk)
        for b in ORDER:
            o, n = forks.get((jdk, b, 'old')), forks.get((jdk, b, 'new'))
            if o and n and len(o) > 1 and len(n) > 1:
                print(line(b, o, n, bop.get((jdk, b, 'old')), bop.get((jdk, b, 'new'))))
