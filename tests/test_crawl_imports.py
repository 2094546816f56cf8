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


def test_scrapys_remote_control_server_is_neither_loaded_nor_started(tmp_path):
    """Scrapy 2.19's RemoteControl extension (on by default) serves code execution over HTTP
    on localhost and writes its token to a job file; the crawl settings turn it off, and it is
    not even imported (aiohttp: a tenth of a second of every crawl's start)."""
    code = ("import sys, scrapy\n"
            "from scrapy.crawler import CrawlerProcess\n"
            "from scrapy.settings import Settings\n"
            "import spiders.settings as project\n"
            "settings = Settings(); settings.setmodule(project, priority='project')\n"
            f"settings.set('REMOTE_CONTROL_JOBS_DIR', {str(tmp_path / 'jobs')!r})\n"
            "class Probe(scrapy.Spider):\n    name = 'probe'\n"
            "crawler = CrawlerProcess(settings).create_crawler(Probe)\n"
            "crawler._apply_settings()\n"
            "print(sorted(type(e).__name__ for e in crawler.extensions.middlewares))\n"
            "print('scrapy.extensions.remote_control' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    extensions, imported = done.stdout.strip().splitlines()
    assert "RunRecorder" in extensions and "CoreStats" in extensions   # the manager was built
    assert "RemoteControl" not in extensions and imported == "False"
    assert not (tmp_path / "jobs").exists()
