-- Grants to the other services' roles of deploy/postgres/roles.sql on tables these migrations
-- create (roles.sql runs before they exist). ${mapping_role} and ${operator_role} are the
-- worker's hubsync.worker.grants.mapping-role and operator-role (checked role names; empty: no
-- grant). Repeatable: Flyway runs it again after the versioned migrations whenever a name
-- changes. A role named before keeps its grants: revoke them by hand.
DO $grants$
BEGIN
    IF '${mapping_role}' <> '' THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${mapping_role}') THEN
            RAISE EXCEPTION 'hubsync.worker.grants.mapping-role names the role %, which does not exist: create it (deploy/postgres/roles.sql) or leave the property empty', '${mapping_role}';
        END IF;
        -- the mapping service reads the OAuth installation and refreshes its tokens
        -- (hubsync.hubspot.auth=oauth): SELECT ... FOR UPDATE and UPDATE, never INSERT
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', '${flyway:defaultSchema}', '${mapping_role}');
        EXECUTE format('GRANT SELECT, UPDATE ON %I.oauth_installation TO %I', '${flyway:defaultSchema}', '${mapping_role}');
    END IF;
    IF '${operator_role}' <> '' THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${operator_role}') THEN
            RAISE EXCEPTION 'hubsync.worker.grants.operator-role names the role %, which does not exist: create it (deploy/postgres/roles.sql) or leave the property empty', '${operator_role}';
        END IF;
        -- hubsync-ops dlt redrive records what it sent back (reading the schema is granted by
        -- roles.sql's default privileges)
        EXECUTE format('GRANT INSERT, UPDATE ON %I.dlt_redrive TO %I', '${flyway:defaultSchema}', '${operator_role}');
    END IF;
END
$grants$;
