"""The crawl process loads only what crawling needs: extraction, identity and the
database writes run in the writer process, which imports them itself
(``spiders.writer``), so the crawl's start is not spent importing them."""

import subprocess
import sys

WRITER_SIDE = ("grantdigest.extract.announcement", "grantdigest.ingest", "grantdigest.dedupe",
               "spiders.writer_process", "spiders.classify_pool")


def test_the_crawl_process_does_not_import_what_the_writer_runs(tmp_path):
    """Nor does creating the database (a migration's rebuild of old index rows needs the
    identity library only when there are rows to rebuild)."""
    code = ("import sys, grantdigest.crawl, spiders.catalog, spiders.pipelines, spiders.extensions, "
            "spiders.middlewares_faults, spiders.progress\n"
            f"from storage import Store\nStore({str(tmp_path / 'new.db')!r}).close()\n"
            f"print(sorted(m for m in sys.modules if m.startswith({WRITER_SIDE!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
