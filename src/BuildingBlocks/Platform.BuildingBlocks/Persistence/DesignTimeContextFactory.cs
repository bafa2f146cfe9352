using Microsoft.EntityFrameworkCore;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>
/// Creates a provider-specific context for <c>dotnet ef</c>, which needs no live database to add a
/// migration. Each module's design-time factories call this with their provider.
/// </summary>
public static class DesignTimeContextFactory
{
    public static TContext Create<TContext>(DatabaseProvider provider, string moduleName)
        where TContext : DbContext
    {
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=design-time.db",
            DatabaseProvider.PostgreSql => "Host=localhost;Database=design_time",
            _ => "Server=localhost;Database=design_time;Trusted_Connection=True;TrustServerCertificate=True",
        };
        var options = new DbContextOptionsBuilder<TContext>()
            .UseModuleProvider(provider, connectionString, ModuleDatabase.SchemaNameFor(moduleName))
            .Options;
        return (TContext)(Activator.CreateInstance(typeof(TContext), options)
            ?? throw new InvalidOperationException($"Could not create {typeof(TContext).Name}."));
    }
}
