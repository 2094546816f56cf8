"""Registry selectors, compiled once and evaluated straight on lxml elements.

A registry selector is CSS in Scrapy syntax (``::text``, ``::attr(x)``) or
``xpath:`` followed by an XPath. Through parsel, every use of one on a node
(``node.css(sel).getall()``) looks up the translation and the compiled XPath,
wraps each result -- every text node and attribute value -- in a Selector and
a SelectorList, and serialises each of them back (trying ``etree.tostring`` on
a string first and catching the TypeError). On a list page that is most of the
spider's own work, so here a selector is translated by parsel's own CSS
translator (``::text`` and ``::attr()`` mean the same), compiled once into an
``lxml.etree.XPath`` with the namespaces and ``smart_strings=False`` parsel
would use, and its raw results are turned into strings by the rules of
parsel's ``Selector.get()``.

Only plain html/xml nodes take this path: a node of another type (JSON,
text), a node that is itself a string, a node with namespaces registered, or
a query naming parsel's EXSLT prefixes (``re:``, ``set:``, for which parsel
compiles differently) goes through parsel, so every answer is parsel's.
"""

from __future__ import annotations

from functools import lru_cache

import parsel
from lxml import etree
from parsel.csstranslator import GenericTranslator, HTMLTranslator
from scrapy.http import TextResponse

# the translators and serialisation methods of parsel's html and xml selectors (parsel.selector._ctgroup)
_TRANSLATORS = {"html": HTMLTranslator(), "xml": GenericTranslator()}
_TOSTRING = {"html": "html", "xml": "xml"}
_DEFAULT_NAMESPACES = dict(parsel.Selector._default_namespaces)


def select(node, selector: str):
    """A registry selector through parsel: a SelectorList, for callers that want one."""
    if selector.startswith("xpath:"):
        return node.xpath(selector[len("xpath:"):])
    return node.css(selector)


@lru_cache(maxsize=1024)
def compiled(selector: str, type_: str) -> tuple[etree.XPath, str] | None:
    """The selector as a compiled XPath (and its text, for error messages) for documents of
    ``type_`` ("html" or "xml"); None when parsel compiles it differently (EXSLT prefixes)."""
    query = selector[len("xpath:"):] if selector.startswith("xpath:") else _TRANSLATORS[type_].css_to_xpath(selector)
    # parsel maps its default prefixes (re, set: EXSLT) only when the query names them, and
    # then compiles the query on every call; leave such queries to parsel
    if any(f"{prefix}:" in query for prefix in _DEFAULT_NAMESPACES):
        return None
    try:
        return etree.XPath(query, namespaces={}, smart_strings=False), query
    except etree.XPathError as exc:
        raise ValueError(f"XPath error: {exc} in {query}") from None  # parsel's message


def _target(node) -> tuple[etree._Element, str] | None:
    """The lxml node and document type ("html"/"xml") to evaluate on, or None for parsel."""
    if isinstance(node, TextResponse):
        node = node.selector
    if (isinstance(node, parsel.Selector) and node.type in _TOSTRING and isinstance(node.root, etree._Element)
            and node.namespaces == _DEFAULT_NAMESPACES):
        return node.root, node.type
    return None


def evaluate(node, selector: str) -> tuple[list, str] | None:
    """The raw results of ``selector`` on ``node`` (a Response or a parsel Selector): lxml
    elements, strings, numbers or booleans, and the document type; None when the node must
    go through parsel (see the module's docstring)."""
    target = _target(node)
    if target is None:
        return None
    root, type_ = target
    xpath = compiled(selector, type_)
    if xpath is None:
        return None
    try:
        result = xpath[0](root)
    except etree.XPathError as exc:
        raise ValueError(f"XPath error: {exc} in {xpath[1]}") from None
    return (result if isinstance(result, list) else [result]), type_


def serialise(value, type_: str) -> str:
    """One result as parsel's ``Selector.get()`` gives it."""
    if isinstance(value, str):  # text and attribute values, string functions (smart_strings=False)
        return str(value)
    if value is True:
        return "1"
    if value is False:
        return "0"
    try:
        return etree.tostring(value, method=_TOSTRING[type_], encoding="unicode", with_tail=False)
    except (AttributeError, TypeError):  # numbers, namespace nodes
        return str(value)


def getall(node, selector: str) -> list[str]:
    """``select(node, selector).getall()``."""
    found = evaluate(node, selector)
    if found is None:
        return select(node, selector).getall()
    values, type_ = found
    return [serialise(v, type_) for v in values]


def first(node, selector: str) -> str | None:
    """``select(node, selector).get()``: the first result, or None."""
    found = evaluate(node, selector)
    if found is None:
        return select(node, selector).get()
    values, type_ = found
    return serialise(values[0], type_) if values else None
