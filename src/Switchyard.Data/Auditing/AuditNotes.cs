namespace Switchyard.Data.Auditing;

/// <summary>
/// What a use case says about the changes it is about to save: a named action and the reason.
/// Without a note the action is "created", "updated" or "deleted".
/// </summary>
public sealed class AuditNotes
{
    private readonly Dictionary<object, (string Action, string? Reason)> _notes = new(ReferenceEqualityComparer.Instance);

    public void Describe(object entity, string action, string? reason = null) => _notes[entity] = (action, reason);

    internal (string Action, string? Reason)? For(object entity) =>
        _notes.TryGetValue(entity, out var note) ? note : null;

    internal void Clear() => _notes.Clear();
}
