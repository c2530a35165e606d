"""The HTTP API (FastAPI): enrol, status, push, pull, leave. JSON in and out, bearer tokens.

Database work runs in the thread pool, one transaction per request. Nothing of a request's
content is logged; the audit table records who, which device and which cases.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Connection, Engine, select
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware

from thuiszitter_desktop.domain.roles import Role
from thuiszitter_desktop.server import audit, auth, faults, scope
from thuiszitter_desktop.server.auth import AuthError, Principal
from thuiszitter_desktop.server.pull import catch_up, pull
from thuiszitter_desktop.server.push import PushRefused, process_push
from thuiszitter_desktop.server.registry import latest_seq
from thuiszitter_desktop.server.scope import Scope
from thuiszitter_desktop.server.tables import srv_users

T = TypeVar("T")
API_VERSION = 1


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def json_response(data: dict[str, Any], status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status_code=status, media_type="application/json")


def create_app(engine: Engine, team: str) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(GZipMiddleware, minimum_size=4096, compresslevel=5)

    @app.exception_handler(AuthError)
    async def refused(_request: Request, exc: AuthError) -> Response:
        return JSONResponse({"fout": exc.reason, "melding": exc.message, **exc.extra},
                            status_code=exc.status)

    def in_transaction(work: Callable[[Connection], T]) -> T:
        with engine.begin() as conn:
            return work(conn)

    async def body_of(request: Request) -> dict[str, Any]:
        try:
            data = json.loads(await request.body())
        except ValueError:
            raise AuthError(400, "onleesbaar", "Het verzoek was onleesbaar.") from None
        if not isinstance(data, dict):
            raise AuthError(400, "onleesbaar", "Het verzoek was onleesbaar.")
        return data

    def token_of(request: Request) -> str:
        header = request.headers.get("authorization", "")
        if not header.startswith("Bearer "):
            raise AuthError(401, "onbekend", "Dit apparaat is niet bekend bij de server.")
        return header[len("Bearer "):]

    def who(conn: Connection, token: str) -> Principal:
        # In the request's own transaction: one pooled connection per request.
        return auth.authenticate(conn, token, utc_now())

    def entered(conn: Connection, token: str) -> tuple[Principal, Scope]:
        """Who asks, and the transaction from here on under their role (``scope.enter``)."""
        principal = who(conn, token)
        return principal, scope.enter(conn, principal, utc_now().date())

    def role_fields(principal: Principal) -> dict[str, str]:
        role = scope.role_of(principal)
        return {"role": role.command_name, "role_label": role.label}

    @app.post("/v1/enrol")
    async def enrol(request: Request) -> Response:
        body = await body_of(request)

        def work(conn: Connection) -> dict[str, Any]:
            now = utc_now()
            principal, token = auth.enrol(conn, str(body.get("code", "")),
                                          str(body.get("device", "")), now)
            audit.log(conn, now, principal.user_id, principal.device_id, "aangesloten")
            return {"device_id": principal.device_id, "token": token, "team": team,
                    "user": principal.display_name, "api": API_VERSION,
                    **role_fields(principal)}

        return json_response(await run_in_threadpool(in_transaction, work))

    @app.get("/v1/status")
    async def status(request: Request) -> Response:
        token = token_of(request)

        def work(conn: Connection) -> dict[str, Any]:
            principal, _scope = entered(conn, token)
            audit.log(conn, utc_now(), principal.user_id, principal.device_id, "status")
            return {"team": team, "user": principal.display_name, "latest": latest_seq(conn),
                    "server_time": utc_now().isoformat(), "api": API_VERSION,
                    **role_fields(principal)}

        return json_response(await run_in_threadpool(in_transaction, work))

    @app.post("/v1/push")
    async def push(request: Request) -> Response:
        token = token_of(request)
        body = await body_of(request)

        def work() -> dict[str, Any]:
            try:
                with engine.begin() as conn:
                    principal, in_scope = entered(conn, token)
                    answer = process_push(conn, principal, body, utc_now(), in_scope)
                    faults.reached("push-before-commit")
            except PushRefused as refused:
                # Rolled back: nothing of the push is stored; the refusal itself is audited.
                with engine.begin() as conn:
                    audit.log(conn, utc_now(), principal.user_id, principal.device_id,
                              "push geweigerd", scope.refused_cases(refused.refused),
                              len(refused.refused))
                raise AuthError(403, "geweigerd", refused.message,
                                {"geweigerd": refused.refused}) from None
            faults.reached("push-after-commit")
            return answer

        return json_response(await run_in_threadpool(work))

    @app.get("/v1/pull")
    async def pull_changes(request: Request, since: int = 0, limit: int = 2000,
                           own: int = 0) -> Response:
        token = token_of(request)

        def work(conn: Connection) -> dict[str, Any]:
            principal, in_scope = entered(conn, token)
            answer = pull(conn, principal, in_scope, since, limit, utc_now(), own=bool(own))
            faults.reached("pull-before-answer")
            # A consulent holds everything: the role in the answer spares a /v1/scope call.
            return {**answer, "all": in_scope.everything, **role_fields(principal)}

        return json_response(await run_in_threadpool(in_transaction, work))

    @app.get("/v1/scope")
    async def scope_roots(request: Request) -> Response:
        """What the device should hold (a consulent: everything); it removes the rest."""
        token = token_of(request)

        def work(conn: Connection) -> dict[str, Any]:
            principal, in_scope = entered(conn, token)
            audit.log(conn, utc_now(), principal.user_id, principal.device_id, "bereik",
                      in_scope.cases, len(in_scope.cases))
            return {"all": in_scope.everything, **role_fields(principal),
                    **({} if in_scope.everything else in_scope.roots())}

        return json_response(await run_in_threadpool(in_transaction, work))

    @app.post("/v1/catchup")
    async def catchup(request: Request) -> Response:
        token = token_of(request)
        body = await body_of(request)

        def work(conn: Connection) -> dict[str, Any]:
            principal, in_scope = entered(conn, token)
            return catch_up(conn, principal, in_scope, body, utc_now())

        return json_response(await run_in_threadpool(in_transaction, work))

    @app.get("/v1/figures")
    async def figures(request: Request, quarters: int = 4, definition: str = "") -> Response:
        """The team's quarterly figures, every small cell masked, for a teamleider."""
        token = token_of(request)

        def work(conn: Connection) -> dict[str, Any]:
            from thuiszitter_desktop.services.team_figures import masked_figures

            principal = who(conn, token)
            if scope.role_of(principal) not in (Role.TEAMLEIDER, Role.CONSULENT):
                raise AuthError(403, "geweigerd", "De teamcijfers zijn er voor de teamleider.")
            # Counted as the server itself, masked before anything leaves it.
            answer = masked_figures(conn, utc_now().date(), quarters, definition)
            scope.enter(conn, principal, utc_now().date())
            audit.log(conn, utc_now(), principal.user_id, principal.device_id, "teamcijfers")
            return answer

        return json_response(await run_in_threadpool(in_transaction, work))

    @app.get("/v1/team")
    async def members(request: Request) -> Response:
        token = token_of(request)

        def work(conn: Connection) -> dict[str, Any]:
            principal, _scope = entered(conn, token)
            audit.log(conn, utc_now(), principal.user_id, principal.device_id, "team")
            names = conn.execute(select(srv_users.c.display_name).where(
                srv_users.c.disabled_at.is_(None)).order_by(srv_users.c.display_name))
            return {"team": team, "users": list(names.scalars())}

        return json_response(await run_in_threadpool(in_transaction, work))

    @app.post("/v1/leave")
    async def leave(request: Request) -> Response:
        token = token_of(request)

        def work(conn: Connection) -> dict[str, Any]:
            principal = who(conn, token)
            now = utc_now()
            auth.revoke_device(conn, principal.device_id, now)
            audit.log(conn, now, principal.user_id, principal.device_id, "team verlaten")
            return {"ok": True}

        return json_response(await run_in_threadpool(in_transaction, work))

    return app
