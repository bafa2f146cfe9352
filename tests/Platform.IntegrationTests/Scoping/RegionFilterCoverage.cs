using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;

namespace Platform.IntegrationTests.Scoping;

/// <summary>One region-scoped entity type of a module's model and whether queries of it are filtered by region.</summary>
internal sealed record RegionScopedEntity(string Module, Type ClrType, bool FilteredByRegion)
{
    public override string ToString() => $"{Module}.{ClrType.Name}";
}

/// <summary>
/// Finds every entity type implementing <see cref="IRegionScoped"/> in the models of a host's module
/// databases and checks that its root type declares a query filter calling <c>StartsWith</c> on
/// <see cref="IRegionScoped.RegionCode"/>.
/// </summary>
internal static class RegionFilterCoverage
{
    public static IReadOnlyList<RegionScopedEntity> Inspect(IServiceProvider services)
    {
        var found = new List<RegionScopedEntity>();
        foreach (var database in services.GetServices<ModuleDatabase>())
        {
            using var scope = services.CreateScope();
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            found.AddRange(Inspect(database.ModuleName, context.Model));
        }

        return found;
    }

    public static IEnumerable<RegionScopedEntity> Inspect(string module, IModel model) =>
        model.GetEntityTypes()
            .Where(e => typeof(IRegionScoped).IsAssignableFrom(e.ClrType))
            .Select(e => new RegionScopedEntity(module, e.ClrType, e.GetRootType().GetDeclaredQueryFilters().Any(f => FiltersByRegion(f.Expression))))
            .ToArray();

    private static bool FiltersByRegion(LambdaExpression? filter)
    {
        if (filter is null)
        {
            return false;
        }

        var finder = new RegionStartsWithFinder(filter.Parameters[0]);
        finder.Visit(filter.Body);
        return finder.Found;
    }

    private sealed class RegionStartsWithFinder(ParameterExpression entity) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(string)
                && node.Method.Name == nameof(string.StartsWith)
                && node.Object is MemberExpression { Member.Name: nameof(IRegionScoped.RegionCode) } member
                && member.Expression == entity)
            {
                Found = true;
            }

            return base.VisitMethodCall(node);
        }
    }
}
