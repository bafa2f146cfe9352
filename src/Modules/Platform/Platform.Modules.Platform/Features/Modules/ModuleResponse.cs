using Platform.BuildingBlocks.Persistence;

namespace Platform.Modules.Platform.Features.Modules;

/// <summary>A module of this host and the state of its database.</summary>
/// <param name="Name">Module name, as in <c>Modules:&lt;Name&gt;:Enabled</c>.</param>
/// <param name="Version">Module version.</param>
/// <param name="Enabled">Whether configuration switched it on; a disabled module has no routes.</param>
/// <param name="RoutePrefix">Its route group under <c>/api</c>.</param>
/// <param name="Database">Its database, when enabled and persistent.</param>
internal sealed record ModuleResponse(string Name, string Version, bool Enabled, string RoutePrefix, ModuleDatabaseResponse? Database);

/// <summary>A module's database and migrations.</summary>
/// <param name="Provider">Database engine.</param>
/// <param name="Schema">Schema (PostgreSQL, SQL Server) or file name (SQLite).</param>
/// <param name="Reachable">Whether the database answered.</param>
/// <param name="AppliedMigrations">Migrations applied, oldest first.</param>
/// <param name="PendingMigrations">Migrations not yet applied.</param>
internal sealed record ModuleDatabaseResponse(DatabaseProvider Provider, string Schema, bool Reachable, IReadOnlyList<string> AppliedMigrations, IReadOnlyList<string> PendingMigrations);

/// <summary>The modules of this host.</summary>
/// <param name="Items">In the host's order.</param>
internal sealed record ModuleList(IReadOnlyList<ModuleResponse> Items);
