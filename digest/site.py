"""The static site: an index of current calls and one page per call, uk and /en/."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from digest.render import TEMPLATES_DIR, render
from digest.select import Digest, build_digest
from digest.strings import LANGUAGES
from grantdigest.errors import UserError
from storage import Store


@dataclass(frozen=True)
class SiteResult:
    index: Path
    pages: int
    calls: int


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def build_site(store: Store, out_dir: str | Path, as_of: dt.date) -> SiteResult:
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"не вдалося створити каталог сайту {out}: {exc.strerror}") from None
    shutil.copyfile(TEMPLATES_DIR / "style.css", out / "style.css")
    pages = 0
    digest: Digest | None = None
    for lang in LANGUAGES:
        root = out if lang == "uk" else out / lang
        prefix = "" if lang == "uk" else "../"
        digest = build_digest(store, as_of, lang)
        _write(root / "index.html", render("index.html", digest=digest, s=digest.strings, lang=lang,
                                           css=f"{prefix}style.css"))
        for call in digest.all_calls():
            _write(root / "calls" / f"{call['id']}.html",
                   render("call.html", call=call, digest=digest, s=digest.strings, lang=lang,
                          css=f"../{prefix}style.css"))
            pages += 1
        pages += 1
    store.record_digest("site", digest.period, as_of.isoformat(), str(out), digest.count)
    return SiteResult(out / "index.html", pages, digest.count)
