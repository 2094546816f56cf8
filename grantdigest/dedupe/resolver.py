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
   to three or more sites) is attached to the first call it links to (its
   main item), and never bridges two others.
   Weaker: two sightings linking to the same specific page (a form, a PDF)
   are one call when their facts agree too (``rules.same_call(shared_link=True)``).
4. **Content**: candidates from the MinHash/title/facts/code index buckets,
   judged by ``rules.same_call`` and checked against every sighting of the
   candidate's call (deadline, years); the best-scoring call wins.

A sighting never joins a call that already has another sighting of its
source through rule 3's shared links or rule 4 (a source lists a call once).
When rules 2–3 find two different calls for one sighting, or it is a copy of
the texts of two calls, the calls are one: ``Resolution.merge`` names the
ones to fold into ``call_id`` (never two calls a source both lists, with
deadlines that disagree, or a person decided apart).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grantdigest.dedupe.fingerprint import Fingerprint
from grantdigest.dedupe.index import IdentityIndex, Ref
from grantdigest.dedupe.rules import same_call, title_similarity

GENERIC_LINK_CALLS = 3  # a link shared by this many calls names none of them
MAX_CANDIDATES = 50     # content candidates compared per sighting (the best-sharing first)


@dataclass
class Resolution:
    call_id: str | None            # None: a new call
    rule: str                      # manual | url | repost | reposted_by | shared_link | content:<reason> | new
    evidence: str = ""
    merge: list[str] = field(default_factory=list)   # other calls found to be the same
    score: float = 1.0
    copy: bool = False             # a content match by copied text (may join two calls)


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
        content = self._content(fp, blocked)
        if strong:
            resolution = Resolution(strong[0][0], strong[0][1], strong[0][2])
        elif content:
            resolution = content[0]
        else:
            return Resolution(None, "new")
        # other calls this sighting proves to be the same one: by a page link, or
        # by being a copy of the same text (a strict bar: a bridge joins two calls)
        bridges = [call for call, _, _ in strong[1:]]
        bridges += [r.call_id for r in content if r.copy]
        for call in bridges:
            if (call != resolution.call_id and call not in resolution.merge
                    and all(self._mergeable(joined, call) for joined in [resolution.call_id, *resolution.merge])):
                resolution.merge.append(call)
        return resolution

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
            refs = [r for r in self.index.refs_by_url(link)
                    if r.call_id not in blocked and r.site != fp.site and r.sighting_id != fp.sighting_id]
            call = self._one_call(fp, refs)     # one page may hold several calls: the headline decides
            if call and all(call != c for c, _ in linked):
                linked.append((call, link))
        # a roundup belongs to the first call it links to (its main item) and bridges nothing
        for call_id, link in linked[:1] if fp.roundup else linked:
            found.append((call_id, "repost", link))

        for ref in self.index.refs_linking_to(fp.url):
            if ref.site == fp.site or ref.call_id in blocked or ref.sighting_id == fp.sighting_id:
                continue
            if not ref.roundup:
                found.append((ref.call_id, "reposted_by", ref.sighting_id))
            elif self._leads_with(ref, fp.url) and self.index.members(ref.call_id) == [ref.sighting_id]:
                # a roundup seen before its main item, still on its own: it joins this page
                found.append((ref.call_id, "reposted_by", ref.sighting_id))
        return found

    def _leads_with(self, ref: Ref, url: str) -> bool:
        fps = self.index.fingerprints([ref.sighting_id])
        return bool(fps) and fps[ref.sighting_id].links[:1] == (url,)

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

    def _mergeable(self, a: str, b: str) -> bool:
        """Two calls may be folded into one automatically: no manual 'different'
        between them, no source seen in both (a source lists a call once) and
        no deadline in common when both have deadlines."""
        if self.index.call_sources(a) & self.index.call_sources(b):
            return False
        members_a, members_b = self.index.members(a), self.index.members(b)
        for sid in members_a:
            if self.index.decisions(sid)[1] & set(members_b):
                return False
        # a roundup's dates belong to the other calls it lists: they say nothing here
        dated_a = [f for f in self.index.fingerprints(members_a).values() if f.dated and not f.roundup]
        dated_b = [f for f in self.index.fingerprints(members_b).values() if f.dated and not f.roundup]
        return not dated_a or not dated_b or any(x.deadline_agrees(y) for x in dated_a for y in dated_b)

    def _compatible_call(self, fp: Fingerprint, call: str) -> bool:
        """Content may put ``fp`` into ``call`` only if no sighting of the call
        contradicts it: its deadline must agree with every deadline the call's
        pages state with a year (a look-alike must not pull next year's round
        into this year's call), and they must have a year in common."""
        members = [m for m in self.index.fingerprints(self.index.members(call)).values() if not m.roundup]
        if fp.dated:
            stated = [m for m in members if m.dated and m.year_stated]
            dated = stated or [m for m in members if m.dated]
            check = all if stated else any
            if dated and not check(fp.deadline_agrees(m) for m in dated):
                return False
        call_years = {y for m in members for y in m.years}
        return not (fp.years and call_years and not call_years & set(fp.years))

    # --- rules 3 (shared links) and 4 ----------------------------------------
    def _content(self, fp: Fingerprint, blocked: set[str]) -> list[Resolution]:
        """Calls that ``fp`` is one with by content, best first (one entry per call)."""
        index = self.index
        found = index.content_candidates(fp)
        hits, refs_by_id = found.hits, found.refs
        specific_codes, specific_acronyms = found.specific_codes, found.specific_acronyms
        agreement = found.agreement or {}
        shared_link: set[str] = set()
        if not fp.roundup:
            for link in fp.links:
                refs = [r for r in index.refs_linking_to(link) if not r.roundup]
                if len({r.call_id for r in refs}) >= GENERIC_LINK_CALLS:
                    continue
                for ref in refs:
                    shared_link.add(ref.sighting_id)
                    refs_by_id[ref.sighting_id] = ref
                    hits[ref.sighting_id] = hits.get(ref.sighting_id, 0) + 100

        own, source = fp.sighting_id, fp.source_id
        candidates = []
        for sid in sorted(hits, key=hits.__getitem__, reverse=True):      # most shared first (stable)
            ref = refs_by_id[sid]
            if sid != own and ref.source_id != source and ref.call_id not in blocked:
                candidates.append(sid)
                if len(candidates) == MAX_CANDIDATES:
                    break
        if not candidates:
            return []
        fps = index.fingerprints(candidates)
        best: dict[str, Resolution] = {}
        allowed: dict[str, bool] = {}
        for sid in candidates:
            other = fps.get(sid)
            if other is None:
                continue
            call = refs_by_id[sid].call_id
            if allowed.get(call) is False:
                continue
            verdict = same_call(fp, other, specific_codes=specific_codes, specific_acronyms=specific_acronyms,
                                shared_link=sid in shared_link, agreement=agreement.get(sid))
            if verdict is None or (call in best and verdict.score <= best[call].score):
                continue
            if call not in allowed:
                allowed[call] = source not in index.call_sources(call) and self._compatible_call(fp, call)
            if not allowed[call]:
                continue
            rule = "shared_link" if verdict.reason == "shared_link" else f"content:{verdict.reason}"
            best[call] = Resolution(call, rule, sid, score=verdict.score, copy=verdict.copy)
        return sorted(best.values(), key=lambda r: (-r.score, r.call_id))
