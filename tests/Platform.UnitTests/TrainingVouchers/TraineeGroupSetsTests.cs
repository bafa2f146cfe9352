using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.UnitTests.TrainingVouchers;

public sealed class TraineeGroupSetsTests
{
    private static readonly TraineeGroup[] NineGroups =
    [
        TraineeGroup.CollegeGraduates,
        TraineeGroup.MigrantWorkers,
        TraineeGroup.PovertyAlleviatedLabour,
        TraineeGroup.Veterans,
        TraineeGroup.RegisteredUnemployed,
        TraineeGroup.PeopleWithDisabilities,
        TraineeGroup.EmploymentDifficulty,
        TraineeGroup.RuralLabour,
        TraineeGroup.Returnees,
    ];

    [Fact]
    public void All_contains_the_nine_groups_and_nothing_else()
    {
        Assert.Equal(NineGroups, TraineeGroupSets.All.Members());
        Assert.Equal(511, (int)TraineeGroupSets.All);
        Assert.All(NineGroups, group => Assert.True(TraineeGroupSets.All.HasFlag(group.Flag())));
    }

    [Fact]
    public void Each_group_has_its_own_flag()
    {
        var flags = NineGroups.Select(g => g.Flag()).ToArray();

        Assert.Equal(9, flags.Distinct().Count());
        Assert.All(flags, flag => Assert.Equal(1, System.Numerics.BitOperations.PopCount((uint)flag)));
        Assert.Equal(TraineeGroups.Veterans, TraineeGroup.Veterans.Flag());
        Assert.Equal(TraineeGroups.Returnees, TraineeGroup.Returnees.Flag());
    }

    [Fact]
    public void Of_then_Members_gives_back_the_groups_in_catalogue_order_without_duplicates()
    {
        var groups = TraineeGroupSets.Of([TraineeGroup.RuralLabour, TraineeGroup.Veterans, TraineeGroup.RuralLabour]);

        Assert.Equal(TraineeGroups.Veterans | TraineeGroups.RuralLabour, groups);
        Assert.Equal([TraineeGroup.Veterans, TraineeGroup.RuralLabour], groups.Members());
        Assert.Equal(["Veterans", "RuralLabour"], groups.Names());
    }

    [Fact]
    public void Every_combination_of_groups_round_trips_through_Of_and_Members()
    {
        for (var bits = 0; bits < 1 << 9; bits++)
        {
            var groups = (TraineeGroups)bits;

            Assert.Equal(groups, TraineeGroupSets.Of(groups.Members()));
            Assert.Equal(groups.Members().Select(g => g.ToString()), groups.Names());
        }
    }

    [Fact]
    public void No_group_has_no_members_and_no_names()
    {
        Assert.Equal(TraineeGroups.None, TraineeGroupSets.Of([]));
        Assert.Empty(TraineeGroups.None.Members());
        Assert.Empty(TraineeGroups.None.Names());
    }

    [Fact]
    public void Every_group_has_a_chinese_name()
    {
        Assert.Equal("农民工", TraineeGroup.MigrantWorkers.ChineseName());
        Assert.Equal(9, NineGroups.Select(g => g.ChineseName()).Distinct().Count());
    }
}
