-- Lockout keys of anonymous callers (the hosted login page): 'alice@198.51.100.7' (one client network: an IPv4 address
-- or an IPv6 /64) and 'alice@*' (every network together), besides 'alice' (API keys, the command line). The longest is a
-- 64-character id, '@' and 'ffff:ffff:ffff:ffff::/64'. SQLite does not enforce the declared length, so only
-- PostgreSQL needs this.
ALTER TABLE login_attempts ALTER COLUMN claimed_id TYPE VARCHAR(90);
