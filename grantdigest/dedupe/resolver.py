"""Which call does a new sighting belong to? Identity rules, strongest first.

0. **Manual decisions** (``grantdigest calls merge/split``): a sighting a person
   said is the same as another joins that one's call; a call holding a
   sighting a person said is different is never a candidate.
1. **The source's own id**: a sighting's identity *is* (source, own id) —
   or (source, canonical URL) when the source has no id — so a sighting seen
   again is found before any rule runs (``grantdigest.ingest``).
2. **Canonical URL**: another source's sighting of the same page. Never
   within one source: two items of one source with different own ids are two
   calls even at one URL (EU cascade-funding calls share a page).
3. **Repost → original**: the sighting links to a page we know (the donor's
   page, the application form) or a known page links to it. A roundup (links
   to three or more sites) is attached to the first linked call whose
   deadline agrees, and never bridges two others.
   Weaker: two sightings linking to the same specific page (a form, a PDF)
   are one call when their facts agree too (``rules.same_call(shared_link=True)``).
4. **Content**: candidates from the MinHash/title/facts/code index buckets,
   judged by ``rules.same_call``; the best-scoring call wins.

A sighting never joins a call that already has another sighting of its
source through rule 3's shared links or rule 4 (a source lists a call once).
When rules 2–3 find two different calls for one sighting, the calls are one:
``Resolution.merge`` names the ones to fold into ``call_id``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from grantdigest.dedupe.fingerprint import Fingerprint
from grantdigest.dedupe.index import IdentityIndex, Ref
from grantdigest.dedupe.rules import same_call, title_similarity

ANY_BUCKET_CAP = 24     # an undated sighting looks into a dated bucket only if it is this small
GENERIC_LINK_CALLS = 3  # a link shared by this many calls names none of them
MAX_CANDIDATES = 200    # content candidates compared per sighting (the best-sharing first)


@dataclass
class Resolution:
    call_id: str | None            # None: a new call
    rule: str                      # manual | url | repost | reposted_by | shared_link | content:<reason> | new
    evidence: str = ""
    merge: list[str] = field(default_factory=list)   # other calls found to be the same
    score: float = 1.0


class Resolver:
    def __init__(self, index: IdentityIndex):
        self.index = index

    def resolve(self, fp: Fingerprint) -> Resolution:
        index = self.index
        same, different = index.decisions(fp.sighting_id)
        blocked = {c for c in (index.call_of(s) for s in different) if c}
        forced = sorted({c for c in (index.call_of(s) for s in same) if c} - blocked)
        if forced:
            return Resolution(forced[0], "manual", ",".join(sorted(same)), merge=forced[1:])

        strong = self._strong(fp, blocked)
        if strong:
            primary, rule, evidence = strong[0]
            others = []
            for call, _, _ in strong[1:]:
                if call != primary and call not in others and self._mergeable(primary, call):
                    others.append(call)
            return Resolution(primary, rule, evidence, merge=others)

        best = self._content(fp, blocked)
        if best:
            return best
        return Resolution(None, "new")

    # --- rules 2 and 3 ------------------------------------------------------
    def _strong(self, fp: Fingerprint, blocked: set[str]) -> list[tuple[str, str, str]]:
        found: list[tuple[str, str, str]] = []
        refs = [r for r in self.index.refs_by_url(fp.url)
                if r.sighting_id != fp.sighting_id and r.source_id != fp.source_id and r.call_id not in blocked]
        call = self._one_call(fp, refs)
        if call:
            found.append((call, "url", fp.url))

        linked: list[tuple[str, str]] = []
        for link in fp.links:
            for ref in self.index.refs_by_url(link):
                if ref.call_id not in blocked and ref.site != fp.site and ref.sighting_id != fp.sighting_id:
                    if all(ref.call_id != c for c, _ in linked):
                        linked.append((ref.call_id, link))
        if len(linked) == 1 and not fp.roundup:
            found.append((linked[0][0], "repost", linked[0][1]))
        elif linked:
            chosen = self._first_compatible(fp, linked)
            if chosen:
                found.append((chosen[0], "repost", chosen[1]))

        for ref in self.index.refs_linking_to(fp.url):
            if (not ref.roundup and ref.site != fp.site and ref.call_id not in blocked
                    and ref.sighting_id != fp.sighting_id):
                found.append((ref.call_id, "reposted_by", ref.sighting_id))
        return found

    def _one_call(self, fp: Fingerprint, refs: list[Ref]) -> str | None:
        calls = sorted({r.call_id for r in refs})
        if len(calls) <= 1:
            return calls[0] if calls else None
        # one page, several calls (cascade calls): the one whose title matches
        fps = self.index.fingerprints(r.sighting_id for r in refs)
        scored = sorted(((title_similarity(fp, fps[r.sighting_id]), r.call_id) for r in refs if r.sighting_id in fps),
                        reverse=True)
        if scored and scored[0][0] >= 0.8 and (len(scored) == 1 or scored[1][0] < scored[0][0] - 0.1
                                               or scored[1][1] == scored[0][1]):
            return scored[0][1]
        return None

    def _first_compatible(self, fp: Fingerprint, linked: list[tuple[str, str]]) -> tuple[str, str] | None:
        """A roundup or a page linking to several calls: the first whose deadline agrees."""
        for call, link in linked:
            members = self.index.fingerprints(self.index.members(call))
            if not fp.dated or any(not m.dated or m.scope == fp.scope for m in members.values()):
                return call, link
        return None

    def _mergeable(self, a: str, b: str) -> bool:
        """Two calls may be folded into one automatically: no manual 'different'
        between them and no source seen in both (a source lists a call once)."""
        if self.index.call_sources(a) & self.index.call_sources(b):
            return False
        members_b = set(self.index.members(b))
        for sid in self.index.members(a):
            if self.index.decisions(sid)[1] & members_b:
                return False
        return True

    # --- rules 3 (shared links) and 4 ----------------------------------------
    def _content(self, fp: Fingerprint, blocked: set[str]) -> Resolution | None:
        index = self.index
        _, query_keys, capped = fp.content_keys()
        buckets = index.refs_by_keys(query_keys, capped, ANY_BUCKET_CAP)
        ident_keys = fp.identifier_keys()
        acr_keys = fp.acronym_keys()
        specific_codes = frozenset(ident_keys[k] for k, refs in buckets.items()
                                   if k in ident_keys and len({r.call_id for r in refs}) == 1)
        specific_acronyms = frozenset(acr_keys[k] for k, refs in buckets.items()
                                      if k in acr_keys and len({r.call_id for r in refs}) == 1)

        hits: dict[str, int] = defaultdict(int)
        refs_by_id: dict[str, Ref] = {}
        for refs in buckets.values():
            for ref in refs:
                hits[ref.sighting_id] += 1
                refs_by_id[ref.sighting_id] = ref
        shared_link: set[str] = set()
        if not fp.roundup:
            for link in fp.links:
                refs = [r for r in index.refs_linking_to(link) if not r.roundup]
                if len({r.call_id for r in refs}) >= GENERIC_LINK_CALLS:
                    continue
                for ref in refs:
                    shared_link.add(ref.sighting_id)
                    refs_by_id[ref.sighting_id] = ref
                    hits[ref.sighting_id] += 100

        candidates = [sid for sid in sorted(hits, key=lambda s: -hits[s])
                      if sid != fp.sighting_id and refs_by_id[sid].source_id != fp.source_id
                      and refs_by_id[sid].call_id not in blocked][:MAX_CANDIDATES]
        if not candidates:
            return None
        fps = index.fingerprints(candidates)
        best: Resolution | None = None
        sources_cache: dict[str, set[str]] = {}
        for sid in candidates:
            other = fps.get(sid)
            if other is None:
                continue
            verdict = same_call(fp, other, specific_codes=specific_codes, specific_acronyms=specific_acronyms,
                                shared_link=sid in shared_link)
            if verdict is None or (best is not None and verdict.score <= best.score):
                continue
            call = refs_by_id[sid].call_id
            if call not in sources_cache:
                sources_cache[call] = index.call_sources(call)
            if fp.source_id in sources_cache[call]:
                continue
            rule = "shared_link" if verdict.reason == "shared_link" else f"content:{verdict.reason}"
            best = Resolution(call, rule, sid, score=verdict.score)
        return best
