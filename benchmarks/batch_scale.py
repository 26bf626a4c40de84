"""Batch screening at scale: in-process and on a LocalCluster of worker processes.

Generates N counterparty names (default 1,000,000; deterministic seed): a mix of persons,
companies and vessels written in Latin, Cyrillic, Hangul, Japanese, Chinese and Arabic
script, about 0.1 % of them variants of names on the loaded lists (reordered, lower-cased, a
typo, a token dropped). Screens them against every loaded list (the store of
``$TRADEGUARD_HOME``; the bundled snapshot when it is empty) with ``tradeguard.batch``:

- in-process, and on a LocalCluster of ``--workers`` worker processes (one thread each);
- prints wall time, names/s, peak memory per worker, per-worker throughput and what that
  means for sizing a larger cluster, and how many planted variants were found;
- first compares the three ways of getting the index to the workers (file, plugin, scatter).

    python benchmarks/batch_scale.py            # 1,000,000 names
    python benchmarks/batch_scale.py --n 20000  # a quick run
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

from tradeguard.batch import BatchResult, screen_batch
from tradeguard.batch.cluster import connect
from tradeguard.batch.io import OutputDir
from tradeguard.lists.snapshot import ensure_loaded
from tradeguard.screening import Screener
from tradeguard.store import Store


def _w(text: str) -> list[str]:
    return text.split()


FIRST = _w(
    "James Maria Ahmed Olga Jean Chen Lucia Pedro Fatima Hans Elena Tomasz Aisha Carlos "
    "Ingrid Rahul Sofia Mehmet Anna Kenji Priya David Yusuf Laura Dmitri Amara Paolo Nadia "
    "Sven Leila Omar Julia Ravi Marta Felix Hana Ivan Clara Tariq Eva"
)
LAST = _w(
    "Smith Garcia Muller Rossi Novak Kowalski Silva Okafor Nguyen Johansson Petrov Haddad "
    "Fischer Moreau Costa Yilmaz Jensen Kaur Mendes Dubois Schmidt Romano Lindqvist Horvat "
    "Ibrahim Lopez Bauer Fernandes Ahmadi Larsen Vogel Marino Sato Tanaka Park Kim Wong "
    "Ortega Keller Brandt"
)
CYR_FIRST = _w("Александр Сергей Дмитрий Андрей Алексей Ольга Татьяна Елена Наталья Ирина")
CYR_LAST = _w("Иванов Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Фёдоров Морозов")
KO_SURNAME = _w("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황")
KO_GIVEN = _w("민 준 서 연 지 우 현 수 영 호 진 성 은 혜 동 희")
JA_SURNAME = _w("佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田")
JA_GIVEN = _w("健 翔太 陽菜 結衣 大輔 美咲 拓也 直樹 さくら ゆうき はると")
ZH_SURNAME = _w("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙")
ZH_GIVEN = _w("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 涛 明")
AR_FIRST = _w("محمد أحمد علي حسن خالد فاطمة مريم يوسف عمر سارة")
AR_LAST = _w("الحسيني العلي الخطيب المصري النجار الشامي الحداد")
CO_WORDS = _w(
    "Northern Star Blue River Golden Pacific Alpine Summit Green Valley Silver Harbor "
    "Eastern Bridge Crown Atlas Delta Orion Falcon Maple Cedar Coastal Prime Vertex"
)
CO_TRADE = _w(
    "Logistics Trading Electronics Chemicals Machinery Textiles Foods Shipping "
    "Engineering Metals Plastics Instruments Pharma Energy Components"
)
CO_FORMS = ["Ltd", "GmbH", "LLC", "Inc", "S.A.", "B.V.", "AB", "Co., Ltd.", "Pte Ltd", "Corp"]
JA_CO = _w("東洋 日本 大和 富士 三和 中央 太平洋 北海")
ZH_CO = _w("华盛 金龙 东方 长城 恒通 宏达 新华 天元")
ZH_TRADE = _w("贸易 电子 机械 化工 科技 物流")
KO_CO = _w("대한 한빛 동방 세계 미래 신성")
RU_CO = _w("Восток Север Прогресс Альфа Техно Импульс")
VESSEL = _w(
    "OCEAN STAR PRIDE GRACE SPIRIT HORIZON VOYAGER PEARL FORTUNE EAGLE LIBERTY DAWN "
    "NORDIC ATLANTIC PACIFIC CORAL"
)


def person(rng: random.Random) -> tuple[str, str | None]:
    script = rng.random()
    if script < 0.62:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        return (
            name if rng.random() < 0.8 else f"{name.split()[1].upper()}, {name.split()[0]}"
        ), None
    if script < 0.72:
        return f"{rng.choice(CYR_FIRST)} {rng.choice(CYR_LAST)}", "RU"
    if script < 0.80:
        return rng.choice(KO_SURNAME) + rng.choice(KO_GIVEN) + rng.choice(KO_GIVEN), "KR"
    if script < 0.88:
        return f"{rng.choice(JA_SURNAME)} {rng.choice(JA_GIVEN)}", "JP"
    if script < 0.95:
        return rng.choice(ZH_SURNAME) + rng.choice(ZH_GIVEN) + rng.choice(ZH_GIVEN), "CN"
    return f"{rng.choice(AR_FIRST)} {rng.choice(AR_LAST)}", None


def company(rng: random.Random) -> tuple[str, str | None]:
    script = rng.random()
    if script < 0.7:
        words = f"{rng.choice(CO_WORDS)} {rng.choice(CO_WORDS)}"
        return f"{words} {rng.choice(CO_TRADE)} {rng.choice(CO_FORMS)}", None
    if script < 0.8:
        return f"{rng.choice(JA_CO)}{rng.choice(['商事', '精機', '化学', '物産'])}株式会社", "JP"
    if script < 0.9:
        return f"深圳市{rng.choice(ZH_CO)}{rng.choice(ZH_TRADE)}有限公司", "CN"
    if script < 0.95:
        return f"{rng.choice(KO_CO)}{rng.choice(['무역', '전자', '기계'])} 주식회사", "KR"
    return f"ООО «{rng.choice(RU_CO)}-{rng.choice(RU_CO)}»", "RU"


def vessel(rng: random.Random) -> tuple[str, str | None]:
    prefix = rng.choice(["MV ", "M/V ", "", ""])
    return f"{prefix}{rng.choice(VESSEL)} {rng.choice(VESSEL)}", None


def variant(rng: random.Random, name: str) -> str:
    tokens = name.split()
    how = rng.randrange(4)
    if how == 0 and len(tokens) > 1:
        return " ".join(tokens[1:] + tokens[:1])
    if how == 1:
        return name.lower()
    if how == 2 and len(tokens) > 2:
        return " ".join(t for i, t in enumerate(tokens) if i != rng.randrange(len(tokens)))
    longest = max(range(len(tokens)), key=lambda i: len(tokens[i]))
    token = tokens[longest]
    if len(token) > 5:
        at = rng.randrange(1, len(token) - 1)
        tokens[longest] = token[:at] + token[at + 1] + token[at] + token[at + 2 :]
    return " ".join(tokens)


def generate(n: int, seed: int, listed: list[tuple[str, str, str]]) -> pl.DataFrame:
    """``n`` rows ``id, name, type, country``; ~0.1 % are variants of ``listed`` names."""
    rng = random.Random(seed)
    ids, names, types, countries, planted = [], [], [], [], []
    for i in range(n):
        roll = rng.random()
        if roll < 0.001 and listed:
            entity_id, name, schema = rng.choice(listed)
            value, kind, country = variant(rng, name), schema, None
            planted.append(entity_id)
        else:
            planted.append(None)
            if roll < 0.55:
                (value, country), kind = person(rng), "Person"
            elif roll < 0.88:
                (value, country), kind = company(rng), "Company"
            else:
                (value, country), kind = vessel(rng), "Vessel"
        ids.append(f"C{i:07d}")
        names.append(value)
        types.append(kind)
        countries.append(country)
    return pl.DataFrame(
        {"id": ids, "name": names, "type": types, "country": countries, "planted": planted}
    )


def listed_names(screener: Screener) -> list[tuple[str, str, str]]:
    schema_of = {"Organization": "Organization", "Company": "Company", "Person": "Person"}
    out = []
    for record in screener.entities:
        if record.schema in schema_of or record.schema == "Vessel":
            out.append((record.id, record.caption, record.schema))
    return out


def report(label: str, result: BatchResult, n: int) -> None:
    print(
        f"{label}: {n:,} names in {result.seconds:,.1f} s = {n / result.seconds:,.0f} names/s "
        f"(index shipping {result.ship_seconds:.2f} s, {len(result.partitions)} partitions, "
        f"{result.rows_out:,} output rows)"
    )
    for w in result.workers():
        print(
            f"  worker {w.worker}: {w.partitions} partitions, {w.rows:,} names in "
            f"{w.busy_seconds:,.1f} s busy = {w.rows_per_second:,.0f} names/s; "
            f"index load {w.load_seconds:.2f} s; peak RSS {w.peak_rss / 2**20:,.0f} MiB"
        )


def found_planted(out: str, frame: pl.DataFrame) -> tuple[int, int]:
    planted = frame.filter(pl.col("planted").is_not_null()).select("id", "planted")
    table = pl.from_arrow(OutputDir(out).read())
    assert isinstance(table, pl.DataFrame)
    hits = table.join(planted, on="id").filter(pl.col("entity_id") == pl.col("planted"))
    return hits["id"].n_unique(), planted.height


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="names to generate")
    parser.add_argument("--seed", type=int, default=20260227)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=5000)
    parser.add_argument("--modes", default="in-process,local", help="in-process,local")
    parser.add_argument("--ship-n", type=int, default=2000, help="names per ship-method trial")
    args = parser.parse_args()

    store = Store.open()
    ensure_loaded(store)
    started = time.perf_counter()
    screener = Screener.from_store(store)
    info = screener.info()
    print(f"lists: {info['lists']} ({info['entities']:,} entries, {info['names']:,} names)")
    print(f"index ready in {time.perf_counter() - started:.1f} s")
    frame = generate(args.n, args.seed, listed_names(screener))
    work = Path(tempfile.mkdtemp(prefix="batch-scale-"))
    source = work / "counterparties.parquet"
    frame.drop("planted").write_parquet(source)
    print(f"generated {args.n:,} names ({frame['planted'].is_not_null().sum()} planted variants)")
    modes = args.modes.split(",")

    if "local" in modes:
        with connect("local", n_workers=args.workers) as client:
            assert client is not None
            small = work / "small.parquet"
            frame.drop("planted").head(args.ship_n).write_parquet(small)
            print(f"index shipping to {args.workers} workers ({args.ship_n:,} names each):")
            for ship in ("file", "plugin", "scatter"):
                result = screen_batch(
                    small,
                    str(work / f"ship-{ship}"),
                    screener=screener,
                    client=client,
                    ship=ship,
                    partition_size=args.partition_size,
                )
                load = max(w.load_seconds for w in result.workers())
                print(
                    f"  {ship:8s} client {result.ship_seconds:5.2f} s, worker load "
                    f"{load:5.2f} s, run {result.seconds:5.2f} s"
                )
        started = time.perf_counter()
        result = screen_batch(
            source,
            str(work / "local"),
            screener=screener,
            cluster="local",
            n_workers=args.workers,
            partition_size=args.partition_size,
        )
        wall = time.perf_counter() - started
        report(f"LocalCluster ({args.workers} workers)", result, args.n)
        print(f"  wall time with cluster start-up and shut-down: {wall:,.1f} s")
        found, planted = found_planted(str(work / "local"), frame)
        print(f"  planted variants found: {found}/{planted}")
        per_worker = sum(w.rows_per_second for w in result.workers()) / len(result.workers())
        for target, minutes in ((10_000_000, 10), (100_000_000, 60)):
            need = math.ceil(target / (per_worker * minutes * 60))
            print(f"  sizing: {target:,} names in {minutes} min needs about {need} workers")

    if "in-process" in modes:
        result = screen_batch(
            source,
            str(work / "in-process"),
            screener=screener,
            partition_size=args.partition_size,
        )
        report("in-process", result, args.n)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak RSS of this process: {peak:,.0f} MiB")
        if "local" in modes:
            same = (
                OutputDir(str(work / "in-process"))
                .read()
                .equals(OutputDir(str(work / "local")).read())
            )
            print(f"  identical to the LocalCluster output: {same}")
    print(f"output under {work}", file=sys.stderr)


if __name__ == "__main__":
    main()
