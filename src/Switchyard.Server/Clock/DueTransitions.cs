using Switchyard.Data;

namespace Switchyard.Server.Clock;

/// <summary>
/// TIM-2: one kind of time-based transition (offer expiry, order activation, …). Applies everything
/// due at the given instant and returns how many objects it moved; it must be idempotent and
/// safe with several workers (claim rows before changing them).
/// </summary>
public interface IDueTransition
{
    /// <summary>A short stable name, shown in the clock endpoint's answer and in logs.</summary>
    string Name { get; }

    Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// Runs every registered transition until none has anything left to do (one can make work for
/// another: an accepted order is processed, then activated). Used by the worker and by the manual
/// clock endpoint, so both apply the same code.
/// </summary>
public sealed class TransitionRunner(IServiceScopeFactory scopes, ILogger<TransitionRunner> logger)
{
    private const int MaxRounds = 20;

    public async Task<IReadOnlyDictionary<string, int>> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var round = 0; round < MaxRounds; round++)
        {
            var movedThisRound = 0;
            await using var scope = scopes.CreateAsyncScope();
            var transitions = scope.ServiceProvider.GetServices<IDueTransition>();
            foreach (var transition in transitions)
            {
                var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
                db.Scope.ForSystem("system:clock");
                var moved = await transition.ApplyDueAsync(db, now, cancellationToken);
                db.ChangeTracker.Clear();
                if (moved > 0)
                {
                    applied[transition.Name] = applied.GetValueOrDefault(transition.Name) + moved;
                    logger.LogInformation("{Transition} applied to {Count} objects at {Now}", transition.Name, moved, now);
                }
                movedThisRound += moved;
            }
            if (movedThisRound == 0)
            {
                break;
            }
        }
        return applied;
    }
}

/// <summary>TIM-2: applies due transitions on a timer (not in manual-clock mode, where the clock endpoint does).</summary>
public sealed class TransitionWorker(TransitionRunner runner, TimeProvider clock, Hosting.SwitchyardSettings settings, ILogger<TransitionWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.WorkerInterval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Transition run failed; retrying on the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public Task RunOnceAsync(CancellationToken cancellationToken) => runner.RunDueAsync(clock.GetUtcNow(), cancellationToken);
}
