using System.Collections.Concurrent;

namespace Switchyard.Server.Legacy;

/// <summary>Where a background import stands: rows checked so far out of the file's rows, then its report.</summary>
public sealed record LegacyImportJobDto(
    string Id, string Status, long RowsDone, long RowsTotal, bool DryRun, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    ImportResultDto? Result, string? Problem);

/// <summary>
/// LEG-3: large imports as background jobs. The body is first spooled to a temporary file (so the upload's
/// connection is free and the rows can be counted), then imported by the same importer in its own scope
/// while <see cref="LegacyImportJobDto.RowsDone"/> moves. Jobs live in this process: a crash loses the job,
/// not the book; importing the same file again applies each row once.
/// </summary>
public sealed class LegacyImportJobs(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LegacyImportJobs> logger)
{
    /// <summary>Finished jobs are forgotten after this long (their import stays in the audit trail).</summary>
    private static readonly TimeSpan Keep = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);

    public LegacyImportJobDto? Find(string id, string partnerId) =>
        _jobs.TryGetValue(id, out var job) && job.PartnerId == partnerId ? job.Snapshot() : null;

    /// <summary>Spools <paramref name="body"/> to a temporary file and starts importing it; returns the job at once.</summary>
    public async Task<LegacyImportJobDto> StartAsync(string partnerId, string actor, Stream body, bool json, bool dryRun, long maxRows, CancellationToken ct)
    {
        Forget();
        var path = Path.Combine(Path.GetTempPath(), "switchyard-import-" + Guid.NewGuid().ToString("N"));
        long lines = 0;
        var last = (byte)'\n';
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                var span = buffer.AsSpan(0, read);
                lines += span.Count((byte)'\n');
                last = span[^1];
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        if (last != (byte)'\n')
        {
            lines++;
        }
        var job = new Job("ljob_" + Guid.CreateVersion7().ToString("N"), partnerId, dryRun, json ? lines : Math.Max(0, lines - 1), clock.GetUtcNow());
        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job, actor, path, json, maxRows), CancellationToken.None);
        return job.Snapshot();
    }

    private async Task RunAsync(Job job, string actor, string path, bool json, long maxRows)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // The job acts for the partner who uploaded the file, as the request did (tenant filter, audit actor).
            scope.ServiceProvider.GetRequiredService<Data.DataScope>().ForPartner(job.PartnerId, actor);
            var importer = scope.ServiceProvider.GetRequiredService<LegacyImporter>();
            importer.Progress = rows => Interlocked.Exchange(ref job.RowsDone, rows);
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var (report, refusal) = await importer.RunAsync(job.PartnerId, file, json, job.DryRun, maxRows, null, CancellationToken.None);
            job.Finish(report, refusal?.Message, clock.GetUtcNow());
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Background legacy import {Job} failed", job.Id);
            job.Finish(null, "The import failed on the server; nothing was written. Import the file again.", clock.GetUtcNow());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private void Forget()
    {
        var before = clock.GetUtcNow() - Keep;
        foreach (var (id, job) in _jobs)
        {
            if (job.FinishedAt < before)
            {
                _jobs.TryRemove(id, out _);
            }
        }
    }

    private sealed class Job(string id, string partnerId, bool dryRun, long total, DateTimeOffset startedAt)
    {
        public long RowsDone;
        private ImportReport? _report;
        private string? _problem;
        private volatile string _status = "running";

        public string Id { get; } = id;
        public string PartnerId { get; } = partnerId;
        public bool DryRun { get; } = dryRun;
        public DateTimeOffset? FinishedAt { get; private set; }

        public void Finish(ImportReport? report, string? problem, DateTimeOffset at)
        {
            (_report, _problem, FinishedAt) = (report, problem, at);
            if (report is not null)
            {
                Interlocked.Exchange(ref RowsDone, report.Rows);
            }
            _status = report?.Status ?? "failed";
        }

        public LegacyImportJobDto Snapshot()
        {
            var status = _status;
            var done = Interlocked.Read(ref RowsDone);
            return new(Id, status, done, Math.Max(total, done), DryRun, startedAt, FinishedAt,
                _report is null ? null : ImportResultDto.From(_report), _problem);
        }
    }
}
