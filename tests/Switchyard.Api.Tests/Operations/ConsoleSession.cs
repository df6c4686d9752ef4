using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Domain.Access;

namespace Switchyard.Api.Tests.Operations;

/// <summary>Drives the console's HTML forms over HTTP (antiforgery token and Blazor's form name included).</summary>
public static partial class ConsoleSession
{
    /// <summary>An operator console user with a known password, written straight to the database.</summary>
    public static async Task CreateOperatorAsync(SwitchyardApp app, string email, string password)
    {
        await using var scope = app.DbScope(out var db);
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<ConsoleUser>>();
        var user = ConsoleUser.Operator(email, "pending", SwitchyardApp.ClockStart);
        user.ChangePassword(hasher.HashPassword(user, password));
        db.ConsoleUsers.Add(user);
        await db.SaveChangesAsync();
    }

    /// <summary>The hidden inputs of the form that posts to <paramref name="action"/> (or the first form) on the page.</summary>
    public static async Task<Dictionary<string, string>> FormFieldsAsync(HttpClient client, string page, string? action = null)
    {
        var response = await client.GetAsync(new Uri(page, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {page}: {(int)response.StatusCode}");
        var forms = FormPattern().Matches(html).Select(m => m.Value).ToList();
        var form = action is null ? forms.First() : forms.First(f => f.Contains($"action=\"{action}\"", StringComparison.Ordinal));
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in InputPattern().Matches(form).Select(m => m.Value).Where(i => i.Contains("type=\"hidden\"", StringComparison.Ordinal)))
        {
            var name = AttributePattern("name").Match(input);
            var value = AttributePattern("value").Match(input);
            if (name.Success)
            {
                fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
            }
        }
        return fields;
    }

    /// <summary>Signs in through the sign-in form; the client's cookie container then holds the session.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var fields = await FormFieldsAsync(client, "/console/sign-in");
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        return await client.PostAsync(new Uri("/console/sign-in", UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input[^>]*>", RegexOptions.Singleline)]
    private static partial Regex InputPattern();

    private static Regex AttributePattern(string attribute) => new($"\\s{attribute}=\"([^\"]*)\"");
}
