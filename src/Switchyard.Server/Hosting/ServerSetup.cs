using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration.Memory;
using Scalar.AspNetCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Common;
using Switchyard.Server.Access;
using Switchyard.Server.Auditing;
using Switchyard.Server.Auth;
using Switchyard.Server.Billing;
using Switchyard.Server.Catalog;
using Switchyard.Server.ChannelMigration;
using Switchyard.Server.Clock;
using Switchyard.Server.ConsoleUi;
using Switchyard.Server.Customers;
using Switchyard.Server.Http;
using Switchyard.Server.Legacy;
using Switchyard.Server.Notifications;
using Switchyard.Server.Offers;
using Switchyard.Server.Orders;
using Switchyard.Server.Outbox;
using Switchyard.Server.Partners;
using Switchyard.Server.Payments;
using Switchyard.Server.PlanMigration;

namespace Switchyard.Server.Hosting;

/// <summary>Everything Program.cs wires: services, then the request pipeline and endpoints.</summary>
public static class ServerSetup
{
    public static WebApplicationBuilder AddSwitchyard(this WebApplicationBuilder builder)
    {
        // OPS-6: sane log levels even without appsettings.json (no SQL or per-request lines at Information); any
        // configuration source overrides them.
        ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            },
        });
        var settings = SwitchyardSettings.From(builder.Configuration);
        var services = builder.Services;
        // SEC-10: ASP.NET Core's request lines print the query string (invitation tokens); RequestLogging replaces them.
        builder.Logging.AddFilter(RequestLogging.HostingCategory, LogLevel.None);
        // Log lines carry the request's TraceId (the same id problem details return); JSON on request.
        if (string.Equals(builder.Configuration["SWITCHYARD_LOG_FORMAT"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        }
        services.AddSingleton(settings);
        services.AddSingleton<PublicAddress>();
        services.AddSwitchyardTelemetry(builder.Configuration);
        services.AddSingleton(new MarketplaceCalendar(settings.TimeZone));
        // First hosted service: the schema is upgraded before any worker or request touches it.
        services.AddSingleton<Bootstrap>();
        services.AddHostedService(sp => sp.GetRequiredService<Bootstrap>());
        if (settings.ManualClock)
        {
            var manual = new ManualTimeProvider(settings.ClockStart ?? TimeProvider.System.GetUtcNow());
            services.AddSingleton(manual);
            services.AddSingleton<TimeProvider>(manual);
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
            services.AddHostedService<TransitionWorker>();
        }

        services.AddSwitchyardData(settings);
        // Console sessions and antiforgery tokens stay valid across restarts and between instances.
        services.AddDataProtection().SetApplicationName("Switchyard").PersistKeysToDbContext<SwitchyardDb>();
        services.AddSingleton<TransitionRunner>();
        services.AddScoped<DemoData>();
        services.AddPayments(builder.Configuration);
        services.AddSwitchyardEmail(builder.Configuration);
        services.AddScoped<OfferDelivery>();
        services.AddScoped<IDueTransition, ExpireOffers>();
        services.AddScoped<IDueTransition>(sp => new StartOrderProcessing(sp.GetRequiredService<MarketplaceCalendar>()) { BatchSize = settings.DueBatchSize });
        services.AddScoped<IDueTransition>(_ => new ActivateOrders { BatchSize = settings.DueBatchSize });
        services.AddScoped<IDueTransition, ExpireOrders>();
        services.AddScoped<IDueTransition, IdempotencyExpiry>();
        services.AddScoped<IDueTransition, SignInThrottleExpiry>();
        services.AddBilling(builder.Configuration);
        services.AddScoped<IDueTransition, ChannelMigration.AdvanceMigrations>();
        services.AddScoped<Legacy.LegacyImporter>();
        services.AddScoped<Customers.CustomerImporter>();
        services.AddSingleton<Legacy.LegacyImportJobs>();
        // OPS-1: last, so messages enqueued by the transitions above leave in the same round.
        services.AddSwitchyardOutbox(builder.Configuration);
        services.AddOutboxHandler<OfferEmailHandler>();
        services.AddSingleton(ChannelMigration.LegacyChannelSettings.Read(builder.Configuration));
        services.AddSingleton<ChannelMigration.ILegacyChannel, ChannelMigration.PickupDirectoryLegacyChannel>();
        services.AddOutboxHandler<ChannelMigration.LegacyCancellationHandler>();
        services.AddOutboxHandler<PlanMigration.PlanMigrationEmailHandler>();
        services.AddSingleton(PlanMigration.PlanMigrationTeams.Read(builder.Configuration));
        services.AddSingleton<IPasswordHasher<ConsoleUser>, PasswordHasher<ConsoleUser>>();

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.Converters.Add(new Http.TypedIdJsonConverterFactory());
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = settings.MaxJsonBodyBytes);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = settings.MaxJsonBodyBytes);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            Problems.AddTraceId(ctx.HttpContext, ctx.ProblemDetails);
            ctx.ProblemDetails.Extensions.TryAdd("code", ctx.ProblemDetails.Status switch
            {
                400 => "malformedRequest",
                401 => "unauthenticated",
                403 => "forbidden",
                404 => "notFound",
                405 => "methodNotAllowed",
                413 => "payloadTooLarge",
                415 => "unsupportedMediaType",
                _ => "error",
            });
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "switchyard";
                o.DefaultChallengeScheme = "switchyard";
            })
            .AddPolicyScheme("switchyard", "API key or console cookie", o =>
                o.ForwardDefaultSelector = ctx => ctx.Request.Headers.Authorization.Count > 0 || ctx.Request.Path.StartsWithSegments("/v1")
                    ? ApiKeyAuthentication.Scheme
                    : ConsoleAuth.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.Scheme, null)
            .AddConsoleCookie();
        services.AddAuthorization();
        services.AddSingleton<IAuthorizationHandler, CallerRequirementHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddSwitchyardRateLimiting(settings);
        // Behind a TLS proxy: trust its X-Forwarded-Proto/For (loopback proxies by default; any with
        // SWITCHYARD_TRUST_FORWARDED=1, for a proxy on another host of a private network).
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (builder.Configuration["SWITCHYARD_TRUST_FORWARDED"] is "1" or "true")
            {
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
            }
        });
        services.AddSwitchyardOpenApi();
        services.AddSwitchyardConsole();
        return builder;
    }

    public static WebApplication UseSwitchyard(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<SwitchyardSettings>();
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestLogging>();
        // Handled exceptions are logged by ProblemExceptionHandler, and only the unexpected ones (OPS-2).
        app.UseExceptionHandler(new ExceptionHandlerOptions { SuppressDiagnosticsCallback = _ => true });
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeMiddleware>();
        app.UseAuthentication();
        // After authentication (SEC-9): a request is limited by the caller it proved to be, or by its address.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<CallerScopeMiddleware>();
        app.UseMiddleware<PartnerStatusGate>();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.UseSwitchyardConsole();

        app.MapOpenApi("/openapi/{documentName}.json");
        // The reference stays about this API: no hosted-service offers (deploy, SDK generation, AI chat, MCP), no toolbar.
        app.MapScalarApiReference("/docs", o => o.WithTitle("Switchyard API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .HideDeveloperTools().DisableAgent().DisableMcp().DisableTelemetry());
        // SEC-8: every endpoint's inputs are checked against the documented bounds before its handler runs.
        var api = app.MapGroup("").AddEndpointFilterFactory(InputGuard.Factory);
        api.MapHealth();
        api.MapPartnersApi();
        api.MapCatalogApi();
        api.MapApiKeysApi();
        api.MapCustomerOrgsApi();
        api.MapAccountApi();
        api.MapProductsApi();
        api.MapCustomersApi();
        api.MapAuditApi();
        api.MapOffersApi();
        api.MapCustomerOffersApi();
        api.MapOperatorOffersApi();
        api.MapOrdersApi();
        api.MapOutboxApi();
        api.MapPlanMigrationApi();
        api.MapBillingApi();
        api.MapStripeWebhooks();
        api.MapLegacyApi();
        api.MapMigrationsApi();
        if (settings.ManualClock)
        {
            api.MapClockApi();
        }
        app.MapSwitchyardConsole();
        return app;
    }
}
