"""Digest: selecting and grouping calls, rendering the static site and the
email (through ``templates/``), and sending it with a delivery log."""
