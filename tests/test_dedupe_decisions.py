"""Manual identity decisions (`grantdigest calls split` / `calls merge`) and
that later crawls respect them."""

import datetime as dt
import json

import pytest

from conftest import FIXTURES, run_cli
from grantdigest.dedupe.decisions import merge_calls, split_call
from grantdigest.errors import UserError
from grantdigest.ingest import ingest
from storage import Store

AS_OF = dt.date(2025, 7, 20)
URL = "https://svitanok-fund.org/competitions/hromady-2025"
DONOR = {"source_id": "fund-site", "url": URL, "title": "Конкурс «Сильні громади – 2025»",
         "text": "Фонд «Світанок» оголошує конкурс для громад. Заявки до 15 серпня 2025 року."}
REPOST = {"source_id": "hromady-news", "url": "https://hromady-news.example/n/1", "title": "Гранти для громад",
          "text": "Подробиці на сайті фонду.", "links": [URL]}
WRONG = {"source_id": "youth-news", "url": "https://youth-news.example/p/5", "title": "Молодіжний конкурс",
         "text": "Конкурс для молоді, подробиці за посиланням.", "links": [URL]}   # a repost put in wrongly
OTHER = {"source_id": "other-fund", "url": "https://other-fund.example/calls/7", "title": "Strong communities grants",
         "text": "Grants for communities of Poltava oblast."}


def ingest_all(store, *items):
    return [ingest(store, dict(i), AS_OF) for i in items]


def test_split_moves_sightings_out_and_recrawls_respect_it(store):
    donor, repost, wrong = ingest_all(store, DONOR, REPOST, WRONG)
    assert donor.call_id == repost.call_id == wrong.call_id
    new_call = split_call(store, donor.call_id, [WRONG["url"]], AS_OF, note="інший конкурс")
    assert store.call_of_sighting(wrong.sighting_id) == new_call != donor.call_id
    assert {s["id"] for s in store.sightings_of(donor.call_id)} == {donor.sighting_id, repost.sighting_id}
    # the same crawl again (and a changed text) keeps the split
    ingest_all(store, DONOR, REPOST, WRONG, {**WRONG, "text": WRONG["text"] + " Оновлено."})
    assert store.call_of_sighting(wrong.sighting_id) == new_call
    assert store.call_of_sighting(repost.sighting_id) == donor.call_id
    # both calls keep their own fields
    assert store.call(new_call)["title"] == "Молодіжний конкурс"
    decision = store.identity_decisions()[0]
    assert decision["kind"] == "different" and decision["note"] == "інший конкурс"


def test_a_split_holds_for_new_sightings_and_a_fresh_database(store, tmp_path):
    donor, repost, wrong = ingest_all(store, DONOR, REPOST, WRONG)
    new_call = split_call(store, donor.call_id, [wrong.sighting_id], AS_OF)
    # a new page that repeats the wrongly merged one goes with it, not with the donor's call
    follower = ingest(store, {"source_id": "aggregator-2", "url": "https://agg2.example/x",
                              "title": "Молодіжний конкурс", "text": "Див.", "links": [WRONG["url"]]}, AS_OF)
    assert follower.call_id == new_call
    # decisions are about sightings: a database rebuilt by re-ingesting honours them
    with Store(tmp_path / "fresh.db") as fresh:
        for row in store.identity_decisions():
            fresh.add_identity_decision(row["kind"], row["a"], row["b"], row["note"])
        d, r, w = ingest_all(fresh, DONOR, REPOST, WRONG)
        assert d.call_id == r.call_id != w.call_id


def test_merge_folds_calls_and_recrawls_respect_it(store):
    donor, other = ingest_all(store, DONOR, OTHER)
    assert donor.call_id != other.call_id
    target = merge_calls(store, [donor.call_id, other.call_id], AS_OF, note="англомовна версія")
    assert target == donor.call_id
    assert store.call_of_sighting(other.sighting_id) == donor.call_id
    folded = store.call(other.call_id)
    assert folded["merged_into"] == donor.call_id and folded["hidden"] == 1
    ingest_all(store, DONOR, OTHER)
    assert store.call_of_sighting(other.sighting_id) == donor.call_id
    assert [c["id"] for c in store.calls()] == [donor.call_id]
    assert store.events(donor.call_id) == []     # a correction is not news


def test_merge_after_split_supersedes_it(store):
    donor, repost, wrong = ingest_all(store, DONOR, REPOST, WRONG)
    new_call = split_call(store, donor.call_id, [wrong.sighting_id], AS_OF)
    merge_calls(store, [donor.call_id, new_call], AS_OF)
    same, different = store.identity_decisions_of(wrong.sighting_id)
    assert not different and donor.sighting_id in same
    assert store.call_of_sighting(wrong.sighting_id) == donor.call_id


