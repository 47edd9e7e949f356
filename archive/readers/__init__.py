"""Readers: file bytes of many formats -> plain article text (``RawDocument``).

>>> result = read_bytes(path.read_bytes(), path.name)
>>> for item in iter_inputs([folder, archive_zip]): result = read_bytes(item.read(), item.name)

Each format is one module that registers a ``Reader`` (see ``base.py``); importing this
package registers them all.
"""

from archive.ocr import images as _ocr_images  # noqa: F401  (register: images)
from archive.readers import docx, eml, epub, html, markdown, pdf, txt  # noqa: F401  (register)
from archive.readers.base import READERS, ReadError, ReadResult, detect_format, read_bytes
from archive.readers.inputs import InputFile, iter_inputs
from archive.readers.limits import LIMITS, Limits

__all__ = [
    "LIMITS",
    "READERS",
    "InputFile",
    "Limits",
    "ReadError",
    "ReadResult",
    "detect_format",
    "iter_inputs",
    "read_bytes",
]
