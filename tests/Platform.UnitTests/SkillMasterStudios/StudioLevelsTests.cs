using Platform.Modules.SkillMasterStudios.Domain;

namespace Platform.UnitTests.SkillMasterStudios;

public sealed class StudioLevelsTests
{
    [Fact]
    public void The_levels_are_climbed_municipal_provincial_national()
    {
        Assert.Equal([StudioLevel.Municipal, StudioLevel.Provincial, StudioLevel.National], Enum.GetValues<StudioLevel>());
        Assert.True(StudioLevel.Municipal < StudioLevel.Provincial && StudioLevel.Provincial < StudioLevel.National);
    }

    [Theory]
    [InlineData(nameof(StudioLevel.Municipal), null)]
    [InlineData(nameof(StudioLevel.Provincial), nameof(StudioLevel.Municipal))]
    [InlineData(nameof(StudioLevel.National), nameof(StudioLevel.Provincial))]
    public void Below_is_the_level_under_on_the_ladder(string level, string? below)
    {
        Assert.Equal(below is null ? null : Enum.Parse<StudioLevel>(below), Enum.Parse<StudioLevel>(level).Below());
    }

    [Theory]
    [InlineData(nameof(StudioLevel.Municipal), "市级")]
    [InlineData(nameof(StudioLevel.Provincial), "省级")]
    [InlineData(nameof(StudioLevel.National), "国家级")]
    public void Every_studio_level_has_its_Chinese_name(string level, string name)
    {
        Assert.Equal(name, Enum.Parse<StudioLevel>(level).ChineseName());
    }

    [Theory]
    [InlineData(nameof(QualificationLevel.Level5), "五级/初级工")]
    [InlineData(nameof(QualificationLevel.Level4), "四级/中级工")]
    [InlineData(nameof(QualificationLevel.Level3), "三级/高级工")]
    [InlineData(nameof(QualificationLevel.Level2), "二级/技师")]
    [InlineData(nameof(QualificationLevel.Level1), "一级/高级技师")]
    public void Every_qualification_level_has_its_Chinese_name(string level, string name)
    {
        Assert.Equal(name, Enum.Parse<QualificationLevel>(level).ChineseName());
    }

    [Fact]
    public void The_Chinese_names_are_distinct_and_cover_every_value()
    {
        var studioNames = Enum.GetValues<StudioLevel>().Select(l => l.ChineseName()).ToArray();
        var qualificationNames = Enum.GetValues<QualificationLevel>().Select(l => l.ChineseName()).ToArray();

        Assert.Equal(3, studioNames.Distinct().Count());
        Assert.Equal(5, qualificationNames.Distinct().Count());
        Assert.All(studioNames.Concat(qualificationNames), name => Assert.False(string.IsNullOrWhiteSpace(name)));
    }

    [Fact]
    public void An_undefined_value_has_no_Chinese_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((StudioLevel)7).ChineseName());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((QualificationLevel)(-1)).ChineseName());
    }

    [Fact]
    public void Qualification_levels_order_from_level_5_lowest_to_level_1_highest()
    {
        Assert.Equal(
            [QualificationLevel.Level5, QualificationLevel.Level4, QualificationLevel.Level3, QualificationLevel.Level2, QualificationLevel.Level1],
            Enum.GetValues<QualificationLevel>().Order());
    }

    [Theory]
    [InlineData(nameof(QualificationLevel.Level5), false)]
    [InlineData(nameof(QualificationLevel.Level4), false)]
    [InlineData(nameof(QualificationLevel.Level3), false)]
    [InlineData(nameof(QualificationLevel.Level2), true)]
    [InlineData(nameof(QualificationLevel.Level1), true)]
    public void A_master_is_qualified_to_lead_from_technician_up(string level, bool qualified)
    {
        Assert.Equal(qualified, new Master { QualificationLevel = Enum.Parse<QualificationLevel>(level) }.IsQualifiedToLead);
    }
}
