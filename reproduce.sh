#!/usr/bin/env bash
# Reproduces the paper-style results: a thin wrapper over `trpo reproduce` (all logic is in the CLI).
#   ./reproduce.sh                          the classic-control suite (rl-baselines3-zoo TRPO settings, 5 seeds)
#   ./reproduce.sh gae-lambda               the GAE lambda study
#   ./reproduce.sh classic-control --quick  a smoke test with a tiny budget
# Arguments go to `trpo reproduce` as they are; with none, the suite is classic-control.
set -euo pipefail
cd "$(dirname "$0")"
if [ "$#" -eq 0 ]; then set -- classic-control; fi
exec dotnet run --project src/Trpo.Cli -c Release -- reproduce "$@"
