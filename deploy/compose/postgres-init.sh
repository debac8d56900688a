#!/usr/bin/env bash
# Runs once, when the PostgreSQL container starts on an empty data volume: one role and one
# schema per service, by the same SQL the embedded development stack runs
# (devstack's bootstrap.sql, mounted at /meet/bootstrap.sql), with each role's password from
# the environment.
set -euo pipefail

create() {
	local role="$1" schema="$2" password="$3"
	# the password goes into the SQL as a literal: only characters that need no quoting
	if [[ ! "$password" =~ ^[A-Za-z0-9._~-]{16,}$ ]]; then
		echo "postgres-init: the password for ${role} must be at least 16 of A-Z a-z 0-9 . _ ~ -" >&2
		exit 1
	fi
	sed -e "s/\${role}/${role}/g" -e "s/\${schema}/${schema}/g" -e "s/\${password}/${password}/g" \
		-e "s/\${database}/${POSTGRES_DB}/g" "${BOOTSTRAP_SQL:-/meet/bootstrap.sql}" |
		psql -v ON_ERROR_STOP=1 --quiet --username "$POSTGRES_USER" --dbname "$POSTGRES_DB"
}

create auth_service auth "$AUTH_DB_PASSWORD"
create meeting_service meeting "$MEETING_DB_PASSWORD"
create chat_service chat "$CHAT_DB_PASSWORD"
create recording_service recording "$RECORDING_DB_PASSWORD"
