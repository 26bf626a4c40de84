"""One parser module per publisher format; importing this package registers them all."""

from tradeguard.lists.sources import (  # noqa: F401
    bis_dpl,
    ftm,
    jp_meti,
    jp_mof,
    ofac_csv,
    un_sc,
    us_csl,
)
