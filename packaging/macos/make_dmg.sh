#!/usr/bin/env bash
# Make HydroDesk's macOS disk image from dist/HydroDesk.app (packaging/build.py on a Mac), signed and notarized when
# the secrets are there:
#
#   packaging/macos/make_dmg.sh            ->  dist/HydroDesk-VERSION.dmg  (the app and a link to /Applications)
#
# Signing (all optional; without them the image is unsigned, which is fine for testing):
#   MACOS_SIGNING_IDENTITY        "Developer ID Application: NAME (TEAMID)": codesign the app and the image
#   MACOS_CERTIFICATE_P12_BASE64  the Developer ID certificate as base64 .p12, imported into a temporary keychain
#   MACOS_CERTIFICATE_PASSWORD    its password (CI; on a developer's Mac the login keychain has the identity)
# Notarization (only after signing): APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD (an app-specific password).
# DIST (default: dist/) and PYTHON (default: python3) can be overridden.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DIST="${DIST:-$ROOT/dist}"
PYTHON="${PYTHON:-python3}"
VERSION="$("$PYTHON" "$ROOT/packaging/version.py")"
APP="$DIST/HydroDesk.app"
DMG="$DIST/HydroDesk-$VERSION.dmg"

[ -d "$APP" ] || { echo "no $APP: run packaging/build.py on macOS first" >&2; exit 1; }

cleanup() {
  [ -n "${STAGING:-}" ] && rm -rf "$STAGING"
  [ -n "${KEYCHAIN:-}" ] && security delete-keychain "$KEYCHAIN" >/dev/null 2>&1 || true
}
trap cleanup EXIT

if [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
  if [ -n "${MACOS_CERTIFICATE_P12_BASE64:-}" ]; then
    # CI: a throwaway keychain holding only the Developer ID certificate, deleted on exit.
    KEYCHAIN="$(mktemp -d)/hydrodesk-signing.keychain-db"
    KEYCHAIN_PASSWORD="$(uuidgen)"
    security create-keychain -p "$KEYCHAIN_PASSWORD" "$KEYCHAIN"
    security set-keychain-settings -lut 3600 "$KEYCHAIN"
    security unlock-keychain -p "$KEYCHAIN_PASSWORD" "$KEYCHAIN"
    echo "$MACOS_CERTIFICATE_P12_BASE64" | base64 --decode > "$(dirname "$KEYCHAIN")/certificate.p12"
    security import "$(dirname "$KEYCHAIN")/certificate.p12" -k "$KEYCHAIN" -P "${MACOS_CERTIFICATE_PASSWORD:-}" \
      -T /usr/bin/codesign
    security set-key-partition-list -S apple-tool:,apple: -s -k "$KEYCHAIN_PASSWORD" "$KEYCHAIN" >/dev/null
    security list-keychains -d user -s "$KEYCHAIN" $(security list-keychains -d user | tr -d '"')
  fi
  # Hardened runtime (notarization requires it), with the two exceptions a PyInstaller-built Python app needs.
  codesign --force --deep --timestamp --options runtime --entitlements "$HERE/entitlements.plist" \
    --sign "$MACOS_SIGNING_IDENTITY" "$APP"
  codesign --verify --deep --strict "$APP"
  echo "signed $APP"
else
  echo "MACOS_SIGNING_IDENTITY not set: the app and the disk image stay unsigned"
fi

STAGING="$(mktemp -d)"
cp -R "$APP" "$STAGING/"
ln -s /Applications "$STAGING/Applications"
rm -f "$DMG"
hdiutil create -volname "HydroDesk $VERSION" -srcfolder "$STAGING" -fs HFS+ -format UDZO -ov "$DMG"

if [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$DMG"
  if [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
    xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
      --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$DMG"
    echo "notarized and stapled $DMG"
  else
    echo "APPLE_ID, APPLE_TEAM_ID or APPLE_APP_PASSWORD not set: signed but not notarized"
  fi
fi
echo "made $DMG"
