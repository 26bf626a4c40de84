"""A candidate's final score: its name score with the evidence beyond the name (identifier,
birth date, country, a weak alias), and the rules that put a namesake below the alert
threshold (:mod:`tradeguard.screening.features` gives each feature's effect)."""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence

from tradeguard.lists.model import NameKind
from tradeguard.names.analysis import NameForm, Token, TokenClass
from tradeguard.names.normalize import fold
from tradeguard.names.vocab import vocabulary
from tradeguard.screening import branch
from tradeguard.screening import features as ft
from tradeguard.screening.compare import RawPair
from tradeguard.screening.entries import IndexedEntries, NameRecord
from tradeguard.screening.model import Query


def evaluate(
    entries: IndexedEntries,
    query: Query,
    e_idx: int,
    name_value: float,
    record: NameRecord,
    name_score: float | None,
    id_hit: bool,
    alert: float = 1.0,
    short: bool = False,
    full: bool = True,
    trade: bool = False,
    placed: bool = False,
    other: bool = False,
) -> tuple[float, list[ft.Effect]]:
    """The final score of a candidate and the effect of each feature beyond the name.

    For a person, a birth year more than a year from every listed one puts the match below
    the alert threshold (``alert``): a namesake. A country none of the party's lowers the
    score of a person as of an organisation, never below the alert threshold when the full
    name (``full``: the entry's name as listed, not an acronym in its brackets) matched
    exactly: a person's country may be where one lives or trades (a shipment gives its
    address's), and designated persons live abroad. When the match rests on a short name
    (``short``: one distinctive word of a few letters, such as an acronym, which firms the
    world over share), even one the list gives on its own (but a person's full name), a
    country mismatch puts it below the alert threshold; so it does when the names share only
    words of a country and of a trade (``trade``, :func:`trade_words_only`) and no form of the
    name matched exactly; ``placed``, ``other`` (:func:`_below`) put it below, always."""
    entity = entries.entities[e_idx]
    effects: list[ft.Effect] = []
    if record.kind == NameKind.WEAK_ALIAS and name_score is not None:
        weak = "matched a weak (low-quality) alias, which counts less"
        effects.append(ft.Effect("weak_alias", name_value - name_score, weak, "weak_alias"))
    score = name_value
    if id_hit:
        wanted = {k for q in query.identifiers for k in ft.identifier_keys(q)}
        matched = sorted(v for v in entity.identifiers if ft.identifier_keys(v) & wanted)
        lift = max(0.0, ft.IDENTIFIER_SCORE - score)
        detail = f"identifier {', '.join(matched)} matches exactly"
        params = {"identifiers": matched}
        effects.append(ft.Effect("identifier", lift, detail, "identifier_matches", params))
        score = max(score, ft.IDENTIFIER_SCORE)
    person = entity.schema == "Person"
    below = max(0.0, alert - ft.BELOW_ALERT)
    # the party's data: what any list says of it (a copy without birth dates is the same
    # person as the UN entry that has them)
    birth_dates, countries = entity.birth_dates, entity.countries
    if entries.party and (query.birth_date or query.countries):
        members = [entries.entities[m] for m in entries.members(e_idx)]
        if len(members) > 1:
            birth_dates = list(dict.fromkeys(d for m in members for d in m.birth_dates))
            countries = list(dict.fromkeys(c for m in members for c in m.countries))
    if query.birth_date and person:
        effect = ft.birth_date_effect(query.birth_date, birth_dates)
        if effect is not None:
            if effect.effect == ft.BIRTH_DATE_CONTRADICTS and not id_hit:
                effect.effect = min(effect.effect, below - score)
                effect.note("namesake", ": a namesake, below the alert threshold")
            effects.append(effect)
            score += effect.effect
    if not id_hit:
        score = _below(effects, score, below, placed, other and entity.schema != "Person")
    effect = ft.country_effect(query.countries, countries)
    if effect is not None:
        exact_full = name_score is not None and name_score >= ft.EXACT_NAME and full
        # a person's country is no nationality (designees live abroad): never a namesake
        shared = short and not id_hit and not (person and exact_full)
        if effect.effect == ft.COUNTRY_CONTRADICTS and shared:
            effect.effect = min(effect.effect, below - score)
            effect.note(
                "short_name",
                ": a short name (or one word) shared by firms elsewhere, below the alert threshold",
            )
        elif (
            effect.effect == ft.COUNTRY_CONTRADICTS
            and trade
            and not id_hit
            and (name_score is None or name_score < ft.EXACT_NAME)
        ):
            effect.effect = min(effect.effect, below - score)
            effect.note(
                "trade_words",
                ": the names share only words of a country and of a trade, another firm,"
                " below the alert threshold",
            )
        elif effect.effect == ft.COUNTRY_CONTRADICTS and query.branch:
            effect.effect = 0.0
            effect.note("branch", _BRANCH)
        elif (
            effect.effect == ft.COUNTRY_CONTRADICTS
            and exact_full
            and score + effect.effect < alert <= score
        ):
            effect.effect = alert - score
            effect.note("kept", "; the full name matches exactly, so the match is kept")
        effects.append(effect)
        score += effect.effect
    return round(min(1.0, max(0.0, score)), ft.SCORE_DIGITS), effects


