namespace Platform.BuildingBlocks.Concurrency;

/// <summary>
/// A record with an optimistic-concurrency version. Declaring it is all a module does: the version is
/// a concurrency token, raised by every save that changes the record, and two conflicting saves of
/// the same version cannot both succeed. Its ETag is <see cref="EntityTags.For(int)"/>.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
