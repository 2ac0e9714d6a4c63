#!/usr/bin/env bash
# Fails with one line when the committed package-lock.json is not what npm resolves from package.json
# on a clean machine: resolving it again in a scratch copy must leave it byte-for-byte unchanged.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp "$root/package.json" "$root/package-lock.json" "$scratch/"
[ -f "$root/.npmrc" ] && cp "$root/.npmrc" "$scratch/"
if ! (cd "$scratch" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund >"$scratch/npm.log" 2>&1); then
  echo "lock check: npm could not resolve package.json against the registry:"; tail -n 20 "$scratch/npm.log"; exit 1
fi
if ! cmp -s "$root/package-lock.json" "$scratch/package-lock.json"; then
  changed=$(diff "$root/package-lock.json" "$scratch/package-lock.json" | grep -c '^[<>]' || true)
  echo "lock check: a fresh resolve rewrites package-lock.json ($changed lines differ): run 'npm install' and commit the lock it writes"
  exit 1
fi
echo "lock check: package-lock.json resolves unchanged"
