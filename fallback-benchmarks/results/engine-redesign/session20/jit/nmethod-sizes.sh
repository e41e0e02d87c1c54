#!/usr/bin/env bash
# sizes.sh VARIANT METHOD [JDK]: C2 nmethod instruction sizes of llm-fallback methods
v=$1; m=$2; jdk=${3:-25}
J=$([ $jdk = 17 ] && echo /usr/lib/jvm/java-17-openjdk-amd64 || echo /usr/lib/jvm/temurin-25-jdk-amd64)/bin/java
d=/tmp/ab/$v; extra=""; case $m in *_agent) extra="-javaagent:$(ls $d/fallback-weaver-*-agent.jar | head -1)";; esac
log=/tmp/ab/lc-$v-$m-$jdk.xml
$J $extra -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=$log -cp "/tmp/ab/cpu:$d/bench-classes:$(cat $d/cp.txt)" CpuTime $m 2>/dev/null | tail -1
grep "<nmethod" $log | grep "compiler='c2'" | grep -E "llmfallback" | python3 -c '
import sys,re
for l in sys.stdin:
    a=dict(re.findall(r"(\w+)=\x27([^\x27]*)\x27",l))
    print(int(a["stub_offset"])-int(a["insts_offset"]), a["method"].split(" (")[0])' | sort -k2 | awk '{print}' 
