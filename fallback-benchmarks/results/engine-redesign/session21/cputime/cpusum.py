import sys,statistics as st
d={}
for l in open(sys.argv[1]):
    p=l.split()
    if len(p)==8 and p[4]=='min':
        d.setdefault((p[0],p[1],p[3]),[]).append(float(p[5]))
for k,v in sorted(d.items()): print(*k,len(v),"mean-min %.2f sd %.2f"%(st.mean(v),st.stdev(v) if len(v)>1 else 0), sorted(v))
