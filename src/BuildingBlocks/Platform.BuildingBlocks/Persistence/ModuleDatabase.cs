using System.Text;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>One module's database as the host sees it: which context, which provider, which schema.</summary>
public sealed record ModuleDatabase(string ModuleName, Type ContextType, DatabaseProvider Provider, string Schema, string ConnectionString)
{
    /// <summary>The schema (and SQLite file name) of a module: its name in snake_case.</summary>
    public static string SchemaNameFor(string moduleName)
    {
        ArgumentNullException.ThrowIfNull(moduleName);
        var builder = new StringBuilder(moduleName.Length + 4);
        for (var i = 0; i < moduleName.Length; i++)
        {
            var c = moduleName[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
