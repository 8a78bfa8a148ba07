#!/usr/bin/env bash
# Makes sure the system packages the crate, its tests and its demo need are installed:
# GTK 4, GLib and libadwaita development files (libadwaita's GIR file for gen-streams, its
# library for the `adw` feature), Xvfb and xauth (a display for headless machines),
# xdotool (real input in the end-to-end tests), imagemagick (the demo's screenshot).
# Installs them with apt-get when running as root (or with passwordless sudo); otherwise
# stops and prints the exact command to run.
set -euo pipefail

packages=(libgtk-4-dev libadwaita-1-dev xvfb xauth xdotool imagemagick pkg-config)
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo="sudo"
else
    echo "glib-signal-stream needs these Debian packages: ${missing[*]}" >&2
    echo "Install them with:  sudo apt-get update && sudo $cmd" >&2
    exit 1
fi
echo "Installing ${missing[*]} ..." >&2
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive $cmd -qq
