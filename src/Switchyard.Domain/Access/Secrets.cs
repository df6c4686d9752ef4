using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Domain.Access;

/// <summary>Random tokens and their one-way hashes (SEC-2).</summary>
public static class Secrets
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A random base-62 string; 32 characters carry about 190 bits.</summary>
    public static string Random(int length)
    {
        return RandomNumberGenerator.GetString(Alphabet, length);
    }

    /// <summary>
    /// SHA-256 of a high-entropy token, hex. A slow password hash is not needed here: the token
    /// itself has ≥128 random bits, so the hash cannot be brute-forced.
    /// </summary>
    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool HashMatches(string token, string expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(expectedHash));
}
