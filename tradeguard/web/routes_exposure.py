"""The exposure page, ``/ui/exposure``: any name (on a list or not) resolved against the network
with candidates to choose from, its paths to designated parties in words, and a readable graph
(Cytoscape.js served from the package): edges drawn from owner to owned with the share, a legend,
zoom, and the path that sets the verdict highlighted."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from tradeguard.errors import InputError, NotFoundError
from tradeguard.language.labels import edge_label
from tradeguard.web import routes as pages

router = APIRouter(prefix="/ui", include_in_schema=False)


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


@router.get("/exposure")
def exposure_page(
    request: Request,
    q: Annotated[str, Query(max_length=300)] = "",
    id: Annotated[str, Query(max_length=300)] = "",
    depth: Annotated[int, Query(ge=1, le=6)] = 3,
) -> Response:
    """Search (``q``) gives candidates, or the exposure of the one party an id, an exact name
    or a name screening gives to one party clearly means; a chosen party (``id``) gives its
    exposure (``Service.exposure`` both)."""
    user, sess = pages._user(request, "screen")
    found: list[dict[str, Any]] = []
    result = None
    error = None
    status = 200
    query = id.strip() or q.strip()
    if query:
        try:
            traced = pages._svc(request).exposure(query, depth)
        except (InputError, NotFoundError) as exc:
            error = str(exc)
            status = 404 if isinstance(exc, NotFoundError) else 422
        else:
            found = [c.to_dict() for c in traced.candidates]
            result = traced.exposure.to_dict() if traced.exposure is not None else None
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
    traced = pages._svc(request).exposure(id, depth)
    if traced.exposure is None:
        raise NotFoundError(f"no party of the network has the id {id.strip()!r}")
    result = traced.exposure.to_dict()
    return JSONResponse({"elements": graph_elements(result), "summary": result["summary"]})
