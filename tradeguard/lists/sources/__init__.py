"""One parser module per publisher format; importing this package registers them all."""

from tradeguard.lists.sources import un_sc  # noqa: F401
