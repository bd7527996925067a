"""The team schema: members, trust list, rubric library, interview status, cards;
group roles, grants and row-level security.

The group roles are named `<prefix>_interviewer`, `<prefix>_panel` and
`<prefix>_lead`; the prefix is passed in by `scorer team init` and recorded in
`scorer_team.team`.

Revision ID: t0001
Revises:
"""

from __future__ import annotations

from alembic import context, op

revision = "t0001"
down_revision = None
branch_labels = None
depends_on = None


def _sql(prefix: str) -> str:
    interviewer, panel, lead = (f'"{prefix}_{role}"' for role in ("interviewer", "panel", "lead"))
    everyone = f"{interviewer}, {panel}, {lead}"
    return f"""
CREATE TABLE scorer_team.team (
    prefix text PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO scorer_team.team (prefix) VALUES ('{prefix}');

CREATE TABLE scorer_team.members (
    login text PRIMARY KEY,
    name text NOT NULL,
    email text NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('interviewer', 'panel', 'lead')),
    added_at timestamptz NOT NULL DEFAULT now(),
    added_by text NOT NULL DEFAULT session_user
);

CREATE TABLE scorer_team.certificates (
    fingerprint text PRIMARY KEY CHECK (fingerprint ~ '^[0-9a-f]{{64}}$'),
    name text NOT NULL,
    email text NOT NULL,
    pem text NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now(),
    added_by text NOT NULL DEFAULT session_user,
    retired_at timestamptz
);
CREATE INDEX certificates_email ON scorer_team.certificates (lower(email));

CREATE TABLE scorer_team.rubrics (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{{64}}$'),
    rubric_id text NOT NULL,
    version text NOT NULL,
    file_name text NOT NULL,
    text text NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    published_by text NOT NULL DEFAULT session_user
);

CREATE TABLE scorer_team.interviews (
    key text PRIMARY KEY,
    candidate_name text NOT NULL,
    candidate_email text NOT NULL,
    kind text NOT NULL,
    interviewer_email text NOT NULL,
    scheduled_for date,
    state text NOT NULL
        CHECK (state IN ('scheduled', 'in_progress', 'ended', 'submitted', 'published')),
    version bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT session_user
);
CREATE INDEX interviews_state ON scorer_team.interviews (state, scheduled_for);
CREATE INDEX interviews_interviewer ON scorer_team.interviews (lower(interviewer_email));

CREATE TABLE scorer_team.cards (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{{64}}$'),
    interview_key text NOT NULL REFERENCES scorer_team.interviews (key),
    candidate_email text NOT NULL,
    kind text NOT NULL,
    interviewer_email text NOT NULL,
    fingerprint text NOT NULL REFERENCES scorer_team.certificates (fingerprint),
    recommendation text,
    card_json jsonb NOT NULL,
    pdf bytea NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    published_by text NOT NULL DEFAULT session_user
);
CREATE INDEX cards_candidate ON scorer_team.cards (lower(candidate_email));
CREATE INDEX cards_interviewer
    ON scorer_team.cards (lower(interviewer_email), lower(candidate_email));

-- Who is asking: the member row of the login. SECURITY DEFINER so that policies
-- can use it without recursing through the policies of the tables they guard.
CREATE FUNCTION scorer_team.my_email() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, scorer_team AS $$
    SELECT lower(email) FROM scorer_team.members WHERE login = session_user
$$;

CREATE FUNCTION scorer_team.has_published(candidate text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, scorer_team AS $$
    SELECT EXISTS (
        SELECT 1 FROM scorer_team.cards
        WHERE lower(candidate_email) = lower(candidate)
          AND lower(interviewer_email) = scorer_team.my_email()
    )
$$;

-- A published card moves its interview to 'published'.
CREATE FUNCTION scorer_team.card_published() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, scorer_team AS $$
BEGIN
    UPDATE scorer_team.interviews SET state = 'published', updated_at = now()
    WHERE key = NEW.interview_key;
    RETURN NEW;
END
$$;
CREATE TRIGGER card_published AFTER INSERT ON scorer_team.cards
FOR EACH ROW EXECUTE FUNCTION scorer_team.card_published();

-- Leads add members; the function's owner creates the login role. The password
-- arrives as a SCRAM verifier, never in clear text.
CREATE FUNCTION scorer_team.add_member(
    member_login text, member_name text, member_email text, member_role text,
    password_verifier text
) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, scorer_team AS $$
DECLARE
    existing record;
BEGIN
    IF member_role NOT IN ('interviewer', 'panel', 'lead') THEN
        RAISE EXCEPTION 'unknown role %', member_role USING ERRCODE = '22023';
    END IF;
    SELECT rolsuper, rolcreaterole INTO existing FROM pg_roles WHERE rolname = member_login;
    IF NOT FOUND THEN
        EXECUTE format('CREATE ROLE %I LOGIN', member_login);
        IF password_verifier IS NOT NULL THEN
            EXECUTE format('ALTER ROLE %I PASSWORD %L', member_login, password_verifier);
        END IF;
    ELSIF existing.rolsuper OR existing.rolcreaterole THEN
        RAISE EXCEPTION 'the login % is an administrator and cannot be a member', member_login
            USING ERRCODE = '42501';
    END IF;
    EXECUTE format('GRANT %I TO %I', '{prefix}_' || member_role, member_login);
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), member_login);
    INSERT INTO scorer_team.members (login, name, email, role)
    VALUES (member_login, member_name, lower(member_email), member_role)
    ON CONFLICT (login) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
        role = EXCLUDED.role;
END
$$;
REVOKE ALL ON FUNCTION scorer_team.add_member(text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scorer_team.add_member(text, text, text, text, text) TO {lead};

GRANT USAGE ON SCHEMA scorer_team TO {everyone};
GRANT SELECT ON scorer_team.team, scorer_team.members, scorer_team.certificates,
    scorer_team.rubrics, scorer_team.interviews, scorer_team.cards TO {everyone};
GRANT INSERT, UPDATE ON scorer_team.certificates, scorer_team.rubrics TO {lead};
GRANT INSERT, UPDATE ON scorer_team.interviews TO {interviewer}, {lead};
GRANT INSERT ON scorer_team.cards TO {interviewer}, {lead};

ALTER TABLE scorer_team.certificates ENABLE ROW LEVEL SECURITY;
ALTER TABLE scorer_team.rubrics ENABLE ROW LEVEL SECURITY;
ALTER TABLE scorer_team.interviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE scorer_team.cards ENABLE ROW LEVEL SECURITY;

CREATE POLICY read_all ON scorer_team.certificates FOR SELECT TO {everyone} USING (true);
CREATE POLICY lead_adds ON scorer_team.certificates FOR INSERT TO {lead} WITH CHECK (true);
CREATE POLICY lead_retires ON scorer_team.certificates FOR UPDATE TO {lead}
    USING (true) WITH CHECK (true);

CREATE POLICY read_all ON scorer_team.rubrics FOR SELECT TO {everyone} USING (true);
CREATE POLICY lead_publishes ON scorer_team.rubrics FOR INSERT TO {lead} WITH CHECK (true);
CREATE POLICY lead_corrects ON scorer_team.rubrics FOR UPDATE TO {lead}
    USING (true) WITH CHECK (true);

CREATE POLICY own_read ON scorer_team.interviews FOR SELECT TO {interviewer}
    USING (lower(interviewer_email) = scorer_team.my_email());
CREATE POLICY own_insert ON scorer_team.interviews FOR INSERT TO {interviewer}
    WITH CHECK (lower(interviewer_email) = scorer_team.my_email() AND state <> 'published');
CREATE POLICY own_update ON scorer_team.interviews FOR UPDATE TO {interviewer}
    USING (lower(interviewer_email) = scorer_team.my_email())
    WITH CHECK (lower(interviewer_email) = scorer_team.my_email());
CREATE POLICY team_read ON scorer_team.interviews FOR SELECT TO {panel}, {lead} USING (true);
CREATE POLICY lead_insert ON scorer_team.interviews FOR INSERT TO {lead} WITH CHECK (true);
CREATE POLICY lead_update ON scorer_team.interviews FOR UPDATE TO {lead}
    USING (true) WITH CHECK (true);

-- Blind until submit: an interviewer reads a candidate's cards once their own is published.
-- (Their own card is theirs to read at once: INSERT ... ON CONFLICT checks it is readable.)
CREATE POLICY blind_until_own ON scorer_team.cards FOR SELECT TO {interviewer}
    USING (lower(interviewer_email) = scorer_team.my_email()
           OR scorer_team.has_published(candidate_email));
CREATE POLICY team_read ON scorer_team.cards FOR SELECT TO {panel}, {lead} USING (true);
-- A card only for one's own interview, signed with one's own live certificate.
CREATE POLICY own_card ON scorer_team.cards FOR INSERT TO {interviewer}, {lead}
    WITH CHECK (
        lower(interviewer_email) = scorer_team.my_email()
        AND published_by = session_user
        AND EXISTS (
            SELECT 1 FROM scorer_team.interviews i
            WHERE i.key = interview_key
              AND lower(i.interviewer_email) = scorer_team.my_email()
              AND lower(i.candidate_email) = lower(cards.candidate_email)
              AND i.kind = cards.kind
        )
        AND EXISTS (
            SELECT 1 FROM scorer_team.certificates c
            WHERE c.fingerprint = cards.fingerprint
              AND lower(c.email) = scorer_team.my_email()
              AND c.retired_at IS NULL
        )
    );
"""


def _roles(prefix: str) -> str:
    statements = []
    for role in ("interviewer", "panel", "lead"):
        name = f"{prefix}_{role}"
        statements.append(
            f"IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN "
            f'CREATE ROLE "{name}" NOLOGIN; END IF;'
        )
    return "DO $$ BEGIN " + " ".join(statements) + " END $$;"


def upgrade() -> None:
    prefix = context.config.attributes["role_prefix"]
    op.execute(_roles(prefix))
    op.execute(_sql(prefix))
