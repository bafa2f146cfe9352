using Platform.BuildingBlocks.Persistence;

namespace Platform.Modules.TrainingVouchers.Persistence.Seeding;

/// <summary>Deterministic ids for sample records (<see cref="DeterministicGuid"/>), so a re-run of the seeder recognises what it inserted before.</summary>
internal static class SampleIds
{
    private const string Scope = "Platform.TrainingVouchers.Sample";

    public static Guid For(string name) => DeterministicGuid.For(Scope, name);
}
