#!/usr/bin/env bash
# Installs PostgreSQL (server, pg_trgm and postgres_fdw) from Debian's packages when its
# programs are missing, for `npm run test:archive` and `npm run bench:archive`. Needs root
# (or sudo) and apt-get; it starts no server: the tests start throw-away clusters themselves.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ls /usr/share/postgresql/*/extension/pg_trgm.control >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "PostgreSQL is missing and apt-get is not available: install PostgreSQL 15 with its contrib modules (pg_trgm, postgres_fdw)" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq postgresql postgresql-contrib
