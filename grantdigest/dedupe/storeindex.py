"""The identity index over the database (every ingest uses it).

A thin adapter: the SQL is in ``storage.Store`` (section "identity"); this
turns its rows into ``Ref`` and ``Fingerprint`` objects and back.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Iterable

import numpy as np

from grantdigest.dedupe import minhash
from grantdigest.dedupe.fingerprint import ANY, Fingerprint, signature_text
from grantdigest.dedupe.index import ANY_BUCKET_CAP, Bucket, Candidates, Ref, collect, drop_weak
from grantdigest.dedupe.text import normalise_title, title_core, title_oblasts
from grantdigest.urls import registered_domain, url_host
from storage import Store


def fingerprint_columns(fp: Fingerprint) -> dict:
    """The sighting columns that keep a fingerprint (m0300_identity)."""
    return {
        "fp_sig": fp.sig.astype(np.uint64).tobytes(), "fp_count": fp.shingles,
        "fp_idents": _json_list(fp.identifiers),
        "fp_acronyms": _json_list(list(fp.acronyms) + ["~" + a for a in fp.slug_acronyms]),
        "fp_links": _json_list(fp.links, ensure_ascii=False), "fp_roundup": int(fp.roundup),
        "fp_extension": int(fp.extension), "fp_years": _json_list(fp.years),
        "fp_oblasts": _json_list(fp.oblasts), "fp_script": fp.script,
    }


def _json_list(items, ensure_ascii: bool = True) -> str:
    return json.dumps(list(items), ensure_ascii=ensure_ascii) if items else "[]"   # most are empty


@lru_cache(maxsize=65536)
def _site(url: str) -> str:
    """The registered domain of a stored canonical URL (every look-up meets the same ones again)."""
    return registered_domain(url_host(url or ""))


def _ref(row: tuple) -> Ref:
    sid, call_id, source_id, own_id, url, roundup = row
    return Ref(sid, call_id, source_id, own_id, _site(url), bool(roundup))


def _loads(value) -> tuple:
    if not value:
        return ()
    return tuple(json.loads(value)) if isinstance(value, str) else tuple(value)


def fingerprint_from_row(row: dict) -> Fingerprint:
    blob = row.get("fp_sig")
    sig = (np.frombuffer(blob, dtype=np.uint64).copy() if blob
           else np.full(minhash.BINS, minhash.EMPTY, dtype=np.uint64))
    amount = row.get("amount_max")
    return Fingerprint(
        sighting_id=row["id"], source_id=row["source_id"], own_id=row.get("source_item_id"),
        url=row.get("canonical_url") or "", site=_site(row.get("canonical_url") or ""),
        title=normalise_title(row.get("title") or ""), title_core=title_core(row.get("title") or ""),
        sig=sig, shingles=int(row.get("fp_count") or 0), deadline=row.get("deadline"),
        published=(row.get("published") or None) and str(row["published"])[:10],
        amount=float(amount) if amount is not None else None, currency=row.get("currency"),
        regions=tuple(row.get("regions") or ()), language=row.get("language"),
        identifiers=_loads(row.get("fp_idents")),
        acronyms=tuple(a for a in _loads(row.get("fp_acronyms")) if not a.startswith("~")),
        slug_acronyms=tuple(a[1:] for a in _loads(row.get("fp_acronyms")) if a.startswith("~")),
        links=_loads(row.get("fp_links")), roundup=bool(row.get("fp_roundup")),
        extension=bool(row.get("fp_extension")), years=_loads(row.get("fp_years")),
        oblasts=_loads(row.get("fp_oblasts")), headline_oblasts=tuple(title_oblasts(row.get("title") or "")),
        script=row.get("fp_script") or "", text=signature_text(row),
    )


class StoreIndex:
    """``IdentityIndex`` answered by SQLite (see ``grantdigest.dedupe.index``)."""

    def __init__(self, store: Store):
        self.store = store

    def refs_by_url(self, url: str) -> list[Ref]:
        return [_ref(r) for r in self.store.identity_refs_by_url(url)]

    def refs_linking_to(self, url: str) -> list[Ref]:
        return [_ref(r) for r in self.store.identity_refs_linking_to(url)]

    def content_candidates(self, fp: Fingerprint) -> Candidates:
        buckets, capped = fp.lookups()
        return drop_weak(fp, collect(fp, self.refs_in(buckets, capped, ANY_BUCKET_CAP)), self.fingerprints)

    def refs_in(self, buckets: list[Bucket], capped: list[int], cap: int) -> dict[Bucket, list[Ref]]:
        members, rows = self.store.identity_refs_in_buckets(buckets, capped, cap, any_scope=ANY)
        refs = {sid: _ref(row) for sid, row in rows.items()}    # one Ref per sighting, shared by its buckets
        return {bucket: [refs[sid] for sid in sids] for bucket, sids in members.items()}

    def fingerprints(self, sighting_ids: Iterable[str]) -> dict[str, Fingerprint]:
        """By id, as stored. The connection keeps them while their rows stay as they are
        (``Store.identity_fingerprints``): a crawl meets the same candidates item after item."""
        return self.store.identity_fingerprints(sorted(set(sighting_ids)), fingerprint_from_row)

    def call_of(self, sighting_id: str) -> str | None:
        return self.store.call_of_sighting(sighting_id)

    def members(self, call_id: str) -> list[str]:
        return self.store.call_member_ids(call_id)

    def call_sources(self, call_id: str) -> set[str]:
        return self.store.call_source_ids(call_id)

    def decisions(self, sighting_id: str) -> tuple[set[str], set[str]]:
        return self.store.identity_decisions_of(sighting_id)
