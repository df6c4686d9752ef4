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
        // One check for length and characters: line breaks and tabs are allowed in a multi-line field only.
        Validate.MaxLength(errors, field, value, maxLength, multiLine);
    }
}
