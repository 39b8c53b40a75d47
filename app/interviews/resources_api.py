"""The JSON API for interview locations, rooms, officers, interpreters and absences."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from app.deps import Officer, SessionDep, Supervisor, Viewer, actor_of
from app.interviews import resources
from app.interviews.models import Interpreter, InterviewLocation, InterviewOfficer, InterviewRoom
from app.interviews.schemas import (
    AbsenceCreate,
    AbsenceOut,
    InterpreterCreate,
    InterpreterOut,
    InterpreterUpdate,
    LocationCreate,
    LocationOut,
    LocationUpdate,
    OfficerCreate,
    OfficerOut,
    OfficerUpdate,
    RoomCreate,
    RoomOut,
    RoomUpdate,
)
from app.schemas import Page, page_of, problem_responses

router = APIRouter(prefix="/interviews", tags=["interview resources"])
ITEM = problem_responses(404, 409)
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page")]
CursorParam = Annotated[str | None, Query(max_length=500, description="`next` of the page before")]


def _update(session: SessionDep, model: Any, resource_id: int, body: Any, user: Any) -> object:
    return resources.update_resource(
        session,
        model,
        resource_id=resource_id,
        data=body.model_dump(exclude_unset=True, exclude={"version"}),
        version=body.version,
        actor=actor_of(user),
    )


# Locations: set up by supervisors, read by everyone ---------------------------------------


@router.get("/locations", response_model=Page[LocationOut])
def list_locations(
    session: SessionDep, user: Viewer, cursor: CursorParam = None, limit: Limit = 50
) -> dict[str, object]:
    """Interview locations: the protocol office and consulates abroad."""
    return page_of(
        *resources.list_resources(session, InterviewLocation, cursor=cursor, limit=limit)
    )


@router.post(
    "/locations", response_model=LocationOut, status_code=status.HTTP_201_CREATED, responses=ITEM
)
def create_location(body: LocationCreate, session: SessionDep, user: Supervisor) -> object:
    """Add an interview location."""
    return resources.create_resource(
        session, InterviewLocation, data=body.model_dump(), actor=actor_of(user)
    )


@router.get("/locations/{location_id}", response_model=LocationOut, responses=ITEM)
def read_location(location_id: int, session: SessionDep, user: Viewer) -> object:
    """One interview location."""
    return resources.get_resource(session, InterviewLocation, location_id)


@router.patch("/locations/{location_id}", response_model=LocationOut, responses=ITEM)
def update_location(
    location_id: int, body: LocationUpdate, session: SessionDep, user: Supervisor
) -> object:
    """Correct a location (hours, languages, zone)."""
    return _update(session, InterviewLocation, location_id, body, user)


# Rooms -------------------------------------------------------------------------------------


@router.get("/rooms", response_model=Page[RoomOut])
def list_rooms(
    session: SessionDep,
    user: Viewer,
    location_id: int | None = None,
    cursor: CursorParam = None,
    limit: Limit = 50,
) -> dict[str, object]:
    """Interview rooms, by location."""
    return page_of(
        *resources.list_resources(
            session, InterviewRoom, location_id=location_id, cursor=cursor, limit=limit
        )
    )


@router.post("/rooms", response_model=RoomOut, status_code=status.HTTP_201_CREATED, responses=ITEM)
def create_room(body: RoomCreate, session: SessionDep, user: Supervisor) -> object:
    """Add a room to a location."""
    return resources.create_resource(
        session, InterviewRoom, data=body.model_dump(), actor=actor_of(user)
    )


@router.get("/rooms/{room_id}", response_model=RoomOut, responses=ITEM)
def read_room(room_id: int, session: SessionDep, user: Viewer) -> object:
    """One room."""
    return resources.get_resource(session, InterviewRoom, room_id)


@router.patch("/rooms/{room_id}", response_model=RoomOut, responses=ITEM)
def update_room(room_id: int, body: RoomUpdate, session: SessionDep, user: Supervisor) -> object:
    """Rename a room or take it out of use."""
    return _update(session, InterviewRoom, room_id, body, user)


# Officers ----------------------------------------------------------------------------------


@router.get("/officers", response_model=Page[OfficerOut])
def list_officers(
    session: SessionDep,
    user: Viewer,
    location_id: int | None = None,
    cursor: CursorParam = None,
    limit: Limit = 50,
) -> dict[str, object]:
    """Interviewing officers, by location."""
    return page_of(
        *resources.list_resources(
            session, InterviewOfficer, location_id=location_id, cursor=cursor, limit=limit
        )
    )


@router.post(
    "/officers", response_model=OfficerOut, status_code=status.HTTP_201_CREATED, responses=ITEM
)
def create_officer(body: OfficerCreate, session: SessionDep, user: Supervisor) -> object:
    """Make a staff user an interviewing officer at a location, with weekly hours."""
    return resources.create_resource(
        session, InterviewOfficer, data=body.model_dump(), actor=actor_of(user)
    )


@router.get("/officers/{officer_id}", response_model=OfficerOut, responses=ITEM)
def read_officer(officer_id: int, session: SessionDep, user: Viewer) -> object:
    """One interviewing officer."""
    return resources.get_resource(session, InterviewOfficer, officer_id)


@router.patch("/officers/{officer_id}", response_model=OfficerOut, responses=ITEM)
def update_officer(
    officer_id: int, body: OfficerUpdate, session: SessionDep, user: Supervisor
) -> object:
    """Change an officer's location or weekly hours."""
    return _update(session, InterviewOfficer, officer_id, body, user)


