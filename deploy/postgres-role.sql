-- The database and its role for the partners dashboard, run once by PostgreSQL's superuser:
--   sudo -u postgres psql -v password="'a long random password'" \
--        -v reader_password="'another one'" -f deploy/postgres-role.sql
-- The app's role owns its database and may do nothing else on the server: it creates and
-- migrates its own tables (python -m utils store upgrade, or the app's first start).
CREATE ROLE partners LOGIN PASSWORD :password NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE partners OWNER partners ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE partners FROM PUBLIC;
\connect partners
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO partners;
-- A read-only role for reports and backups by pg_dump (optional).
CREATE ROLE partners_reader LOGIN PASSWORD :reader_password NOSUPERUSER;
GRANT CONNECT ON DATABASE partners TO partners_reader;
GRANT USAGE ON SCHEMA public TO partners_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE partners IN SCHEMA public GRANT SELECT ON TABLES TO partners_reader;
