#!/usr/bin/env bash
# Consumer check: MiniJwt taken in as source through a git submodule, the ways its users do it.
#
#   tests/consumer/check.sh [REPOSITORY]      (default: the repository this script is in)
#
# In a temporary folder it makes a git repository, adds REPOSITORY as a submodule at external/MiniJwt
# (so only what is committed there takes part: the checked-out commit, HEAD), writes a small console
# app from template/ that issues a token, verifies it and prints its subject, and builds and runs it:
#   a. through a ProjectReference to external/MiniJwt/src/MiniJwt/MiniJwt.csproj;
#   b. with MiniJwt's .cs files compiled into the app (<Compile Include=…/>), no project of ours involved;
#   c. both of them published as Native AOT, every member of MiniJwt rooted, and the native binary run;
# each for net8.0 and net10.0, under a strict consumer (template/Directory.Build.props: nullable,
# warnings as errors, AnalysisLevel latest-all, no implicit usings, checked arithmetic; central
# package management on and no package allowed). A net8.0 app runs as a self-contained publish,
# which brings the 8.0 runtime pack from NuGet, so no 8.0 runtime needs to be installed.
#
# One line per step: "PASS <way> …" or "FAIL <way> …"; then "consumer check: N passed, N failed".
# Exits non-zero when a step fails. KEEP=1 keeps the temporary folder.
set -uo pipefail
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "${1:-$here/../..}" && git rev-parse --show-toplevel) || { echo "FAIL setup: not a git repository: ${1:-$here/../..}"; exit 1; }
commit=$(git -C "$repo" rev-parse HEAD) || { echo "FAIL setup: $repo has no commit"; exit 1; }
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "note: $repo has uncommitted changes; they are not part of this check (it uses commit $commit)"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/minijwt-consumer.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
logs=$work/logs
mkdir -p "$logs"

passed=0
failed=0
last=$SECONDS
pass() { echo "PASS $* [$((SECONDS - last)) s]"; passed=$((passed + 1)); last=$SECONDS; }
fail() { echo "FAIL $* [$((SECONDS - last)) s]"; failed=$((failed + 1)); last=$SECONDS; }

# Runs one command with its output in logs/NAME.log. It fails on a non-zero exit and on any warning:
# with warnings as errors there should be none at all, and this also catches those that are not
# turned into errors (SDK and NuGet ones).
step() {
  local name=$1; shift
  if ! "$@" >"$logs/$name.log" 2>&1; then
    echo "---- $name: $* failed; last lines of its output:"
    tail -n 40 "$logs/$name.log" | sed 's/^/    /'
    return 1
  fi
  if grep -E ': warning [A-Z]+[0-9]+' "$logs/$name.log" >"$logs/$name.warnings"; then
    echo "---- $name: warnings:"
    sed 's/^/    /' "$logs/$name.warnings" | sort -u | head -n 40
    return 1
  fi
}

# Runs a program built by a step; its output must name the subject, the runtime and the mode.
# $1 step name, $2 executable, $3 the runtime's name and major version (".NET 8." or ".NET 10."), $4 JIT or "native AOT".
run_app() {
  local name=$1 exe=$2 runtime=$3 mode=$4 out
  if ! out=$("$exe" 2>&1); then
    echo "---- $name: $exe failed:"; echo "$out" | sed 's/^/    /'; return 1
  fi
  echo "$out" >"$logs/$name.out"
  if ! grep -qF "subject: 42 ($runtime" <<<"$out" || ! grep -qF ", $mode)" <<<"$out" || ! grep -qxF "ES256 subject: 7" <<<"$out"; then
    echo "---- $name: unexpected output (wanted subject 42 on $runtime* with $mode, and the ES256 round trip):"
    echo "$out" | sed 's/^/    /'; return 1
  fi
  echo "     $(head -n 1 <<<"$out")"
}

# --- native toolchain for Native AOT: a C compiler and linker (clang, or gcc which the AOT targets fall
# back to on Linux), objcopy for stripping symbols, and for net8.0 the system zlib. Installed only when
# missing (Debian packages; CI runs as root).
need=()
command -v clang >/dev/null || command -v gcc >/dev/null || need+=(clang)
command -v objcopy >/dev/null || command -v llvm-objcopy >/dev/null || need+=(binutils)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing for Native AOT: ${need[*]}"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } >"$logs/apt.log" 2>&1; then
    tail -n 20 "$logs/apt.log"; echo "FAIL setup: could not install ${need[*]}"; exit 1
  fi
fi

# --- the consumer's repository, with MiniJwt as a submodule.
consumer=$work/consumer
mkdir -p "$consumer"
cd "$consumer" || exit 1
if ! {
  git init -q -b main . &&
  git config user.name "consumer check" && git config user.email "consumer@example.invalid" &&
  git -c protocol.file.allow=always submodule add -q "$repo" external/MiniJwt &&
  git -C external/MiniJwt checkout -q --detach "$commit" &&
  git add -A && git commit -q -m "Add MiniJwt as a submodule"
} >"$logs/submodule.log" 2>&1; then
  cat "$logs/submodule.log"; echo "FAIL setup: git submodule add $repo"; exit 1
