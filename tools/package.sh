#!/usr/bin/env bash
# Builds what a user installs, from a checkout:
#   target/debian/readingroom_VERSION-1_ARCH.deb        (needs cargo-deb: cargo install cargo-deb)
#   target/dist/readingroom-VERSION-x86_64-linux.tar.gz  (the binary, the desktop entry, the icons,
#                                                         the manual page and the completions)
# The binary is built with the `dist` profile (link-time optimisation, one codegen unit, no
# symbols). An AppImage is not made: its tools download pieces while they build.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
arch=$(uname -m)

cargo build --profile dist --locked --bin readingroom
bin=target/dist/readingroom
mkdir -p target/package-files
"$bin" generate-package-files target/package-files >/dev/null

# The tarball: unpack anywhere, run ./readingroom (install.sh puts the desktop entry and icon in
# ~/.local/share).
name="readingroom-$version-$arch-linux"
stage="target/dist/$name"
rm -rf "$stage"
mkdir -p "$stage/share/applications" "$stage/share/mime/packages" "$stage/share/man/man1" \
  "$stage/share/completions"
cp "$bin" "$stage/readingroom"
cp assets/linux/readingroom.desktop "$stage/share/applications/"
cp assets/linux/readingroom-mime.xml "$stage/share/mime/packages/readingroom.xml"
cp -r assets/linux/icons "$stage/share/icons"
cp target/package-files/readingroom.1 "$stage/share/man/man1/"
cp target/package-files/readingroom.bash target/package-files/_readingroom \
  target/package-files/readingroom.fish "$stage/share/completions/"
cp README.md "$stage/"
cat > "$stage/install.sh" <<'INSTALL'
#!/usr/bin/env bash
# Installs Reading Room for this user: ~/.local/bin, the menu entry, the icon, the file types.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$HOME/.local/bin" "$data/applications" "$data/mime/packages" "$data/man/man1"
install -m 755 "$here/readingroom" "$HOME/.local/bin/readingroom"
install -m 644 "$here/share/applications/readingroom.desktop" "$data/applications/"
install -m 644 "$here/share/mime/packages/readingroom.xml" "$data/mime/packages/"
install -m 644 "$here/share/man/man1/readingroom.1" "$data/man/man1/"
for size in 16 32 48 64 128 256; do
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  install -m 644 "$here/share/icons/${size}x${size}/readingroom.png" "$data/icons/hicolor/${size}x${size}/apps/"
done
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "Installed: run readingroom, or find Reading Room in the applications menu."
INSTALL
chmod 755 "$stage/install.sh"
tar -C target/dist -czf "target/dist/$name.tar.gz" "$name"
echo "target/dist/$name.tar.gz"

if command -v cargo-deb >/dev/null 2>&1; then
  cargo deb --no-build --profile dist
else
  echo "cargo-deb is not installed (cargo install cargo-deb): the .deb was not built" >&2
fi
