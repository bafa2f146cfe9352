using System.Security.Cryptography;
using System.Text;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>
/// Deterministic ids for seeded records: the first 16 bytes of SHA-256 over a scope and a name that
/// spells out the record's natural key, marked as an RFC 9562 version 8 (custom) UUID. The same name
/// always gives the same id, so a re-run of a seeder recognises what it inserted before.
/// </summary>
public static class DeterministicGuid
{
    public static Guid For(string scope, string name)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(scope + "|" + name), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
