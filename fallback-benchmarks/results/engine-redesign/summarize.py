import json,sys,os,glob,statistics
def load(label):
    rows={}
    for p in sorted(glob.glob(f'/tmp/jmh3/{label}/*.json')):
        try: data=json.load(open(p))
        except Exception: continue
        for r in data:
            name=r['benchmark'].split('.')[-1]
            pm=r['primaryMetric']; alloc=r['secondaryMetrics'].get('gc.alloc.rate.norm',{}).get('score',float('nan'))
            rows.setdefault(name,{'raw':[], 'alloc':[]})
            for fork in pm['rawData']: rows[name]['raw'].extend(fork)
            rows[name]['alloc'].append(alloc)
    out={}
    for k,v in rows.items():
        xs=v['raw']; m=statistics.mean(xs); sd=statistics.stdev(xs) if len(xs)>1 else 0
        # 99.9% CI half-width approx with t ~ 3.5 for n~15
        err=3.5*sd/len(xs)**0.5
        out[k]=(m,err,max(v['alloc']),len(xs))
    return out
for jdk in sys.argv[1:]:
    old=load('old'+jdk); new=load('new'+jdk)
    print(f"JDK {jdk}")
    for path in ('happy','fallover'):
        bo=old.get(path+'_handWritten'); bn=new.get(path+'_handWritten')
        for door in ('handWritten','chain','aspectj','agent'):
            k=path+'_'+door; o=old.get(k); n=new.get(k)
            def fmt(x,b):
                if not x: return '-'
                r=f" ({x[0]/b[0]:.2f}x, Δ{x[0]-b[0]:+.1f})" if b and door!='handWritten' else ''
                return f"{x[0]:.1f} ± {x[1]:.1f} ns, {x[2]:.0f} B, n={x[3]}{r}"
            print(f"  {k:22s} old: {fmt(o,bo):46s} new: {fmt(n,bn)}")
