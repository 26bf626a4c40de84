"""One parser module per publisher format; importing this package registers them all."""

from tradeguard.lists.sources import un_sc  # noqa: F401
from tradeguard.lists.sources import bis_dpl, us_csl  # noqa: F401
