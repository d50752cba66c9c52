"""The v1 API: one NinjaAPI, one router per app (each app's api.py)."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from ctassist.accounts.api import router as accounts_router
from ctassist.cases.api import router as cases_router
from ctassist.core.api.auth import required_auth
from ctassist.core.api.contract import contract_complete
from ctassist.core.api.errors import install_error_handlers
from ctassist.core.api.parser import StrictParser
from ctassist.eevidence.api import router as eevidence_router
from ctassist.geo.api import router as geo_router
from ctassist.learning.api import router as learning_router
from ctassist.library.api import router as library_router
from ctassist.mla.api import router as mla_router
from ctassist.prisons.api import router as prisons_router
from ctassist.screening.api import router as screening_router
from ctassist.travel.api import router as travel_router
from ctassist.treaties.api import router as treaties_router


class ContractAPI(NinjaAPI):
    """The v1 API, whose OpenAPI also declares each operation's errors and public reads."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return contract_complete(self, super().get_openapi_schema(**kwargs))


api = ContractAPI(
    title="ctassist API",
    version="1",
    description=(
        "Counter-terrorism criminal justice platform. Authenticate with the browser session or "
        "`Authorization: Bearer <token>` (create one with `ctassist users token NAME`). Errors "
        'are JSON: `{"code": "...", "message": "...", "problems": [{"field", "message"}]}`.'
    ),
    auth=required_auth,
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    parser=StrictParser(),
)
install_error_handlers(api)
api.add_router("/geo/", geo_router)
api.add_router("/accounts/", accounts_router)
api.add_router("/treaties/", treaties_router)
api.add_router("/library/", library_router)
api.add_router("/cases/", cases_router)
api.add_router("/mla/", mla_router)
api.add_router("/eevidence/", eevidence_router)
api.add_router("/screening/", screening_router)
api.add_router("/travel/", travel_router)
api.add_router("/prisons/", prisons_router)
api.add_router("/learning/", learning_router)
