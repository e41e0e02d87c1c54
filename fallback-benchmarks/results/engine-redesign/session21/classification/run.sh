#!/usr/bin/env bash
# run.sh ROUNDS JDK VARIANTS... ; variant "old" = old jar; "base" = f20; X = /tmp/ab/cls/X/out before f20
R=$1; jdk=$2; shift 2
J=$([ $jdk = 17 ] && echo /usr/lib/jvm/java-17-openjdk-amd64 || echo /usr/lib/jvm/temurin-25-jdk-amd64)/bin/java
for r in $(seq 1 $R); do for v in "$@"; do
  case $v in old) cp=/tmp/ab/cls:/tmp/ab/old/bench-classes:/tmp/ab/old/fallback-annotations-0.1.0-SNAPSHOT.jar;;
    s21) cp=/tmp/ab/cls:/tmp/ab/s21/bench-classes:/tmp/ab/s21/fallback-annotations-0.1.0-SNAPSHOT.jar;;
    base) cp=/tmp/ab/cls:/tmp/ab/f20/bench-classes:/tmp/ab/f20/fallback-annotations-0.1.0-SNAPSHOT.jar;;
    *) cp=/tmp/ab/cls/$v/out:/tmp/ab/cls:/tmp/ab/f20/bench-classes:/tmp/ab/f20/fallback-annotations-0.1.0-SNAPSHOT.jar;; esac
  echo "$v $($J -cp $cp ${MAIN:-Cls})"
done; done | tee /tmp/ab/cls/last.log | python3 -c '
import sys,statistics as st
d={}
for l in sys.stdin:
    p=l.split(); d.setdefault(p[0],[]).append((float(p[3]),float(p[5])))
for k,v in d.items():
    mins=[a for a,b in v]; meds=[b for a,b in v]
    print("%-6s n=%d  min-of-min %.2f  mean-min %.2f +- %.2f  mean-med %.2f" % (k,len(v),min(mins),st.mean(mins),st.stdev(mins) if len(v)>1 else 0,st.mean(meds)))
'
