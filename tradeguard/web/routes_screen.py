"""The screening pages: ``/ui/screen`` (one row per party, a case per party on request)
and a list entry with its graph, ``/ui/entity/{id}``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import JSONResponse, Response

from tradeguard.accounts.errors import ForbiddenError
from tradeguard.accounts.users import User
from tradeguard.countries import resolve_countries
from tradeguard.errors import InputError
from tradeguard.lists.common import iso_date
from tradeguard.screening import Query as ScreenQuery
from tradeguard.web.routes import (
    OptText,
    _check_csrf,
    _page,
    _svc,
    _user,
)

router = APIRouter(prefix="/ui", include_in_schema=False)


TYPES = ("", "Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")


# -- screening ---------------------------------------------------------------------------------


@router.get("/screen")
def screen_form(
    request: Request,
    name: Annotated[str, Query(max_length=500)] = "",
    type: Annotated[str, Query(max_length=20)] = "",
    country: Annotated[str, Query(max_length=100)] = "",
    birth_date: Annotated[str, Query(max_length=10)] = "",
    identifier: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """The screening form, filled in from the query; screening (an audit record, and maybe
    cases) is a POST: a GET changes nothing."""
    user, sess = _user(request, "read")
    form = {
        "name": name,
        "type": type,
        "country": country,
        "birth_date": birth_date,
        "identifier": identifier,
    }
    return _page(
        request, "screen.html", user, sess, form=form, types=TYPES, result=None, error=None
    )


@router.post("/screen")
def screen(
    request: Request,
    csrf: OptText = None,
    name: Annotated[str, Form(max_length=500)] = "",
    type: Annotated[str, Form(max_length=20)] = "",
    country: Annotated[str, Form(max_length=100)] = "",
    birth_date: Annotated[str, Form(max_length=10)] = "",
    identifier: Annotated[str, Form(max_length=200)] = "",
    open_cases: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    user, sess = _user(request, "read")
    _check_csrf(request, sess, csrf)
    form = {
        "name": name,
        "type": type,
        "country": country,
        "birth_date": birth_date,
        "identifier": identifier,
        "open_cases": bool(open_cases),
    }
    result: dict[str, Any] | None = None
    error = None
    if name.strip():
        try:
            result = _screen(request, user, form)
        except (InputError, ForbiddenError) as exc:
            error = str(exc)
    else:
        error = "enter a name to screen"
    template = "_screen_results.html" if request.headers.get("HX-Request") else "screen.html"
    return _page(
        request,
        template,
        user,
        sess,
        form=form,
        types=TYPES,
        result=result,
        error=error,
    )


def _screen(request: Request, user: User, form: dict[str, Any]) -> dict[str, Any]:
    countries = resolve_countries(str(form["country"]), field="country")
    birth = str(form["birth_date"]).strip() or None
    if birth is not None and iso_date(birth) is None:
        raise InputError(f"birth date {birth!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    query = ScreenQuery(
        name=str(form["name"]).strip(),
        schema=str(form["type"]) or None,
        countries=countries,
        # screening reads YYYY[-MM[-DD]]: 12 Apr 1960 is passed as 1960-04-12
        birth_date=iso_date(birth) if birth is not None else None,
        identifiers=[i.strip() for i in str(form["identifier"]).split(";") if i.strip()],
    )
    done = _svc(request).screen(
        user.actor, query, limit=20, open_cases=bool(form["open_cases"]), face="web"
    )
    return {
        "query": done.query,
        "matches": [m.to_dict() for m in done.matches],
        "audit_seq": done.audit_seq,
        "cases": {c.entity_id: c for c in done.cases},
        "lists_text": ", ".join(
            f"{_list_name(x['list'])} ({_list_date(x['published_at'])})" for x in done.lists
        ),
        "missing": [_list_name(m) for m in done.missing],
    }


def _list_name(list_id: str) -> str:
    """The list's name in the page's language, not its code."""
    from tradeguard.language import i18n
    from tradeguard.lists.consequences import list_info

    return list_info(list_id).name(i18n.current())


def _list_date(published: Any) -> str:
    from tradeguard.language import i18n

    return i18n.local_date(published) if published else "—"


# -- entity ------------------------------------------------------------------------------------


@router.get("/entity/{entity_id}")
def entity(request: Request, entity_id: str) -> Response:
    user, sess = _user(request, "read")
    from tradeguard.lists.lookup import entity_report
    from tradeguard.web.entity import other_memberships

    store = _svc(request).store
    report = entity_report(store, entity_id)
    ent = store.get_entity(entity_id)
    assert ent is not None
    others = other_memberships(_svc(request), ent)
    return _page(request, "entity.html", user, sess, report=report, entity=ent, others=others)


@router.get("/entity/{entity_id}/graph.json")
def entity_graph(request: Request, entity_id: str) -> Response:
    _user(request, "read")
    from tradeguard.web.entity import graph_elements

    return JSONResponse(graph_elements(_svc(request), entity_id))
