using System.Collections.Concurrent;
using Microsoft.OpenApi;
using Platform.BuildingBlocks.Security;

namespace Platform.Host.Composition;

/// <summary>The OpenAPI 3.0 document the SDK generator reads, generated at build time and served at run time.</summary>
internal static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string BearerScheme = "Bearer";

    private static readonly ConcurrentDictionary<string, Type> SchemaOwners = new(StringComparer.Ordinal);

    public static IServiceCollection AddPlatformOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.CreateSchemaReferenceId = UniqueSchemaId;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Chuanyu Employment Programs Platform",
                    Version = "1.0.0",
                    Description = "API of the human-resources and social-security bureaus of Sichuan and Chongqing for their employment programs. "
                        + "Errors are RFC 9457 problem details with a stable `code` and a `traceId`.",
                };
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A JWT from the configured identity provider, carrying the caller's role and region.",
                };
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // Money is decimal in yuan: say so, so generated clients use decimal, not double,
                // and control totals compare exactly.
                var type = context.JsonTypeInfo.Type;
                if (type == typeof(decimal) || type == typeof(decimal?))
                {
                    schema.Format = "decimal";
                }

                // An enum first met as a nullable property gets null among its values in the shared
                // component schema; the property already says it may be null (oneOf with a null
                // enum), and the null value makes generators emit a class instead of the enum.
                if (schema.Enum is { Count: > 1 } values && values.Any(IsNull) && !values.All(IsNull))
                {
                    schema.Enum = values.Where(v => !IsNull(v)).ToList();
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var permission = context.Description.ActionDescriptor.EndpointMetadata.OfType<PermissionMetadata>().FirstOrDefault();
                if (permission is not null)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
                    operation.Description = $"{operation.Description}\n\nRequires the permission `{permission.Permission}`.".TrimStart('\n');
                }

                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// The default schema name (the type's name), refusing a second type under a name already taken.
    /// Modules are written independently and two may well both name a type <c>RuleResult</c>; the
    /// document would then describe one of them under the other's schema and the SDK would get it
    /// wrong silently. This makes the collision fail document generation (and so the build) instead.
    /// </summary>
    internal static string? UniqueSchemaId(System.Text.Json.Serialization.Metadata.JsonTypeInfo typeInfo)
    {
        var id = Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo);
        if (id is null)
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(typeInfo.Type) ?? typeInfo.Type;
        var owner = SchemaOwners.GetOrAdd(id, type);
        return owner == type
            ? id
            : throw new InvalidOperationException($"Two types share the OpenAPI schema name '{id}': {owner.FullName} and {type.FullName}. Rename one of them.");
    }

    private static bool IsNull(System.Text.Json.Nodes.JsonNode? value) =>
        value is null || value.GetValueKind() == System.Text.Json.JsonValueKind.Null;
}
