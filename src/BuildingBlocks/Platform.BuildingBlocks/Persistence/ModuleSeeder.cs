namespace Platform.BuildingBlocks.Persistence;

/// <summary>Seeds a module's reference data after its migrations. Must be idempotent.</summary>
public interface IModuleSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
