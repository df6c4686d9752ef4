using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Api.Tests.Clock;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;
using Switchyard.Cli;

namespace Switchyard.Api.Tests.Cli;

/// <summary>UX-8: the CLI prints names and formatted money, fits 80 columns, has --json, and fails with a non-zero exit code.</summary>
public class CliTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private static string KeyOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    private static void AssertFits80(CliRun run)
    {
        foreach (var line in run.Lines)
        {
            Assert.True(line.Length <= 80, $"{line.Length} columns: '{line}'\n{run}");
        }
    }

    private async Task<(OfferScenario Scenario, string OfferId, JsonNode Offer)> OfferForNamedCustomerAsync(string name)
    {
        var s = await OfferScenario.CreateAsync(app);
        await (await s.Partner.PatchJsonAsync($"/v1/customers/{s.CustomerId}", new { name })).ExpectAsync(HttpStatusCode.OK);
        var offerId = await s.SentAsync(quantity: 10, price: 125.25m);
        var offer = await (await s.Partner.GetAsync($"/v1/offers/{offerId}")).ExpectAsync(HttpStatusCode.OK);
        return (s, offerId, offer);
    }

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task Offers_ShowCustomerNameAndGroupedMoney_In80Columns_FullIdsWithWide_UX8()
    {
        var (s, offerId, offer) = await OfferForNamedCustomerAsync("Initech Holdings");
        var subtotal = offer["subtotal"]!.GetValue<decimal>();
        Assert.True(subtotal >= 1000m, "the example needs a group separator");
        var money = subtotal.ToString("N2", CultureInfo.InvariantCulture) + " USD";

        var run = await CliRunner.RunAsync(app, KeyOf(s.Partner), "offers");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.True(run.Out.Contains("Initech Holdings", StringComparison.Ordinal), run.ToString());
        Assert.DoesNotContain(s.CustomerId, run.Out, StringComparison.Ordinal);
        Assert.Contains(money, run.Out, StringComparison.Ordinal);
        Assert.Contains(",", money, StringComparison.Ordinal);
        Assert.DoesNotContain(offerId, run.Out, StringComparison.Ordinal);
        Assert.Contains(CliFormat.Id(offerId, wide: false), run.Out, StringComparison.Ordinal);
        AssertFits80(run);

        var wide = await CliRunner.RunAsync(app, KeyOf(s.Partner), "offers", "--wide");
        Assert.Equal(0, wide.Exit);
        Assert.Contains(offerId, wide.Out, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task OperatorKey_ListsEveryPartnersOffersAndOrders_WithNames_UX8()
    {
        var (s, offerId, _) = await OfferForNamedCustomerAsync("Umbrella Works");
        var orderId = await s.AcceptedOrderAsync(offerId);

        var offers = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "offers", "--json");
        Assert.True(offers.Exit == 0, offers.ToString());
        Assert.Contains(JsonNode.Parse(offers.Out)!.AsArray(), o => o!["id"]!.GetValue<string>() == offerId);

        var orders = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "orders", "--wide");
        Assert.True(orders.Exit == 0, orders.ToString());
        Assert.Contains(orderId, orders.Out, StringComparison.Ordinal);
        Assert.Contains("Umbrella Works", orders.Out, StringComparison.Ordinal);

        var table = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "offers");
        Assert.Contains("Umbrella Works", table.Out, StringComparison.Ordinal);
        AssertFits80(table);
    }

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task Json_IsTheApisJson_Unescaped_UX8()
    {
        var (_, partner) = await app.PartnerAsync("Json Seller");
        await partner.CreateCustomerAsync("00D0000000000J1", "Müller + Söhne <GmbH>", "ap@mueller.example");

        var run = await CliRunner.RunAsync(app, KeyOf(partner), "customers", "--json");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("Müller + Söhne <GmbH>", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", run.Out, StringComparison.Ordinal);
        var customer = Assert.Single(JsonNode.Parse(run.Out)!.AsArray());
        Assert.StartsWith("00D0000000000J1", customer!["orgId"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task Failures_ExitNonZero_WithOneLineOnTheErrorStream_UX8()
    {
        var badKey = await CliRunner.RunAsync(app, "sy_not_a_key", "offers");
        Assert.Equal(1, badKey.Exit);
        Assert.Contains("401", badKey.Error, StringComparison.Ordinal);
        Assert.Contains("--key", badKey.Error, StringComparison.Ordinal);
        Assert.Empty(badKey.Out.Trim());

        var (_, partner) = await app.PartnerAsync("Not An Operator");
        var refused = await CliRunner.RunAsync(app, KeyOf(partner), "partners");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("403", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);

        var unknownStatus = await CliRunner.RunAsync(app, KeyOf(partner), "offers", "--status", "nonsense");
        Assert.Equal(1, unknownStatus.Exit);
        Assert.Contains("422", unknownStatus.Error, StringComparison.Ordinal);

        var usage = await CliRunner.RunAsync(app, "offers", "--no-such-option");
        Assert.NotEqual(0, usage.Exit);
    }

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task EveryCommand_HasHelp_UX8()
    {
        var root = CliApp.Build(new CliHost(Spectre.Console.AnsiConsole.Console, TextWriter.Null, _ => app.CreateClient()));
        Assert.NotEmpty(root.Description!);
        foreach (var command in root.Subcommands)
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), command.Name);
            Assert.All(command.Options, o => Assert.False(string.IsNullOrWhiteSpace(o.Description), $"{command.Name} {o.Name}"));
            Assert.All(command.Arguments, a => Assert.False(string.IsNullOrWhiteSpace(a.Description), $"{command.Name} {a.Name}"));
            var help = await CliRunner.RunAsync(app, command.Name, "--help");
            Assert.True(help.Exit == 0, help.ToString());
            Assert.Contains(command.Description!.Split(' ')[0], help.Out, StringComparison.Ordinal);
            Assert.Contains("--json", help.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [Trait("rule", "UX-8")]
    [InlineData("15030", "USD", "15,030.00 USD")]
    [InlineData("1234567", "JPY", "1,234,567 JPY")]
    [InlineData("1.5", "BHD", "1.500 BHD")]
    [InlineData("0", "EUR", "0.00 EUR")]
    public void Money_HasGroupSeparatorsAndTheCurrencysDecimals_UX8(string amount, string currency, string expected) =>
        Assert.Equal(expected, CliFormat.Money(decimal.Parse(amount, CultureInfo.InvariantCulture), currency));

    [Fact]
    [Trait("rule", "UX-8")]
    public void Ids_AreShortenedToPrefixAndTail_UX8()
    {
        const string id = "off_0193a4b2c3d47e5f8a9b0c1d2e3f4a5b";
        Assert.Equal("off_…2e3f4a5b", CliFormat.Id(id, wide: false));
        Assert.Equal(id, CliFormat.Id(id, wide: true));
        Assert.Equal("00D000000000001", CliFormat.Id("00D000000000001", wide: false));
    }
}

/// <summary>UX-8: the clock command, on its own server (it moves the clock past the other tests' dates).</summary>
public class CliClockTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "UX-8")]
    public async Task Clock_OnAManualServer_PrintsTheNewTimeReadably_UX8()
    {
        var run = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "clock", "2027-06-01");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("2027-06-01 00:00 UTC", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("{", run.Out, StringComparison.Ordinal);

        var read = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "clock", "--json");
        Assert.True(read.Exit == 0, read.ToString());
        Assert.Contains("+00:00", read.Out, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero), JsonNode.Parse(read.Out)!["now"]!.GetValue<DateTimeOffset>());

        var backwards = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "clock", "2027-01-01");
        Assert.Equal(1, backwards.Exit);
        Assert.Contains("only moves forward", backwards.Error, StringComparison.Ordinal);

        var garbage = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "clock", "next tuesday");
        Assert.Equal(2, garbage.Exit);
        Assert.Contains("2027-02-01", garbage.Error, StringComparison.Ordinal);
    }
}

/// <summary>UX-8 against a server on the system clock.</summary>
public class CliSystemClockTests(SystemClockApp app) : IClassFixture<SystemClockApp>
{
    [Fact]
    [Trait("rule", "UX-8")]
    public async Task Clock_OnASystemClockServer_SaysHowToEnableManualMode_UX8()
    {
        var run = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "clock", "2030-01-01");

        Assert.Equal(1, run.Exit);
        Assert.Contains("not in manual-clock mode", run.Error, StringComparison.Ordinal);
        Assert.Contains("SWITCHYARD_CLOCK=manual", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Not Found", run.Error, StringComparison.Ordinal);
    }
}
