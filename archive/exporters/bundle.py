"""ZIP bundle: one document per article, the kept original files, a table of the articles
and a manifest with the SHA-256 of every file in the bundle.

    articles/<headline>.md          one per article, in options.bundle_format
    originals/<source file name>    the bytes as they were ingested (each source once)
    articles.csv                    the CSV export of the same articles
    manifest.json                   the articles, their files and every file's sha256
    SHA256SUMS                      the same checksums for `sha256sum -c`
"""

from __future__ import annotations

import hashlib
import io
import json
import time
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import BinaryIO

from ..document import Article
from .base import REGISTRY, ExportContext, ExportError, Format, register
from .citation import citation
from .naming import UniqueNames, safe_member

CHUNK = 1 << 20
MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"


class _Bundle:
    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        self.files: list[dict] = []
        self.stamp = time.localtime()[:6]

    def _info(self, member: str, size: int = 0) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(member, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.file_size = size
        return info

    def add_bytes(self, member: str, data: bytes, **about) -> dict:
        self.zf.writestr(self._info(member, len(data)), data)
        entry = {"path": member, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                 **about}
        self.files.append(entry)
        return entry

    def add_file(self, member: str, path: Path, ctx: ExportContext, **about) -> dict:
        digest = hashlib.sha256()
        size = 0
        total = path.stat().st_size
        with path.open("rb") as src, self.zf.open(self._info(member, total), "w",
                                                  force_zip64=total > 2**31 - 1) as dst:
            while chunk := src.read(CHUNK):
                ctx.check()
                digest.update(chunk)
                dst.write(chunk)
                size += len(chunk)
        entry = {"path": member, "size": size, "sha256": digest.hexdigest(), **about}
        self.files.append(entry)
        return entry


def _original_name(article: Article, names: UniqueNames) -> str:
    source = PurePath(article.source_name or "")
    ext = source.suffix.lstrip(".") or (article.source_format or "")
    stem = source.stem if article.source_name else ""
    return names.filename(stem, ext, f"source-{article.source_id or article.id}")


def write_bundle(articles: Sequence[Article], fh: BinaryIO, ctx: ExportContext) -> None:
    inner = REGISTRY.get(ctx.options.bundle_format)
    if inner is None or not inner.document:
        raise ExportError(f"a bundle holds documents, not {ctx.options.bundle_format!r} "
                          f"(choose from {', '.join(document_formats())})")
    doc_names, original_names = UniqueNames(), UniqueNames()
    originals: dict[str, dict] = {}  # source sha256 (or path) -> its entry
    listing: list[dict] = []
    with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        bundle = _Bundle(zf)
        for article in articles:
            ctx.step(article.title)
            buf = io.BytesIO()
            inner.write([article], buf, ctx.quiet())
            name = doc_names.filename(article.title, inner.extension, f"article-{article.id}")
            doc = bundle.add_bytes(safe_member("articles", name), buf.getvalue(),
                                   kind="article", article_id=article.id)
            item = {"id": article.id, "title": article.title, "date": article.date,
                    "authors": article.authors, "citation": citation(article),
                    "file": doc["path"], "original": None,
                    "source_name": article.source_name,
                    "source_sha256": article.source_sha256}
            original = ctx.original_of(article)
            key = article.source_sha256 or (str(original) if original else None)
            if key and key in originals:
                item["original"] = originals[key]["path"]
            elif original is not None and original.is_file():
                member = safe_member("originals", _original_name(article, original_names))
                entry = bundle.add_file(member, original, ctx, kind="original",
                                        source_name=article.source_name)
                if article.source_sha256:
                    entry["matches_archive"] = entry["sha256"] == article.source_sha256
                originals[key or member] = entry
                item["original"] = member
            listing.append(item)
        table = io.BytesIO()
        REGISTRY["csv"].write(articles, table, ctx.quiet())
        bundle.add_bytes("articles.csv", table.getvalue(), kind="table")
        manifest = {
            "format": "news-archive-bundle",
            "version": 1,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "document_format": inner.name,
            "articles": listing,
            "files": bundle.files,
        }
        sums = "".join(f"{f['sha256']}  {f['path']}\n" for f in bundle.files)
        zf.writestr(bundle._info(CHECKSUMS), sums.encode("utf-8"))
        zf.writestr(bundle._info(MANIFEST),
                    json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))


def document_formats() -> list[str]:
    return [name for name, f in REGISTRY.items() if f.document]


register(Format("zip", "ZIP bundle with originals (.zip)", "zip", write_bundle, document=False,
                description="one file per article, the original files and a manifest"))
