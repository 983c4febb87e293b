using System.Globalization;
using System.Text;
using Trpo.Cli.Errors;

namespace Trpo.Cli.Batch;

/// <summary>
/// <c>trpo batch FILE --emit slurm|k8s</c>: a job definition that runs every shard of the batch on a cluster,
/// one shard per array index, all writing into one shared batch folder. Slurm array tasks are numbered 1..N
/// (<c>SLURM_ARRAY_TASK_ID</c> is the shard as it is); Kubernetes completion indexes are 0..N-1
/// (<c>JOB_COMPLETION_INDEX</c> + 1 is the shard). A task that is re-run skips the runs its shard finished.
/// </summary>
public static class SchedulerScripts
{
    /// <summary>The accepted <c>--emit</c> values.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["slurm", "k8s"];

    /// <summary>What a scheduler script needs to know.</summary>
    /// <param name="BatchName">The batch's name.</param>
    /// <param name="ExperimentPath">The experiment file as given on the command line.</param>
    /// <param name="OutPath">The batch folder as given (or the default).</param>
    /// <param name="Shards">How many shards (array tasks).</param>
    /// <param name="Parallel">Runs at a time inside each task (its CPU request).</param>
    /// <param name="Quick">Whether <c>--quick</c> was given.</param>
    /// <param name="Image">The container image (Kubernetes only).</param>
    public sealed record Request(string BatchName, string ExperimentPath, string OutPath, int Shards, int Parallel, bool Quick, string Image);

    /// <summary>The script or manifest of kind <paramref name="kind"/>.</summary>
    public static string Emit(string kind, Request request) => kind switch
    {
        "slurm" => Slurm(request),
        "k8s" => Kubernetes(request),
        _ => throw new UserError($"--emit must be one of {string.Join(", ", Kinds)} (got '{kind}')"),
    };

    /// <summary>A Slurm job-array script (<c>sbatch</c> it from the folder the paths are relative to).</summary>
    public static string Slurm(Request r)
    {
        var n = r.Shards.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append($"# trpo batch '{r.BatchName}' as a Slurm job array: {n} shards, one per array task (trpo batch --emit slurm).\n");
        text.Append("# Submit it from the folder the paths below are relative to, on a file system every node shares:\n");
        text.Append($"#   sbatch trpo-{r.BatchName}.sbatch\n");
        text.Append("# Task i runs shard i/N into the shared batch folder; a resubmitted task skips the runs it finished.\n");
        text.Append($"# When all tasks are done: trpo aggregate {Shell(r.OutPath)}\n");
        text.Append($"#SBATCH --job-name=trpo-{r.BatchName}\n");
        text.Append($"#SBATCH --array=1-{n}\n");
        text.Append("#SBATCH --ntasks=1\n");
        text.Append($"#SBATCH --cpus-per-task={r.Parallel.ToString(CultureInfo.InvariantCulture)}\n");
        text.Append($"#SBATCH --output=trpo-{r.BatchName}-%A_%a.out\n");
        text.Append("set -euo pipefail\n");
        text.Append($"exec \"${{TRPO:-trpo}}\" batch {Shell(r.ExperimentPath)} --out {Shell(r.OutPath)}{(r.Quick ? " --quick" : "")} \\\n");
        text.Append($"  --shard \"${{SLURM_ARRAY_TASK_ID}}/{n}\" --parallel \"${{SLURM_CPUS_PER_TASK:-1}}\"\n");
        return text.ToString();
    }

    /// <summary>A Kubernetes Indexed Job manifest (<c>kubectl apply -f</c> it).</summary>
    public static string Kubernetes(Request r)
    {
        var n = r.Shards.ToString(CultureInfo.InvariantCulture);
        var p = r.Parallel.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append($"# trpo batch '{r.BatchName}' as a Kubernetes Indexed Job: {n} shards, one per completion index (trpo batch --emit k8s).\n");
        text.Append("# Every pod mounts the shared volume (a ReadWriteMany PersistentVolumeClaim named trpo-shared) at /work and\n");
        text.Append("# starts there, so the paths below are read relative to the volume's root. The image needs trpo on PATH.\n");
        text.Append($"# Index i runs shard i+1/N; a retried pod skips the runs its shard finished. When the job is complete:\n");
        text.Append($"#   trpo aggregate {Shell(r.OutPath)}   (in the shared volume)\n");
        text.Append("apiVersion: batch/v1\n");
        text.Append("kind: Job\n");
        text.Append("metadata:\n");
        text.Append($"  name: {DnsLabel("trpo-" + r.BatchName)}\n");
        text.Append("spec:\n");
        text.Append("  completionMode: Indexed\n");
        text.Append($"  completions: {n}\n");
        text.Append($"  parallelism: {n}\n");
        text.Append($"  backoffLimit: {n}\n");
        text.Append("  template:\n");
        text.Append("    spec:\n");
        text.Append("      restartPolicy: Never\n");
        text.Append("      containers:\n");
        text.Append("        - name: trpo\n");
        text.Append($"          image: {r.Image}\n");
        text.Append("          workingDir: /work\n");
        text.Append("          command: [\"sh\", \"-c\"]\n");
        text.Append("          args:\n");
        text.Append("            - >-\n");
        text.Append($"              exec trpo batch {Shell(r.ExperimentPath)} --out {Shell(r.OutPath)}{(r.Quick ? " --quick" : "")}\n");
        text.Append($"              --shard \"$((JOB_COMPLETION_INDEX + 1))/{n}\" --parallel {p}\n");
        text.Append("          resources:\n");
        text.Append("            requests:\n");
        text.Append($"              cpu: \"{p}\"\n");
        text.Append("          volumeMounts:\n");
        text.Append("            - name: shared\n");
        text.Append("              mountPath: /work\n");
        text.Append("      volumes:\n");
        text.Append("        - name: shared\n");
        text.Append("          persistentVolumeClaim:\n");
        text.Append("            claimName: trpo-shared\n");
        return text.ToString();
    }

    /// <summary>A POSIX shell word: kept bare when it is plainly safe, else single-quoted.</summary>
    public static string Shell(string word)
        => word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ':' or '=')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A Kubernetes object name (RFC 1123 label): lower case letters, digits and '-', at most 63 characters.</summary>
    public static string DnsLabel(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var label = new string(chars);
        if (label.Length > 63) label = label[..63];
        return label.Trim('-');
    }
}
