using System.Buffers.Text;

namespace Platform.BuildingBlocks.Paging;

/// <summary>
/// A keyset cursor for lists ordered newest first by (instant, id): the last row's instant and id in
/// 32 URL-safe characters. Opaque to callers; a cursor that does not decode is a 400, not a 500.
/// </summary>
public static class InstantCursor
{
    private const int ByteLength = 24;

    public static string Encode(DateTimeOffset at, Guid id)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        BitConverter.TryWriteBytes(bytes[..8], at.UtcTicks);
        id.TryWriteBytes(bytes[8..]);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string cursor, out (DateTimeOffset At, Guid Id) position)
    {
        position = default;
        Span<byte> bytes = stackalloc byte[ByteLength];
        if (cursor.Length != 32 || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != ByteLength)
        {
            return false;
        }

        var ticks = BitConverter.ToInt64(bytes[..8]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        position = (new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[8..]));
        return true;
    }
}