_BRANCH = (
    "; the query names the party's branch, office or agent there, so the difference does not count"
)
_PLACE_NAME = (
    "the name is a place and words of a trade alone, and the listed name has a distinctive"
    " word besides: another firm of that place and trade, below the alert threshold"
)
_OTHER_FIRM = (
    "the name is one word of its own, and the listed name has another word of its own that"
    " the name lacks: another firm whose name holds that word, below the alert threshold"
)


def _below(
    effects: list[ft.Effect], score: float, below: float, placed: bool, other: bool
) -> float:
    """``score`` put below the alert threshold (``below``) for a name whose distinctive part
    differs from the listed name's (``placed``: :func:`place_name_only`, else ``other``:
    :func:`other_firm_word`), the effect added to ``effects``."""
    if not placed and not other:
        return score
    code, detail = ("place_name", _PLACE_NAME) if placed else ("other_firm_word", _OTHER_FIRM)
    effects.append(ft.Effect(code, min(0.0, below - score), detail, code))
    return score + effects[-1].effect


def shared_word(query: NameForm, candidate: NameForm, exact_full: bool) -> bool:
    """Whether a match rests on a word firms the world over share: a bare short name on
    either side (:func:`bare_short`), or, unless the entry's full name matched exactly
    (``exact_full``), one distinctive word on each side, one of the two names having nothing
    but a company form beside it (``Shinhung Co., Ltd`` / ``Shinhung Trading``, ``Auction
    Technology Group PLC`` / ``Auction LLC``). A name with a further distinctive word
    (``Korea Ryonbong General Corporation``), or two names that both carry generic words
    (``Korea International Chemical JV``), is not."""
    if bare_short(query) or bare_short(candidate):
        return True
    if exact_full:
        return False
    one_word = all(sum(t.cls == TokenClass.NAME for t in f.tokens) == 1 for f in (query, candidate))
    return one_word and any(
        all(t.cls != TokenClass.GENERIC for t in f.tokens) for f in (query, candidate)
    )


def bare_short(form: NameForm) -> bool:
    """A short name standing alone: one distinctive word of a few letters with at most a
    company form (``KT Corp``, ``SIG``), which firms the world over share. A short word with
    generic words beside it (``Korea International Chemical JV``) is a name of its own: a
    country mismatch only lowers it, as for any organisation (a designated firm trades
    through addresses abroad)."""
    return form.short and all(t.cls != TokenClass.GENERIC for t in form.tokens)


