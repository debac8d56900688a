-- One role and one schema per service; each role reaches only its own schema.
-- Placeholders: ${role}, ${password}, ${schema}, ${database}. Safe to run again.
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN
		CREATE ROLE ${role} LOGIN PASSWORD '${password}';
	END IF;
END
$$;
REVOKE ALL ON DATABASE ${database} FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${role};
REVOKE ALL ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${role};
ALTER ROLE ${role} IN DATABASE ${database} SET search_path = ${schema};
