#!/usr/bin/env bash
# run.sh ROUNDS JDK VARIANTS...: CPU time of one Failures.isRetryable(529) read, per build snapshot /tmp/ab/VARIANT
# (or a directory /tmp/ab/cls/VARIANT/out of patched classes put before f20's jar)
R=$1; jdk=$2; shift 2
J=$([ $jdk = 17 ] && echo /usr/lib/jvm/java-17-openjdk-amd64 || echo /usr/lib/jvm/temurin-25-jdk-amd64)/bin/java
for r in $(seq 1 $R); do for v in "$@"; do
  if [ -d /tmp/ab/cls/$v/out ]; then cp=/tmp/ab/cls/$v/out:/tmp/ab/cls:/tmp/ab/f20/bench-classes:/tmp/ab/f20/fallback-annotations-0.1.0-SNAPSHOT.jar
  else cp=/tmp/ab/cls:/tmp/ab/$v/bench-classes:/tmp/ab/$v/fallback-annotations-0.1.0-SNAPSHOT.jar; fi
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
