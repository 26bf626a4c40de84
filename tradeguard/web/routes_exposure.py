"""The exposure page, ``/ui/exposure``: any name (on a list or not) resolved against the network
with candidates to choose from, its paths to designated parties in words, and a readable graph
(Cytoscape.js served from the package): edges drawn from owner to owned with the share, a legend,
zoom, and the path that sets the verdict highlighted."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from tradeguard.errors import InputError, NotFoundError
from tradeguard.web import routes as pages
from tradeguard.web.labels import edge_label

router = APIRouter(prefix="/ui", include_in_schema=False)
CANDIDATE_CUTOFF = 75.0
MAX_CANDIDATES = 8


_BARE: dict[str, tuple[list[str], list[str]]] = {}  # graph revision -> (names, bare names)


def _bare(text: str) -> str:
    """A normalised name without its legal-form words (co, ltd, corp ...), which say nothing
    about which firm is meant."""
    from tradeguard.names.vocab import vocabulary

    forms = {k[0] for k in vocabulary().forms if len(k) == 1}
    words = [w for w in text.split() if w not in forms]
    return " ".join(words) or text


def _names(graph: Any, revision: str) -> tuple[list[str], list[str]]:
    found = _BARE.get(revision)
    if found is None:
        keys = list(graph.names)
        found = (keys, [_bare(k) for k in keys])
        _BARE.clear()
        _BARE[revision] = found
    return found


def candidates(graph: Any, text: str, revision: str = "") -> list[dict[str, Any]]:
    """Parties of the network a name may mean: exact (normalised) names first, then close
    spellings of the name without its legal form, best first, each with its lists."""
    from rapidfuzz import fuzz, process

    from tradeguard.network.graph import normalise_name

    exact = set(graph.find(text))
    found: dict[int, float] = dict.fromkeys(exact, 100.0)
    keys, bare = _names(graph, revision or str(id(graph)))
    query = _bare(normalise_name(text))
    for _, score, index in process.extract(
        query, bare, scorer=fuzz.ratio, limit=MAX_CANDIDATES * 2, score_cutoff=CANDIDATE_CUTOFF
    ):
        for i in graph.names[keys[index]]:
            found[i] = max(found.get(i, 0.0), float(score))
    ranked = sorted(found.items(), key=lambda kv: (-kv[1], graph.ids[kv[0]]))[:MAX_CANDIDATES]
    out = []
    for i, score in ranked:
        node = graph.node(i)
        out.append(
            {
                "id": graph.ids[i],
                "name": node.name,
                "schema": node.schema,
                "country": node.country,
                "lists": list(node.lists),
                "score": round(score),
                "exact": i in exact,
            }
        )
    return out


def verdict_edges(result: dict[str, Any]) -> set[int]:
    """The edges of the path that sets the verdict: the shortest path to a designated party,
    else the owners that make the OFAC 50 % block or the EU flag."""
    if result["paths"]:
        return {int(hop["edge"]) for hop in result["paths"][0]["hops"]}
    edges: set[int] = set()
    if result["ofac_50"].get("blocked"):
        for row in result["ofac_50"].get("owners", []):
            edges.add(int(row["relation"]["edge"]))
    for reason in result["eu_ownership_or_control"].get("reasons", []):
        edges.add(int(reason["relation"]["edge"]))
    return edges


def graph_elements(result: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The exposure's Cytoscape.js elements with readable labels and the verdict path marked."""
    marked = verdict_edges(result)
    elements = result["graph"]["elements"]
    nodes = []
    on_path: set[str] = set()
    edges = []
    for edge in elements.get("edges", []):
        data = dict(edge["data"])
        number = int(str(data["id"]).lstrip("e"))
        data["label"] = edge_label(str(data["kind"]), data.get("share_pct"))
        data["verdict"] = number in marked
        if data["verdict"]:
            on_path.update((data["source"], data["target"]))
        edges.append({"data": data})
    for node in elements.get("nodes", []):
        data = dict(node["data"])
        data["verdict"] = data["id"] in on_path
        nodes.append({"data": data})
    return {"nodes": nodes, "edges": edges}


def _exposure(request: Request, node_id: str, depth: int) -> dict[str, Any]:
    return pages._svc(request).exposure(node_id, depth).to_dict()


@router.get("/exposure")
def exposure_page(
    request: Request,
    q: Annotated[str, Query(max_length=300)] = "",
    id: Annotated[str, Query(max_length=300)] = "",
    depth: Annotated[int, Query(ge=1, le=6)] = 3,
) -> Response:
    """Search (``q``) gives candidates; a chosen party (``id``, or the one candidate a search
    finds exactly) gives its exposure."""
    from tradeguard.network.build import current_graph

    user, sess = pages._user(request, "screen")
    graph, revision = current_graph(pages._svc(request).store)
    found: list[dict[str, Any]] = []
    result = None
    error = None
    status = 200
    chosen = id.strip()
    if not chosen and q.strip():
        found = candidates(graph, q, revision)
        exact = [c for c in found if c["exact"]]
        if len(exact) == 1:
            chosen = exact[0]["id"]
        elif not found:
            error = f"no party of the network is named like {q.strip()!r}"
            status = 404
    if chosen:
        try:
            result = _exposure(request, chosen, depth)
        except (InputError, NotFoundError) as exc:
            error = str(exc)
            status = 404 if isinstance(exc, NotFoundError) else 422
    return pages._page(
        request,
        "exposure.html",
        user,
        sess,
        q=q,
        depth=depth,
        candidates=found,
        result=result,
        verdict_edges=verdict_edges(result) if result else set(),
        error=error,
        status_code=status,
    )


@router.get("/exposure/graph.json")
def exposure_graph(
    request: Request,
    id: Annotated[str, Query(min_length=1, max_length=300)],
    depth: Annotated[int, Query(ge=1, le=6)] = 3,
) -> Response:
    pages._user(request, "screen")
    result = _exposure(request, id, depth)
    return JSONResponse({"elements": graph_elements(result), "summary": result["summary"]})
