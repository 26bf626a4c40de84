"""Ranking and result assembly: the candidates whose final score (the name and the evidence
beyond it, :mod:`tradeguard.screening.secondary`) reaches their list's threshold, best first,
one match per party with its explanation and every entry of the party.
"""

from __future__ import annotations

from typing import Any

from tradeguard.lists.consequences import list_info
from tradeguard.lists.model import LIST_IDS
from tradeguard.names.analysis import NameForm
from tradeguard.names.normalize import fold
from tradeguard.screening import features as ft
from tradeguard.screening import marks
from tradeguard.screening.candidates import Aligned, Candidates, Scored
from tradeguard.screening.compare import NameScore, QueryPlan, explain_alignment
from tradeguard.screening.entries import ALGORITHM, ALGORITHM_VERSION, NameRecord
from tradeguard.screening.model import Match, Query
from tradeguard.screening.secondary import (
    evaluate,
    other_firm_word,
    shared_word,
    trade_words_only,
)
from tradeguard.screening.secondary import place_name_only as placed_only

#: A candidate at or above its threshold: score, entity id, entity index, the name matched,
#: the alignment and the effects of the features beyond the name.
Ranked = tuple[float, str, int, NameRecord, Aligned | None, list[ft.Effect]]


class Results(Candidates):
    """Candidates ranked by their final score and assembled into matches."""

    def _rank(
        self,
        query: Query,
        qforms: list[NameForm],
        scored: Scored,
        id_hits: set[int],
        cut: float,
        threshold: float | None,
    ) -> list[Ranked]:
        """The scored entries that reach their list's threshold once the evidence beyond the
        name is weighed, best first."""
        ranked: list[Ranked] = []
        folded = fold(query.name)
        for e_idx, (name_value, record, aligned) in scored.items():
            if name_value < cut and e_idx not in id_hits:
                continue  # below the threshold whatever the other features say
            if e_idx not in id_hits and self._partial_mark(query, e_idx, record):
                continue  # an aircraft's registration mark met by its suffix alone
            name_score = aligned[0] if aligned is not None else None
            # a short name (KT, SIG, Samt: one distinctive word of a few letters) or an
            # acronym the list gives in brackets is not the party's full name
            # (or the query is one of the entry's names as listed, whatever its form: 国防科学院
            # as METI writes it, whose first form is its Japanese reading)
            verbatim = (
                aligned is not None
                and aligned[0] >= ft.EXACT_NAME
                and any(fold(r.value) == folded for r in self._records_of({e_idx}))
            )
            full = aligned is not None and (record.forms[:1] == [aligned[3]] or verbatim)
            short = aligned is not None and shared_word(
                qforms[aligned[2]], self.form(aligned[3]), full and aligned[0] >= ft.EXACT_NAME
            )
            # the names share only words of a country and of a trade (Korea Development Bank
            # from KR / KOREA UNITED DEVELOPMENT BANK of the DPRK)
            # (never when the query is one of the entry's names as listed, whatever its words)
            trade = (
                aligned is not None
                and query.schema != "Person"
                and trade_words_only(
                    qforms[aligned[2]], self.form(aligned[3]), aligned[1], query.countries
                )
                and not verbatim
            )
            # a place and a trade alone (Dalian Trading Co.) meeting a longer listed name
            pair = aligned if not verbatim and query.schema != "Person" else None
            placed = (
                pair is not None
                and pair[0] < ft.EXACT_NAME
                and placed_only(
                    qforms[pair[2]], self.form(pair[3]), pair[1], self._countries(e_idx)
                )
            )
            # one word of its own (Linde plc) inside another firm's name (GAZPROM LINDE ...)
            other = (
                pair is not None
                and pair[0] < ft.EXACT_NAME
                and other_firm_word(qforms[pair[2]], self.form(pair[3]), pair[1])
            )
            list_id = self.entities[e_idx].list
            # a namesake goes below the list's alert threshold (a caller asking for lower
            # scores still sees it, with the reason)
            score, effects = evaluate(
                self,
                query,
                e_idx,
                name_value,
                record,
                name_score,
                e_idx in id_hits,
                self.threshold_for(list_id),
                short=short,
                full=full,
                trade=trade,
                placed=placed,
                other=other,
            )
            if score >= self.threshold_for(list_id, threshold):
                ranked.append((score, self.entities[e_idx].id, e_idx, record, aligned, effects))
        # among equal scores the designating list first (a party's UN entry before its copies)
        ranked.sort(key=lambda r: (-r[0], _LIST_RANK.get(self.entities[r[2]].list, 99), r[1]))
        return ranked

    def _partial_mark(self, query: Query, e_idx: int, record: NameRecord) -> bool:
        """Whether the name matched is an aircraft's registration mark that the query does not
        carry whole (:mod:`tradeguard.screening.marks`)."""
        if self.entities[e_idx].schema != "Airplane":
            return False
        mark = marks.registration_mark(record.value)
        return mark is not None and not marks.carries(query.name, mark)

    def _countries(self, e_idx: int) -> set[str]:
        """The countries any entry of an entry's party gives."""
        return {c for m in self.members(e_idx) for c in self.entities[m].countries}

    def _results(
        self,
        query: Query,
        qforms: list[NameForm],
        plan: QueryPlan | None,
        ranked: list[Ranked],
        schemas: frozenset[str] | None,
        limit: int,
    ) -> list[Match]:
        """One match per party, its best-scoring entry with every entry of the party."""
        scores = {r[2]: (r[0], r[3].value) for r in ranked}
        seen_parties: set[int] = set()
        matches: list[Match] = []
        for score, _, e_idx, record, aligned, effects in ranked:
            if len(matches) >= limit:
                break
            party = self.party[e_idx] if self.party else e_idx
            if party in seen_parties:
                continue
            seen_parties.add(party)
            if schemas is not None and self.party:
                # a Person query reaching the LegalEntity copy of an organisation's party
                members = self.members(e_idx)
                if any(self.entities[m].schema not in schemas for m in members):
                    continue
            result = None
            if aligned is not None and plan is not None:
                a_score, pairs, n, f = aligned
                result = explain_alignment(
                    a_score, pairs, qforms[n], self.form(f), plan.weights[n], self.form_weights(f)
                )
            match = self._match(query, e_idx, record, result, effects, score=score)
            self._add_party(match, e_idx, scores)
            matches.append(match)
        return matches

    def _add_party(self, match: Match, e_idx: int, scores: dict[int, tuple[float, str]]) -> None:
        """The party of a match: every entry resolved as the same party and why."""
        members = self.members(e_idx) if self.party else [e_idx]
        # named by its designating entry (the UN's before its copies), whatever order the
        # lists were loaded in
        members = sorted(
            members,
            key=lambda m: (_LIST_RANK.get(self.entities[m].list, 99), self.entities[m].id),
        )
        match.party_id = self.entities[members[0]].id
        match.memberships = [
            {
                "entity_id": self.entities[m].id,
                "list": self.entities[m].list,
                "source_id": self.entities[m].source_id,
                "schema": self.entities[m].schema,
                "caption": self.entities[m].caption,
                "programs": list(self.entities[m].programs),
                "consequence": list_info(self.entities[m].list).consequence(),
                "list_version": self.list_versions.get(self.entities[m].list),
                "score": round(scores[m][0], 4) if m in scores else None,
                "matched_name": scores[m][1] if m in scores else None,
                "matched": m == e_idx,
            }
            for m in members
        ]
        match.party_evidence = list(self.party_evidence.get(self.party[e_idx], []))

    def _match(
        self,
        query: Query,
        e_idx: int,
        record: NameRecord,
        result: NameScore | None,
        effects: list[ft.Effect],
        score: float,
    ) -> Match:
        entity = self.entities[e_idx]
        explanation: dict[str, Any] = {
            "algorithm": f"{ALGORITHM}/{ALGORITHM_VERSION}",
            "query_name": query.name,
            "matched_name": record.value,
            "name_kind": str(record.kind),
            "name_score": round(result.score, 4) if result is not None else 0.0,
            "name": result.explain() if result is not None else None,
            "features": [e.to_dict() for e in effects],
            "threshold": self.threshold_for(entity.list),
        }
        supplement = self.supplements.get((e_idx, record.value))
        if supplement is not None:
            explanation["supplementary_alias"] = supplement
            effect = ft.Effect("supplementary_alias", 0.0, supplement, "", {"name": record.value})
            explanation["features"].append(effect.to_dict())
        return Match(
            entity_id=entity.id,
            list=entity.list,
            source_id=entity.source_id,
            schema=entity.schema,
            caption=entity.caption,
            matched_name=record.value,
            score=score,
            programs=list(entity.programs),
            explanation=explanation,
        )


_LIST_RANK = {name: n for n, name in enumerate(LIST_IDS)}
