namespace Switchyard.Domain.Common;

/// <summary>
/// Salesforce-style record ids (CAT-3, OFF-3): 15 case-sensitive base-62 characters, or 18 where the
/// last three are a checksum of the letter case of the first fifteen.
/// </summary>
public static class SalesforceId
{
    private const string ChecksumAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>Every problem with <paramref name="value"/> as an id starting with one of <paramref name="prefixes"/>.</summary>
    public static IReadOnlyList<Error> Validate(string? value, string field, params string[] prefixes)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [Errors.Required(field)];
        }

        var errors = new List<Error>();
        if (value.Length is not (15 or 18))
        {
            errors.Add(Errors.Validation("idLength", field,
                $"An id has 15 or 18 characters; this one has {value.Length}."));
        }
        var bad = value.Where(c => !char.IsAsciiLetterOrDigit(c)).Distinct().ToArray();
        if (bad.Length > 0)
        {
            errors.Add(Errors.Validation("idCharacters", field,
                $"An id holds only letters A-Z, a-z and digits 0-9; found '{new string(bad)}'."));
        }
        if (prefixes.Length > 0 && !prefixes.Any(p => value.StartsWith(p, StringComparison.Ordinal)))
        {
            errors.Add(Errors.Validation("idPrefix", field,
                $"This id must start with {string.Join(" or ", prefixes.Select(p => "'" + p + "'"))}; it starts with '{value[..Math.Min(3, value.Length)]}'."));
        }
        if (errors.Count == 0 && value.Length == 18)
        {
            var expected = Checksum(value.AsSpan(0, 15));
            if (!value.AsSpan(15).SequenceEqual(expected))
            {
                errors.Add(Errors.Validation("idChecksum", field,
                    $"The last three characters of an 18-character id are its checksum; expected '{expected}', found '{value[15..]}'. Check the letter case or copy the id again."));
            }
        }
        return errors;
    }

    /// <summary>The three checksum characters of a 15-character id.</summary>
    public static string Checksum(ReadOnlySpan<char> id15)
    {
        if (id15.Length != 15)
        {
            throw new ArgumentException("A checksum is computed over exactly 15 characters.", nameof(id15));
        }
        Span<char> suffix = stackalloc char[3];
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id15[chunk * 5 + i]))
                {
                    bits |= 1 << i;
                }
            }
            suffix[chunk] = ChecksumAlphabet[bits];
        }
        return new string(suffix);
    }

    /// <summary>The 18-character form of a valid 15- or 18-character id.</summary>
    public static string To18(string id) => id.Length == 18 ? id : id + Checksum(id);
}
