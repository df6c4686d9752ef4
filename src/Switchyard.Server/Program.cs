using Switchyard.Server.Hosting;

// --demo is a flag: taken out before configuration parses the rest, which reads "--key value" pairs.
var demo = args.Contains("--demo");
var serverArgs = args.Where(a => a != "--demo").ToArray();
WebApplication app;
var startup = new StartupFailure();
try
{
    // OPS-6: configuration files are read from the server's own folder, whichever folder it is started from.
    var builder = WebApplication.CreateBuilder(StartupFailure.Options(serverArgs));
    startup.Configuration = builder.Configuration;
    if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
    {
        builder.WebHost.UseUrls("http://localhost:5080");
    }
    if (demo)
    {
        builder.Configuration["SWITCHYARD_DEMO"] = "1";
    }
    builder.AddSwitchyard();

    app = builder.Build();
    app.UseSwitchyard();
    // OPS-4: the database is checked (and the schema upgraded) before anything listens, so a bad start ends here.
    startup.BeforeDatabase();
    await app.Services.GetRequiredService<Bootstrap>().RunOnceAsync(CancellationToken.None);
}
catch (Exception ex) when (startup.Describe(ex) is { } problem)
{
    return startup.Fail(problem);
}

try
{
    await app.RunAsync();
}
catch (Exception ex) when (startup.Describe(ex) is { } problem)
{
    return startup.Fail(problem);
}
finally
{
    StartupFailure.ReleaseDatabaseFiles();
}
return 0;

/// <summary>The server's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
