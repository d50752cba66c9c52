from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from ctassist.accounts import selectors
from ctassist.accounts.models import User
from ctassist.core.access import user_role
from ctassist.core.api.pagination import Pagination

router = Router(tags=["accounts"])


class UserOut(Schema):
    username: str
    role: str
    countries: list[str]
    organisation: str


def user_out(user: User) -> UserOut:
    return UserOut(
        username=user.username,
        role=user_role(user).value,
        countries=sorted(s.code for s in user.countries.all()),
        organisation=user.organisation,
    )


@router.get("/me", response=UserOut, summary="The calling user")
def me(request: HttpRequest) -> UserOut:
    return user_out(selectors.user_get_for(user=request.user, username=request.user.get_username()))


@router.get("/users", response=list[UserOut], summary="Colleagues sharing a country in scope")
@paginate(Pagination)
def users(request: HttpRequest) -> list[UserOut]:
    return [user_out(u) for u in selectors.user_directory_for(user=request.user)]


@router.get("/users/{username}", response=UserOut, summary="One user in scope")
def user(request: HttpRequest, username: str) -> UserOut:
    return user_out(selectors.user_get_for(user=request.user, username=username))
