# Placeholder: issue 7 makes this a thin wrapper over `trpo batch` that reproduces the
# paper-style classic-control suite. It does nothing yet.
Write-Error "reproduce.ps1 is not implemented yet (issue 7). Use 'dotnet run --project src/Trpo.Cli -c Release -- train ...' for single runs."
exit 1
