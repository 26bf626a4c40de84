"""Screening on names nobody in this project wrote, beside nomenklatura logic-v2.

Run: ``python benchmarks/screening_outside.py [--no-nomenklatura] [--show N] [--per-pair N]
[--only pairs|book] [--sample N --seed S] [--shard K/N] [--records F] [--from-records F ...]
[--entities-cache F] [--index-cache F]`` (``pip install -e '.[bench]'`` for nomenklatura).
Always against the snapshot bundled with the package (every list it holds), at the default
threshold. ``--sample N`` screens N of (a)'s names drawn with seed S, ``--shard K/N`` every
N-th of them from the K-th; ``--records F`` writes each screened name's record as it comes (a
run cut short keeps a random part), and ``--from-records`` prints the tables of several such
files together. The caches are pickles made on first use, shared by the runs of one snapshot.

(a) **Cross-publisher pairs.** The same party as two publishers write it, paired by the lists'
own data, never by a matcher: the same strong identifier (passport, IMO, registration ...) on
entries of two publishers, a UN reference number that another publisher quotes (MOF's
``un_reference``, a ``QDi.057`` in remarks or properties, the EU's UN ids), and the CSL's
copies of the SDN (``entity_number`` is the SDN's own id). Each name of one entry that the other
entry does not carry verbatim is screened against the other publisher's lists only; it is found
when the paired entry scores at least the threshold.

Each miss is put down to one cause, from the scorer's own explanation of the paired entry's
best name, in this order: ``a note in the name`` (what a list writes into a name field besides
the name: MOF's "Fabio Fusco, born 25 May 1968 in Naples, Italy", "...にて出生",
"(【ロシア語】)"); ``another name`` (a Latin name none of whose words of three letters or more
starts with the three letters of a word of any of the paired entry's names: an alias the other
publisher does not give in any spelling, ``Joe`` for SUFAAT, Yazid); ``not retrieved`` (the
paired entry is not among the 20 best results, and one of its names compared with the screened
name directly reaches the threshold: it would have been found, had it been retrieved; when no
name does, the cause is read from the best of those comparisons, as below); ``different
words`` (each side keeps words the other lacks); ``query words missing`` (words of the screened name that the entry lacks);
``entry words missing`` (the reverse); ``spelling`` (every word met, some only as a variant too
far apart). All of these stay counted as misses. One cause is out of scope, and counted apart,
never dropped: **translation**, a name of an organisation that the EU gives in one of its
languages other than English (``nameLanguage`` stated and not ``en``): the same party under
translated words, which no name matcher can be expected to find. Recall is printed with and
without these names ("all" and "in scope").

(b) **A clean book**: ``benchmarks/clean_book.csv``, listed companies of Korea, Japan, Taiwan,
Hong Kong, the US and the UK as exchange listings published in public repositories give them
(each row names its source). Rows whose name is a list entry's name exactly (the resolver's
``exact_name`` key, :func:`tradeguard.network.graph.normalise_name`) are put aside as listed
and printed. Every other row is screened with its country against all lists; a row is a false
positive when any entry reaches the threshold. Rows are grouped by phenomenon.

nomenklatura logic-v2 scores the same candidates (tradeguard's retrieval, top 15 per query, as
``screening_quality.py`` does) at yente's threshold 0.7. Every table gives both systems on the
same names, per phenomenon (publisher pair, script, schema, script and schema, translation or
not; each clean-book group and country), and marks the lines where tradeguard does worse than
logic-v2, with three of the names it loses there; the misses by cause say how many of each
cause logic-v2 finds.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from screening_quality import ftm_entity
from side_by_side import gaps, rate, select, side_by_side

from tradeguard.errors import InputError
from tradeguard.lists.model import Entity, NameKind
from tradeguard.names.analysis import TokenClass, analyse
from tradeguard.names.normalize import fold
from tradeguard.network.graph import normalise_name
from tradeguard.network.resolve import MAX_GROUP, _id_key
from tradeguard.screening import Query, Screener
from tradeguard.screening.model import compatible_schemas

NK_THRESHOLD = 0.7
NK_CANDIDATES = 15
BOOK = Path(__file__).parent / "clean_book.csv"
PUBLISHER = {
    "un_sc": "UN",
    "us_ofac_sdn": "OFAC",
    "us_ofac_cons": "OFAC",
    "us_csl": "CSL",
    "jp_meti_eul": "METI",
    "jp_mof": "MOF",
}
#: what a list writes into a name field besides the name (MOF: "Fabio Fusco, born 25 May 1968
#: in Naples, Italy", "1968年5月25日にイタリアのナポリにて出生", "ベッチ(【ロシア語】)")
NOTE = re.compile(r"\bborn\b|出生|【|formerly listed", re.IGNORECASE)
UN_REF = re.compile(r"\b([A-Z]{2}[ei]\.\d{3})\b")
NAME_KINDS = (NameKind.PRIMARY, NameKind.ALIAS, NameKind.ORIGINAL_SCRIPT)


def publisher(list_id: str) -> str:
    return PUBLISHER.get(list_id) or list_id.split("_")[0].upper()


def bundled_entities(cache: Path | None = None) -> list[Entity]:
    """Every entry of the bundled snapshot (``cache``: a pickle of them, made on first use)."""
    import pickle
    import tempfile

    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            loaded: list[Entity] = pickle.load(handle)
        return loaded

    from tradeguard.lists.snapshot import ensure_loaded
    from tradeguard.store import Store

    os.environ.pop("TRADEGUARD_DATA_DIR", None)
    home = tempfile.mkdtemp(prefix="tradeguard-bench-")
    os.environ["TRADEGUARD_HOME"] = home
    store = Store.open(f"sqlite:///{Path(home) / 'bench.db'}")
    ensure_loaded(store)
    entities = list(store.iter_current_entities())
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump(entities, handle)
    return entities


def screener_for(entities: list[Entity], cache: Path | None = None) -> Screener:
    """The screener of ``entities`` (``cache``: a pickle of it, made on first use)."""
    import pickle

    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            loaded: Screener = pickle.load(handle)
        return loaded
    screener = Screener.from_entities(entities)
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump(screener, handle)
    return screener


def paired(entities: list[Entity]) -> dict[tuple[str, str], str]:
    """(entry a, entry b) of two publishers -> how the lists themselves pair them."""
    by_id = {e.id: e for e in entities}
    pairs: dict[tuple[str, str], str] = {}

    def pair(a: str, b: str, how: str) -> None:
        if a == b or publisher(by_id[a].list) == publisher(by_id[b].list):
            return
        pairs.setdefault((min(a, b), max(a, b)), how)

    idents: dict[tuple[str, str], set[str]] = defaultdict(set)
    un_ids = {e.source_id: e.id for e in entities if e.list == "un_sc"}
    sdn_ids = {e.source_id: e.id for e in entities if e.list == "us_ofac_sdn"}
    for e in entities:
        for ident in e.identifiers:
            key = _id_key(ident.type, ident.value)
            if key is not None:
                idents[key].add(e.id)
        if e.list != "un_sc":
            texts = [e.remarks or "", *(v for vs in e.properties.values() for v in vs)]
            for ref in {r for t in texts for r in UN_REF.findall(t)}:
                if ref in un_ids:
                    pair(e.id, un_ids[ref], "UN reference quoted")
        if e.list == "us_csl" and "Specially Designated" in " ".join(
            e.properties.get("csl_source", [])
        ):
            for number in e.properties.get("entity_number", []):
                if number in sdn_ids:
                    pair(e.id, sdn_ids[number], "CSL entity_number = SDN id")
    for (kind, _), holders in idents.items():
        if len(holders) > MAX_GROUP:
            continue
        for a in holders:
            for b in holders:
                if a < b:
                    pair(a, b, f"same {kind}")
    return pairs


def entries(match: Any) -> set[str]:
    """The list entries a result stands for (one result per party: all its memberships)."""
    return {match.entity_id} | {str(m.get("entity_id")) for m in match.memberships}


def script(text: str) -> str:
    if re.search(r"[\uac00-\ud7af]", text):
        return "Hangul"
    if re.search(r"[\u3040-\u30ff]", text):
        return "Japanese"
    if re.search(r"[\u4e00-\u9fff]", text):
        return "Han"
    if re.search(r"[\u0600-\u06ff]", text):
        return "Arabic"
    if re.search(r"[\u0400-\u04ff]", text):
        return "Cyrillic"
    return "Latin"


class Candidates:
    """tradeguard's retrieval, shared by every system (yente-style)."""

    def __init__(self, screener: Screener) -> None:
        self.screener = screener

    def __call__(self, name: str, schema: str | None, lists: list[str] | None) -> list[int]:
        s = self.screener
        forms = analyse(name, schema == "Person")
        mask = s._mask(compatible_schemas(schema), lists)
        out: list[int] = []
        for form_id in s.index.candidates(forms, 64, mask):
            e_idx = s.names[int(s.form_name[form_id])].entity
            if e_idx not in out:
                out.append(e_idx)
            if len(out) >= NK_CANDIDATES:
                break
        return out


