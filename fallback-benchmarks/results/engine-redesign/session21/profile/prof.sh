#!/usr/bin/env bash
# prof.sh VARIANT JDK OUT [GCFLAG]: spin a method 16 s, profile seconds 6..14 by attach
v=$1; d=/tmp/ab/$v
J=$([ $2 = 17 ] && echo /usr/lib/jvm/java-17-openjdk-amd64 || echo /usr/lib/jvm/temurin-25-jdk-amd64)
$J/bin/java ${4:--XX:+UseParallelGC} -XX:+EnableDynamicAgentLoading -cp "/tmp/ab/cpu:$d/bench-classes:$(cat $d/cp.txt)" Spin ${METHOD:-fallover_chain} 16 2>/dev/null &
pid=$!
sleep 6
/tmp/apl/bin/asprof -e ${EV:-cpu} -i ${INT:-200us} -a -d 8 -o collapsed -f /tmp/apl/$3 $pid
wait $pid
