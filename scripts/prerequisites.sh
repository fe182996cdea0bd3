# Installs what building and testing need, skipping whatever is already there, and starts and stops
# a throw-away PostgreSQL. Sourced by the scripts in this folder; every step says what it does.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/tools/node_modules/.bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  step "installing $* (apt)"
  if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ]; then
    as_root apt-get update -qq
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
}

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { step "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
}

# wasm-bindgen's CLI must match the crate version in Cargo.lock exactly.
ensure_wasm_bindgen() {
  local want
  want="$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    step "installing wasm-bindgen-cli $want (about 5 minutes)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

# cargo-leptos' lockfile needs a newer toolchain than stable; without downloads it uses what is on PATH.
ensure_cargo_leptos() {
  if ! cargo leptos --version 2>/dev/null | grep -q '0\.3\.11'; then
    step "installing cargo-leptos 0.3.11 with the nightly toolchain (15-25 minutes on 2 cores)"
    cargo +nightly install cargo-leptos --version 0.3.11 --locked --features no_downloads
  fi
}

# Debian's binaryen is too old (hydration then fails in the browser); npm's 132 is right.
ensure_wasm_opt() {
  if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "132" ] || ! command -v wasm-opt | grep -q "$ROOT/tools"; then
    step "installing binaryen 132 (wasm-opt) from npm into tools/"
    (cd "$ROOT/tools" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_cargo_leptos
  ensure_wasm_opt
}

ensure_end2end_packages() {
  if [ ! -x "$ROOT/end2end/node_modules/.bin/playwright" ] || [ ! -x "$ROOT/end2end/node_modules/.bin/maildev" ] \
     || [ "$ROOT/end2end/package-lock.json" -nt "$ROOT/end2end/node_modules/.package-lock.json" ]; then
    step "installing the end-to-end packages (Playwright, maildev) from npm"
    (cd "$ROOT/end2end" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_chromium() {
  command -v chromium >/dev/null || apt_install chromium
}

ensure_postgres() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql
}

# The HTTP load generator the page benchmark drives the server with.
ensure_wrk() {
  command -v wrk >/dev/null || apt_install wrk
}

# The reverse proxy the scale test puts in front of two servers (Debian's, /usr/sbin/nginx). Only
# the package: the scale test runs its own nginx with a configuration of its own.
ensure_nginx() {
  [ -x /usr/sbin/nginx ] || apt_install nginx
}

# A TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A PostgreSQL server of its own in a temporary folder, on a free port; TEST_DATABASE_URL names its
# admin database. stop_test_postgres removes it again.
start_test_postgres() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  PG_DIR="$(mktemp -d /tmp/school-pg.XXXXXX)"
  PG_PORT="$(free_port)"
  PG_AS=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_DIR"
    PG_AS=(runuser -u postgres --)
  fi
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U school -A trust -E UTF8 --no-sync >"$PG_DIR/initdb.log" 2>&1 \
    && "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
         -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400" start >/dev/null \
    || { cat "$PG_DIR"/*.log; return 1; }
  export TEST_DATABASE_URL="postgres://school@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL for the tests at $TEST_DATABASE_URL"
}

stop_test_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1
    rm -rf "$PG_DIR"
  fi
}

# An SMTP catcher (maildev, from end2end/node_modules) on free ports: mail sent to TEST_SMTP_URL is
# read back through the REST API at TEST_MAILDEV_URL. stop_test_maildev stops it again.
start_test_maildev() {
  MAILDEV_DIR="$(mktemp -d /tmp/school-maildev.XXXXXX)"
  local smtp_port web_port
  smtp_port="$(free_port)"
  web_port="$(free_port)"
  while [ "$web_port" = "$smtp_port" ]; do web_port="$(free_port)"; done
  "$ROOT/end2end/node_modules/.bin/maildev" --smtp "$smtp_port" --web "$web_port" \
    --ip 127.0.0.1 --web-ip 127.0.0.1 --mail-directory "$MAILDEV_DIR/mail" >"$MAILDEV_DIR/maildev.log" 2>&1 &
  MAILDEV_PID=$!
  local tries=0
  until python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=1)" \
          "http://127.0.0.1:$web_port/api/healthz" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -ge 60 ] || ! kill -0 "$MAILDEV_PID" 2>/dev/null; then
      cat "$MAILDEV_DIR/maildev.log"
      return 1
    fi
    sleep 0.25
  done
  export TEST_SMTP_URL="smtp://127.0.0.1:$smtp_port"
  export TEST_MAILDEV_URL="http://127.0.0.1:$web_port"
  echo "maildev for the tests: SMTP at $TEST_SMTP_URL, mail readable at $TEST_MAILDEV_URL"
}

stop_test_maildev() {
  if [ -n "${MAILDEV_PID:-}" ]; then
    kill "$MAILDEV_PID" 2>/dev/null && wait "$MAILDEV_PID" 2>/dev/null || true
    MAILDEV_PID=""
  fi
  if [ -n "${MAILDEV_DIR:-}" ]; then
    rm -rf "$MAILDEV_DIR"
    MAILDEV_DIR=""
  fi
}

# cargo-leptos builds the wasm and the server one after the other when files are hashed; the last
# steps of each (one codegen unit, LTO; wasm-opt) use one core, so the two builds run side by side.
# They have separate target directories; the server reads the front end's hash file at run time.
build_release() {
  step "building the release (server whole at opt-level 3 with LTO, wasm size-optimised, side by side)"
  (
    cd "$ROOT" || exit 1
    cargo leptos build --release --precompress --frontend-only &
    local front=$!
    cargo leptos build --release --server-only
    local server=$?
    wait "$front"
    local front_status=$?
    [ "$server" -eq 0 ] && [ "$front_status" -eq 0 ]
  )
}

# Prints the wasm bundle's size, raw and gzipped.
bundle_size() {
  local wasm
  wasm="$(ls -t "$ROOT"/target/site/pkg/*.wasm 2>/dev/null | head -n 1)"
  [ -n "$wasm" ] || { echo "no wasm bundle built"; return 1; }
  printf 'wasm bundle %s: %s bytes raw, %s bytes gzip -9\n' \
    "$(basename "$wasm")" "$(stat -c %s "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"
}
