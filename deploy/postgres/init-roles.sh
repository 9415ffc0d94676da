#!/bin/sh
# docker-compose.yml's PostgreSQL runs this once, at its first start (an empty data volume),
# after the demo schema (10-, 11-): HubSync's least-privilege roles from roles.sql, with
# their passwords from the environment. A data volume made before this script existed
# keeps its old roles: run roles.sql by hand (its header says how).
set -e
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
	-v publisher_password="${HUBSYNC_PUBLISHER_DB_PASSWORD:?}" \
	-v worker_password="${HUBSYNC_WORKER_DB_PASSWORD:?}" \
	-v mapping_password="${HUBSYNC_MAPPING_DB_PASSWORD:?}" \
	-v operator_password="${HUBSYNC_OPERATOR_DB_PASSWORD:?}" \
	-f /hubsync/roles.sql