def test_bad_decisions_are_clear_errors(store):
    donor, repost = ingest_all(store, DONOR, REPOST)
    with pytest.raises(UserError, match="немає в базі"):
        split_call(store, "no-such-call", [donor.sighting_id], AS_OF)
    with pytest.raises(UserError, match="немає появи"):
        split_call(store, donor.call_id, ["https://nowhere.example/"], AS_OF)
    with pytest.raises(UserError, match="не лишилося б"):
        split_call(store, donor.call_id, [donor.sighting_id, repost.sighting_id], AS_OF)
    with pytest.raises(UserError, match="два різні"):
        merge_calls(store, [donor.call_id, donor.call_id], AS_OF)


def test_cli_sightings_split_and_merge(tmp_path):
    db = tmp_path / "g.db"
    with Store(db) as store:
        donor, repost, wrong = ingest_all(store, DONOR, REPOST, WRONG)
    env = {"GRANTDIGEST_DB": str(db)}
    listed = run_cli("calls", "sightings", donor.call_id, env=env)
    assert listed.returncode == 0, listed.stderr
    assert wrong.sighting_id in listed.stdout and "repost" in listed.stdout
    split = run_cli("calls", "split", donor.call_id, WRONG["url"], "--note", "інший конкурс", env=env)
    assert split.returncode == 0, split.stderr
    new_call = split.stdout.split()[-1]
    shown = json.loads(run_cli("calls", "show", new_call, env=env).stdout)
    assert [s["url"] for s in shown["sightings"]] == [WRONG["url"]]
    merged = run_cli("calls", "merge", donor.call_id, new_call, env=env)
    assert merged.returncode == 0, merged.stderr
    bad = run_cli("calls", "split", "no-such-call", "x", env=env)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "no-such-call" in bad.stderr


def test_reindex_rebuilds_the_index_and_keeps_calls(store):
    from grantdigest.dedupe.reindex import reindex

    donor, repost, _ = ingest_all(store, DONOR, REPOST, WRONG)
    store.db.execute("DELETE FROM sighting_buckets")
    store.db.execute("DELETE FROM sighting_links")
    store.db.execute("UPDATE sightings SET canonical_url = 'https://stale.example/x'")
    store.db.conn.commit()
    assert reindex(store) == 3
    assert store.sighting(donor.sighting_id)["canonical_url"] == URL
    assert store.count("sighting_buckets") > 0 and store.count("sighting_links") >= 2
    assert store.call_of_sighting(repost.sighting_id) == donor.call_id
    # the rebuilt index finds the call again for a new repost
    again = ingest(store, {**REPOST, "source_id": "another-site", "url": "https://another.example/n/2"}, AS_OF)
    assert again.call_id == donor.call_id


def test_migration_rebuilds_the_index_of_an_older_database(tmp_path):
    """m0310: a database whose index rows are still in m0300's ``sighting_keys`` gets its
    ``sighting_buckets`` rebuilt from the stored sightings, and content finds its calls again."""
    text = (FIXTURES / "announcements" / "texts" / "a04.txt").read_text(encoding="utf-8")
    path = tmp_path / "old.db"
    with Store(path) as store:
        first = ingest(store, {"source_id": "fund", "url": "https://fund.example/calls/1",
                               "title": "Конкурс для громад", "text": text}, AS_OF)
        rows = "SELECT key, scope, sighting_id FROM sighting_buckets ORDER BY 1, 2"
        before = store.db.execute(rows).fetchall()
        # the database as m0300 left it: index rows in sighting_keys, m0310 not applied
        store.db.execute("CREATE TABLE sighting_keys (key INTEGER, sighting_id TEXT)")
        store.db.execute("INSERT INTO sighting_keys SELECT key + 1, sighting_id FROM sighting_buckets")
        store.db.execute("DROP TABLE sighting_buckets")
        store.db.execute("DELETE FROM migrations WHERE name = 'm0310_identity_buckets'")
        store.db.conn.commit()
    with Store(path) as store:
        assert "sighting_keys" not in store.db.table_names()
        assert store.db.execute(rows).fetchall() == before and len(before) > 10
        copy = ingest(store, {"source_id": "news", "url": "https://news.example/2", "title": "Інший заголовок",
                              "text": text}, AS_OF)
        assert copy.call_id == first.call_id and copy.rule.startswith("content")
