using Switchyard.Domain.Common;

namespace Switchyard.Domain.PlanMigration;

/// <summary>SEC-8 for plan-migration text: bounded length, no control characters (newline and tab only where multi-line).</summary>
internal static class TextRules
{
    public static void Check(List<Error> errors, string field, string? value, int maxLength, bool multiLine = false, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(Errors.Required(field));
            }
            return;
        }
        Validate.MaxLength(errors, field, value, maxLength);
        if (value.Any(ch => char.IsControl(ch) && !(multiLine && ch is '\n' or '\r' or '\t')))
        {
            errors.Add(Errors.Validation("controlCharacter", field, $"'{field}' contains a control character."));
        }
    }
}
