# Reproduces the paper-style results: a thin wrapper over `trpo reproduce` (all logic is in the CLI).
#   ./reproduce.ps1                          the classic-control suite (rl-baselines3-zoo TRPO settings, 5 seeds)
#   ./reproduce.ps1 gae-lambda               the GAE lambda study
#   ./reproduce.ps1 classic-control --quick  a smoke test with a tiny budget
# Arguments go to `trpo reproduce` as they are; with none, the suite is classic-control.
$ErrorActionPreference = 'Stop'
Set-Location -Path $PSScriptRoot
$suiteArgs = if ($args.Count -eq 0) { @('classic-control') } else { $args }
& dotnet run --project src/Trpo.Cli -c Release -- reproduce @suiteArgs
exit $LASTEXITCODE
