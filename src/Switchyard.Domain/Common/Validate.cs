using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Switchyard.Domain.Common;

/// <summary>Small field checks shared by the rules; each adds a named error when it fails.</summary>
public static partial class Validate
{
    public const int MaxNameLength = 200;

    /// <summary>SEC-8: the longest `reason` any change accepts (it is kept forever in the audit trail).</summary>
    public const int MaxReasonLength = 2_000;

    /// <summary>SEC-8: an email address (RFC 5321's limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>SEC-8: calendar dates are accepted between these (inclusive); anything else is a typo or a probe.</summary>
    public static readonly DateOnly MinDate = new(2000, 1, 1);

    public static readonly DateOnly MaxDate = new(2199, 12, 31);

    public static void Required(List<Error> errors, string field, string? value, int maxLength = MaxNameLength, bool multiLine = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(Errors.Required(field));
        }
        else
        {
            MaxLength(errors, field, value, maxLength, multiLine);
        }
    }

    /// <summary>SEC-8: at most <paramref name="maxLength"/> characters and no control characters (NUL included);
    /// line breaks and tabs only in a <paramref name="multiLine"/> field.</summary>
    public static void MaxLength(List<Error> errors, string field, string? value, int maxLength = MaxNameLength, bool multiLine = false)
    {
        if (value is null)
        {
            return;
        }
        if (value.Length > maxLength)
        {
            errors.Add(Errors.Validation("tooLong", field, $"'{field}' has at most {maxLength} characters; this has {value.Length}."));
        }
        if (TextProblem(value, multiLine) is { } problem)
        {
            errors.Add(Errors.Validation("invalidCharacters", field, $"'{field}' {problem}"));
        }
    }

    /// <summary>Null when the text is acceptable; otherwise what is wrong with it (control characters, broken Unicode).</summary>
    public static string? TextProblem(string value, bool multiLine)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                return "contains an incomplete Unicode character.";
            }
            if (char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t'))
            {
                return multiLine
                    ? "may not contain control characters other than line breaks and tabs."
                    : $"may not contain control characters (U+{(int)c:X4}){(c is '\n' or '\r' or '\t' ? "; it is a single line" : "")}.";
            }
        }
        return null;
    }

    /// <summary>SEC-8: a date inside the documented range <see cref="MinDate"/>..<see cref="MaxDate"/>.</summary>
    public static bool DateInRange(List<Error> errors, string field, DateOnly? value)
    {
        if (value is { } date && (date < MinDate || date > MaxDate))
        {
            errors.Add(Errors.Validation("dateOutOfRange", field, $"'{field}' is between {MinDate:yyyy-MM-dd} and {MaxDate:yyyy-MM-dd}."));
            return false;
        }
        return true;
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
