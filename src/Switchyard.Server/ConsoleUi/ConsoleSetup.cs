namespace Switchyard.Server.ConsoleUi;

/// <summary>The web console (Blazor static SSR) under /console.</summary>
public static class ConsoleSetup
{
    public static IServiceCollection AddSwitchyardConsole(this IServiceCollection services)
    {
        services.AddAntiforgery();
        return services;
    }

    public static WebApplication UseSwitchyardConsole(this WebApplication app)
    {
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapSwitchyardConsole(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/console")).ExcludeFromDescription();
        return app;
    }
}
