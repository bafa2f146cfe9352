using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.UnitTests.TrainingVouchers;

public sealed class SkillLevelsTests
{
    /// <summary>The national ladder, lowest first.</summary>
    private static readonly SkillLevel[] Ladder =
        [SkillLevel.Level5, SkillLevel.Level4, SkillLevel.Level3, SkillLevel.Level2, SkillLevel.Level1];

    [Fact]
    public void A_level_is_the_same_or_higher_exactly_when_it_is_not_below_on_the_ladder()
    {
        for (var held = 0; held < Ladder.Length; held++)
        {
            for (var wanted = 0; wanted < Ladder.Length; wanted++)
            {
                Assert.True(
                    (held >= wanted) == SkillLevels.IsSameOrHigher(Ladder[held], Ladder[wanted]),
                    $"{Ladder[held]} vs {Ladder[wanted]}");
            }
        }
    }

    [Theory]
    [InlineData(nameof(SkillLevel.Level4), nameof(SkillLevel.Level4), true)]
    [InlineData(nameof(SkillLevel.Level3), nameof(SkillLevel.Level4), true)]
    [InlineData(nameof(SkillLevel.Level1), nameof(SkillLevel.Level5), true)]
    [InlineData(nameof(SkillLevel.Level5), nameof(SkillLevel.Level4), false)]
    [InlineData(nameof(SkillLevel.Level2), nameof(SkillLevel.Level1), false)]
    [InlineData(nameof(SkillLevel.SpecialAbility), nameof(SkillLevel.SpecialAbility), true)]
    [InlineData(nameof(SkillLevel.SpecialAbility), nameof(SkillLevel.Level5), false)]
    [InlineData(nameof(SkillLevel.SpecialAbility), nameof(SkillLevel.Level1), false)]
    [InlineData(nameof(SkillLevel.Level5), nameof(SkillLevel.SpecialAbility), false)]
    [InlineData(nameof(SkillLevel.Level1), nameof(SkillLevel.SpecialAbility), false)]
    public void Special_ability_stands_off_the_ladder_and_only_matches_itself(string held, string wanted, bool expected)
    {
        Assert.Equal(expected, SkillLevels.IsSameOrHigher(Enum.Parse<SkillLevel>(held), Enum.Parse<SkillLevel>(wanted)));
    }

    [Fact]
    public void Join_drops_duplicates_and_orders_special_ability_then_the_ladder_upwards()
    {
        var joined = SkillLevels.Join([SkillLevel.Level3, SkillLevel.Level5, SkillLevel.Level3, SkillLevel.SpecialAbility, SkillLevel.Level1]);

        Assert.Equal("SpecialAbility,Level5,Level3,Level1", joined);
    }

    [Fact]
    public void Split_reads_what_Join_wrote()
    {
        SkillLevel[] levels = [SkillLevel.Level4, SkillLevel.Level5, SkillLevel.Level2];

        Assert.Equal([SkillLevel.Level5, SkillLevel.Level4, SkillLevel.Level2], SkillLevels.Split(SkillLevels.Join(levels)));
    }

    [Fact]
    public void Every_level_round_trips_through_Join_and_Split()
    {
        var all = Enum.GetValues<SkillLevel>();

        Assert.Equal(all, SkillLevels.Split(SkillLevels.Join(all)));
        Assert.All(all, level => Assert.Equal([level], SkillLevels.Split(SkillLevels.Join([level]))));
    }

    [Fact]
    public void Split_ignores_blanks_and_spaces_and_an_empty_column_is_no_level()
    {
        Assert.Equal([SkillLevel.Level5, SkillLevel.Level4], SkillLevels.Split(" Level5, ,Level4 ,"));
        Assert.Empty(SkillLevels.Split(""));
        Assert.Equal("", SkillLevels.Join([]));
    }

    [Fact]
    public void An_occupation_offers_its_listed_levels_only_while_in_force()
    {
        var occupation = new Occupation
        {
            Code = "6-31-01-03",
            Name = "电工",
            NameEn = "Electrician",
            Field = OccupationField.Construction,
            Levels = SkillLevels.Join([SkillLevel.Level5, SkillLevel.Level4]),
            EffectiveFrom = new DateOnly(2026, 1, 1),
            EffectiveTo = new DateOnly(2026, 12, 31),
            IsSample = true,
        };

        Assert.Equal([SkillLevel.Level5, SkillLevel.Level4], occupation.LevelList);
        Assert.True(occupation.Offers(SkillLevel.Level4, new DateOnly(2026, 1, 1)));
        Assert.True(occupation.Offers(SkillLevel.Level5, new DateOnly(2026, 12, 31)));
        Assert.False(occupation.Offers(SkillLevel.Level3, new DateOnly(2026, 6, 1)));
        Assert.False(occupation.Offers(SkillLevel.Level4, new DateOnly(2025, 12, 31)));
        Assert.False(occupation.Offers(SkillLevel.Level4, new DateOnly(2027, 1, 1)));
    }
}
