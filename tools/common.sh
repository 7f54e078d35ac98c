# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by tools/run and tools/test (sourced, not run): install the Debian 12
# packages the build and the tests need, and build the tree in build/.

# The build, the tests (xvfb, D-Bus, accessibility, fonts, validators) and the
# Flatpak manifest check. design/gotchas.md explains each choice.
TD_PACKAGES=(
  build-essential meson ninja-build pkg-config
  libgtk-4-dev libadwaita-1-dev libsqlite3-dev libpoppler-glib-dev libjson-glib-dev libicu-dev
  gettext itstool yelp-tools appstream desktop-file-utils shared-mime-info libglib2.0-bin
  xvfb xauth dbus-daemon at-spi2-core python3 python3-pyatspi
  fonts-liberation2 flatpak-builder poppler-utils
)

td_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

td_log () {
  printf '\033[1m==> %s\033[0m\n' "$*" >&2
}

# Prints the packages of TD_PACKAGES that are not installed.
td_missing_packages () {
  local pkg status
  for pkg in "${TD_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
    case "$status" in
      ii*) ;;
      *) echo "$pkg" ;;
    esac
  done
}

# Runs a command as root: directly when we are root, through sudo otherwise.
td_as_root () {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "error: installing packages needs root; run this as root or install sudo" >&2
    return 1
  fi
}

td_install_packages () {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "error: this script sets up Debian 12 (dpkg and apt-get not found)" >&2
    return 1
  fi
  local missing
  missing=$(td_missing_packages)
  if [ -z "$missing" ]; then
    td_log "All needed packages are installed"
    return 0
  fi
  # shellcheck disable=SC2086  # one package a word
  td_log "Installing:" $missing
  td_as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  # shellcheck disable=SC2086
  td_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y $missing
}

# Configures build/ on the first run; later runs only build, and ninja
# reconfigures by itself when a meson.build changed.
td_build () {
  cd "$td_root"
  if [ ! -f build/build.ninja ]; then
    td_log "Configuring build/"
    meson setup build
  fi
  td_log "Building"
  meson compile -C build
}
