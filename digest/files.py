"""Files the digest writes for people to open (an .eml, a .docx): whole or not at all."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from grantdigest.errors import UserError


def write_atomically(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place:
    a reader (or a crash) never sees half a file."""
    path = Path(path)
    partial = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(partial)
        partial.replace(path)
    except OSError as exc:
        with suppress(OSError):
            partial.unlink(missing_ok=True)           # no half file left behind
        raise UserError(f"не вдалося записати {path}: {exc.strerror or exc} (вкажіть інший шлях або перевірте права)") from None
    return path
