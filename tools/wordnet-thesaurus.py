# Builds word -> WordNet concept ids for every word form of the corpus texts, for the thesaurus
# experiment of docs/ALIGNMENT.md (not shipped: WordNet did not improve either hand alignment).
# Needs Debian's wordnet-base (/usr/share/wordnet, WordNet 3.0 licence).
#   python3 tools/wordnet-thesaurus.py VARIANT [PARTS]  ->  /tmp/wn/VARIANT-PARTS.tsv
#   THESAURUS=/tmp/wn/first-nvar.tsv cargo test --test it thesaurus_experiment -- --ignored --nocapture
# VARIANT: first = the synset of each part of speech's first sense; all3 = up to three senses;
# hyper = the first sense and its direct hypernyms. PARTS: letters of n, v, a, r (default nvar).
import re, sys, glob, os
WN='/usr/share/wordnet'
POS={'noun':'n','verb':'v','adj':'a','adv':'r'}
index={}  # (lemma,pos) -> offsets in sense order
for name,p in POS.items():
    for line in open(f'{WN}/index.{name}', encoding='latin-1'):
        if line.startswith('  '): continue
        f=line.split()
        lemma=f[0]; pcnt=int(f[3]); offs=f[4+pcnt+2:]
        index[(lemma,p)]=[p+o for o in offs]
exc={}
for name,p in POS.items():
    for line in open(f'{WN}/{name}.exc', encoding='latin-1'):
        f=line.split()
        exc.setdefault((f[0],p),[]).extend(f[1:])
hyper={}
def load_hyper():
    for name,p in POS.items():
        for line in open(f'{WN}/data.{name}', encoding='latin-1'):
            if line.startswith('  '): continue
            f=line.split()
            off=f[0]; w=int(f[3],16); i=4+2*w; n=int(f[i]); i+=1
            hs=[]
            for k in range(n):
                sym,o,pp,st=f[i:i+4]; i+=4
                if sym in ('@','@i'): hs.append(pp.replace('s','a')+o)
            hyper[p+off]=hs
RULES={'n':[('s',''),('ses','s'),('xes','x'),('zes','z'),('ches','ch'),('shes','sh'),('men','man'),('ies','y')],
 'v':[('s',''),('ies','y'),('es','e'),('es',''),('ed','e'),('ed',''),('ing','e'),('ing','')],
 'a':[('er',''),('est',''),('er','e'),('est','e')],'r':[]}
def bases(w,p):
    out=[]
    if (w,p) in index: out.append(w)
    out+=[b for b in exc.get((w,p),[]) if (b,p) in index]
    for suf,rep in RULES[p]:
        if w.endswith(suf):
            b=w[:len(w)-len(suf)]+rep
            if (b,p) in index: out.append(b)
    return list(dict.fromkeys(out))
variant=sys.argv[1]
PARTS=sys.argv[2] if len(sys.argv)>2 else 'nvar'
if variant=='hyper': load_hyper()
words=set()
for path in glob.glob('os.path.join(os.path.dirname(__file__), '..', 'corpus', 'texts', '*.txt')'):
    for w in re.findall(r"[A-Za-z]+", open(path).read()):
        words.add(w.lower())
os.makedirs('/tmp/wn', exist_ok=True)
out=open(f'/tmp/wn/{variant}-{PARTS}.tsv','w')
for w in sorted(words):
    ids=[]
    for p in PARTS:
        for b in bases(w,p)[:1]:
            offs=index[(b,p)]
            if variant=='first': ids+=offs[:1]
            elif variant=='all3': ids+=offs[:3]
            elif variant=='hyper':
                ids+=offs[:1]+[h for h in hyper.get(offs[0],[])]
    if ids: out.write(w+'\t'+' '.join(dict.fromkeys(ids))+'\n')
