#!/usr/bin/env bash
# Proves the npm package works as a user gets it: `npm pack`, install the tarball into an empty
# directory without the registry, and run the installed `proxmox-access` from there: --version,
# validate, and plan against its own `simulate`. Needs the bundle (npm run bundle) first.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

fail() {
  echo "check-pack: $*" >&2
  exit 1
}

[ -f dist/cli/index.js ] || fail "dist/cli/index.js is missing: run npm run bundle"
version=$(./node_modules/.bin/node -p 'require("./package.json").version')

tmp=$(mktemp -d)
sim_pid=""
cleanup() {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "-- npm pack"
tarball="$tmp/$(npm pack --silent --pack-destination "$tmp" | tail -n 1)"
[ -f "$tarball" ] || fail "npm pack wrote no tarball"
tar -tzf "$tarball" | sort >"$tmp/contents"
for required in package/package.json package/README.md package/CHANGELOG.md package/LICENSE \
  package/dist/cli/index.js package/schema/proxmox-access.schema.json; do
  grep -qx "$required" "$tmp/contents" || fail "the package lacks $required"
done
if grep -Ev '^package/(package\.json|README\.md|CHANGELOG\.md|LICENSE|schema/[^/]+\.json|dist/cli/[^/]+\.(js|cjs|json|txt))$' "$tmp/contents"; then
  fail "the package holds files it should not (above)"
fi
tar -xzOf "$tarball" package/package.json >"$tmp/packed.json"
./node_modules/.bin/node -e '
  const pkg = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const field of ["dependencies", "optionalDependencies", "peerDependencies", "bundleDependencies"]) {
    if (pkg[field] && Object.keys(pkg[field]).length > 0) throw new Error(`the packed package.json has ${field}: the bundle must need none`);
  }
  if (pkg.private) throw new Error("the package is private: npm would refuse to publish it");
' "$tmp/packed.json"
echo "$(wc -l <"$tmp/contents") files, $(du -k "$tarball" | cut -f1) kB packed, no runtime dependencies"

echo "-- install the tarball into an empty directory, offline"
mkdir "$tmp/app" "$tmp/bin"
(cd "$tmp/app" && npm install --offline --no-audit --no-fund --loglevel=error "$tarball" >/dev/null)
cli="$tmp/app/node_modules/.bin/proxmox-access"
[ -x "$cli" ] || fail "npm did not install the proxmox-access command"
# The command runs on whatever `node` is first on PATH: give it Node 24 and nothing else of the repo.
ln -s "$(readlink -f node_modules/.bin/node)" "$tmp/bin/node"
run() {
  (cd "$tmp/app" && env -i PATH="$tmp/bin:/usr/bin:/bin" HOME="$tmp" "$@")
}

echo "-- proxmox-access --version"
[ "$(run "$cli" --version)" = "$version" ] || fail "--version does not print $version"

echo "-- proxmox-access validate"
cp examples/proxmox-access.yml "$tmp/app/proxmox-access.yml"
run "$cli" validate >/dev/null
printf 'version: 1\nroles:\n  Ops:\n    privileges: [VM.Teleport]\n' >"$tmp/app/bad.yml"
if run "$cli" validate bad.yml >/dev/null 2>&1; then fail "validate accepted a spec with an unknown privilege"; fi
[ -f "$tmp/app/node_modules/proxmox-access/schema/proxmox-access.schema.json" ] || fail "the JSON Schema is not installed"

echo "-- proxmox-access simulate, then plan against it"
(cd "$tmp/app" && exec env -i PATH="$tmp/bin:/usr/bin:/bin" HOME="$tmp" "$cli" simulate >"$tmp/sim.env" 2>"$tmp/sim.log") &
sim_pid=$!
for _ in $(seq 1 100); do
  grep -q '^export PROXMOX_TOKEN_SECRET=' "$tmp/sim.env" 2>/dev/null && break
  kill -0 "$sim_pid" 2>/dev/null || { cat "$tmp/sim.log" >&2; fail "simulate exited early"; }
  sleep 0.2
done
grep -q '^export PROXMOX_TOKEN_SECRET=' "$tmp/sim.env" || fail "simulate printed no connection lines"
run sh -c '. "$1" && exec "$2" plan proxmox-access.yml' sh "$tmp/sim.env" "$cli" >"$tmp/plan.txt" 2>"$tmp/plan.log"
grep -q '^Plan: ' "$tmp/plan.txt" || { cat "$tmp/plan.txt" >&2; fail "plan printed no plan"; }
kill -TERM "$sim_pid"
wait "$sim_pid" || fail "simulate did not exit cleanly on SIGTERM"
sim_pid=""
echo "check-pack: ok (proxmox-access $version)"
