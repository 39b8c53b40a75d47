"""The registry's JSON API: missions, employers, workers and contracts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from app.deps import Officer, PolicyDep, SessionDep, Viewer, actor_of
from app.registry import contracts, service, workers
from app.registry.models import Contract, MissionKind, WorkerStatus
from app.registry.rules import flag_message
from app.registry.schemas import (
    ContractCreate,
    ContractOut,
    ContractUpdate,
    EmployerCreate,
    EmployerOut,
    EmployerUpdate,
    MissionCreate,
    MissionOut,
    MissionUpdate,
    PolicyFlagOut,
    Wage,
    WorkerCreate,
    WorkerListItem,
    WorkerOut,
    WorkerUpdate,
)
from app.schemas import Page, page_of, problem_responses

router = APIRouter(responses=problem_responses(401, 403, 422))
ITEM = problem_responses(404, 409)

Limit = Annotated[int, Query(ge=1, le=200, description="Items per page")]
CursorParam = Annotated[str | None, Query(max_length=500, description="`next` of the page before")]
Search = Annotated[str | None, Query(max_length=100, description="Words of the name")]
Country = Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")]


# Missions -------------------------------------------------------------------------------


@router.get("/missions", response_model=Page[MissionOut], tags=["missions"])
def list_missions(
    session: SessionDep,
    user: Viewer,
    q: Search = None,
    kind: MissionKind | None = None,
    sending_country: Country = None,
    cursor: CursorParam = None,
    limit: Limit = 50,
) -> dict[str, object]:
    """Missions by name."""
    return page_of(
        *service.list_missions(
            session, q=q, kind=kind, sending_country=sending_country, cursor=cursor, limit=limit
        )
    )


@router.post(
    "/missions",
    response_model=MissionOut,
    status_code=status.HTTP_201_CREATED,
    tags=["missions"],
    responses=ITEM,
)
def create_mission(body: MissionCreate, session: SessionDep, user: Officer) -> object:
    """Register a mission."""
    return service.create_mission(session, data=body.model_dump(), actor=actor_of(user))


@router.get("/missions/{mission_id}", response_model=MissionOut, tags=["missions"], responses=ITEM)
def read_mission(mission_id: int, session: SessionDep, user: Viewer) -> object:
    """One mission."""
    return service.get_mission(session, mission_id)


@router.patch(
    "/missions/{mission_id}", response_model=MissionOut, tags=["missions"], responses=ITEM
)
def update_mission(
    mission_id: int, body: MissionUpdate, session: SessionDep, user: Officer
) -> object:
    """Correct a mission; send `version` to be told if someone else changed it meanwhile."""
    data = body.model_dump(exclude_unset=True, exclude={"version"})
    return service.update_mission(
        session, mission_id=mission_id, data=data, version=body.version, actor=actor_of(user)
    )


# Employers ------------------------------------------------------------------------------


@router.get("/employers", response_model=Page[EmployerOut], tags=["employers"])
def list_employers(
    session: SessionDep,
    user: Viewer,
    q: Search = None,
    mission_id: int | None = None,
    cursor: CursorParam = None,
    limit: Limit = 50,
) -> dict[str, object]:
    """Employers by name."""
    return page_of(
        *service.list_employers(session, q=q, mission_id=mission_id, cursor=cursor, limit=limit)
    )


@router.post(
    "/employers",
    response_model=EmployerOut,
    status_code=status.HTTP_201_CREATED,
    tags=["employers"],
    responses=ITEM,
)
def create_employer(body: EmployerCreate, session: SessionDep, user: Officer) -> object:
    """Register an employer, a member of a mission."""
    return service.create_employer(session, data=body.model_dump(), actor=actor_of(user))


@router.get(
    "/employers/{employer_id}", response_model=EmployerOut, tags=["employers"], responses=ITEM
)
def read_employer(employer_id: int, session: SessionDep, user: Viewer) -> object:
    """One employer."""
    return service.get_employer(session, employer_id)


@router.patch(
    "/employers/{employer_id}", response_model=EmployerOut, tags=["employers"], responses=ITEM
)
def update_employer(
    employer_id: int, body: EmployerUpdate, session: SessionDep, user: Officer
) -> object:
    """Correct an employer, or record a move to another mission."""
    data = body.model_dump(exclude_unset=True, exclude={"version"})
    return service.update_employer(
        session, employer_id=employer_id, data=data, version=body.version, actor=actor_of(user)
    )


# Workers --------------------------------------------------------------------------------


@router.get("/workers", response_model=Page[WorkerListItem], tags=["workers"])
def list_workers(
    session: SessionDep,
    user: Viewer,
    q: Search = None,
    status: WorkerStatus | None = None,
    nationality: Country = None,
    mission_id: int | None = None,
    preferred_language: Annotated[str | None, Query(max_length=20)] = None,
    cursor: CursorParam = None,
    limit: Limit = 50,
) -> dict[str, object]:
    """Workers by name; searching is audited."""
    return page_of(
        *workers.list_workers(
            session,
            actor=actor_of(user),
            q=q,
            status=status,
            nationality=nationality,
            mission_id=mission_id,
            preferred_language=preferred_language,
            cursor=cursor,
            limit=limit,
        )
    )


@router.post(
    "/workers",
    response_model=WorkerOut,
    status_code=status.HTTP_201_CREATED,
    tags=["workers"],
    responses=ITEM,
)
def create_worker(body: WorkerCreate, session: SessionDep, user: Officer) -> object:
    """Open a worker's file."""
    return workers.create_worker(session, data=body.model_dump(), actor=actor_of(user))