def trade_words_only(
    query: NameForm, candidate: NameForm, pairs: Sequence[RawPair], countries: Sequence[str]
) -> bool:
    """Whether an organisation's name meets another on nothing but words of a country that
    the query's own countries explain and words of a trade: Korea Development Bank (KR) and
    KOREA UNITED DEVELOPMENT BANK (KP) share *korea*, *development* and *bank*. In each pair
    of words met, one side is a company form or generic word, a word of a trade (a word of
    the glossary's English renderings: bank, ocean, zinc, reinsurance) or a country word
    (``country_words.yaml``) standing for one of ``countries``: *korea* names the Republic of
    Korea as well as the DPRK, so from a query given with country KR it is evidence of that
    country, which the query says already, not of which firm. A country word of another
    country (*korea* from a query given with JP) is a distinctive word, as is any word of the
    party's own name (*daesong*, *ryonbong*). False when no word met (nothing is shared)."""
    if not pairs or not countries:
        return False
    q, c = query.tokens, candidate.tokens
    wanted = frozenset(countries)
    for q_idx, c_idx, _, _ in pairs:
        if not (
            all(_plain(q[i], wanted) for i in q_idx) or all(_plain(c[j], wanted) for j in c_idx)
        ):
            return False
    return True


def place_name_only(
    query: NameForm,
    candidate: NameForm,
    pairs: Sequence[RawPair],
    countries: Collection[str] = (),
) -> bool:
    """Whether an organisation's name is a place and words of a trade alone, and its
    distinctive part differs from the listed name's: "Dalian Trading Co., Ltd." and DALIAN
    ZENGHUA TRADING CO., LTD. share *Dalian*, *trading* and the company form, but *Zenghua* is
    the listed firm's name, and the query has none. Each distinctive word of the query is a
    place (:func:`tradeguard.screening.branch.vocabulary`: ISO 3166 names and the lists' own
    address places; *Hong Kong* as its two words) or a word of a trade. The parts differ when
    the listed name keeps a word that no word of the query meets and that is its own
    (:func:`_own_part`): a distinctive word, or, when the query is written in Han characters,
    kana or Hangul or its distinctive words are places and qualifiers alone (China *National*
    Machinery Import & Export), a word of a trade that is no qualifier: 中国机械
    进出口(集团)有限公司 (China National Machinery Import & Export) is not 中国精密機械進出口有限
    公司 (China Precision Machinery), whose *precision* (精密) it lacks, nor is 中国科学院 (the
    Chinese Academy of Sciences) the China Academy of *Electronics* and Information Technology.
    They differ too when the query's own place, met by no word of the listed name, is a
    country's word (``country_words.yaml``) naming none of the listed party's ``countries``
    (none when the list gives none): 한국항공우주연구원 (Korea Aerospace Research Institute) is
    not the CSL's AEROSPACE RESEARCH INSTITUTE (Iran's). False when the query has no distinctive word that is a place, or no word met."""
    if not pairs:
        return False
    words = [t.text for t in query.tokens]
    named = [k for k, t in enumerate(query.tokens) if t.cls == TokenClass.NAME]
    if not named:
        return False
    places = branch.vocabulary().places
    vocab = vocabulary()
    covered: set[int] = set()
    for k in range(len(words)):
        for size in (3, 2, 1):
            if tuple(words[k : k + size]) in places:
                covered.update(range(k, k + size))
                break
    if not covered.intersection(named) or not all(
        k in covered or words[k] in vocab.trade_words for k in named
    ):
        return False
    met = {j for _, c_idx, _, _ in pairs for j in c_idx}
    # a word of a trade is the listed name's own part against a name in Han characters, kana
    # or Hangul, or one whose distinctive words are places and qualifiers alone
    trades = query.method.startswith(_CJK_READINGS) or all(
        k in covered or words[k] in _qualifier_words() for k in named
    )
    if any(j not in met and _own_part(t, trades) for j, t in enumerate(candidate.tokens)):
        return True
    met_q = {i for q_idx, _, _, _ in pairs for i in q_idx}
    for k in covered.intersection(named) - met_q:
        named_countries = vocab.country_words.get(words[k])
        if named_countries is not None and named_countries.isdisjoint(countries):
            return True
    return False


