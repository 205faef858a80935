#!/usr/bin/env python3
"""A synthetic Zotero data directory of N items, for the Zotero benchmark (bench/zotero/run.mjs).

    python3 bench/zotero/make-synthetic.py OUT_DIR [--items 3000] [--pdfs DIR]

READS ../shared/corpus/zotero/schema (Zotero's schema files) beside the repository, and with
--pdfs DIR copies the PDFs found under DIR (the bench passes the real library's storage/ in
../shared/corpus/zotero/libraries/) as the attachments of one item in ten. The other items get
generated news-like text: an HTML snapshot for half of them, Zotero's extracted text
(`.zotero-ft-cache`, the file itself missing) for the rest; one item in five has highlights.
Deterministic: the same N gives the same library.
"""
import argparse, json, os, random, shutil, sqlite3, sys

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.abspath(os.path.join(here, '..', '..'))
sys.path.insert(0, os.path.join(repo, 'test', 'fixtures', 'zotero'))
schema_dir = os.path.join(repo, '..', 'shared', 'corpus', 'zotero', 'schema')

parser = argparse.ArgumentParser()
parser.add_argument('out')
parser.add_argument('--items', type=int, default=3000)
parser.add_argument('--pdfs')
args = parser.parse_args()

def read(name):
    with open(os.path.join(schema_dir, name), encoding='utf-8') as f:
        return f.read()

words = ('council harbour budget minister report policy water school hospital court judge election vote tax '
         'climate storm flood bridge railway housing rent market trade bank loan farmer fisher museum library '
         'teacher nurse doctor police crime data privacy internet network energy power solar wind coal price '
         'wage strike union worker factory export import border visa study research science survey census').split()
names = 'Lai Grundy Quint Hopper Lovelace Babbage Somerville Curie Noether Turing Franklin Meitner Ramanujan Germain Agnesi'.split()
firsts = 'Ada Grace Mary Rosa Emmy Alan Lise Marie Sophie Maria Tom Catherine'.split()

# A vocabulary of some 6,000 made-up words besides the common ones, drawn with a long tail as in
# real prose, so that four remembered words pick out few passages, as they do in a real library.
syllables = 'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu'.split()
vocab_rng = random.Random(11)
rare = sorted({''.join(vocab_rng.choice(syllables) for _ in range(vocab_rng.randint(2, 4))) for _ in range(6000)})
common = 'the of and to in a is that for on with as by at from it was be are this an has have said'.split()

def word(rng):
    r = rng.random()
    if r < 0.45:
        return rng.choice(common)
    if r < 0.75:
        return rng.choice(words)
    return rare[min(len(rare) - 1, int(rng.paretovariate(0.8)) * 7 % len(rare))] if rng.random() < 0.3 else rng.choice(rare)

def sentence(rng, n):
    return ' '.join(word(rng) for _ in range(n)).capitalize() + '.'

def article(rng):
    paragraphs = []
    for p in range(rng.randint(8, 20)):
        parts = [sentence(rng, rng.randint(8, 22)) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.3:
            parts.append(f'“{sentence(rng, rng.randint(8, 16))[:-1]},” said {rng.choice(firsts)} {rng.choice(names)}.')
        paragraphs.append(' '.join(parts))
    return paragraphs

out = os.path.abspath(args.out)
shutil.rmtree(out, ignore_errors=True)
os.makedirs(os.path.join(out, 'storage'))
db = sqlite3.connect(os.path.join(out, 'zotero.sqlite'), isolation_level=None)
db.executescript(read('system.sql'))
db.executescript(read('userdata.sql'))
db.executescript(read('triggers.sql').replace(';---', ';'))
import importlib.util
# The fixtures' builder fills the global schema as Zotero does; reuse it rather than repeat it.
spec = importlib.util.spec_from_file_location('zotero_fixtures', os.path.join(repo, 'test', 'fixtures', 'zotero', 'make-fixtures.py'))
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
db.execute('BEGIN')
lib = module.Library(db)
pdfs = []
if args.pdfs:
    for root, _, files in os.walk(args.pdfs):
        pdfs += [os.path.join(root, f) for f in files if f.lower().endswith('.pdf')]
    pdfs.sort()
rng = random.Random(7)
def key(prefix, n):
    return f'{prefix}{n:06d}'[:8]
for n in range(args.items):
    title = ' '.join(rng.choice(words) for _ in range(rng.randint(3, 8))).capitalize()
    year = rng.randint(1990, 2025)
    item = lib.item(rng.choice(['journalArticle', 'newspaperArticle', 'report', 'webpage']), key('I', n), {
        'title': title, 'date': f'{year}-{rng.randint(1, 12):02d}-00 {year}', 'url': f'https://example.org/{n}',
    }, [(rng.choice(firsts), rng.choice(names), 'author')])
    att = key('A', n)
    if pdfs and n % 10 == 0:
        src = pdfs[(n // 10) % len(pdfs)]
        lib.attachment(item, att, 'application/pdf', 'paper.pdf', 'Full Text PDF')
        os.makedirs(os.path.join(out, 'storage', att))
        shutil.copy(src, os.path.join(out, 'storage', att, 'paper.pdf'))
        continue
    paragraphs = article(rng)
    os.makedirs(os.path.join(out, 'storage', att))
    if n % 2 == 0:
        lib.attachment(item, att, 'text/html', 'snapshot.html', 'Snapshot')
        body = ''.join(f'<p>{p}</p>' for p in paragraphs)
        with open(os.path.join(out, 'storage', att, 'snapshot.html'), 'w', encoding='utf-8') as f:
            f.write(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>')
    else:
        lib.attachment(item, att, 'application/pdf', 'missing.pdf', 'Full Text PDF')
        with open(os.path.join(out, 'storage', att, '.zotero-ft-cache'), 'w', encoding='utf-8') as f:
            f.write('\n\n'.join(paragraphs) + '\n')
    if n % 5 == 1:
        chosen = rng.choice(paragraphs).split('. ')[0].rstrip('.') + '.'
        lib.annotation(lib.next_id - 1, key('H', n), chosen, 'to quote', str(rng.randint(1, 400)), 0)
db.execute('COMMIT')
db.close()
print(f'{args.items} items written to {out}')
