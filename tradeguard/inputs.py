"""Guards for documents and names that users send: JSON and YAML decoded with a nesting and
size cap (a 100,000-deep JSON array or a 5,000-deep YAML list would otherwise exhaust the
interpreter's stack), text without NUL characters (PostgreSQL cannot store U+0000), and
upload file names that are plain names.

Every refusal is an :class:`InputError` naming the field (``parties.0.name``) or the file.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from tradeguard.errors import InputError

MAX_DEPTH = 64
#: Nodes of a YAML document once its aliases are expanded (a "billion laughs" document is a
#: few lines that expand to billions).
MAX_NODES = 200_000
MAX_NAME = 255  # bytes of a file name (NAME_MAX of Linux and most file systems)


class FileNameError(InputError):
    """An upload's file name is not a plain file name (answered with 400)."""


def json_depth_exceeds(body: bytes | str, limit: int) -> bool:
    """True when the JSON text nests arrays/objects deeper than ``limit`` (strings skipped)."""
    data = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    depth = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def _flaw(text: str) -> str | None:
    if "\x00" in text:
        return "contains a NUL character (U+0000), which no text may hold"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains an unpaired surrogate (U+D800 to U+DFFF), which is not text"
    return None


def text_flaw(data: Any) -> tuple[str, str] | None:
    """The dotted path (``"."``: the document itself) and the flaw of the first string, key
    or value, that no store can hold (a NUL character, an unpaired surrogate), or None."""
    stack: list[tuple[Any, tuple[str, ...]]] = [(data, ())]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            flaw = _flaw(value)
            if flaw is not None:
                return ".".join(where) or ".", flaw
        elif isinstance(value, dict):
            for key, item in value.items():
                key = str(key)
                flaw = _flaw(key)
                if flaw is not None:
                    shown = key.encode("utf-8", "backslashreplace").decode().replace("\x00", "\\0")
                    return ".".join((*where, shown)), f"a key {flaw}"
                stack.append((item, (*where, key)))
        elif isinstance(value, list):
            stack.extend((item, (*where, str(i))) for i, item in reversed(list(enumerate(value))))
    return None


def refuse_bad_text(data: Any, source: str | None = None) -> None:
    found = text_flaw(data)
    if found is not None:
        where, flaw = found
        raise InputError(flaw, source=source, field=None if where == "." else where)


class _CappedLoader(yaml.SafeLoader):
    """PyYAML's safe loader with a cap on nesting and on the nodes aliases expand to."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise yaml.YAMLError(
                f"nested deeper than {MAX_DEPTH} levels (line {mark.line + 1 if mark else '?'})"
            )
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if id(node) not in self._sizes:
            size = 1
            if isinstance(node, yaml.SequenceNode):
                size += sum(self._sizes.get(id(child), 1) for child in node.value)
            elif isinstance(node, yaml.MappingNode):
                size += sum(
                    self._sizes.get(id(k), 1) + self._sizes.get(id(v), 1) for k, v in node.value
                )
            if size > MAX_NODES:
                raise yaml.YAMLError(f"expands to more than {MAX_NODES:,} values (aliases)")
            self._sizes[id(node)] = size
        return node


def load_document(text: str, *, source: str | None = None, as_json: bool | None = None) -> Any:
    """Decode a JSON or YAML document (JSON when ``as_json``, or when it starts with ``{`` or
    ``[`` and ``as_json`` is None) with the caps above, and refuse NUL characters."""
    if as_json is None:
        as_json = text.lstrip().startswith(("{", "["))
    if as_json:
        if json_depth_exceeds(text, MAX_DEPTH):
            raise InputError(f"JSON nested deeper than {MAX_DEPTH} levels", source=source)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}", source=source, line=exc.lineno) from None
    else:
        try:
            data = yaml.load(text, Loader=_CappedLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
            problem = " ".join(str(problem).split())  # one line
            raise InputError(f"invalid YAML: {problem}", source=source, line=line) from None
    refuse_bad_text(data, source)
    return data


def upload_name(filename: str | None, default: str = "upload") -> str:
    """The file name an upload carries, refused unless it is a plain name: no directory part
    (``/``, ``\\``), not ``.`` or ``..``, no NUL or other control character, at most 255
    bytes in UTF-8."""
    if not filename:
        return default
    shown = filename[:60] + ("…" if len(filename) > 60 else "")
    if any(c in filename for c in "/\\") or filename.strip() in (".", ".."):
        raise FileNameError(f"{shown!r} is not a plain file name", field="file")
    if any(ord(c) < 32 or ord(c) == 127 for c in filename):
        raise FileNameError(f"{shown!r}: a file name may not hold control characters", field="file")
    if len(filename.encode("utf-8", "surrogatepass")) > MAX_NAME:
        raise FileNameError(
            f"the file name has more than {MAX_NAME} bytes ({shown!r})", field="file"
        )
    return filename
