# Installs what building and testing need, skipping whatever is already there.
# Sourced by scripts/start and scripts/test; every step says what it does.

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

build_release() {
  step "building the release (server at opt-level 3, wasm size-optimised)"
  (cd "$ROOT" && cargo leptos build --release --precompress)
}

# Prints the wasm bundle's size, raw and gzipped.
bundle_size() {
  local wasm
  wasm="$(ls -t "$ROOT"/target/site/pkg/*.wasm 2>/dev/null | head -n 1)"
  [ -n "$wasm" ] || { echo "no wasm bundle built"; return 1; }
  printf 'wasm bundle %s: %s bytes raw, %s bytes gzip -9\n' \
    "$(basename "$wasm")" "$(stat -c %s "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"
}