def nk_scorer() -> Any:
    try:
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig
    except ImportError:
        return None
    algo = get_algorithm("logic-v2")
    config = ScoringConfig.defaults()
    proxies: dict[str, Any] = {}
    counter = [0]

    def score(
        name: str,
        schema: str | None,
        country: str | None,
        entity: Entity,
        birth_date: str | None = None,
    ) -> float:
        from followthemoney import model

        counter[0] += 1
        query = model.make_entity(schema or "LegalEntity")
        query.id = f"query-{counter[0]}"
        query.add("name", name)
        if country:
            query.add("country", country, quiet=True)
        if birth_date:
            query.add("birthDate", birth_date, quiet=True)
        if entity.id not in proxies:
            proxies[entity.id] = ftm_entity(entity)
        return float(algo.compare(query, proxies[entity.id], config).score)

    return score


def translated(src: Entity, name: Any) -> bool:
    """A name of an organisation that the EU gives in a language other than English."""
    return src.list == "eu_fsf" and src.schema != "Person" and name.lang not in (None, "en")


def _stems(text: str) -> set[str]:
    return {w[:3] for w in re.findall(r"[a-z]{3,}", fold(text))}


def miss_cause(
    matches: list[Any],
    targets: list[Entity],
    name: str,
    dst: Entity,
    screener: Screener,
    schema: str | None = None,
) -> str:
    """Why the paired entry stayed below the threshold, from the scorer's explanation; when no
    target is among the results, from the explanation of the targets' best name compared
    with the screened name directly: "not retrieved" only when that comparison reaches the
    threshold (the entry would have been found, had it been retrieved)."""
    if NOTE.search(name):
        return "a note in the name"
    if script(name) == "Latin" and _stems(name).isdisjoint(
        {s for n in dst.names for s in _stems(n.value)}
    ):
        return "another name"
    ids = {t.id for t in targets}
    found = [m for m in matches if entries(m) & ids]
    if found:
        explained = found[0].explanation.get("name") or {}
    else:
        direct = [
            screener.compare(name, n.value, schema)
            for t in targets
            for n in t.names
            if n.kind in NAME_KINDS and analyse(n.value, t.schema == "Person")
        ]
        best = max(direct, key=lambda c: float(c["score"]), default=None)
        if best is None or best["score"] >= screener.threshold:
            return "not retrieved"
        explained = best["explanation"]
    lacks_q, lacks_c = explained.get("unmatched_query"), explained.get("unmatched_candidate")
    if lacks_q and lacks_c:
        return "different words"
    if lacks_q:
        return "query words missing"
    if lacks_c:
        return "entry words missing"
    return "spelling"


