# shellcheck shell=bash
# What ClaimDesk needs on a Debian or Ubuntu machine, and how to get what is missing. Sourced by
# scripts/run-app, scripts/test-all and .ci/run; every function is quick when nothing is missing.

# Building the desktop app (Tauri 2 on WebKitGTK 4.1).
BUILD_PACKAGES=(libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev curl)
# Building the .deb (scripts/package): dpkg-deb and dpkg-shlibdeps. build-essential already
# pulls dpkg-dev in; it is named so the package build does not rely on that.
PACKAGE_PACKAGES=(dpkg-dev)
# Running the end-to-end tests and taking screenshots; xdotool answers the native save dialog
# and finds the installed app's window (scripts/check-package), whose class xprop reads;
# desktop-file-validate checks the package's menu entry.
TEST_PACKAGES=(xvfb webkit2gtk-driver chromium imagemagick xdotool x11-utils desktop-file-utils)
# The version of tauri-driver the desktop tests are known to work with.
TAURI_DRIVER_VERSION=2.1.0
# Vite 8 needs Node.js 20.19 or newer.
NODE_MIN_MAJOR=20
NODE_MIN_MINOR=19

say() {
  if [[ -t 2 ]]; then printf '\033[1m==> %s\033[0m\n' "$*" >&2; else printf '==> %s\n' "$*" >&2; fi
}
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Installs the given apt packages that are not installed yet (with sudo unless root).
ensure_apt_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  ((${#missing[@]} == 0)) && return 0
  command -v apt-get >/dev/null || die "missing packages (${missing[*]}) and no apt-get: install them with your package manager"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "missing packages (${missing[*]}): run as root or install sudo"
    sudo=(sudo)
  fi
  say "Installing ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Rust and Node.js come from rustup and the system; they are checked, not installed.
ensure_toolchains() {
  [[ -d $HOME/.cargo/bin ]] && PATH="$HOME/.cargo/bin:$PATH"
  command -v cargo >/dev/null || die "Rust is not installed: install it with rustup (https://rustup.rs), then run this again"
  command -v node >/dev/null && command -v npm >/dev/null ||
    die "Node.js is not installed: install Node.js ${NODE_MIN_MAJOR}.${NODE_MIN_MINOR} or newer with npm, then run this again"
  local version major minor
  version=$(node --version)
  IFS=. read -r major minor _ <<<"${version#v}"
  if ((major < NODE_MIN_MAJOR || (major == NODE_MIN_MAJOR && minor < NODE_MIN_MINOR))); then
    die "Node.js $version is too old for the UI build: install ${NODE_MIN_MAJOR}.${NODE_MIN_MINOR} or newer"
  fi
}

# Installs the UI's npm packages exactly as locked, unless they already are.
ensure_ui_packages() {
  local ui="$1/ui"
  if [[ -f $ui/node_modules/.package-lock.json && ! $ui/package-lock.json -nt $ui/node_modules/.package-lock.json ]]; then
    return 0
  fi
  say "Installing the UI's npm packages (npm ci)"
  (cd "$ui" && npm ci --no-audit --no-fund)
}

# Installs tauri-driver (the WebDriver bridge to the desktop window) unless it is there.
ensure_tauri_driver() {
  command -v tauri-driver >/dev/null && return 0
  say "Installing tauri-driver $TAURI_DRIVER_VERSION"
  cargo install tauri-driver --locked --version "$TAURI_DRIVER_VERSION"
}
