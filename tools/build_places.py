"""Build ``tradeguard/data/names/list_places.txt``: the places the lists' own addresses name.

Reads every current entry of the default store (the bundled snapshot when nothing else was
loaded) and keeps, of each address, its city and the comma-separated parts after its first
(the street): the city, district, province and country the publisher wrote ("Dandong,
Liaoning, China"). A part is kept when it has one to three words, no digit, more than three
letters, and no word of a company form, a generic word of the name vocabulary or a word of a
street or building (:data:`STREET`). Screening reads the
file as a gazetteer of places a designated party's branch or office is named after
(tradeguard/screening/branch.py), beside ISO 3166 countries and subdivisions (pycountry).

Run ``python tools/build_places.py`` from the repository root; ``--check`` compares instead of
writing (exit 1 on change).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tradeguard" / "data" / "names" / "list_places.txt"
#: words of a street, building or office, never of a place's name
_STREET = (
    "ave avenue blvd boulevard rd road st str street strasse lane ln way highway hwy bldg building"
    " floor fl flr tower towers plaza center centre complex block blk house room rm suite apt unit"
    " office offices branch box km sector zone mall market square sq park estate compound gate"
    " no number villa hotel bank"
)
STREET = frozenset(_STREET.split())
HEADER = """\
# Places named by the addresses of the lists' entries (city, district, province, country as each
# publisher wrote them: UN, OFAC SDN and Consolidated, US CSL, EU, METI, MOF), folded, one a line.
# Written by tools/build_places.py from the bundled snapshot; do not edit by hand.
"""


def places() -> list[str]:
    from tradeguard.lists.snapshot import ensure_loaded
    from tradeguard.names.normalize import fold
    from tradeguard.names.vocab import vocabulary
    from tradeguard.store import Store

    vocab = vocabulary()
    common = {w for key in list(vocab.forms) + list(vocab.generic) for w in key}
    store = Store.open()
    ensure_loaded(store)
    found: set[str] = set()
    for entity in store.iter_current_entities():
        for address in entity.addresses:
            parts = [address.city or "", *(address.full or "").split(",")[1:]]
            for part in parts:
                text = fold(part)
                words = text.split()
                if not 1 <= len(words) <= 3 or re.search(r"\d", text):
                    continue
                if len(text.replace(" ", "")) <= 3 or any(
                    w in common or w in STREET for w in words
                ):
                    continue
                found.add(text)
    return sorted(found)


def main(argv: list[str]) -> int:
    text = HEADER + "".join(f"{p}\n" for p in places())
    if "--check" in argv:
        return 0 if OUT.read_text("utf-8") == text else 1
    OUT.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
