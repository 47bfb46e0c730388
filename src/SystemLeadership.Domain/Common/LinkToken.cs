using System.Security.Cryptography;
using System.Text;

namespace SystemLeadership.Domain.Common;

/// <summary>
/// The secret in an emailed link that lets someone act without an account (a referee, a directory enquirer, a new head
/// evaluating their partner): 32 random bytes, URL-safe; only its SHA-256 is stored, so the database never holds it.
/// </summary>
public static class LinkToken
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
