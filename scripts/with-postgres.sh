#!/usr/bin/env bash
# Runs a command next to a throwaway PostgreSQL cluster, for the store tests and benchmarks:
#
#   scripts/with-postgres.sh swift test --filter Store
#   scripts/with-postgres.sh bash          # a shell with FLOWC_TEST_POSTGRES_URL set
#
# The cluster is made with Debian's initdb in a new temporary folder, owned by an unprivileged
# user (the caller, or `nobody` when run as root, since PostgreSQL refuses to run as root),
# listens on a loopback port and on a unix socket in that folder (never on the system service's
# socket or port), and is stopped and deleted when the command ends, whatever its exit status.
# The command sees FLOWC_TEST_POSTGRES_URL=postgres://flowc:PASSWORD@127.0.0.1:PORT/postgres (a
# superuser with a random password; the tests create one database per test in it). The exit
# status is the command's.
#
# Needs Debian's `postgresql` package (`apt-get install -y postgresql`; `.ci/run` installs it).
# PG_BIN names the folder of initdb, pg_ctl and postgres when they are somewhere else.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: scripts/with-postgres.sh COMMAND [ARGUMENT…]" >&2
  exit 64
fi

bin="${PG_BIN:-}"
if [ -z "$bin" ]; then
  bin="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null \
    | sort -V | tail -n 1)"
fi
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with-postgres.sh: no PostgreSQL server found (apt-get install -y postgresql, or set PG_BIN)" >&2
  exit 1
fi

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  as_owner=(runuser -u nobody --)
fi

root="$(mktemp -d "${TMPDIR:-/tmp}/flowc-postgres.XXXXXX")"
data="$root/data"
password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" >"$root/password"
chmod 700 "$root"
[ ${#as_owner[@]} -eq 0 ] || chown nobody "$root" "$root/password"

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$root"
}
trap stop EXIT
trap 'exit 130' INT TERM

"${as_owner[@]}" "$bin/initdb" -D "$data" -U flowc --pwfile="$root/password" \
  --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 || {
  cat "$root/initdb.log" >&2
  exit 1
}
rm -f "$root/password"

# A free loopback port: a few tries from a random start, since another cluster may hold one.
started=""
for attempt in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 30000))
  if "${as_owner[@]}" "$bin/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$root -c max_connections=200" \
    >/dev/null 2>&1; then
    started=yes
    break
  fi
done
if [ -z "$started" ]; then
  echo "with-postgres.sh: the cluster did not start; its log:" >&2
  cat "$root/server.log" >&2 || true
  exit 1
fi

export FLOWC_TEST_POSTGRES_URL="postgres://flowc:$password@127.0.0.1:$port/postgres"
echo "with-postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (stopped when the command ends)" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
