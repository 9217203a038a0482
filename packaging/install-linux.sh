#!/bin/sh
# Installs the bundle built by `make bundle` for the current user: the folder in
# ~/.local/lib/passerelle, the command in ~/.local/bin, the menu entry and its icon.
# The data folder (~/.local/share/Passerelle) is never touched: updating keeps the data.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bundle="$here/dist/passerelle"
[ -x "$bundle/passerelle" ] || { echo "Construisez d'abord le paquet : make bundle" >&2; exit 1; }
lib="$HOME/.local/lib/passerelle"
rm -rf "$lib.nouveau"
cp -a "$bundle" "$lib.nouveau"
rm -rf "$lib"
mv "$lib.nouveau" "$lib"
mkdir -p "$HOME/.local/bin" "$HOME/.local/share/applications" "$HOME/.local/share/icons/hicolor/512x512/apps"
ln -sf "$lib/passerelle" "$HOME/.local/bin/passerelle"
cp "$here/resources/icons/passerelle.png" "$HOME/.local/share/icons/hicolor/512x512/apps/passerelle.png"
sed "s|^Exec=passerelle|Exec=$lib/passerelle|" "$here/packaging/passerelle.desktop" > "$HOME/.local/share/applications/passerelle.desktop"
echo "Passerelle installée dans $lib (menu : Bureautique › Passerelle)."
