#!/usr/bin/env bash
# Coverage-guided fuzzing of MiniJwt with AFL++ through SharpFuzz. Not part of CI: run it by hand.
#   tools/fuzz/run.sh [seconds]      (default 600; needs afl-fuzz: apt-get install afl++)
# Crashes and hangs land in tools/fuzz/findings/default/{crashes,hangs}; replay them with
#   dotnet tools/fuzz/out/MiniJwt.Fuzz.dll --replay tools/fuzz/findings/default/crashes/id*
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
command -v afl-fuzz > /dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 1; }

dotnet tool restore
dotnet build -c Release MiniJwt.Fuzz -o out       # plain build: writes the seeds and replays findings
rm -rf out-afl && cp -r out out-afl
dotnet sharpfuzz out-afl/MiniJwt.dll              # instruments the library only, in the copy AFL runs
[ -d corpus ] || dotnet out/MiniJwt.Fuzz.dll --seeds corpus

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
exec afl-fuzz -V "$seconds" -i corpus -o findings -t 5000 -m none -- dotnet out-afl/MiniJwt.Fuzz.dll
