"""Two reviewers acting on one case at once, through a real server (two uvicorn worker
processes on 127.0.0.1) on SQLite and PostgreSQL: exactly one wins, the other gets 409."""

from __future__ import annotations

import threading

import httpx

from tradeguard import audit
from tradeguard.cases import workflow as rv
from tradeguard.store import Store

from ..cases.helpers import make_users, screening_case, token


def test_two_reviewers_at_once_over_http(store: Store, server: str) -> None:
    made = make_users(store)
    tokens = {n: token(store, n).token for n in ("rita", "rob")}
    for round_ in range(6):
        case_id = screening_case(store)
        rv.propose(store, made["ana"].actor, case_id, "true_match", "same passport number")
        barrier = threading.Barrier(2)
        codes: dict[str, int] = {}

        def review(
            who: str,
            decision: str,
            case_id: int = case_id,
            barrier: threading.Barrier = barrier,
            codes: dict[str, int] = codes,
            round_: int = round_,
        ) -> None:
            with httpx.Client(base_url=server, timeout=30) as client:
                client.get("/health")  # connect first, so both requests leave together
                barrier.wait()
                r = client.post(
                    f"/cases/{case_id}/review",
                    json={"decision": decision, "comment": f"{who} in round {round_}"},
                    headers={"Authorization": f"Bearer {tokens[who]}"},
                )
                codes[who] = r.status_code

        threads = [
            threading.Thread(target=review, args=("rita", "approve")),
            threading.Thread(target=review, args=("rob", "reject")),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(codes.values()) == [200, 409], codes
        case = rv.get_case(store, case_id)
        winner = next(who for who, code in codes.items() if code == 200)
        assert case.reviewed_by == winner and case.version == 3
        assert len(audit.records(store, subject=f"case:{case_id}", action="case.review")) == 1
    assert audit.verify(store).ok
