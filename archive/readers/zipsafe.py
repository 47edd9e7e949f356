"""Opening zip containers (.zip, .docx, .epub) without trusting them.

Every member's declared size and compression ratio, the members' total and their count
are checked against the limits from the central directory *before* anything is
inflated; reading a member is then bounded by its declared size (zipfile never returns
more than that, and a wrong CRC is an error), so a zip bomb costs nothing.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from archive.readers.base import ReadError
from archive.readers.limits import LIMITS, Limits, human_size

_BOMB = "This zip archive looks like a zip bomb ({why}), so it was not unpacked."


def check_zip(zf: zipfile.ZipFile, limits: Limits = LIMITS) -> None:
    """Raise ReadError when the declared sizes in ``zf`` break a limit."""
    infos = zf.infolist()
    if len(infos) > limits.max_zip_members:
        raise ReadError(
            f"The zip archive has too many entries ({len(infos)}; the limit is "
            f"{limits.max_zip_members})."
        )
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        size = info.file_size
        if size > limits.max_zip_member_bytes:
            raise ReadError(
                _BOMB.format(
                    why=f"one entry unpacks to {human_size(size)}; the limit is "
                    f"{human_size(limits.max_zip_member_bytes)}"
                )
            )
        if size > limits.zip_ratio_floor_bytes:
            ratio = size / max(info.compress_size, 1)
            if ratio > limits.max_zip_ratio:
                raise ReadError(
                    _BOMB.format(
                        why=f"one entry is compressed {ratio:,.0f} to 1; the limit is "
                        f"{limits.max_zip_ratio:,.0f} to 1"
                    )
                )
        total += size
        if total > limits.max_zip_total_bytes:
            raise ReadError(
                _BOMB.format(
                    why=f"its entries unpack to more than {human_size(limits.max_zip_total_bytes)}"
                )
            )


def open_zip(data: bytes, limits: Limits = LIMITS, what: str = "zip archive") -> zipfile.ZipFile:
    """A checked ZipFile over ``data``; ReadError when it is no zip or breaks a limit."""
    try:
        zf = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ReadError(f"This {what} is damaged or not a zip file.") from None
    check_zip(zf, limits)
    return zf


def read_member(zf: zipfile.ZipFile, name: str | zipfile.ZipInfo, limits: Limits = LIMITS) -> bytes:
    """The bytes of one member, never more than the limits allow."""
    info = name if isinstance(name, zipfile.ZipInfo) else zf.getinfo(name)
    if info.flag_bits & 0x1:
        raise ReadError(f"The zip entry {info.filename} is password-protected.")
    cap = min(limits.max_zip_member_bytes, limits.max_file_bytes)
    if info.file_size > cap:
        raise ReadError(
            f"The zip entry {info.filename} is too large ({human_size(info.file_size)}; "
            f"the limit is {human_size(cap)})."
        )
    try:
        with zf.open(info) as fh:
            data = fh.read(cap + 1)
    except NotImplementedError:
        raise ReadError(
            f"The zip entry {info.filename} uses a compression method this app cannot unpack."
        ) from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ReadError(f"The zip entry {info.filename} is damaged ({exc}).") from None
    if len(data) > cap:
        raise ReadError(f"The zip entry {info.filename} is larger than it claims.")
    return data