def linked_entries(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Each entry -> the entries the lists pair it with."""
    linked: dict[str, set[str]] = defaultdict(set)
    for a_id, b_id in pairs:
        linked[a_id].add(b_id)
        linked[b_id].add(a_id)
    return linked


@dataclass
class Trial:
    """One name of ``src`` screened against the lists of ``dst``'s publisher."""

    src: Entity
    dst: Entity
    name: Any
    matches: list[Any]
    #: ``dst`` and the other entries of its publisher that the lists pair with ``src``
    targets: set[str]
    #: a target reached the threshold (tradeguard) or logic-v2's (None: not run)
    found: bool
    nk_found: bool | None
    #: why the screener gave no answer: "refused" (a name it rejects as junk) or "crash"
    failed: str | None = None

    @property
    def label(self) -> str:
        return f"{publisher(self.src.list)}->{publisher(self.dst.list)}"

    @property
    def kind(self) -> str:
        return "person" if self.src.schema == "Person" else "other"


def planned(src: Entity, dst: Entity) -> Iterator[Any]:
    """Each name of ``src`` that ``dst`` does not carry verbatim (and that reads as a name)."""
    dst_names = {normalise_name(n.value) for n in dst.names}
    for name in src.names:
        if name.kind not in NAME_KINDS or normalise_name(name.value) in dst_names:
            continue
        if analyse(name.value, src.schema == "Person"):
            yield name


def trial(
    src: Entity,
    dst: Entity,
    name: Any,
    lists: list[str],
    screener: Screener,
    by_id: dict[str, Entity],
    linked: dict[str, set[str]],
    nk: Any,
    cands: Candidates,
) -> Trial:
    """``name`` of ``src`` screened against ``lists`` (those of ``dst``'s publisher), and
    scored by logic-v2 too on tradeguard's candidates."""
    dst_pub = publisher(dst.list)
    targets = {dst.id} | {t for t in linked[src.id] if publisher(by_id[t].list) == dst_pub}
    failed: str | None = None
    try:
        query = Query(name.value, schema=src.schema, lists=lists)
        matches = screener.screen(query, threshold=0.0, limit=20)
    except InputError:  # a company form alone (the EU's "publikt aktiebolag"): a miss
        matches, failed = [], "refused as junk"
    except Exception as exc:  # a crash is a miss, counted apart
        matches, failed = [], f"crash ({type(exc).__name__})"
    found = any(entries(m) & targets and m.score >= screener.threshold for m in matches)
    nk_found: bool | None = None
    if nk is not None:
        ids = [screener.entities[i].id for i in cands(name.value, src.schema, lists)]
        nk_found = any(
            nk(name.value, src.schema, None, by_id[t]) >= NK_THRESHOLD for t in ids if t in targets
        )
    return Trial(src, dst, name, matches, targets, found, nk_found, failed)


def trials(
    src: Entity,
    dst: Entity,
    lists: list[str],
    screener: Screener,
    by_id: dict[str, Entity],
    linked: dict[str, set[str]],
    nk: Any,
    cands: Candidates,
) -> Iterator[Trial]:
    """Every planned name of ``src`` against ``dst``'s publisher (see :func:`trial`)."""
    for name in planned(src, dst):
        yield trial(src, dst, name, lists, screener, by_id, linked, nk, cands)


def record(trial: Trial, cause: str | None) -> dict[str, Any]:
    """What the tables are made of: one screened name, its phenomena and both systems' answers."""
    name = trial.name.value
    best = max((m.score for m in trial.matches if entries(m) & trial.targets), default=0.0)
    return {
        "name": name,
        "entry": trial.dst.caption,
        "best": round(best, 4),
        "keys": [trial.label, f"script {script(name)}", f"schema {trial.kind}"],
        "scope": "translation (out of scope)" if translated(trial.src, trial.name) else "in scope",
        "cause": cause,
        "found": trial.found,
        "nk": trial.nk_found,
    }


def cross_publisher(
    entities: list[Entity], screener: Screener, nk: Any, args: argparse.Namespace, out: Any = None
) -> list[dict[str, Any]]:
    """Screen the pairs' names (all, ``--sample N`` of them, or shard ``K/N``): their records."""
    by_id = {e.id: e for e in entities}
    pairs = paired(entities)
    cands = Candidates(screener)
    how_count: dict[str, int] = defaultdict(int)
    taken: dict[tuple[str, str], int] = defaultdict(int)
    linked = linked_entries(pairs)
    publishers: dict[str, list[str]] = defaultdict(list)
    for e_list in sorted({e.list for e in entities}):
        publishers[publisher(e_list)].append(e_list)
    plan: list[tuple[Entity, Entity, Any]] = []
    for (a_id, b_id), how in sorted(pairs.items()):
        how_count[how.split(" ")[0] if how.startswith("same") else how] += 1
        for src, dst in ((by_id[a_id], by_id[b_id]), (by_id[b_id], by_id[a_id])):
            direction = (publisher(src.list), publisher(dst.list))
            if taken[direction] >= args.per_pair:
                continue
            names = list(planned(src, dst))
            plan.extend((src, dst, name) for name in names)
            if names:
                taken[direction] += 1
    chosen = select(plan, args.sample, args.shard, args.seed)
    print(f"\n(a) cross-publisher pairs: {len(pairs)} pairs by the lists' own data")
    for how, count in sorted(how_count.items()):
        print(f"    {how:<28} {count}")
    drawn = f" (--sample {args.sample}, seed {args.seed})" if args.sample else ""
    part = f" (shard {args.shard})" if args.shard else ""
    print(f"  names to screen: {len(plan)}; screened: {len(chosen)}{drawn}{part}")
    records: list[dict[str, Any]] = []
    for src, dst, name in chosen:
        lists = publishers[publisher(dst.list)]
        t = trial(src, dst, name, lists, screener, by_id, linked, nk, cands)
        cause: str | None = None
        if not t.found:
            cause = (
                "translation"
                if translated(src, name)
                else t.failed
                or miss_cause(
                    t.matches,
                    [by_id[x] for x in sorted(t.targets)],
                    name.value,
                    dst,
                    screener,
                    src.schema,
                )
            )
        records.append(record(t, cause))
        if out is not None:  # written as they come: a run cut short keeps a random part
            out.write(json.dumps(records[-1], ensure_ascii=False) + "\n")
            out.flush()
    return records


def print_pairs(records: list[dict[str, Any]], threshold: float, show: int) -> None:
    """The tables of (a), from the screened names' records."""
    print(
        f"  {len(records)} names written differently, screened against the other publisher "
        f"(tradeguard at {threshold}, logic-v2 at {NK_THRESHOLD}, same candidates)"
    )
    side_by_side(records, ("",), "recall")
    print("  misses by cause (cause, schema, script of the screened name)")
    causes: dict[str, int] = defaultdict(int)
    for r in records:
        if not r["found"]:
            causes[f"{r['cause']}, {r['keys'][2][7:]}, {r['keys'][1][7:]}"] += 1
    for cause, count in sorted(causes.items(), key=lambda c: -c[1]):
        print(f"    {cause:<44} {count}")
    gaps(records, ("",), 3)
    for cause in sorted({r["cause"] for r in records if r["cause"]}):
        misses = [r for r in records if r["cause"] == cause][:show]
        if misses:
            print(f"  {cause}:")
        for r in misses:
            print(f"    MISS {r['keys'][0]} {r['best']:.2f} {r['name']!r} -> {r['entry']!r}")


def phenomena(name: str, script_code: str) -> list[str]:
    out: list[str] = []
    if "(" in name or "（" in name:
        out.append("bracketed qualifier")
    if script_code in ("ja", "zh"):
        out.append("CJK script")
    elif script_code == "ko":
        out.append("Korean script")
    else:
        forms = analyse(name, False)
        tokens = forms[0].tokens if forms else ()
        distinctive = [t.text for t in tokens if t.cls == TokenClass.NAME]
        if sum(len(t) for t in distinctive) <= 5:
            out.append("short name / acronym")
        if any(t.cls == TokenClass.GENERIC for t in tokens):
            out.append("Latin generic words")
        if not out:
            out.append("other Latin")
    return out


def clean_book(entities: list[Entity], screener: Screener, nk: Any, show: int) -> None:
    with BOOK.open(encoding="utf-8", newline="") as handle:
        book = list(csv.DictReader(handle))
    listed_names: dict[str, str] = {}
    for e in entities:
        for n in e.names:
            if n.kind in NAME_KINDS:
                listed_names.setdefault(normalise_name(n.value), e.id)
    threshold = screener.threshold
    cands = Candidates(screener)
    by_id = {e.id: e for e in entities}
    rows: dict[str, list[tuple[bool, bool | None]]] = defaultdict(list)
    put_aside: list[str] = []
    flagged: list[str] = []
    nk_flagged: list[str] = []
    tg_only: dict[str, list[str]] = defaultdict(list)
    refused: list[str] = []
    for row in book:
        name, country = row["name"], row["country"]
        key = normalise_name(name)
        if key in listed_names:
            put_aside.append(f"    LISTED {name!r} = {listed_names[key]}")
            continue
        query = Query(name, schema="Company", countries=[country])
        try:
            matches = screener.screen(query, threshold=0.0, limit=5)
        except InputError:  # a name the screener refuses is not flagged
            matches = []
            refused.append(f"    REFUSED {name!r} ({country})")
        fp = bool(matches) and matches[0].score >= threshold
        nk_fp: bool | None = None
        if nk is not None:
            scored = [
                (nk(name, "Company", country, by_id[screener.entities[i].id]), i)
                for i in cands(name, "Company", None)
            ]
            best, where = max(scored, default=(0.0, -1))
            nk_fp = best >= NK_THRESHOLD
            if nk_fp:
                nk_flagged.append(
                    f"    logic-v2 FP {best:.2f} {name!r} ({country}) -> "
                    f"{screener.entities[where].caption!r} [{screener.entities[where].id}]"
                )
        labels = (*phenomena(name, row["script"]), f"country {country}", "all")
        for label in labels:
            rows[label].append((fp, nk_fp))
        if fp:
            m = matches[0]
            line = (
                f"    FP {m.score:.2f} {name!r} ({country}) -> {m.matched_name!r} [{m.entity_id}]"
            )
            flagged.append(line)
            if nk_fp is False:
                for label in labels:
                    tg_only[label].append(line)
    print(
        f"\n(b) clean book: {len(book)} rows from {BOOK.name}; {len(put_aside)} put aside as listed"
    )
    for line in put_aside:
        print(line)
    print(
        f"  false-positive rate at the default threshold ({threshold}; logic-v2 at {NK_THRESHOLD})"
    )
    print(f"    {'':<22} {'tradeguard':<22} {'logic-v2' if nk else ''}")
    above: list[str] = []
    for key in sorted(rows, key=lambda k: (k != "all", k.startswith("country"), k)):
        values = rows[key]
        tg = rate(f for f, _ in values)
        ref = rate(bool(n) for _, n in values) if nk else ""
        worse = nk is not None and sum(f for f, _ in values) > sum(bool(n) for _, n in values)
        if worse:
            above.append(key)
        print(f"    {key:<22} {tg:<22} {ref}{'  <- above logic-v2' if worse else ''}")
    for line in flagged[:show]:
        print(line)
    for line in nk_flagged[:show]:
        print(line)
    for key in above:
        if key != "all":
            print(f"  above logic-v2: {key} (flagged by tradeguard only)")
            for line in tg_only[key][:3]:
                print(line)
    print(f"  refused by the screener (not flagged): {len(refused)}")
    for line in refused:
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-nomenklatura", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="print this many misses and hits")
    parser.add_argument("--per-pair", type=int, default=400, help="entries per publisher pair")
    parser.add_argument("--only", choices=("pairs", "book"), default=None)
    parser.add_argument("--entities-cache", type=Path, help="pickle of the snapshot's entries")
    parser.add_argument("--index-cache", type=Path, help="pickle of the screener (first use)")
    parser.add_argument("--sample", type=int, default=0, help="(a): screen N names drawn at random")
    parser.add_argument("--seed", type=int, default=7, help="(a): the draw's seed")
    parser.add_argument("--shard", help="(a): screen every N-th name from the K-th (K/N)")
    parser.add_argument("--records", type=Path, help="(a): write the screened names' records")
    parser.add_argument(
        "--from-records", type=Path, nargs="+", help="(a): print the tables of saved records"
    )
    args = parser.parse_args()
    if args.from_records:
        loaded = [json.loads(line) for f in args.from_records for line in f.open()]
        print_pairs(loaded, 0.7, args.show)  # the default threshold, as the runs used it
        return
    started = time.perf_counter()
    entities = bundled_entities(args.entities_cache)
    lists = sorted({e.list for e in entities})
    print(f"bundled snapshot: {len(entities)} entries ({', '.join(lists)})")
    screener = screener_for(entities, args.index_cache)
    print(f"index built; {time.perf_counter() - started:.0f} s")
    nk = None if args.no_nomenklatura else nk_scorer()
    if nk is None and not args.no_nomenklatura:
        print("nomenklatura is not installed (pip install -e '.[bench]'): reference not measured")
    if args.only in (None, "pairs"):
        started = time.perf_counter()
        out = args.records.open("w", encoding="utf-8") if args.records else None
        records = cross_publisher(entities, screener, nk, args, out)
        if out is not None:
            out.close()
        print(f"  screened in {time.perf_counter() - started:.0f} s")
        print_pairs(records, screener.threshold, args.show)
    if args.only in (None, "book"):
        clean_book(entities, screener, nk, args.show)


if __name__ == "__main__":
    main()
