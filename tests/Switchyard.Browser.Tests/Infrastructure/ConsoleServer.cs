using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Server.Hosting;

namespace Switchyard.Browser.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel (a free port on 127.0.0.1) over a fresh SQLite file, plus a headless Debian
/// Chromium driven by Playwright. One per test class.
/// </summary>
public sealed class ConsoleServer : IAsyncLifetime
{
    public const string OperatorKey = "sy_browser_operator_key_0123456789abcdef";
    public const string OperatorEmail = "ops@browser.test";
    public const string OperatorPassword = "correct horse battery";
    public static readonly DateTimeOffset ClockStart = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);

    private readonly string _dbFile = Path.Combine(Path.GetTempPath(), $"switchyard-browser-{Guid.NewGuid():N}.db");
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public WebApplication App => _app ?? throw new InvalidOperationException("Not started.");

    public static string ArtifactsDir { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration["SWITCHYARD_DB_PROVIDER"] = "sqlite";
        builder.Configuration["SWITCHYARD_DB"] = $"Data Source={_dbFile};Pooling=false";
        builder.Configuration["SWITCHYARD_OPERATOR_KEY"] = OperatorKey;
        builder.Configuration["SWITCHYARD_CLOCK"] = "manual";
        builder.Configuration["SWITCHYARD_CLOCK_START"] = ClockStart.ToString("O", CultureInfo.InvariantCulture);
        builder.Configuration["SWITCHYARD_MAIL_PICKUP"] = Path.Combine(Path.GetTempPath(), "switchyard-browser-mail", Guid.NewGuid().ToString("N"));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddSwitchyard();
        _app = builder.Build();
        _app.UseSwitchyard();
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');

        await CreateOperatorAsync();

        // Expect() waits 5 s by default, too short when the shared machine is busy.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        Directory.CreateDirectory(ArtifactsDir);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _dbFile, _dbFile + "-wal", _dbFile + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>A console operator with a known password, written straight to the database.</summary>
    private async Task CreateOperatorAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
        db.Scope.ForSystem("test");
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<ConsoleUser>>();
        var user = ConsoleUser.Operator(OperatorEmail, "pending", ClockStart);
        user.ChangePassword(hasher.HashPassword(user, OperatorPassword));
        db.ConsoleUsers.Add(user);
        await db.SaveChangesAsync();
    }

    /// <summary>The HTTP API with the bootstrap operator key, to set up data the way integrators do.</summary>
    public HttpClient OperatorApi()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        return client;
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // Generous: the machine is shared, and a cold Chromium or a busy CPU can stall a step for seconds.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/console/sign-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]:has-text('Sign in')");
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleServer>
{
    public const string Name = "console";
}
