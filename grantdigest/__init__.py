"""grant-digest: what the design card has no folder for.

The CLI, configuration, messages, time handling, extraction/classification
and deduplication live here; `spiders/`, `storage/`, `digest/` and
`templates/` own their stages of the pipeline.
"""

__version__ = "0.1.0"
