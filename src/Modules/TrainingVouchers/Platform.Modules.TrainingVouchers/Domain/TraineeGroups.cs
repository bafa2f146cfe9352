namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>A group served (重点群体), as requests and responses name it.</summary>
internal enum TraineeGroup
{
    CollegeGraduates,
    MigrantWorkers,
    PovertyAlleviatedLabour,
    Veterans,
    RegisteredUnemployed,
    PeopleWithDisabilities,
    EmploymentDifficulty,
    RuralLabour,
    Returnees,
}

/// <summary>The groups a person belongs to, stored as one integer of flags so statistics can count each group.</summary>
[Flags]
internal enum TraineeGroups
{
    None = 0,
    CollegeGraduates = 1 << TraineeGroup.CollegeGraduates,
    MigrantWorkers = 1 << TraineeGroup.MigrantWorkers,
    PovertyAlleviatedLabour = 1 << TraineeGroup.PovertyAlleviatedLabour,
    Veterans = 1 << TraineeGroup.Veterans,
    RegisteredUnemployed = 1 << TraineeGroup.RegisteredUnemployed,
    PeopleWithDisabilities = 1 << TraineeGroup.PeopleWithDisabilities,
    EmploymentDifficulty = 1 << TraineeGroup.EmploymentDifficulty,
    RuralLabour = 1 << TraineeGroup.RuralLabour,
    Returnees = 1 << TraineeGroup.Returnees,
}

internal static class TraineeGroupSets
{
    public static IReadOnlyList<TraineeGroup> Each { get; } = Enum.GetValues<TraineeGroup>();

    public static TraineeGroups All { get; } = Of(Each);

    public static TraineeGroups Flag(this TraineeGroup group) => (TraineeGroups)(1 << (int)group);

    public static TraineeGroups Of(IEnumerable<TraineeGroup> groups) =>
        groups.Aggregate(TraineeGroups.None, (all, group) => all | group.Flag());

    public static IReadOnlyList<TraineeGroup> Members(this TraineeGroups groups) =>
        Each.Where(g => (groups & g.Flag()) != 0).ToArray();

    public static IReadOnlyList<string> Names(this TraineeGroups groups) =>
        groups.Members().Select(g => g.ToString()).ToArray();

    public static string ChineseName(this TraineeGroup group) => group switch
    {
        TraineeGroup.CollegeGraduates => "高校毕业生",
        TraineeGroup.MigrantWorkers => "农民工",
        TraineeGroup.PovertyAlleviatedLabour => "脱贫劳动力",
        TraineeGroup.Veterans => "退役军人",
        TraineeGroup.RegisteredUnemployed => "登记失业人员",
        TraineeGroup.PeopleWithDisabilities => "残疾人",
        TraineeGroup.EmploymentDifficulty => "就业困难人员",
        TraineeGroup.RuralLabour => "农村劳动力",
        TraineeGroup.Returnees => "返乡人员",
        _ => throw new ArgumentOutOfRangeException(nameof(group)),
    };
}
