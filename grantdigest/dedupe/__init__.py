"""One call, one entry: identity of calls across sources, and their changes.

- ``text``, ``links``, ``minhash``, ``fingerprint``: what a sighting looks like
  to identity (normalised title, codes, acronyms, identifying links, MinHash
  signature) and the index keys under which look-alikes are found;
- ``rules``: is a pair of sightings one call by content;
- ``resolver``: the identity rules in order of strength, over an index
  (``index.MemoryIndex`` in memory, ``storeindex.StoreIndex`` over SQLite);
- ``decisions``: manual ``split``/``merge`` that later crawls respect;
- ``changes``: which changes of a call become ``call_events`` rows;
- ``bulk``: many sightings at once (benchmark, evaluation);
- ``evaluate``: pairwise precision and recall against labelled groups.

README "Deduplication" and "Change tracking" describe the rules.
"""
