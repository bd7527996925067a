"""The team store: PostgreSQL shared by a hiring team (the only psycopg import).

Cards, interview status, the rubric library and the trust list live in the schema
`scorer_team`, migrated by its own Alembic history (`scorer/team/migrations`). Who
may do what is enforced by the database: group roles and row-level security.
"""
