"""A synthetic corpus made from the sample articles (fixed seed), for benchmarks.

Each generated article takes a headline, a dateline and 8-20 paragraphs drawn from the five
sample articles, with a few characters changed per paragraph so texts differ; sizes match
the samples' (about 5-6 KB of Chinese text per article).
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "corpus"
_FILLER = "汽车产业新能源智能网联长春一汽红旗解放零部件项目企业发展创新园区投资人才服务"


def _paragraphs() -> tuple[list[str], list[str]]:
    paras, titles = [], []
    for path in sorted(SAMPLES.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        titles.extend(line for line in lines if 6 <= len(line) <= 24 and not line.endswith("。"))
        paras.extend(line for line in lines if len(line) >= 40)
    return paras, titles


def generate(n: int, seed: int = 7):
    """Yield ``(name, text)`` for ``n`` distinct articles."""
    rnd = random.Random(seed)
    paras, titles = _paragraphs()
    for i in range(n):
        year = rnd.randint(2012, 2025)
        month, day = rnd.randint(1, 12), rnd.randint(1, 28)
        body = []
        for p in rnd.sample(paras, rnd.randint(8, 20)):
            chars = list(p)
            for _ in range(max(1, len(chars) // 40)):
                chars[rnd.randrange(len(chars))] = rnd.choice(_FILLER)
            body.append("".join(chars))
        title = f"{rnd.choice(titles)}（{i}）"
        text = "\n\n".join([title, f"发布时间：{year}-{month:02d}-{day:02d}", *body])
        yield f"gen_{i:06d}.txt", text + "\n"


def write_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    """Write ``n`` generated articles as UTF-8 text files into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in generate(n, seed):
        (folder / name).write_text(text, encoding="utf-8")
    return folder
