using System.Globalization;

namespace Switchyard.Server.Hosting;

/// <summary>
/// The server's configuration, read from the SWITCHYARD_* variables of api.md (or the same keys in
/// any configuration source, which tests use).
/// </summary>
public sealed record SwitchyardSettings
{
    public string DbProvider { get; init; } = "sqlite";
    public string ConnectionString { get; init; } = "Data Source=switchyard.db";
    public string? OperatorKey { get; init; }
    public bool ManualClock { get; init; }
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    public int RateLimitPerMinute { get; init; } = 600;

    /// <summary>SEC-9: console sign-in and invitation forms posted a minute per client address (SWITCHYARD_SIGN_IN_LIMIT_PER_MINUTE).</summary>
    public int SignInLimitPerMinute { get; init; } = 30;

    /// <summary>Whether SWITCHYARD_PUBLIC_URL was set; otherwise links use the first address the server listens on.</summary>
    public bool PublicUrlConfigured { get; init; }
    public bool Demo { get; init; }
    public TimeSpan WorkerInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Orders claimed and written per transaction by the order transitions (SWITCHYARD_DUE_BATCH_SIZE, 1–5,000,
    /// default 500): smaller batches hold their row locks for less time, larger ones move a big day faster.
    /// </summary>
    public int DueBatchSize { get; init; } = Clock.DueBatches.BatchSize;

    /// <summary>Where the manual clock starts on an empty database (SWITCHYARD_CLOCK_START); now by default.</summary>
    public DateTimeOffset? ClockStart { get; init; }

    /// <summary>The first address the server listens on, for the links it prints and sends.</summary>
    public string PublicUrl { get; init; } = "http://localhost:5080";

    /// <summary>Largest JSON request body accepted (413 past it).</summary>
    public long MaxJsonBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>SEC-5: largest legacy import body (413 past it; SWITCHYARD_MAX_IMPORT_BYTES).</summary>
    public long MaxImportBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>SEC-5: most rows in one legacy import (422 past it; SWITCHYARD_MAX_IMPORT_ROWS).</summary>
    public long MaxImportRows { get; init; } = 2_000_000;

    public static SwitchyardSettings From(IConfiguration config)
    {
        var provider = (config["SWITCHYARD_DB_PROVIDER"] ?? "sqlite").Trim().ToLowerInvariant();
        if (provider is not ("sqlite" or "postgres"))
        {
            throw new ConfigurationProblemException($"SWITCHYARD_DB_PROVIDER is '{provider}'; use 'sqlite' or 'postgres'.");
        }
        var zoneId = config["SWITCHYARD_TIME_ZONE"];
        TimeZoneInfo zone;
        try
        {
            zone = string.IsNullOrWhiteSpace(zoneId) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ConfigurationProblemException($"SWITCHYARD_TIME_ZONE '{zoneId}' is not a known IANA time zone (e.g. Europe/Paris).");
        }
        return new SwitchyardSettings
        {
            DbProvider = provider,
            ConnectionString = config["SWITCHYARD_DB"] is { Length: > 0 } db ? db : "Data Source=switchyard.db",
            OperatorKey = config["SWITCHYARD_OPERATOR_KEY"] is { Length: > 0 } key ? key : null,
            ManualClock = string.Equals(config["SWITCHYARD_CLOCK"], "manual", StringComparison.OrdinalIgnoreCase),
            TimeZone = zone,
            RateLimitPerMinute = int.TryParse(config["SWITCHYARD_RATE_LIMIT_PER_MINUTE"], out var limit) && limit > 0 ? limit : 600,
            SignInLimitPerMinute = int.TryParse(config["SWITCHYARD_SIGN_IN_LIMIT_PER_MINUTE"], out var signIns) && signIns > 0 ? signIns : 30,
            PublicUrlConfigured = !string.IsNullOrWhiteSpace(config["SWITCHYARD_PUBLIC_URL"]),
            Demo = config["SWITCHYARD_DEMO"] is "1" or "true" || config.GetValue<bool>("demo"),
            ClockStart = DateTimeOffset.TryParse(config["SWITCHYARD_CLOCK_START"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
                ? start.ToUniversalTime()
                : null,
            PublicUrl = (config["SWITCHYARD_PUBLIC_URL"] ?? config["urls"] ?? config["ASPNETCORE_URLS"] ?? "http://localhost:5080")
                .Split(';', StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd('/'),
            MaxImportBytes = long.TryParse(config["SWITCHYARD_MAX_IMPORT_BYTES"], CultureInfo.InvariantCulture, out var mb) && mb > 0 ? mb : 512L * 1024 * 1024,
            MaxImportRows = long.TryParse(config["SWITCHYARD_MAX_IMPORT_ROWS"], CultureInfo.InvariantCulture, out var mr) && mr > 0 ? mr : 2_000_000,
            WorkerInterval = TimeSpan.FromSeconds(int.TryParse(config["SWITCHYARD_WORKER_SECONDS"], out var s) && s > 0 ? s : 30),
            DueBatchSize = int.TryParse(config["SWITCHYARD_DUE_BATCH_SIZE"], out var batch) && batch is > 0 and <= 5_000 ? batch : Clock.DueBatches.BatchSize,
        };
    }
}
