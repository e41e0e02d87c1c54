import json,glob,math,statistics as st,sys
base=sys.argv[1] if len(sys.argv)>1 else '/tmp/ab/jmh20'
data={}
for f in glob.glob(base+'/*/*.json'):
    v,jdk,rnd=f.split('/')[-2].split('-')
    try:
        rows=json.load(open(f))
    except ValueError:
        continue  # a run still in progress
    for r in rows:
        b=r['benchmark'].split('.')[-1]
        its=[x for fork in r['primaryMetric']['rawData'] for x in fork]
        al=r['secondaryMetrics'].get('gc.alloc.rate.norm',{}).get('score',float('nan'))
        d=data.setdefault((v,jdk,b),{'its':[],'forks':[],'alloc':[]})
        d['its']+=its; d['forks'].append(sum(its)/len(its)); d['alloc'].append(al)
def summ(d):
    m=st.mean(d['its']); se=st.stdev(d['its'])/math.sqrt(len(d['its']))
    fm=st.mean(d['forks']); fse=st.stdev(d['forks'])/math.sqrt(len(d['forks'])) if len(d['forks'])>1 else float('nan')
    return m,3.5*se,fm,fse,max(d['alloc'])
order=['happy_handWritten','happy_chain','happy_aspectj','happy_agent','fallover_handWritten','fallover_chain','fallover_aspectj','fallover_agent']
for jdk in ('jdk17','jdk25'):
    print(jdk)
    for b in order:
        o=data.get(('old',jdk,b)); n=data.get(('f20',jdk,b))
        if not o or not n: continue
        so=summ(o); sn=summ(n)
        diff=sn[0]-so[0]; err=math.hypot(so[1],sn[1])
        print(f"  {b:<21} old {so[0]:6.1f} ± {so[1]:4.1f} ({so[4]:3.0f} B) forks {','.join(f'{x:.1f}' for x in o['forks'])} | new {sn[0]:6.1f} ± {sn[1]:4.1f} ({sn[4]:3.0f} B) forks {','.join(f'{x:.1f}' for x in n['forks'])} | ratio {sn[0]/so[0]:.3f} diff {diff:+5.1f} ± {err:4.1f} {'BEYOND' if diff>err else ''}")
