namespace Platform.BuildingBlocks.Security;

/// <summary>The roles a token may carry; each bundles permissions that modules grant to it.</summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string Reviewer = "reviewer";
    public const string Auditor = "auditor";
    public const string TrainingInstitution = "training_institution";
    public const string Integrator = "integrator";

    /// <summary>Holds every permission.</summary>
    public const string Administrator = "administrator";

    public static IReadOnlyList<string> All { get; } = [Operator, Reviewer, Auditor, TrainingInstitution, Integrator, Administrator];
}
