"""The session-20 before/after table of BENCHMARKS.md: every fork (JVM) is one sample.

Pools jmh-3forks/ and interleaved/ (7 forks per build, JDK and benchmark); with --extra, also extra-forks-jdk25/.
Prints the mean of the fork means per side, and the difference with its 95% interval (Welch).
Run: python3 summarize.py [--extra]
"""
import glob
import json
import math
import os
import statistics as st
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
T95 = {4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179,
       13: 2.160, 14: 2.145, 16: 2.120, 18: 2.101, 20: 2.086, 24: 2.064, 28: 2.048}
ORDER = ['happy_handWritten', 'happy_chain', 'happy_aspectj', 'happy_agent',
         'fallover_handWritten', 'fallover_chain', 'fallover_aspectj', 'fallover_agent']


def add(forks, side, jdk, path):
    for result in json.load(open(path)):
        name = result['benchmark'].split('.')[-1]
        for fork in result['primaryMetric']['rawData']:
            forks.setdefault((side, jdk, name), []).append(sum(fork) / len(fork))


def main():
    forks = {}
    runs = glob.glob(os.path.join(HERE, 'interleaved', '*.json'))
    if '--extra' in sys.argv:
        runs += glob.glob(os.path.join(HERE, 'extra-forks-jdk25', '*.json'))
    for path in runs:
        build, jdk = os.path.basename(path).split('-')[:2]
        add(forks, 'old' if build == 'old' else 'new', jdk.replace('jdk', ''), path)
    for path in glob.glob(os.path.join(HERE, 'jmh-3forks', '*.json')):
        build = os.path.basename(path).split('-')[0]
        add(forks, 'old' if build.startswith('old') else 'new', build[-2:], path)
    for jdk in ('17', '25'):
        print('JDK', jdk)
        for name in ORDER:
            old, new = forks[('old', jdk, name)], forks[('new', jdk, name)]
            a, b = st.variance(old) / len(old), st.variance(new) / len(new)
            df = (a + b) ** 2 / (a ** 2 / (len(old) - 1) + b ** 2 / (len(new) - 1))
            t = T95[min(T95, key=lambda k: abs(k - df))]
            diff = st.mean(new) - st.mean(old)
            print(f"  {name:<21} before {st.mean(old):6.1f}  after {st.mean(new):6.1f}  (n={len(old)}/{len(new)})"
                  f"  after - before {diff:+5.1f} ± {t * math.sqrt(a + b):4.1f}")


if __name__ == '__main__':
    main()
