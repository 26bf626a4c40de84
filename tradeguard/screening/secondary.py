"""A candidate's final score: its name score with the evidence beyond the name (identifier,
birth date, country, a weak alias), and the rules that put a namesake below the alert
threshold (:mod:`tradeguard.screening.features` gives each feature's effect)."""

from __future__ import annotations

from collections.abc import Sequence

from tradeguard.lists.model import NameKind
from tradeguard.names.analysis import NameForm, Token, TokenClass
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
    name matched exactly (a listed name, its reading in another script or its translation);
    ``placed`` (:func:`place_name_only`) puts it below whatever the country."""
    entity = entries.entities[e_idx]
    effects: list[ft.Effect] = []
    if record.kind == NameKind.WEAK_ALIAS and name_score is not None:
        effects.append(
            ft.Effect(
                "weak_alias",
                name_value - name_score,
                "matched a weak (low-quality) alias, which counts less",
                "weak_alias",
            )
        )
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
    score = _place_name(effects, score, below) if placed and not id_hit else score
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


def _place_name(effects: list[ft.Effect], score: float, below: float) -> float:
    """``score`` put below the alert threshold (``below``) for a name of a place and a trade
    alone meeting a longer name (:func:`place_name_only`), the effect added to ``effects``."""
    detail = (
        "the name is a place and words of a trade alone, and the listed name has a distinctive"
        " word besides: another firm of that place and trade, below the alert threshold"
    )
    effects.append(ft.Effect("place_name", min(0.0, below - score), detail, "place_name"))
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


def place_name_only(query: NameForm, candidate: NameForm, pairs: Sequence[RawPair]) -> bool:
    """Whether an organisation's name is a place and words of a trade alone, and meets a
    longer name on them: "Dalian Trading Co., Ltd." and DALIAN ZENGHUA TRADING CO., LTD.
    share *Dalian*, *trading* and the company form, but *Zenghua* is the listed firm's name,
    and the query has none. Each distinctive word of the query is a place
    (:func:`tradeguard.screening.branch.vocabulary`: ISO 3166 names and the lists' own
    address places; *Hong Kong* as its two words) or a word of a trade, and a distinctive
    word of the candidate is met by no word of the query. False when the query has no
    distinctive word that is a place, or no word met."""
    if not pairs:
        return False
    words = [t.text for t in query.tokens]
    named = [k for k, t in enumerate(query.tokens) if t.cls == TokenClass.NAME]
    if not named:
        return False
    places = branch.vocabulary().places
    trade = vocabulary().trade_words
    covered: set[int] = set()
    for k in range(len(words)):
        for size in (3, 2, 1):
            if tuple(words[k : k + size]) in places:
                covered.update(range(k, k + size))
                break
    if not covered.intersection(named) or not all(k in covered or words[k] in trade for k in named):
        return False
    met = {j for _, c_idx, _, _ in pairs for j in c_idx}
    return any(t.cls == TokenClass.NAME and j not in met for j, t in enumerate(candidate.tokens))


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