@router.get("/workers/{worker_id}", response_model=WorkerOut, tags=["workers"], responses=ITEM)
def read_worker(worker_id: int, session: SessionDep, user: Viewer) -> object:
    """A worker's file; every read is audited."""
    return workers.read_worker_file(session, worker_id=worker_id, actor=actor_of(user))


@router.patch("/workers/{worker_id}", response_model=WorkerOut, tags=["workers"], responses=ITEM)
def update_worker(worker_id: int, body: WorkerUpdate, session: SessionDep, user: Officer) -> object:
    """Correct a worker's file; the change is audited."""
    data = body.model_dump(exclude_unset=True, exclude={"version"})
    return workers.update_worker(
        session, worker_id=worker_id, data=data, version=body.version, actor=actor_of(user)
    )


# Contracts ------------------------------------------------------------------------------


def contract_out(contract: Contract) -> ContractOut:
    """A contract with its policy flags said in the reader's language."""
    return ContractOut(
        id=contract.id,
        worker_id=contract.worker_id,
        employer_id=contract.employer_id,
        starts_on=contract.starts_on,
        ends_on=contract.ends_on,
        wage=Wage(
            amount=contract.wage_amount,
            currency=contract.wage_currency,
            period=contract.wage_period,
            basis=contract.wage_basis,
        ),
        weekly_hours=contract.weekly_hours,
        weekly_rest_days=contract.weekly_rest_days,
        paid_leave_weeks=contract.paid_leave_weeks,
        board_and_lodging=contract.board_and_lodging,
        languages=contract.languages,
        flagged=contract.flagged,
        flags=[
            PolicyFlagOut(rule=f["rule"], message=flag_message(f)) for f in contract.policy_flags
        ],
        version=contract.version,
        created_at=contract.created_at,
        updated_at=contract.updated_at,
    )


@router.get("/contracts", response_model=Page[ContractOut], tags=["contracts"])
def list_contracts(
    session: SessionDep,
    user: Viewer,
    worker_id: int | None = None,
    employer_id: int | None = None,
    flagged: bool | None = None,
    cursor: CursorParam = None,
    limit: Limit = 50,
) -> dict[str, object]:
    """Contracts, newest first; `flagged=true` lists those that break the policy."""
    items, next_cursor = contracts.list_contracts(
        session,
        actor=actor_of(user),
        worker_id=worker_id,
        employer_id=employer_id,
        flagged=flagged,
        cursor=cursor,
        limit=limit,
    )
    return page_of([contract_out(c) for c in items], next_cursor)


@router.post(
    "/contracts",
    response_model=ContractOut,
    status_code=status.HTTP_201_CREATED,
    tags=["contracts"],
    responses=ITEM,
)
def create_contract(
    body: ContractCreate, session: SessionDep, policy: PolicyDep, user: Officer
) -> ContractOut:
    """File a contract; one that breaks the policy is stored and flagged with the rule."""
    contract = contracts.create_contract(
        session, data=body.model_dump(), policy=policy, actor=actor_of(user)
    )
    return contract_out(contract)


@router.get(
    "/contracts/{contract_id}", response_model=ContractOut, tags=["contracts"], responses=ITEM
)
def read_contract(contract_id: int, session: SessionDep, user: Viewer) -> ContractOut:
    """A contract; the read is audited as part of the worker's file."""
    return contract_out(
        contracts.read_contract(session, contract_id=contract_id, actor=actor_of(user))
    )


@router.patch(
    "/contracts/{contract_id}", response_model=ContractOut, tags=["contracts"], responses=ITEM
)
def update_contract(
    contract_id: int, body: ContractUpdate, session: SessionDep, policy: PolicyDep, user: Officer
) -> ContractOut:
    """Amend a contract; its policy flags are checked again."""
    data = body.model_dump(exclude_unset=True, exclude={"version"})
    contract = contracts.update_contract(
        session,
        contract_id=contract_id,
        data=data,
        version=body.version,
        policy=policy,
        actor=actor_of(user),
    )
    return contract_out(contract)
