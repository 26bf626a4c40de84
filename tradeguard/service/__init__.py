"""The use cases, written once for every face.

:class:`Service` holds what one process shares (the store, the warm screener, the ownership
network, the runtime settings) and its methods are the use cases: ``screen``,
``start_screen_batch``, ``screen_file``, ``audit_declarations``, ``classify``, ``evaluate``,
``exposure``, ``monitor``, ``load_list``, ``update_lists``, ``propose``, ``review``,
``import_counterparties``, ``rename_user``. Each one checks the actor's permission, picks its
threshold and writes its own audit record, so that a decision made from the command line, the
REST API or the web pages is the same decision with the same record (only the record's action
names the face: ``screen.cli``, ``screen.api``, ``screen.web``).

The faces (:mod:`tradeguard.cli`, :mod:`tradeguard.api`, :mod:`tradeguard.web`) parse input,
call one method and render the result; they never import each other.
"""

from __future__ import annotations

from tradeguard.cases.alerts import CaseOpened
from tradeguard.service.accounts import AccountCases
from tradeguard.service.casework import CaseWork
from tradeguard.service.decisions import DecisionCases
from tradeguard.service.files import FileCases
from tradeguard.service.lists import ListCases
from tradeguard.service.results import Classified, Evaluated, Face, Screening
from tradeguard.service.runtime import Runtime


class Service(FileCases, DecisionCases, ListCases, CaseWork, AccountCases):
    """The use cases over one store (see the module's documentation)."""


__all__ = [
    "CaseOpened",
    "Classified",
    "Evaluated",
    "Face",
    "Runtime",
    "Screening",
    "Service",
]
