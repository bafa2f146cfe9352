namespace Platform.BuildingBlocks.Security;

/// <summary>
/// A region-scoped record that may also be served in a second region: a Sichuan voucher used at a
/// Chongqing training institution (cross-province recognition). Callers covering either region see
/// it and may change it; only a caller covering its home region may move it to another home region.
/// The serving region is set by the code that takes the record into service (after checking the
/// caller's right to do so); the context then accepts that one change from the serving side.
/// </summary>
public interface IServedRegionScoped : IRegionScoped
{
    /// <summary>The region where the record is being served, or null while it is served at home.</summary>
    string? ServingRegionCode { get; }
}
