using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Switchyard.Server.ChannelMigration;
using Switchyard.Server.ConsoleUi.Components;
using Switchyard.Server.Customers;
using Switchyard.Server.Offers;
using Switchyard.Server.Orders;

namespace Switchyard.Server.ConsoleUi;

/// <summary>The web console (Blazor static SSR) under /console: plain HTML forms, antiforgery on each (SEC-2).</summary>
public static class ConsoleSetup
{
    public static IServiceCollection AddSwitchyardConsole(this IServiceCollection services)
    {
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "switchyard.antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRazorComponents();
        services.AddScoped<ConsoleSignIn>();
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
        app.MapPost("/console/sign-out", (Func<HttpContext, IAntiforgery, Task>)SignOutAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        app.MapOfferExport();
        app.MapMigrationPlanExport();
        app.MapOrderExport();
        app.MapCustomerExport();
        app.MapCustomerOrgExport();
        Partners.PartnerExport.MapPartnerExport(app);
        Billing.Pages.BillingConsoleFiles.MapBillingConsoleFiles(app);
        PlanMigration.PlanMigrationExport.MapPlanMigrationExport(app);
        app.MapRazorComponents<App>();
        return app;
    }

    // The antiforgery middleware records its verdict in a feature; a plain endpoint must read it itself.
    private static async Task SignOutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        var valid = http.Features.Get<IAntiforgeryValidationFeature>() is { } checkedByMiddleware
            ? checkedByMiddleware.IsValid
            : await antiforgery.IsRequestValidAsync(http);
        if (!valid)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("A valid antiforgery token was not provided with the request.");
            return;
        }
        await ConsoleAuth.EndSessionsAsync(http);
        await http.SignOutAsync(ConsoleAuth.Scheme);
        http.Response.Redirect("/console/sign-in");
    }
}
