import json,glob,statistics,sys,collections,math
base=sys.argv[1] if len(sys.argv)>1 else '/tmp/obs-jmh'
T={1:12.71,2:4.30,3:3.18,4:2.78,5:2.57,6:2.45,7:2.36}
score=collections.defaultdict(list); alloc=collections.defaultdict(list); mins=collections.defaultdict(list)
for f in sorted(glob.glob(base+'/*/*.json')):
    lbl=f.split('/')[-2]
    try: data=json.load(open(f))
    except Exception: continue
    for b in data:
        name=b['benchmark'].split('.')[-1]
        score[(name,lbl)].append(b['primaryMetric']['score'])
        raw=[x for fork in b['primaryMetric']['rawData'] for x in fork]
        mins[(name,lbl)].append(min(raw))
        sm=b.get('secondaryMetrics',{})
        if 'gc.alloc.rate.norm' in sm: alloc[(name,lbl)].append(sm['gc.alloc.rate.norm']['score'])
def ci(v):
    if len(v)<2: return float('nan')
    return T.get(len(v)-1,2.0)*statistics.stdev(v)/math.sqrt(len(v))
def fmt(v): return f"{statistics.mean(v):7.1f} ± {ci(v):5.1f}"
print("per (benchmark, side): mean of fork scores ± 95% CI over forks | mean of per-fork fastest iteration ± CI | B/op")
for k in sorted(score):
    print(f"{k[0]:28s} {k[1]:6s} n={len(score[k])} {fmt(score[k])} ns | fastest-iteration {fmt(mins[k])} ns | {statistics.mean(alloc[k]):.3f} B/op")
print()
print("new - old:")
for jdk in ['17','25']:
    for name in ['happy_chain','happy_aspectj','happy_agent']:
        o=score.get((name,'old'+jdk)); n=score.get((name,'new'+jdk))
        if not o or not n: continue
        d=statistics.mean(n)-statistics.mean(o); e=math.sqrt(ci(n)**2+ci(o)**2)
        om=mins[(name,'old'+jdk)]; nm=mins[(name,'new'+jdk)]
        dm=statistics.mean(nm)-statistics.mean(om); em=math.sqrt(ci(nm)**2+ci(om)**2)
        print(f"JDK {jdk} {name:16s} Δ mean {d:+7.1f} ± {e:5.1f} ns   Δ fastest-iteration {dm:+6.1f} ± {em:5.1f} ns")
for jdk in ['17','25']:
    k=lambda n:(n,'new'+jdk)
    if k('happy_chain_micrometer') not in score: continue
    m=score[k('happy_chain_micrometer')]; p=score[k('happy_chain_noListener')]; t=score[k('micrometer_timerRecord')]
    added=[a-b for a,b in zip(m,p)]; ratio=[a/c for a,c in zip(added,t)]
    mm=mins[k('happy_chain_micrometer')]; pm=mins[k('happy_chain_noListener')]; tm=mins[k('micrometer_timerRecord')]
    addm=[a-b for a,b in zip(mm,pm)]; ratm=[a/c for a,c in zip(addm,tm)]
    print(f"JDK {jdk} listener added (per fork, same JVM): {fmt(added)} ns; Timer.record {fmt(t)} ns; ratio {fmt(ratio)}  | fastest-iteration: added {fmt(addm)}, record {fmt(tm)}, ratio {fmt(ratm)}")
print()
for jdk in ['17','25']:
    k=lambda n:(n,'new'+jdk)
    if k('happy_chain_noopListener') not in mins: continue
    for label,src in (('mean',score),('fastest-iteration',mins)):
        nl=src[k('happy_chain_noListener')]; no=src[k('happy_chain_noopListener')]; mm=src[k('happy_chain_micrometer')]; t=src[k('micrometer_timerRecord')]
        eng=[a-b for a,b in zip(no,nl)]; lis=[a-b for a,b in zip(mm,no)]
        print(f"JDK {jdk} [{label}] engine share (noop - none) {fmt(eng)} ns; Micrometer listener share (micrometer - noop) {fmt(lis)} ns = {fmt([a/b for a,b in zip(lis,t)])} x Timer.record")
