using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Switchyard.Domain.Common;

/// <summary>Small field checks shared by the rules; each adds a named error when it fails.</summary>
public static partial class Validate
{
    public const int MaxNameLength = 200;

    public static void Required(List<Error> errors, string field, string? value, int maxLength = MaxNameLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(Errors.Required(field));
        }
        else
        {
            MaxLength(errors, field, value, maxLength);
        }
    }

    public static void MaxLength(List<Error> errors, string field, string? value, int maxLength = MaxNameLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            errors.Add(Errors.Validation("tooLong", field, $"'{field}' has at most {maxLength} characters; this has {value.Length}."));
        }
    }

    public static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 254 && MailAddress.TryCreate(value, out var parsed)
        && parsed.Address == value && value.Contains('.', StringComparison.Ordinal);

    public static void Email(List<Error> errors, string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(Errors.Required(field));
            }
            return;
        }
        if (!IsEmail(value))
        {
            errors.Add(Errors.Validation("invalidEmail", field, $"'{value}' is not an email address such as name@example.com."));
        }
    }

    public static void Phone(List<Error> errors, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value) && !PhonePattern().IsMatch(value))
        {
            errors.Add(Errors.Validation("invalidPhone", field, "Give the phone number in international form, e.g. +33 1 23 45 67 89."));
        }
    }

    public static void Country(List<Error> errors, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value) && !CountryPattern().IsMatch(value))
        {
            errors.Add(Errors.Validation("invalidCountry", field, "Give the country as its ISO 3166 two-letter code, e.g. FR or US."));
        }
    }

    public static void Url(List<Error> errors, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value)
            && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            errors.Add(Errors.Validation("invalidUrl", field, "Give a full web address starting with https://."));
        }
    }

    [GeneratedRegex(@"^\+[0-9][0-9 ().-]{5,20}[0-9]$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}
