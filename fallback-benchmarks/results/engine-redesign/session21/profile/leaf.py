# leaf.py FILE [N]: self time by leaf frame (inlined frames are frames), and by the compiled unit holding it
import sys,collections
leaf=collections.Counter(); tot=0
for l in open(sys.argv[1]):
    stack,n=l.rsplit(' ',1); n=int(n); tot+=n
    fr=stack.split(';')
    leaf[fr[-1]]+=n
N=int(sys.argv[2]) if len(sys.argv)>2 else 30
print("total",tot)
for k,v in leaf.most_common(N): print("%5.1f%%  %s"%(100*v/tot,k))
