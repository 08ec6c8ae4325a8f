#!/usr/bin/env python3
"""Writes the data of the full-path benchmark (issue 5): N open topics spread over the towns and villages of
config/shangliang.yaml, and a mix of residents' messages that name their place: new concerns, concerns that repeat an
open topic, status questions and greetings. Deterministic (fixed seed). Usage:
    python3 bench/full-path-data.py OUT_DIR [N_TOPICS]"""
import json, random, re, sys, os

out = sys.argv[1]
n_topics = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
os.makedirs(out, exist_ok=True)
rng = random.Random(20261126)

# towns and villages straight from the configuration (no YAML library needed for this simple layout)
regions = []
town = None
for line in open('config/shangliang.yaml', encoding='utf-8'):
    m = re.match(r'\s*- town: (\S+)', line)
    if m:
        town = m.group(1)
    m = re.match(r'\s*villages: \[(.*)\]', line)
    if m and town:
        regions.append((town, [v.strip() for v in m.group(1).split(',')]))
        town = None

subjects = ['路灯', '垃圾桶', '下水道', '小桥护栏', '健身器材', '公厕', '停车位', '菜场门口的路', '河道', '电动车充电桩',
            '老小区楼道', '村道', '公交站台', '幼儿园门口', '养老服务站', '自来水管', '绿化带', '广场', '农田水渠', '篮球场']
problems = ['坏了很久没人修', '晚上太黑很危险', '堵了一下雨就积水', '太少不够用', '被占用了', '脏得很没人打扫',
            '噪音太大影响休息', '年久失修存在安全隐患', '设施老化需要更换', '经常有人乱停车']
spots = ['村口', '东头', '西头', '南边', '北边', '老街', '新村', '小区门口', '学校旁边', '河边']

topics = []
for i in range(n_topics):
    town, villages = regions[i % len(regions)]
    village_level = rng.random() < 0.8
    village = rng.choice(villages) if village_level else ''
    s, p, spot = rng.choice(subjects), rng.choice(problems), rng.choice(spots)
    where = (village or town) + spot
    topics.append({'id': f'B-T{i:05d}', 'town': town, 'village': village,
                   'level': 'village' if village_level else 'town',
                   'title': f'{where}{s}{p[:6]}', 'text': f'{where}的{s}{p}，希望尽快解决。'})
with open(os.path.join(out, 'topics.jsonl'), 'w', encoding='utf-8') as f:
    for t in topics:
        f.write(json.dumps(t, ensure_ascii=False) + '\n')

texts = []
for i in range(2000):
    r = rng.random()
    if r < 0.4:    # a new concern, with its place
        town, villages = rng.choice(regions)
        texts.append(f'我是{town}{rng.choice(villages)}的，{rng.choice(spots)}的{rng.choice(subjects)}{rng.choice(problems)}')
    elif r < 0.7:  # a concern that repeats an open topic, worded a little differently
        t = rng.choice([t for t in topics if t['village']])
        texts.append(f"{t['town']}{t['village']}这边，{t['text'].replace('，希望尽快解决。', '')}，麻烦看看")
    elif r < 0.85: # a status question
        texts.append(rng.choice(['我反映的事怎么样了', '查询 QY-20261126-0001', '上次说的事有进展吗']))
    else:          # a greeting
        texts.append(rng.choice(['你好', '在吗', '您好，请问怎么用']))
with open(os.path.join(out, 'texts.txt'), 'w', encoding='utf-8') as f:
    f.write('\n'.join(texts) + '\n')
print(f'{len(topics)} topics over {len(regions)} towns, {len(texts)} message texts -> {out}')