@router.get("/officers/{officer_id}/absences", response_model=list[AbsenceOut], responses=ITEM)
def list_officer_absences(officer_id: int, session: SessionDep, user: Viewer) -> object:
    """An officer's absences."""
    return resources.list_absences(session, officer_id=officer_id)


@router.post(
    "/officers/{officer_id}/absences",
    response_model=AbsenceOut,
    status_code=status.HTTP_201_CREATED,
    responses=ITEM,
)
def add_officer_absence(
    officer_id: int, body: AbsenceCreate, session: SessionDep, user: Officer
) -> object:
    """Record a time an officer is away."""
    return resources.add_absence(
        session, data=body.model_dump(), actor=actor_of(user), officer_id=officer_id
    )


# Interpreters -----------------------------------------------------------------------------


@router.get("/interpreters", response_model=Page[InterpreterOut])
def list_interpreters(
    session: SessionDep,
    user: Viewer,
    location_id: int | None = None,
    cursor: CursorParam = None,
    limit: Limit = 50,
) -> dict[str, object]:
    """Interpreters, by location."""
    return page_of(
        *resources.list_resources(
            session, Interpreter, location_id=location_id, cursor=cursor, limit=limit
        )
    )


@router.post(
    "/interpreters",
    response_model=InterpreterOut,
    status_code=status.HTTP_201_CREATED,
    responses=ITEM,
)
def create_interpreter(body: InterpreterCreate, session: SessionDep, user: Supervisor) -> object:
    """Add an interpreter, with languages and weekly availability."""
    return resources.create_resource(
        session, Interpreter, data=body.model_dump(), actor=actor_of(user)
    )


@router.get("/interpreters/{interpreter_id}", response_model=InterpreterOut, responses=ITEM)
def read_interpreter(interpreter_id: int, session: SessionDep, user: Viewer) -> object:
    """One interpreter."""
    return resources.get_resource(session, Interpreter, interpreter_id)


@router.patch("/interpreters/{interpreter_id}", response_model=InterpreterOut, responses=ITEM)
def update_interpreter(
    interpreter_id: int, body: InterpreterUpdate, session: SessionDep, user: Supervisor
) -> object:
    """Change an interpreter's languages or availability."""
    return _update(session, Interpreter, interpreter_id, body, user)


@router.get(
    "/interpreters/{interpreter_id}/absences", response_model=list[AbsenceOut], responses=ITEM
)
def list_interpreter_absences(interpreter_id: int, session: SessionDep, user: Viewer) -> object:
    """An interpreter's absences."""
    return resources.list_absences(session, interpreter_id=interpreter_id)


@router.post(
    "/interpreters/{interpreter_id}/absences",
    response_model=AbsenceOut,
    status_code=status.HTTP_201_CREATED,
    responses=ITEM,
)
def add_interpreter_absence(
    interpreter_id: int, body: AbsenceCreate, session: SessionDep, user: Officer
) -> object:
    """Record a time an interpreter is away."""
    return resources.add_absence(
        session, data=body.model_dump(), actor=actor_of(user), interpreter_id=interpreter_id
    )