def other_firm_word(query: NameForm, candidate: NameForm, pairs: Sequence[RawPair]) -> bool:
    """Whether an organisation's name of one word of its own beside company forms alone
    ("Linde plc") meets a longer listed name on that word, and the listed name has another
    word of its own before it that the query lacks (LIMITED LIABILITY COMPANY GAZPROM LINDE
    ENGINEERING: *Gazprom*): that is another firm, named first by that word, whose name holds
    the query's word. A word after it qualifies the query's own name as a firm's type in
    another language does (KALASHNIKOV CONCERN for "Kalashnikov"). A word of its own is
    a distinctive word that is no place, no word of a trade and no country's word
    (:func:`_own_word`). A listed name that is the query's word (an alias the list states)
    meets it in full; a further word of a trade or a place on the listed side (KOREA RYONBONG
    GENERAL CORPORATION for "Ryonbong") is no other firm's name."""
    if not pairs:
        return False
    own = [k for k, t in enumerate(query.tokens) if t.cls != TokenClass.FORM]
    if len(own) != 1 or not _own_word(query.tokens[own[0]]):
        return False
    met_q = {i for q_idx, _, _, _ in pairs for i in q_idx}
    if own[0] not in met_q:
        return False
    met = {j for _, c_idx, _, _ in pairs for j in c_idx}
    first = min(
        (
            j
            for _, c_idx, _, _ in pairs
            for j in c_idx
            if candidate.tokens[j].cls == TokenClass.NAME
        ),
        default=None,
    )
    return first is not None and any(
        j not in met and _own_word(t) for j, t in enumerate(candidate.tokens[:first])
    )


#: readings of a name in Han characters, kana or Hangul (:attr:`NameForm.method`)
_CJK_READINGS = ("han", "kanji", "kana", "hangul", "hanja")
#: words that join the words of a name and name nothing of the firm (the glossary renders
#: 科学院 "academy of sciences")
_JOINING = frozenset({"of", "and", "the", "for", "&"})


def _own_part(token: Token, trades: bool) -> bool:
    """Whether a word of a listed name tells its firm apart from others of its place and
    trade: a distinctive word, or (``trades``) a generic word of a trade that is no qualifier
    (a word of the glossary's ``qualifier`` category or of ``qualifiers.yaml``: *national*,
    *general*, *international*, *group*) and no joining word. Company forms never are."""
    if token.cls == TokenClass.FORM or token.text in _JOINING:
        return False
    if token.cls == TokenClass.NAME:
        return True
    return (
        trades and token.text in vocabulary().trade_words and token.text not in _qualifier_words()
    )


def _own_word(token: Token) -> bool:
    """Whether a word is a firm's own name: distinctive, and no place, no word of a trade, no
    country's word and no joining word; nor a word of one or two letters (the Arabic article
    of AL-SHABAAB for "Shabaab", an initial, *in*), which names no other firm."""
    if token.cls != TokenClass.NAME or token.text in _JOINING or len(token.text) <= 2:
        return False
    vocab = vocabulary()
    if token.text in vocab.trade_words or token.text in vocab.country_words:
        return False
    return (token.text,) not in branch.vocabulary().places


@functools.cache
def _qualifier_words() -> frozenset[str]:
    """The words of the glossary's qualifiers (national, general, north, new ...) and the
    bracketed qualifiers of ``qualifiers.yaml``."""
    vocab = vocabulary()
    words = {
        w for r in vocab.glossary.get("qualifier", []) for e in r["en"] for w in fold(e).split()
    }
    return frozenset(words | {w for q in vocab.qualifiers for w in q.split()})


def _plain(token: Token, countries: frozenset[str]) -> bool:
    """Whether a word says nothing of which firm a name is: a company form, a generic word, a
    word of a trade, or a country word of one of ``countries``."""
    if token.cls != TokenClass.NAME:
        return True
    vocab = vocabulary()
    named = vocab.country_words.get(token.text)
    if named is not None:
        return not named.isdisjoint(countries)
    return token.text in vocab.trade_words
