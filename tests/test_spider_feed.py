"""Feed family on the real WordPress RSS recording (opportunitiesforyouth.org)."""

from conftest import REAL, XmlResponse, file_response, spider_for

URL = "https://opportunitiesforyouth.org/feed/"


def test_feed_keeps_grants_with_full_content():
    spider = spider_for("opportunitiesforyouth")
    response = file_response(REAL / "opportunitiesforyouth" / "feed-wordpress-rss-grants-heavy-2026-03.xml",
                             URL, kind=XmlResponse)
    items = list(spider.parse(response))
    # 10 entries, 7 in the "Grants" category; content:encoded holds the full post
    assert len(items) == 7
    assert all(not hasattr(i, "callback") for i in items)
    titles = [i.title for i in items]
    assert "New York Women’s Foundation Spring 2026 Early Investment Grant" in titles
    nywf = items[titles.index("New York Women’s Foundation Spring 2026 Early Investment Grant")]
    assert nywf.url == "https://opportunitiesforyouth.org/2026/03/10/new-york-womens-foundation-spring-2026-early-investment-grant/"
    assert nywf.published == "2026-03-10T16:48:55Z"
    assert nywf.source_item_id == "https://opportunitiesforyouth.org/?p=76321"
    assert len(nywf.text) > 2000 and "appeared first on" not in nywf.text[:200]
