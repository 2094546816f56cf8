"""Measuring the extractor on a labelled folder (``texts/*.txt`` + ``labels.jsonl``).

The scoring is the one the announcements README defines:

- ``is_call``: accuracy over all texts;
- for texts labelled ``is_call: true``: ``deadline`` exact match (a ``null`` label
  wants ``null``), ``amount_max`` + ``currency`` exact (amount within 0.5 %),
  ``applicants`` and ``regions`` micro-averaged F1;
- a field a label lists under ``ambiguous`` is not scored for that text.

Each text can be read as plain text (the folder's own format) or as an HTML page
built around it by :func:`noisy_page` (menus listing every oblast, a sidebar of
other calls with their own deadlines and amounts, a footer), so the HTML reading
path is measured too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from grantdigest.documents import Document, parse_html, parse_text
from grantdigest.errors import UserError
from grantdigest.extract import extract
from grantdigest.timeutil import parse_date

MODES = ("text", "html")
SET_FIELDS = ("applicants", "regions")


@dataclass(frozen=True)
class Case:
    id: str
    path: Path
    label: dict

    @property
    def ambiguous(self) -> set[str]:
        return set(self.label.get("ambiguous") or [])


def load_cases(folder: str | Path) -> list[Case]:
    """The labelled cases of ``folder``; a clear error when the folder is not one."""
    folder = Path(folder)
    labels_path = folder / "labels.jsonl"
    if not labels_path.is_file():
        raise UserError(f"{folder}: немає labels.jsonl (очікується тека з texts/*.txt і labels.jsonl)")
    cases = []
    for number, line in enumerate(labels_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            label = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UserError(f"{labels_path}:{number}: не JSON ({exc.msg}); виправте рядок") from None
        if "id" not in label or "is_call" not in label:
            raise UserError(f"{labels_path}:{number}: бракує поля id або is_call")
        path = folder / "texts" / f"{label['id']}.txt"
        if not path.is_file():
            raise UserError(f"{labels_path}:{number}: немає тексту {path}")
        cases.append(Case(label["id"], path, label))
    if not cases:
        raise UserError(f"{labels_path}: жодного прикладу")
    return cases


# --- reading a case as text or as a noisy HTML page -------------------------------------------

def read_case(case: Case, mode: str = "text") -> Document:
    raw = case.path.read_text(encoding="utf-8")
    if mode == "text":
        return parse_text(str(case.path), raw)
    if mode == "html":
        return parse_html(str(case.path), noisy_page(parse_text(str(case.path), raw), seed=case.id))
    raise ValueError(f"unknown mode {mode!r}; known: {MODES}")


def predict(case: Case, mode: str = "text", as_of: dt.date | None = None) -> dict:
    doc = read_case(case, mode)
    found = extract(doc.text, doc.title, published=parse_date(doc.published), as_of=as_of)
    return found.as_dict()


# --- scoring --------------------------------------------------------------------------------------

@dataclass
class FieldScore:
    name: str
    kind: str                      # "accuracy" or "f1"
    right: int = 0
    total: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[tuple[str, object, object]] = field(default_factory=list)

    @property
    def value(self) -> float | None:
        if self.kind == "accuracy":
            return self.right / self.total if self.total else None
        precision_den, recall_den = self.tp + self.fp, self.tp + self.fn
        if not precision_den and not recall_den:
            return None
        precision = self.tp / precision_den if precision_den else 0.0
        recall = self.tp / recall_den if recall_den else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class Report:
    mode: str
    fields: dict[str, FieldScore]
    count: int

    def value(self, name: str) -> float | None:
        return self.fields[name].value

    def as_dict(self) -> dict:
        return {"mode": self.mode, "texts": self.count,
                "scores": {k: f.value for k, f in self.fields.items()},
                "misses": {k: [list(m) for m in f.misses] for k, f in self.fields.items()}}


TARGETS = {"is_call": 0.95, "deadline": 0.92, "amount": 0.90, "applicants": 0.88, "regions": 0.90}


def amount_matches(label_amount, label_currency, amount, currency) -> bool:
    if label_amount is None or label_currency is None:
        return amount is None
    if amount is None or currency != label_currency:
        return False
    return abs(float(amount) - float(label_amount)) <= 0.005 * abs(float(label_amount))


def score(cases: Iterable[Case], predictions: dict[str, dict], mode: str = "text") -> Report:
    fields = {"is_call": FieldScore("is_call", "accuracy"), "deadline": FieldScore("deadline", "accuracy"),
              "amount": FieldScore("amount", "accuracy"), "applicants": FieldScore("applicants", "f1"),
              "regions": FieldScore("regions", "f1")}
    count = 0
    for case in cases:
        count += 1
        label, pred, skip = case.label, predictions[case.id], case.ambiguous
        if "is_call" not in skip:
            _count(fields["is_call"], case.id, label["is_call"], pred.get("is_call"),
                   bool(pred.get("is_call")) == bool(label["is_call"]))
        if not label["is_call"]:
            continue
        if "deadline" not in skip:
            _count(fields["deadline"], case.id, label.get("deadline"), pred.get("deadline"),
                   pred.get("deadline") == label.get("deadline"))
        if not skip & {"amount_max", "currency"}:
            want = (label.get("amount_max"), label.get("currency"))
            got = (pred.get("amount_max"), pred.get("currency"))
            _count(fields["amount"], case.id, want, got, amount_matches(*want, *got))
        for name in SET_FIELDS:
            if name in skip:
                continue
            want_set, got_set = set(label.get(name) or []), set(pred.get(name) or [])
            score_field = fields[name]
            score_field.tp += len(want_set & got_set)
            score_field.fp += len(got_set - want_set)
            score_field.fn += len(want_set - got_set)
            if want_set != got_set:
                score_field.misses.append((case.id, sorted(want_set), sorted(got_set)))
    return Report(mode, fields, count)


def _count(score_field: FieldScore, case_id: str, want, got, right: bool) -> None:
    score_field.total += 1
    if right:
        score_field.right += 1
    else:
        score_field.misses.append((case_id, want, got))


def evaluate(folder: str | Path, mode: str = "text", as_of: dt.date | None = None,
             progress: Callable[[int, int], None] | None = None) -> Report:
    cases = load_cases(folder)
    predictions = {}
    for number, case in enumerate(cases, 1):
        predictions[case.id] = predict(case, mode, as_of)
        if progress:
            progress(number, len(cases))
    return score(cases, predictions, mode)


def format_report(report: Report, show_misses: bool = True) -> str:
    lines = [f"mode: {report.mode}   texts: {report.count}", "",
             f"{'field':<12} {'score':>6} {'target':>7}  detail"]
    for name, item in report.fields.items():
        value = item.value
        shown = "  —  " if value is None else f"{value:.3f}"
        target = TARGETS.get(name)
        flag = "" if value is None or target is None else ("ok" if value >= target else "BELOW")
        if item.kind == "accuracy":
            detail = f"{item.right}/{item.total} {flag}"
        else:
            p, r = item.precision, item.recall
            detail = (f"P={p:.3f} R={r:.3f} tp={item.tp} fp={item.fp} fn={item.fn} {flag}"
                      if p is not None and r is not None else f"tp={item.tp} fp={item.fp} fn={item.fn} {flag}")
        lines.append(f"{name:<12} {shown:>6} {target if target else '':>7}  {detail}")
    if show_misses:
        for name, item in report.fields.items():
            if not item.misses:
                continue
            lines += ["", f"misses: {name} (id: label → extracted)"]
            lines += [f"  {case_id}: {json.dumps(want, ensure_ascii=False)} → {json.dumps(got, ensure_ascii=False)}"
                      for case_id, want, got in item.misses]
    return "\n".join(lines)


# --- the noisy page around a text -------------------------------------------------------------------

OBLASTS_UK = ["Вінницька", "Волинська", "Дніпропетровська", "Донецька", "Житомирська", "Закарпатська",
              "Запорізька", "Івано-Франківська", "Київська", "Кіровоградська", "Луганська", "Львівська",
              "Миколаївська", "Одеська", "Полтавська", "Рівненська", "Сумська", "Тернопільська", "Харківська",
              "Херсонська", "Хмельницька", "Черкаська", "Чернівецька", "Чернігівська"]
OBLASTS_EN = ["Vinnytsia", "Volyn", "Dnipropetrovsk", "Donetsk", "Zhytomyr", "Zakarpattia", "Zaporizhzhia",
              "Ivano-Frankivsk", "Kyiv", "Kirovohrad", "Luhansk", "Lviv", "Mykolaiv", "Odesa", "Poltava", "Rivne",
              "Sumy", "Ternopil", "Kharkiv", "Kherson", "Khmelnytskyi", "Cherkasy", "Chernivtsi", "Chernihiv"]
SIDEBAR_UK = [
    ("Грант на енергоефективність для громад Полтавщини", "Дедлайн: 14 березня 2026 року", "до 2 млн грн"),
    ("Мікрогранти для ветеранського бізнесу", "Прийом заявок до 30.11.2025", "Сума гранту — до 250 000 грн"),
    ("Конкурс для ГО Харківської області", "Термін подання: до 5 квітня", "від 100 до 400 тисяч гривень"),
    ("Стипендія для молодих митців", "Deadline: 20 June 2026", "€5,000 на особу"),
]
SIDEBAR_EN = [
    ("Small grants for CSOs in Odesa oblast", "Deadline: March 14, 2026", "up to $20,000"),
    ("Fellowship for young researchers", "Apply by 30 November 2025", "EUR 3,000 per month"),
    ("Recovery grants for hromadas of Sumy region", "Closing date: 5 April 2026", "up to €150,000"),
    ("Veteran business support", "Deadline: 01.12.2025", "up to UAH 500,000"),
]
LAYOUTS = 5
BULLET = re.compile(r"^\s*(?:[-•*–—]|\d+[.)])\s+")


def _article_html(doc: Document) -> str:
    parts = []
    for block in re.split(r"\n\s*\n", doc.text.strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        items, para, ordered = [], [], False

        def close_list():
            tag = "ol" if ordered else "ul"
            parts.append(f"<{tag}>" + "".join(items) + f"</{tag}>")

        for line in lines:
            if BULLET.match(line):
                if para:
                    parts.append("<p>" + "<br>".join(html.escape(p.strip()) for p in para) + "</p>")
                    para = []
                if not items:
                    ordered = bool(re.match(r"\s*\d+[.)]", line))
                items.append(f"<li>{html.escape(BULLET.sub('', line).strip())}</li>")
            else:
                if items:
                    close_list()
                    items = []
                para.append(line)
        if para:
            parts.append("<p>" + "<br>".join(html.escape(p.strip()) for p in para) + "</p>")
        if items:
            close_list()
    return "\n".join(parts)


def noisy_page(doc: Document, seed: str = "", layout: int | None = None) -> str:
    """An HTML page as a real site would show ``doc``: the article plus menus listing every
    oblast, a sidebar of other calls with their own deadlines and amounts, and a footer.

    ``layout`` (0–4) picks the page structure; by default it follows from ``seed``, so a
    folder gets a mix of semantic (``<nav>``, ``<aside>``, ``<article>``) and
    div-only pages.
    """
    if layout is None:
        layout = int(hashlib.sha256(seed.encode("utf-8")).hexdigest(), 16) % LAYOUTS
    title = html.escape(doc.title or "")
    body = _article_html(doc)
    canonical = f'<link rel="canonical" href="{html.escape(doc.url)}">' if doc.url and layout != 3 else ""
    english = layout == 2
    oblasts = [f"{o} oblast" for o in OBLASTS_EN] if english else [f"{o} область" for o in OBLASTS_UK]
    menu_links = "".join(f'<li><a href="/region/{i}">{html.escape(o)}</a></li>' for i, o in enumerate(oblasts))
    sidebar_items = SIDEBAR_EN if english else SIDEBAR_UK
    footer = ("© 2025 Grants portal. Kyiv, Khreshchatyk St. 1. All rights reserved. Privacy policy."
              if english else "© 2025 Портал грантів. м. Київ, вул. Хрещатик, 1. Усі права захищено. "
                              "Використання матеріалів — з посиланням. Тел. +380 44 000 00 00")
    head = (f"<!DOCTYPE html><html lang=\"{'en' if english else 'uk'}\"><head><meta charset=\"utf-8\">"
            f"<title>{title} — Портал грантів</title>{canonical}</head>")
    if layout == 0:
        aside = "".join(f'<li><a href="/call/{i}">{html.escape(t)}</a><p>{html.escape(d)}. {html.escape(a)}</p></li>'
                        for i, (t, d, a) in enumerate(sidebar_items))
        return (f"{head}<body><header><div class=\"logo\">Портал грантів</div><nav><ul>{menu_links}</ul></nav>"
                f"</header><main><article><h1>{title}</h1>{body}</article>"
                f"<aside><h3>Інші конкурси</h3><ul>{aside}</ul></aside></main>"
                f"<footer><p>{html.escape(footer)}</p></footer></body></html>")
    if layout == 1:
        cards = "".join(f'<div class="card"><a class="card-title" href="/c/{i}">{html.escape(t)}</a>'
                        f'<div class="card-meta">{html.escape(d)}</div><div class="card-sum">{html.escape(a)}</div></div>'
                        for i, (t, d, a) in enumerate(sidebar_items))
        return (f"{head}<body><div id=\"top\"><div class=\"menu\"><ul>{menu_links}</ul></div></div>"
                f"<div class=\"container\"><div class=\"row\"><div class=\"col-8\"><div class=\"post\">"
                f"<h1 class=\"post-title\">{title}</h1><div class=\"post-body\">{body}</div></div></div>"
                f"<div class=\"col-4\"><div class=\"widget\"><h4>Актуальні можливості</h4>{cards}</div></div></div></div>"
                f"<div class=\"bottom\"><div class=\"copy\">{html.escape(footer)}</div></div></body></html>")
    if layout == 2:
        related = "".join(f'<div class="related-item"><h4><a href="/o/{i}">{html.escape(t)}</a></h4>'
                          f"<span>{html.escape(d)}</span> · <span>{html.escape(a)}</span></div>"
                          for i, (t, d, a) in enumerate(sidebar_items))
        return (f"{head}<body><nav class=\"navbar\"><ul class=\"regions\">{menu_links}</ul></nav>"
                f"<div id=\"content\"><div class=\"entry\"><h1>{title}</h1><div class=\"entry-content\">{body}</div>"
                f"</div><div class=\"sidebar\"><h3>Related calls</h3>{related}</div></div>"
                f"<footer class=\"site-footer\">{html.escape(footer)}</footer></body></html>")
    if layout == 4:
        # Plain divs, no telling class names: the other calls (plain text) come before the article,
        # the oblast list is one line of text under it.
        other = "".join(f"<div><p>{html.escape(t)}</p><p>{html.escape(d)}</p><p>{html.escape(a)}</p></div>"
                        for t, d, a in sidebar_items)
        return (f"{head}<body><div class=\"wrap\"><div class=\"a1\"><h3>Добірка тижня</h3>{other}</div>"
                f"<div class=\"b2\"><h1>{title}</h1>{body}</div></div>"
                f"<div>{' | '.join(html.escape(o) for o in oblasts)}</div><div>{html.escape(footer)}</div></body></html>")
    # layout 3: an old table layout without a canonical URL; like such sites it prints the date of the
    # post under the headline. The oblast list and the other calls are plain text, not links.
    posted = ""
    if doc.published:
        year, month, day = doc.published.split("-")
        posted = f'<div class="date">{day}.{month}.{year}</div>'
    plain_regions = "<br>".join(html.escape(o) for o in oblasts)
    other = "".join(f"<p><b>{html.escape(t)}</b><br>{html.escape(d)}<br>{html.escape(a)}</p>"
                    for t, d, a in sidebar_items)
    return (f"{head}<body><table width=\"100%\"><tr><td class=\"left\" width=\"20%\"><b>Регіони</b><br>{plain_regions}"
            f"</td><td class=\"center\"><h1>{title}</h1>{posted}{body}</td><td class=\"right\" width=\"25%\">"
            f"<b>Актуальні гранти</b>{other}</td></tr></table><div class=\"foot\">{html.escape(footer)}</div>"
            f"</body></html>")
