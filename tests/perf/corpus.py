"""A synthetic corpus made from the sample articles (fixed seed), for benchmarks.

Each generated article takes a headline, a dateline and 8-20 paragraphs drawn from the five
sample articles, with a few characters changed per paragraph so texts differ; sizes match
the samples' (about 5-6 KB of Chinese text per article). Every fifth article reuses most of
the paragraphs of the one before it word for word (a follow-up story: distinct articles
that share paragraphs, which must never be grouped as versions), and every article has a
line of its own, ``unique_line(i)``, found in no other.
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


_CODE = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星"
SHARE_EVERY = 5  # every fifth article is a follow-up sharing most paragraphs of the last


def unique_line(i: int) -> str:
    """A line that only article ``i`` has (a fixed-length code after 稿号)."""
    code = []
    for _ in range(4):
        i, r = divmod(i, len(_CODE))
        code.append(_CODE[r])
    return "稿号" + "".join(code)


def _mutated(rnd: random.Random, paras: list[str], k: int) -> list[str]:
    body = []
    for p in rnd.sample(paras, k):
        chars = list(p)
        for _ in range(max(1, len(chars) // 40)):
            chars[rnd.randrange(len(chars))] = rnd.choice(_FILLER)
        body.append("".join(chars))
    return body


def generate(n: int, seed: int = 7):
    """Yield ``(name, text)`` for ``n`` distinct articles."""
    rnd = random.Random(seed)
    paras, titles = _paragraphs()
    body: list[str] = []
    for i in range(n):
        year = rnd.randint(2012, 2025)
        month, day = rnd.randint(1, 12), rnd.randint(1, 28)
        if i % SHARE_EVERY == SHARE_EVERY - 1 and len(body) >= 8:
            keep = body[: len(body) - max(1, len(body) // 8)]  # most paragraphs, verbatim
            body = keep + _mutated(rnd, paras, max(1, len(body) // 8))
        else:
            body = _mutated(rnd, paras, rnd.randint(8, 20))
        title = f"{rnd.choice(titles)}（{i}）"
        text = "\n\n".join([title, f"发布时间：{year}-{month:02d}-{day:02d}", *body,
                            unique_line(i)])
        yield f"gen_{i:06d}.txt", text + "\n"


def write_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    """Write ``n`` generated articles as UTF-8 text files into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in generate(n, seed):
        (folder / name).write_text(text, encoding="utf-8")
    return folder
