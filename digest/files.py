"""Files the digest writes for people to open (an .eml, a .docx): whole or not at all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def write_atomically(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place:
    a reader (or a crash) never sees half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    write(partial)
    partial.replace(path)
    return path
