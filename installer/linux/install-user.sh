#!/bin/sh
# Install the bundle from dist/ for the current user only (no root): program, menu entry, icon.
# Usage: installer/linux/install-user.sh [bundle folder]   (default: dist/ThuiszitterDesktop)
# Remove again with: rm -rf ~/.local/opt/ThuiszitterDesktop ~/.local/bin/ThuiszitterDesktop \
#   ~/.local/share/applications/thuiszitter-desktop.desktop \
#   ~/.local/share/icons/hicolor/256x256/apps/thuiszitter-desktop.png
# The vault in ~/.local/share/ThuiszitterDesktop is the user's data and is never touched.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bundle=${1:-"$root/dist/ThuiszitterDesktop"}
[ -x "$bundle/ThuiszitterDesktop" ] || { echo "no bundle in $bundle: run 'make installer'" >&2; exit 1; }

data=${XDG_DATA_HOME:-"$HOME/.local/share"}
target="$HOME/.local/opt/ThuiszitterDesktop"
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$data/applications" \
         "$data/icons/hicolor/256x256/apps"
rm -rf "$target.new"
cp -a "$bundle" "$target.new"
rm -rf "$target"
mv "$target.new" "$target"
ln -sf "$target/ThuiszitterDesktop" "$HOME/.local/bin/ThuiszitterDesktop"
cp "$root/resources/icons/app.png" "$data/icons/hicolor/256x256/apps/thuiszitter-desktop.png"
# The menu may not have ~/.local/bin on its PATH: point Exec at the program itself.
sed "s|^Exec=.*|Exec=\"$target/ThuiszitterDesktop\"|" "$here/thuiszitter-desktop.desktop" \
    > "$data/applications/thuiszitter-desktop.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "Geïnstalleerd in $target"
