"""Spiders: fetching. Family classes (feed, html, api, ...) configured by the
source registry (``sources.toml``), the one item schema (``items.py``), the
pipeline that hands items to ``grantdigest.ingest``, and Scrapy settings.
"""
