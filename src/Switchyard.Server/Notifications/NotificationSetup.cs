namespace Switchyard.Server.Notifications;

public static class NotificationSetup
{
    public static IServiceCollection AddSwitchyardEmail(this IServiceCollection services, IConfiguration config)
    {
        var settings = EmailSettings.Read(config);
        services.AddSingleton(settings);
        if (settings.SmtpHost is null)
        {
            services.AddSingleton<IEmailSender, PickupDirectoryEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        return services;
    }
}
