"""One parser module per publisher format; importing this package registers them all."""

from tradeguard.lists.sources import (  # noqa: F401
    bis_dpl,
    eu_fsf,
    ftm,
    jp_meti,
    jp_mof,
    ofac_csv,
    ofac_enhanced,
    ofac_xml,
    uk_ofsi_csv,
    uk_sanctions,
    un_sc,
    us_csl,
)
