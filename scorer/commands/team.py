"""`scorer team init|add-member|connect|status|publish|pull`: the team store (PostgreSQL).

No command prints a password. A password is read from the terminal without echo, or
from standard input with --password-stdin, and kept only in the OS keyring; with
--no-password the login relies on libpq's ~/.pgpass, its service file, or a client
certificate. Real deployments use `sslmode=verify-full` in the URL.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date
from typing import Any

from scorer.domain.people import normalise_email
from scorer.domain.team import Role, TeamError, waiting_line
from scorer.paths import data_home
from scorer.services.rubrics.folder import resolve_rubric_folder
from scorer.services.settings import load_settings
from scorer.services.store import open_local_store
from scorer.services.team.access import check_url, client_for, connect_profile, open_client
from scorer.services.team.library import publish_library, pull_rubrics, pull_trust
from scorer.services.team.publish import Publisher
from scorer.services.team.status import team_status
from scorer.team.connection import safe_url
from scorer.team.migrate import init_team

_PASSWORD_HELP = ("read the password from the first line of standard input instead of "
                  "asking")
_NO_PASSWORD_HELP = "use no password here (libpq's ~/.pgpass, service file or certificate)"


def _password_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--password-stdin", action="store_true", help=_PASSWORD_HELP)
    group.add_argument("--no-password", action="store_true", help=_NO_PASSWORD_HELP)


def register(commands: Any) -> None:
    team = commands.add_parser(
        "team", help="share cards, status, rubrics and trust through a PostgreSQL team store",
        description="The team store: a PostgreSQL database shared by the hiring team. "
        "Interviews always run against the local store; what is to be published waits in a "
        "local outbox until the server takes it. See docs/team-store.md.")
    sub = team.add_subparsers(title="team commands", metavar="ACTION", required=True)

    init = sub.add_parser(
        "init", help="set up the team schema, group roles and policies (database owner, once)",
        description="Create or upgrade the team schema in the database at URL (its own "
        "Alembic history), with the group roles PREFIX_interviewer, PREFIX_panel and "
        "PREFIX_lead and the row-level security policies. Run by the database owner.")
    init.add_argument("url", metavar="URL")
    init.add_argument("--prefix", help="the group roles' prefix (default: scorer_<database>)")
    _password_options(init)
    init.set_defaults(handler=run_init)

    add = sub.add_parser(
        "add-member", help="add a member with their own login role (for a lead)",
        description="Create the member's login role (named by their email unless --login) "
        "and grant it the group role. The new member's password is asked for without echo "
        "and reaches the server only as a SCRAM verifier.")
    add.add_argument("name", metavar="NAME")
    add.add_argument("email", metavar="EMAIL")
    add.add_argument("--role", required=True, choices=["interviewer", "panel", "lead"])
    add.add_argument("--login", help="the login role's name (default: the email)")
    add.add_argument("--url", metavar="URL",
                     help="the team store to add to, for its owner adding the first lead "
                     "(default: the one this profile is connected to)")
    _password_options(add)
    add.set_defaults(handler=run_add_member)

    connect = sub.add_parser(
        "connect", help="connect this profile to the team store at URL",
        description="Log in once to check the membership, keep the password in the OS "
        "keyring, and queue every interview's status to publish. The URL carries no "
        "password, e.g. postgresql://you%%40example.com@db.example.com/hiring?"
        "sslmode=verify-full.")
    connect.add_argument("url", metavar="URL")
    _password_options(connect)
    connect.set_defaults(handler=run_connect)

    status = sub.add_parser(
        "status", help="interviews across the team by state, late ones first",
        description="The team's interviews as your role may see them (all of them for the "
        "panel and leads, your own for an interviewer), late ones first, and this "
        "profile's outbox.")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.add_argument("--limit", type=int, default=50,
                        help="list at most N interviews (0: all; default 50)")
    status.set_defaults(handler=run_status)

    publish = sub.add_parser(
        "publish", help="send what waits in the outbox now",
        description="Send every queued status and card now, ignoring the back-off. Exit 0 "
        "when the outbox is empty afterwards, 2 when something still waits.")
    publish.add_argument(
        "--library", action="store_true",
        help="(lead) first publish the rubric folder and the trust folder: the trust list "
        "becomes the folder's certificates")
    publish.set_defaults(handler=run_publish)

    pull = sub.add_parser(
        "pull", help="write the team's newest rubrics into the rubric folder, and (for "
        "interviewers and the panel) its trust list into the trust folder",
        description="Rubric files that differ from the team's newest are replaced. The trust "
        "list is written as team-<fingerprint>.pem files, retired ones removed; a lead's own "
        "trust folder is the source of the list and is left alone.")
    pull.set_defaults(handler=run_pull)


def _password(args: argparse.Namespace, prompt: str) -> str | None:
    if args.no_password:
        return None
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        return line or None
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(prompt) or None


def run_init(args: argparse.Namespace) -> int:
    url = check_url(args.url)
    password = _password(args, f"Password for {safe_url(url)}: ")
    revision, prefix = init_team(url, password, args.prefix)
    print(f"team store {safe_url(url)}: schema at {revision}; group roles {prefix}_interviewer, "
          f"{prefix}_panel, {prefix}_lead")
    return 0


def run_add_member(args: argparse.Namespace) -> int:
    email = normalise_email(args.email)
    login = args.login or email
    password = _password(args, f"Password for the new member {login}: ")
    if args.url is not None:
        with client_for(check_url(args.url), None) as client:
            client.add_member(login, args.name, email, Role(args.role), password)
    else:
        with open_local_store() as store, open_client(store) as client:
            client.add_member(login, args.name, email, Role(args.role), password)
    print(f"added {args.name} <{email}> as {args.role} (login {login})")
    return 0


def run_connect(args: argparse.Namespace) -> int:
    url = check_url(args.url)
    password = _password(args, f"Password for {safe_url(url)}: ")
    with open_local_store() as store:
        member, queued = connect_profile(store, url, password)
    print(f"connected to {safe_url(url)} as {member.name} <{member.email}>, "
          f"{member.role.value}; {queued} interview status{'es' if queued != 1 else ''} "
          "queued to publish")
    return 0


def run_status(args: argparse.Namespace) -> int:

    with open_local_store() as store:
        waiting = Publisher(store).waiting()
        with open_client(store) as client:
            report = team_status(client, date.today(), args.limit or None)
    if args.json:
        data = report.to_json()
        data["outbox"] = {"cards": waiting.cards, "statuses": waiting.statuses,
                          "failing": waiting.failing, "last_error": waiting.last_error}
        sys.stdout.write(json.dumps(data, indent=1) + "\n")
        return 0
    lines = report.lines()
    lines.append(f"this profile: {waiting_line(waiting.cards, waiting.statuses)}")
    if waiting.last_error:
        lines.append(f"last problem: {waiting.last_error}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def run_publish(args: argparse.Namespace) -> int:
    with open_local_store() as store, open_client(store) as client:
        if args.library:
            settings = load_settings()
            rubrics = resolve_rubric_folder(settings, data_home()).path
            for line in publish_library(client, rubrics, settings.trust_dir()).lines():
                print(line)
        report = Publisher(store).flush(client)
    for line in report.lines():
        print(line)
    return 0 if not (report.waiting_cards or report.waiting_statuses) else 2


def run_pull(args: argparse.Namespace) -> int:
    chosen = resolve_rubric_folder(load_settings(), data_home())
    if chosen.read_only:
        raise TeamError(f"The rubric folder {chosen.path} is read-only, so the team's rubrics "
                        "cannot be written there; choose a folder of your own first.")
    folder = chosen.path
    trust = load_settings().trust_dir()
    with open_local_store() as store, open_client(store) as client:
        changed = pull_rubrics(client, folder)
        member = client.whoami()
        pulled = None
        if member is not None and member.role is not Role.LEAD:
            pulled = pull_trust(client, trust)
    for path in changed:
        print(f"{path}: updated from the team store")
    print(f"{len(changed)} rubric file{'s' if len(changed) != 1 else ''} updated in {folder}")
    if pulled is not None:
        print(f"trust list: {pulled[0]} certificate{'s' if pulled[0] != 1 else ''} written, "
              f"{pulled[1]} retired removed, in {trust}")
    return 0
