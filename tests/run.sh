#!/usr/bin/env bash
# The project's one test command (CI runs it through .ci/run):
#   1. installs what the tests need when it is missing: redis-server (the Redis tests start their own
#      servers; the service is not started) and Chromium (the browser tests);
#   2. builds the solution once (Release);
#   3. runs every test project tests/*.Tests/*.csproj, TRX results in .test-artifacts/trx/,
#      going on past a failing project;
#   4. totals the TRX counters (skipped: not executed) and ends with one line
#      "N passed, N failed[, N skipped]".
# Exits non-zero when a test failed, a project did not run to the end, the build failed or no test ran.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

configuration=Release
results="$repo/.test-artifacts/trx"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '==> %s\n' "$*" >&2; }

# --- 1. Tools the tests need -------------------------------------------------------------------
install_missing() {
  local packages=()
  command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
  [[ -x /usr/bin/chromium ]] || packages+=(chromium)
  ((${#packages[@]} == 0)) && return 0

  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { say "need root or sudo to install: ${packages[*]}"; return 1; }
    sudo=(sudo)
  fi
  say "installing ${packages[*]}"
  # Keep the packages' services from starting on install: test fixtures start their own servers.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod +x "$policy"
    added_policy=1
  fi
  local status=0
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q || status=$?
  if ((status == 0)); then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" || status=$?
  fi
  ((added_policy)) && "${sudo[@]}" rm -f "$policy"
  return "$status"
}

final_line() { # passed failed skipped
  local line="$1 passed, $2 failed"
  (($3 > 0)) && line+=", $3 skipped"
  printf '%s\n' "$line"
}

if ! install_missing; then
  say "could not install the test prerequisites"
  final_line 0 0 0
  exit 1
fi

# --- 2. Build once -------------------------------------------------------------------------------
say "dotnet build CcWallboard.sln -c $configuration"
if ! dotnet build CcWallboard.sln -c "$configuration" --nologo; then
  say "the build failed"
  final_line 0 0 0
  exit 1
fi

# --- 3. Every test project -----------------------------------------------------------------------
rm -rf "$results"
mkdir -p "$results"
shopt -s nullglob
projects=(tests/*.Tests/*.csproj)
shopt -u nullglob
((${#projects[@]} > 0)) || { say "no test projects under tests/*.Tests/"; final_line 0 0 0; exit 1; }

broken=()
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  say "dotnet test $project"
  status=0
  dotnet test "$project" -c "$configuration" --no-build --nologo \
    --results-directory "$results" --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --blame-hang-timeout 4m --blame-hang-dump-type none || status=$?
  if ((status != 0)); then
    broken+=("$name (exit $status)")
  fi
done

# --- 4. Totals from the TRX counters ----------------------------------------------------------------
counter() { # file attribute → value (0 when absent)
  local value
  value="$(grep -o '<Counters [^>]*>' "$1" | head -n 1 | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+' || true)"
  printf '%s\n' "${value:-0}"
}

passed=0 failed=0 skipped=0
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  trx="$results/$name.trx"
  if [[ ! -f $trx ]]; then
    # No TRX: the project found no tests (fine) or its run never got going (counted as broken above).
    say "$name: no results"
    continue
  fi
  p="$(counter "$trx" passed)"
  f=$(($(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted)))
  # VSTest leaves a skipped test out of "executed" but not always in "notExecuted".
  s="$(counter "$trx" notExecuted)"
  unrun=$(($(counter "$trx" total) - $(counter "$trx" executed)))
  ((unrun > s)) && s=$unrun
  say "$name: $p passed, $f failed, $s skipped"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

exit_code=0
if ((${#broken[@]} > 0)); then
  say "did not pass: ${broken[*]}"
  exit_code=1
fi
((failed == 0)) || exit_code=1
if ((passed + failed == 0)); then
  say "no test ran"
  exit_code=1
fi
final_line "$passed" "$failed" "$skipped"
exit "$exit_code"