fi
echo "consumer in $consumer, MiniJwt at $(git -C external/MiniJwt rev-parse --short HEAD)"

t=$here/template
cp "$t/Directory.Build.props" "$t/Directory.Build.targets" "$t/Directory.Packages.props" .
for app in ViaProject ViaSource; do
  mkdir -p "src/$app"
  cp "$t/$app.csproj" "$t/Program.cs" "src/$app/"
done
git add -A && git commit -q -m "A console app that uses MiniJwt"

# --- a. ProjectReference
# MiniJwt's project must not need MiniJwt's own Directory.Build.props: build it alone with the
# consumer's strict props in their place (in Debug; the ways below build Release).
lib=external/MiniJwt/src/MiniJwt/MiniJwt.csproj
if step a-alone dotnet build "$lib" -c Debug -p:DirectoryBuildPropsPath="$consumer/Directory.Build.props"; then
  pass "a  MiniJwt.csproj alone, the consumer's strict props instead of MiniJwt's (net8.0, net10.0)"
else
  fail "a  MiniJwt.csproj alone, the consumer's strict props instead of MiniJwt's (net8.0, net10.0)"
fi

# $1 way letter, $2 app, $3 description
jit_ways() {
  local way=$1 app=$2 what=$3 dir=src/$2
  if step "$way-net10-build" dotnet build "$dir" -c Release -f net10.0 &&
     run_app "$way-net10-run" "$dir/bin/Release/net10.0/$app" ".NET 10." JIT; then
    pass "$way  $what, net10.0: build, run"
  else
    fail "$way  $what, net10.0: build, run"
  fi
  if step "$way-net8-build" dotnet build "$dir" -c Release -f net8.0 &&
     step "$way-net8-publish" dotnet publish "$dir" -c Release -f net8.0 -r linux-x64 --self-contained \
       -p:PublishAot=false -o "$work/out/$way-net8" &&
     run_app "$way-net8-run" "$work/out/$way-net8/$app" ".NET 8." JIT; then
    pass "$way  $what, net8.0: build, self-contained publish, run"
  else
    fail "$way  $what, net8.0: build, self-contained publish, run"
  fi
}

jit_ways a ViaProject "ProjectReference"

# --- b. the .cs files compiled into the app. Way (a) has just built MiniJwt inside the submodule, so
# its obj/ holds generated .cs files: the Exclude in ViaSource.csproj is put to the test.
jit_ways b ViaSource "Compile Include"
# The same with implicit usings on (the default of new projects): no name may become ambiguous.
if step b-implicit dotnet build src/ViaSource -c Debug -p:ImplicitUsings=enable; then
  pass "b  Compile Include with ImplicitUsings enabled (net8.0, net10.0): build"
else
  fail "b  Compile Include with ImplicitUsings enabled (net8.0, net10.0): build"
fi

# --- c. Native AOT. TreatWarningsAsErrors makes the AOT compiler's warnings errors; step() also fails
# on any warning left in the output.
for tfm in net10.0 net8.0; do
  major=${tfm#net}; major=${major%.0}
  for app in ViaProject ViaSource; do
    what="ProjectReference"; [ "$app" = ViaSource ] && what="Compile Include"
    out=$work/out/aot-$app-$tfm
    if step "c-$app-$tfm" dotnet publish "src/$app" -c Release -f "$tfm" -r linux-x64 -o "$out" &&
       [ ! -e "$out/$app.dll" ] && [ ! -e "$out/MiniJwt.dll" ] &&
       run_app "c-$app-$tfm-run" "$out/$app" ".NET $major." "native AOT"; then
      pass "c  Native AOT, $what, $tfm: publish with no warning, run ($(stat -c %s "$out/$app") bytes)"
    else
      fail "c  Native AOT, $what, $tfm: publish with no warning, run"
    fi
  done
done

# --- checked arithmetic: a consumer that compiles the sources with CheckForOverflowUnderflow gets
# overflow checks in MiniJwt's code too. MiniJwt's own tests, compiled that way, must still pass.
if step checked-clone git clone -q "$repo" "$work/checked" && step checked-checkout git -C "$work/checked" checkout -q --detach "$commit" &&
   (cd "$work/checked" && step checked-tests dotnet test -p:CheckForOverflowUnderflow=true); then
  pass "-  MiniJwt's own tests, compiled with checked arithmetic"
else
  fail "-  MiniJwt's own tests, compiled with checked arithmetic"
fi

# --- no build side effect: every build above left the submodule as it was checked out.
dirty=$(git -C external/MiniJwt status --porcelain)
if [ -z "$dirty" ] && [ "$(git -C external/MiniJwt rev-parse HEAD)" = "$commit" ]; then
  pass "-  submodule left clean by every build"
else
  echo "$dirty" | sed 's/^/    /'
  fail "-  submodule left clean by every build"
fi

echo "consumer check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
