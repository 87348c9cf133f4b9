#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL cluster made with the server
# binaries in $1 (e.g. /usr/lib/postgresql/15/bin), exposing it as
# TEST_DATABASE_URL. The cluster lives under the OS temp folder and is removed
# afterwards.
set -euo pipefail
bin=$1; shift
dir=$(mktemp -d "${TMPDIR:-/tmp}/rapport-pg-XXXXXX")
chmod 755 "$dir"
as_pg=()
if [[ $(id -u) == 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
cleanup() {
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log"; exit 1; }
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -c listen_addresses=localhost -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log"; exit 1; }
echo "   $("$bin/postgres" --version) on port $port"
TEST_DATABASE_URL="postgres://postgres@localhost:$port/postgres" "$@"
