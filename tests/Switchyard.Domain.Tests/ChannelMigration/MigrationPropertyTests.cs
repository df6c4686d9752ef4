using CsCheck;
using Switchyard.Domain.ChannelMigration;
using Switchyard.Domain.Legacy;

namespace Switchyard.Domain.Tests.ChannelMigration;

/// <summary>MIG-7 over generated books: no day on both channels, no day without service for a mover.</summary>
public class MigrationPropertyTests
{
    private static readonly DateOnly Base = new(2026, 1, 1);

    private static readonly Gen<(List<LegacyLine> Lines, DateOnly AsOf)> Books =
        from count in Gen.Int[1, 4]
        from lines in Gen.Select(Gen.Int[0, 900], Gen.Int[0, 800], Gen.Int[0, 3], Gen.Int[0, 5], Gen.Int[0, 400]).Array[count]
        from asOffset in Gen.Int[0, 1500]
        select (lines.Select((l, i) =>
        {
            var (startOffset, length, kind, status, cancelOffset) = l;
            var start = Base.AddDays(startOffset);
            var end = start.AddDays(length);
            return kind == 3
                ? new LegacyLine("lso_" + i, "app_a", LegacyOrderType.Cancellation, (LegacyOrderStatus)status, start.AddDays(cancelOffset), start.AddDays(cancelOffset))
                : new LegacyLine("lso_" + i, "app_a", kind == 0 ? LegacyOrderType.New : LegacyOrderType.Renewal, (LegacyOrderStatus)status, start, end);
        }).ToList(), Base.AddDays(asOffset));

    [Fact]
    [Trait("rule", "MIG-7")]
    public void EveryAllowedPath_NeverBothChannelsOnOneDay_NoGapForAMover()
    {
        Books.Sample(book =>
        {
            var contracts = LegacyContracts.Of(book.Lines);
            var decision = MigrationDecisions.Decide(new DecisionInput("app_a", true, contracts, [], book.AsOf));
            foreach (var plan in decision.Allowed)
            {
                // Never both channels on one day: no legacy contract day on or after the platform start.
                Assert.All(contracts, c => Assert.True(c.End < plan.PlatformStart,
                    $"{plan.Path}: platform from {plan.PlatformStart} while legacy {c.Start}..{c.End} (as of {book.AsOf})"));
                if (plan.Path is MigrationPath.CancelAndMove or MigrationPath.AtRenewal)
                {
                    // A mover has no day without service: the legacy term runs to its end, the platform starts the next day.
                    Assert.Equal(plan.ContractEnd!.Value.AddDays(1), plan.PlatformStart);
                    Assert.True(contracts.Where(c => c.End >= book.AsOf).Max(c => c.End) <= plan.ContractEnd);
                    Assert.True(plan.PlatformStart > book.AsOf);
                }
            }
        });
    }

    [Fact]
    [Trait("rule", "MIG-5")]
    public void CancelAndMove_AllowedExactlyUntilCancelBy()
    {
        Gen.Select(Gen.Int[0, 800], Gen.Int[30, 700], Gen.Int[0, 1500]).Sample((startOffset, length, asOffset) =>
        {
            var start = Base.AddDays(startOffset);
            var end = start.AddDays(length);
            var asOf = Base.AddDays(asOffset);
            var contracts = LegacyContracts.Of([new LegacyLine("lso_1", "app_a", LegacyOrderType.New, LegacyOrderStatus.Activated, start, end)]);
            var d = MigrationDecisions.Decide(new DecisionInput("app_a", true, contracts, [], asOf));
            if (asOf > end)
            {
                Assert.Equal(MigrationPath.NetNew, d.Recommended);
            }
            else
            {
                Assert.Equal(asOf <= end.AddDays(-7), d.AllowedPaths.Contains(MigrationPath.CancelAndMove));
                Assert.Contains(MigrationPath.AtRenewal, d.AllowedPaths);
                Assert.DoesNotContain(MigrationPath.KeepAndAdd, d.AllowedPaths);
            }
        });
    }
}
