"""Operations: what keeps grant-digest running unattended.

``lock`` (one crawl at a time), ``guard`` (lock + run log around every crawl,
scheduled or ad hoc), ``due`` (which sources a scheduled crawl takes),
``jobs`` (the scheduler's jobs as subprocess steps), ``scheduler``
(APScheduler with a persistent SQLite job store), ``manual`` (calls staff add
or hide by hand), ``fetch`` (one page through the crawl's own transport).
"""

EXIT_BUSY = 75  # EX_TEMPFAIL: another crawl holds the lock, or the database stayed locked; try later
