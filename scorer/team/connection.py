"""Connecting to the team store, and its failures as `TeamError`s with a clear sentence."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from scorer.domain.team import TeamError, TeamRefused, TeamUnreachable

if TYPE_CHECKING:
    import psycopg

SCHEMA = "scorer_team"
CONNECT_TIMEOUT = 5


def safe_url(url: str) -> str:
    """The URL without a password, for messages and settings."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))


def has_password(url: str) -> bool:
    if "://" in url:
        return urlsplit(url).password is not None
    return any(part.strip().startswith("password=") for part in url.split())


def login_of(url: str) -> str | None:
    """The user name the URL logs in as, if it names one."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        user = conninfo_to_dict(url).get("user")
    except Exception:  # noqa: BLE001 - a malformed URL is reported when connecting
        return None
    return str(user) if user else None


def connect(url: str, password: str | None = None, *, autocommit: bool = False
            ) -> psycopg.Connection:
    """A connection to the team store; libpq's password and service files apply as usual."""
    try:
        import psycopg
    except ImportError:
        raise TeamError("The team store needs psycopg, which is not installed; install Scorer "
                        'with its team extra: pip install "scorer[team]".') from None

    extra: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT,
                                "application_name": "scorer"}
    if password is not None:
        extra["password"] = password
    try:
        return psycopg.connect(url, autocommit=autocommit, **extra)  # type: ignore[arg-type]
    except psycopg.OperationalError as exc:
        raise connect_error(url, exc) from None
    except psycopg.ProgrammingError as exc:
        raise TeamError(f"The team store address {safe_url(url)} is not valid: "
                        f"{first_line(exc)}.") from None


def first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0].rstrip(".") if text else exc.__class__.__name__


def connect_error(url: str, exc: BaseException) -> TeamError:
    text = str(exc)
    where = safe_url(url)
    if "password authentication failed" in text or "no password supplied" in text:
        return TeamRefused(
            f"The team store at {where} refused the login: {first_line(exc)}. Connect again "
            "with `scorer team connect` and the right password."
        )
    if "does not exist" in text:
        return TeamRefused(f"The team store at {where} refused the connection: "
                           f"{first_line(exc)}.")
    return TeamUnreachable(f"The team store at {where} cannot be reached: {first_line(exc)}.")


@contextmanager
def translated(url: str) -> Iterator[None]:
    """Database errors raised inside the block, as `TeamError`s naming the store."""
    try:
        import psycopg
        from psycopg import errors
    except ImportError:  # `connect` says so, as a TeamError
        yield
        return
    try:
        yield
    except errors.InsufficientPrivilege as exc:
        raise TeamRefused(f"The team store at {safe_url(url)} refused: {first_line(exc)}."
                          ) from None
    except errors.UndefinedTable:
        raise TeamError(f"The team store at {safe_url(url)} is not set up; its owner runs "
                        "`scorer team init URL` once.") from None
    except psycopg.OperationalError as exc:
        raise TeamUnreachable(f"The team store at {safe_url(url)} stopped answering: "
                              f"{first_line(exc)}.") from None
    except psycopg.Error as exc:
        raise TeamRefused(f"The team store at {safe_url(url)} refused: {first_line(exc)}."
                          ) from None
