-- Least-privilege roles for HubSync's services (docs/security.md). Run once as the owner of
-- the product's tables (or a superuser), in the platform database, after setting the
-- passwords: psql -v publisher_password=… -v worker_password=… -v mapping_password=… \
--   -v operator_password=… -f roles.sql
-- The mapped tables below are the demo's; list yours. New mapped tables need the same grants.

-- The outbound publisher reads the captured tables through logical replication: no writes,
-- no ownership (REPLICA IDENTITY FULL and the publication come from migrations below).
CREATE ROLE hubsync_publisher LOGIN REPLICATION PASSWORD :'publisher_password';
GRANT CONNECT ON DATABASE platform TO hubsync_publisher;
GRANT USAGE ON SCHEMA public TO hubsync_publisher;
GRANT SELECT ON public.leads, public.companies, public.deals TO hubsync_publisher;
CREATE PUBLICATION hubsync_publication FOR TABLE public.leads, public.companies, public.deals;
-- the publisher's leadership lock and its status queries need nothing more

-- The sync worker reads and writes the mapped tables and owns HubSync's own schema (its
-- Flyway migrations, links, sync log, reviews, rate budget).
CREATE ROLE hubsync_worker LOGIN PASSWORD :'worker_password';
GRANT CONNECT ON DATABASE platform TO hubsync_worker;
CREATE SCHEMA IF NOT EXISTS hubsync AUTHORIZATION hubsync_worker;
GRANT USAGE ON SCHEMA public TO hubsync_worker;
GRANT SELECT, INSERT, UPDATE, DELETE ON public.leads, public.companies, public.deals TO hubsync_worker;

-- The mapping service keeps its versions in its own schema and reads the catalog (columns
-- of mapped tables) — which every role can.
CREATE ROLE hubsync_mapping LOGIN PASSWORD :'mapping_password';
GRANT CONNECT ON DATABASE platform TO hubsync_mapping;
CREATE SCHEMA IF NOT EXISTS hubsync_mapping AUTHORIZATION hubsync_mapping;
GRANT USAGE ON SCHEMA public TO hubsync_mapping;

-- People and tools (the ops CLI, dashboards) read HubSync's schema without writing it,
-- except the re-drive record the CLI keeps.
CREATE ROLE hubsync_operator LOGIN PASSWORD :'operator_password';
GRANT CONNECT ON DATABASE platform TO hubsync_operator;
GRANT USAGE ON SCHEMA hubsync TO hubsync_operator;
ALTER DEFAULT PRIVILEGES FOR ROLE hubsync_worker IN SCHEMA hubsync GRANT SELECT ON TABLES TO hubsync_operator;
-- after the worker's first start (its migrations create the table):
--   GRANT INSERT, UPDATE ON hubsync.dlt_redrive TO hubsync_operator;

-- The captured tables carry their whole old row on updates and deletes.
ALTER TABLE public.leads REPLICA IDENTITY FULL;
ALTER TABLE public.companies REPLICA IDENTITY FULL;
ALTER TABLE public.deals REPLICA IDENTITY FULL;
