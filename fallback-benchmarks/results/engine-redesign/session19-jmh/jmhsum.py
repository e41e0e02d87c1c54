import json,glob
rows={}
for f in glob.glob('/tmp/ab/jmhfinal/*/*.json'):
    v=f.split('/')[-2]
    for r in json.load(open(f)):
        b=r['benchmark'].split('.')[-1]
        pm=r['primaryMetric']; al=r['secondaryMetrics'].get('gc.alloc.rate.norm',{}).get('score',float('nan'))
        rows[(v,b)]=(pm['score'],pm['scoreError'],al)
for jdk in ('17','25'):
    print('JDK',jdk)
    for b in ['happy_handWritten','happy_chain','happy_aspectj','happy_agent','fallover_handWritten','fallover_chain','fallover_aspectj','fallover_agent']:
        o=rows.get(('old'+jdk,b)); n=rows.get(('fix2'+jdk,b))
        if o and n: print(f"  {b:<22} old {o[0]:6.1f} ± {o[1]:4.1f} ns {o[2]:4.0f} B | new {n[0]:6.1f} ± {n[1]:4.1f} ns {n[2]:4.0f} B | ratio {n[0]/o[0]:.3f}")
