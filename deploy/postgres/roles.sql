-- Least-privilege roles for HubSync's services (docs/security.md). Run once as a superuser
-- (or a role with CREATEROLE that owns the product's tables), in the platform database,
-- after the product's tables exist, with the passwords set:
--   psql -v ON_ERROR_STOP=1 -v publisher_password=… -v worker_password=… \
--     -v mapping_password=… -v operator_password=… -d platform -f roles.sql
-- docker-compose.yml runs it at the first start of its PostgreSQL (init-roles.sh);
-- dev.hubsync.devstack.LeastPrivilegeIT runs it and starts the services with these roles.
-- The mapped tables below are the demo's; list yours. New mapped tables need the same
-- grants (and a place in the publication).

-- The outbound publisher reads the captured tables through logical replication: no writes,
-- no ownership. The publication and REPLICA IDENTITY FULL come from here (or your
-- migrations), so the publisher's default hubsync.publisher.replica-identity=check
-- only reads them.
CREATE ROLE hubsync_publisher LOGIN REPLICATION PASSWORD :'publisher_password';
GRANT CONNECT ON DATABASE :"DBNAME" TO hubsync_publisher;
GRANT USAGE ON SCHEMA public TO hubsync_publisher;
GRANT SELECT ON public.leads, public.companies, public.deals TO hubsync_publisher;
CREATE PUBLICATION hubsync_publication FOR TABLE public.leads, public.companies, public.deals;
GRANT SELECT ON public.tasks, public.notes, public.tickets TO hubsync_publisher;
ALTER PUBLICATION hubsync_publication ADD TABLE public.tasks, public.notes, public.tickets;
-- the publisher's leadership lock (an advisory lock) and slot-lag query need nothing more

-- The sync worker reads and writes the mapped tables and owns HubSync's own schema (its
-- Flyway migrations, links, sync log, reviews, rate budget). It cannot alter or drop the
-- product's tables.
CREATE ROLE hubsync_worker LOGIN PASSWORD :'worker_password';
GRANT CONNECT ON DATABASE :"DBNAME" TO hubsync_worker;
CREATE SCHEMA IF NOT EXISTS hubsync AUTHORIZATION hubsync_worker;
GRANT USAGE ON SCHEMA public TO hubsync_worker;
GRANT SELECT, INSERT, UPDATE, DELETE ON public.leads, public.companies, public.deals TO hubsync_worker;
-- the users that owner fields point at (hubsync.worker.directory.users.table), matched to
-- HubSpot's owners by email: read only
GRANT SELECT ON public.users TO hubsync_worker;
GRANT SELECT, INSERT, UPDATE, DELETE ON public.tasks, public.notes, public.tickets TO hubsync_worker;

-- The mapping service keeps its versions in its own schema and reads the mapped tables'
-- columns from information_schema, which shows a table's columns only to a role with a
-- privilege on it: SELECT, no writes.
CREATE ROLE hubsync_mapping LOGIN PASSWORD :'mapping_password';
GRANT CONNECT ON DATABASE :"DBNAME" TO hubsync_mapping;
CREATE SCHEMA IF NOT EXISTS hubsync_mapping AUTHORIZATION hubsync_mapping;
GRANT USAGE ON SCHEMA public TO hubsync_mapping;
GRANT SELECT ON public.leads, public.companies, public.deals TO hubsync_mapping;
GRANT SELECT ON public.tasks, public.notes, public.tickets TO hubsync_mapping;

-- People and tools (the ops CLI, dashboards) read HubSync's schema without writing it,
-- except the re-drive record the CLI keeps; they do not write the product's tables.
CREATE ROLE hubsync_operator LOGIN PASSWORD :'operator_password';
GRANT CONNECT ON DATABASE :"DBNAME" TO hubsync_operator;
GRANT USAGE ON SCHEMA hubsync TO hubsync_operator;
ALTER DEFAULT PRIVILEGES FOR ROLE hubsync_worker IN SCHEMA hubsync GRANT SELECT ON TABLES TO hubsync_operator;

-- Grants on single tables of HubSync's schema cannot be made here: the worker's migrations
-- create them later. The worker makes them after its migrations (R__role_grants.sql) for the
-- roles named by hubsync.worker.grants.mapping-role and .operator-role (docker-compose and the
-- Kubernetes manifests name hubsync_mapping and hubsync_operator): the mapping service's role
-- gets USAGE on hubsync and SELECT, UPDATE on hubsync.oauth_installation (it reads and
-- refreshes the OAuth tokens with hubsync.hubspot.auth=oauth); the operator's role INSERT,
-- UPDATE on the re-drive record, hubsync.dlt_redrive.

-- The captured tables carry their whole old row on updates and deletes (the demo's own
-- migration V2__replica_identity.sql does the same; running both is harmless).
ALTER TABLE public.leads REPLICA IDENTITY FULL;
ALTER TABLE public.companies REPLICA IDENTITY FULL;
ALTER TABLE public.deals REPLICA IDENTITY FULL;
ALTER TABLE public.tasks REPLICA IDENTITY FULL;
ALTER TABLE public.notes REPLICA IDENTITY FULL;
ALTER TABLE public.tickets REPLICA IDENTITY FULL;
