"""Why a list file cannot be read: a workbook or ZIP archive, gzip stream, XML or JSON document
that is cut short or damaged is named as such, so that a failed load says "truncated or not a
valid workbook" rather than "format not recognised".

:func:`damage` looks only at the container the file's first bytes announce; it is asked when no
format recognises the file, or a parser refuses it."""

from __future__ import annotations

import gzip
import json
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from tradeguard.errors import InputError
from tradeguard.lists.common import Expansion

ZIP_MAGIC = b"PK\x03\x04"
GZIP_MAGIC = b"\x1f\x8b"


def container(path: Path, head: bytes) -> str | None:
    """What the file's first bytes say it is: a workbook, a ZIP archive, gzip, XML or JSON."""
    if head.startswith(ZIP_MAGIC):
        return (
            "workbook (.xlsx)"
            if b"xl/" in head or path.suffix.lower() == ".xlsx"
            else ("ZIP archive")
        )
    if head.startswith(GZIP_MAGIC):
        return "gzip file"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        return "XML document"
    if text.startswith((b"{", b"[")):
        return "JSON document"
    return None


def damage(path: Path, head: bytes) -> str | None:
    """Why ``path`` is not a whole file of the kind it starts as (cut short or damaged), or
    None when it reads whole (or is of no kind checked here: CSV, text)."""
    kind = container(path, head)
    if kind is None or path.is_dir():
        return None
    try:
        if head.startswith(ZIP_MAGIC):
            with zipfile.ZipFile(path) as archive:
                bad = archive.testzip()
            return f"member {bad} of the {kind} is damaged" if bad else None
        if head.startswith(GZIP_MAGIC):
            budget = Expansion(str(path), path.stat().st_size, "gzip")
            with gzip.open(path, "rb") as stream:
                while chunk := stream.read(1 << 20):
                    budget.add(len(chunk))
            return None
        raw = path.read_bytes()
        if kind == "XML document":
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
            etree.fromstring(raw, parser=parser)
        else:
            json.loads(raw)
    except InputError as exc:
        return exc.message.removesuffix("; nothing loaded")
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        return f"not a valid {kind}: it is truncated or damaged ({exc})"
    except (etree.XMLSyntaxError, ValueError) as exc:
        msg = " ".join(str(exc).split())
        return f"not a valid {kind}: it is truncated or damaged ({msg})"
    return None
