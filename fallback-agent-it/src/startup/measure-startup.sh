#!/usr/bin/env bash
# The start-up table of docs/AGENT.md: whole-process time and peak memory of a generated app with 2,000
# classes, 5 of them with an @LlmFallback chain -- plain (unwoven), with the agent, with AspectJ load-time
# weaving -- 10 runs each, on the same machine in the same run.
#
#   mvn -B -q install -DskipTests              # builds the jars this measures
#   fallback-agent-it/src/startup/measure-startup.sh [runs]
#
# Needs GNU time (Debian: apt-get install -y time) and python3. Uses $JAVA_HOME's
# java (else the one on the PATH) for everything. Work files go to fallback-agent-it/target/startup.
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-10}
VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAVAC=${JAVA_HOME:+$JAVA_HOME/bin/}javac
JAR=${JAVA_HOME:+$JAVA_HOME/bin/}jar
API=$PWD/fallback-annotations/target/fallback-annotations-$VERSION.jar
AGENT=$PWD/fallback-weaver/target/fallback-weaver-$VERSION-agent.jar
WEAVER=$PWD/fallback-weaver/target/fallback-weaver-$VERSION.jar
ASPECTJ=${ASPECTJ_WEAVER:-$HOME/.m2/repository/org/aspectj/aspectjweaver/1.9.25/aspectjweaver-1.9.25.jar}
for f in "$API" "$AGENT" "$WEAVER" "$ASPECTJ"; do
  [ -f "$f" ] || { echo "missing $f: run 'mvn -B -q install -DskipTests' first" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install -y time)" >&2; exit 1; }

WORK=$PWD/fallback-agent-it/target/startup
rm -rf "$WORK" && mkdir -p "$WORK"
"$JAVA" fallback-agent-it/src/startup/GenerateStartupApp.java "$WORK/src" 2000 5
"$JAVAC" -J-Xmx1g -nowarn -d "$WORK/classes" -cp "$API" "$WORK"/src/app/*.java
"$JAR" cf "$WORK/app.jar" -C "$WORK/classes" app
APP=$WORK/app.jar

PLAIN="$JAVA -cp $APP:$API app.Main"
WITH_AGENT="$JAVA -javaagent:$AGENT -cp $APP:$API app.Main"
WITH_LTW="$JAVA -javaagent:$ASPECTJ -cp $APP:$API:$WEAVER app.Main"

echo "== $("$JAVA" -version 2>&1 | head -1); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for cmd in "$PLAIN" "$WITH_AGENT" "$WITH_LTW"; do $cmd; done   # each prints one line; a failure stops here
: > "$WORK/runs.txt"

# Interleaved rounds (plain, agent, LTW, plain, ...), so that a change in the machine's load hits all three
# alike; one warm-up round first (file caches). GNU time gives wall time, user+system CPU and peak RSS.
for round in $(seq 0 "$RUNS"); do
  for name in plain agent ltw; do
    case $name in plain) cmd=$PLAIN;; agent) cmd=$WITH_AGENT;; ltw) cmd=$WITH_LTW;; esac
    /usr/bin/time -o "$WORK/time.txt" -f "%e %U %S %M" $cmd >/dev/null
    [ "$round" = 0 ] || echo "$name $(tail -1 "$WORK/time.txt")" >> "$WORK/runs.txt"
  done
done

python3 - "$WORK/runs.txt" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, wall, user, system, rss = line.split()
    runs.setdefault(name, []).append((float(wall) * 1000, (float(user) + float(system)) * 1000, int(rss) / 1024))
med = {name: [statistics.median(r[i] for r in rows) for i in range(3)] for name, rows in runs.items()}
print(f"\n{len(runs['plain'])} interleaved runs each; medians.\n")
print("| run | wall | added wall | share of LTW's added wall | CPU (user+sys) | added CPU | share of LTW's added CPU | peak RSS |")
print("|---|---|---|---|---|---|---|---|")
for name, label in (("plain", "plain (unwoven)"), ("agent", "llm-fallback agent"), ("ltw", "AspectJ LTW")):
    wall, cpu, rss = med[name]
    added = [wall - med["plain"][0], cpu - med["plain"][1]]
    ltw = [med["ltw"][0] - med["plain"][0], med["ltw"][1] - med["plain"][1]]
    cells = ["-", "-", "-", "-"] if name == "plain" else [
        f"+{added[0]:.0f} ms", f"{100 * added[0] / ltw[0]:.0f}%", f"+{added[1]:.0f} ms", f"{100 * added[1] / ltw[1]:.0f}%"]
    print(f"| {label} | {wall:.0f} ms | {cells[0]} | {cells[1]} | {cpu:.0f} ms | {cells[2]} | {cells[3]} | {rss:.0f} MB |")
PY
