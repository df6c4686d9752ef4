namespace Switchyard.Server.Legacy;

/// <summary>
/// LEG-3: the external ids of one file, kept as 64-bit hashes so that a million rows cost a few megabytes
/// rather than the strings themselves. A repeated hash only says "maybe": the importer then runs the exact
/// duplicate check in the database; no repeated hash proves the file has no duplicate external id.
/// </summary>
public sealed class ExternalIdSet
{
    private readonly HashSet<ulong> _hashes = [];

    public bool MaybeRepeated { get; private set; }

    public void Add(string externalId)
    {
        if (!_hashes.Add(Fnv1a64(externalId)))
        {
            MaybeRepeated = true;
        }
    }

    /// <summary>FNV-1a over the UTF-16 code units: deterministic (unlike string.GetHashCode) and cheap.</summary>
    public static ulong Fnv1a64(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}
