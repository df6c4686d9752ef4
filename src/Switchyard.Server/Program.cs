using Switchyard.Server.Hosting;

// --demo is a flag: taken out before configuration parses the rest, which reads "--key value" pairs.
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}
if (demo)
{
    builder.Configuration["SWITCHYARD_DEMO"] = "1";
}
builder.AddSwitchyard();

var app = builder.Build();
app.UseSwitchyard();
app.Run();

/// <summary>The server's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
