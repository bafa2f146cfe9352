using Platform.Modules.Insights.Domain;
using Platform.Modules.SkillMasterStudios.Contracts;
using Platform.Modules.TrainingVouchers.Contracts;

namespace Platform.UnitTests.Insights;

/// <summary>
/// Filters on a counted event's attributes: <c>key=a|b</c> (one of), <c>key~a|b</c> (the list contains one
/// of), <c>key!=a|b</c> (none of), joined by <c>;</c>; an empty filter matches everything; malformed
/// conditions are refused. And the attributes each event is written with.
/// </summary>
public sealed class FactFilterTests
{
    private const string Studio = "level=National;kind=New;field=AdvancedManufacturing;occupation=6-24-04-04";
    private const string Training = "groups=MigrantWorkers|Veterans;level=Level4;occupation=6-31-01-03;passed=true";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" ; ;")]
    public void An_empty_filter_matches_every_event(string? filter)
    {
        var parsed = FactFilter.Parse(filter);

        Assert.True(parsed.Matches(Studio));
        Assert.True(parsed.Matches(""));
    }

    [Theory]
    [InlineData("level=National", true)]
    [InlineData("level=Provincial|National", true)]
    [InlineData("level=national", true)]
    [InlineData("level=Provincial", false)]
    [InlineData("level=Nation", false)]
    [InlineData("cause=Fraud", false)]
    public void Equals_matches_one_of_the_values_ignoring_case(string filter, bool matches)
    {
        Assert.Equal(matches, FactFilter.Parse(filter).Matches(Studio));
    }

    [Fact]
    public void Equals_compares_a_list_attribute_as_a_whole()
    {
        Assert.False(FactFilter.Parse("groups=MigrantWorkers").Matches(Training));
        Assert.True(FactFilter.Parse("groups=MigrantWorkers").Matches("groups=MigrantWorkers"));
    }

    [Theory]
    [InlineData("groups~MigrantWorkers", true)]
    [InlineData("groups~Veterans", true)]
    [InlineData("groups~veterans", true)]
    [InlineData("groups~Disabled|Veterans", true)]
    [InlineData("groups~Disabled", false)]
    [InlineData("groups~Migrant", false)]
    [InlineData("category~Veterans", false)]
    public void Contains_matches_when_the_list_holds_one_of_the_values(string filter, bool matches)
    {
        Assert.Equal(matches, FactFilter.Parse(filter).Matches(Training));
    }

    [Theory]
    [InlineData("groups!=Disabled", true)]
    [InlineData("groups!=Veterans", false)]
    [InlineData("groups!=Disabled|MigrantWorkers", false)]
    [InlineData("level!=Level5", true)]
    [InlineData("level!=level4", false)]
    [InlineData("category!=Veterans", true)]
    public void Not_equals_matches_when_none_of_the_values_is_held(string filter, bool matches)
    {
        Assert.Equal(matches, FactFilter.Parse(filter).Matches(Training));
    }

    [Theory]
    [InlineData("level=National;kind=New|Upgrade", true)]
    [InlineData("level=National;kind=Renewal", false)]
    [InlineData("level=Provincial;kind=New", false)]
    [InlineData("level=National;kind=New;field!=ModernServices", true)]
    [InlineData(" level = National | Provincial ; kind = New ", true)]
    public void Conditions_joined_by_semicolons_must_all_hold(string filter, bool matches)
    {
        Assert.Equal(matches, FactFilter.Parse(filter).Matches(Studio));
    }

    [Fact]
    public void A_filter_on_a_flag_reads_true_or_false()
    {
        Assert.True(FactFilter.Parse("passed=true").Matches(Training));
        Assert.False(FactFilter.Parse("passed=false").Matches(Training));
    }

    [Theory]
    [InlineData("level")]
    [InlineData("=National")]
    [InlineData("level=")]
    [InlineData("level!=")]
    [InlineData("~Veterans")]
    [InlineData("level=National;kind")]
    public void A_malformed_condition_is_refused(string filter)
    {
        Assert.False(FactFilter.TryParse(filter, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<FormatException>(() => FactFilter.Parse(filter));
    }

    [Fact]
    public void An_equals_value_may_contain_a_tilde()
    {
        // Attribute values keep '~' (only ';', '|' and '=' are replaced when written), so a business named
        // "山水~人家" must be reachable with business=….
        var attributes = EventAttributes.Write(("business", "山水~人家农家乐"), ("industry", "Agriculture"));

        Assert.True(FactFilter.Parse("industry=Agriculture").Matches(attributes));
        Assert.True(FactFilter.Parse("business=山水~人家农家乐").Matches(attributes));
    }

    // ---- Attributes as written and read ----

    [Fact]
    public void Attributes_are_written_as_key_value_pairs_lists_joined_by_bars_nulls_left_out()
    {
        var text = EventAttributes.Write(("groups", new[] { "MigrantWorkers", "Veterans" }), ("level", "Level4"), ("passed", true), ("term_months", 24), ("note", null));

        Assert.Equal("groups=MigrantWorkers|Veterans;level=Level4;passed=true;term_months=24", text);
        Assert.Equal(
            new Dictionary<string, string> { ["groups"] = "MigrantWorkers|Veterans", ["level"] = "Level4", ["passed"] = "true", ["term_months"] = "24" },
            EventAttributes.Parse(text));
    }

    [Fact]
    public void Separators_inside_values_are_replaced_so_they_cannot_forge_a_condition()
    {
        var text = EventAttributes.Write(("business", "甲;level=National|乙"), ("level", "Municipal"));

        Assert.Equal("business=甲,level-National/乙;level=Municipal", text);
        Assert.False(FactFilter.Parse("level=National").Matches(text));
        Assert.True(FactFilter.Parse("level=Municipal").Matches(text));
    }

    [Fact]
    public void The_seeded_filters_match_the_events_as_the_modules_publish_them()
    {
        var received = DateTimeOffset.UtcNow;
        var training = EventFacts.From(
            new TrainingCompleted(Guid.NewGuid(), "bi", "6-31-01-03", "电工", "Level4", true, "CERT-1", "52511102MJ0001010L", "511102", new DateOnly(2024, 5, 6), ["MigrantWorkers", "Veterans"]),
            received);
        var national = EventFacts.From(
            new StudioAccredited(Guid.NewGuid(), Guid.NewGuid(), "Upgrade", "National", "Provincial", "91511102MA0000000X", "bi", "6-24-04-04", "AdvancedManufacturing", "511102",
                new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31), 100_000m),
            received);
        var renewal = EventFacts.From(
            new StudioAccredited(Guid.NewGuid(), Guid.NewGuid(), "Renewal", "National", "National", "91511102MA0000000X", "bi", "6-24-04-04", "AdvancedManufacturing", "511102",
                new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31), 0m),
            received);

        Assert.True(FactFilter.Parse("groups~MigrantWorkers").Matches(training.Attributes));
        Assert.True(FactFilter.Parse("groups~Veterans").Matches(training.Attributes));
        Assert.True(FactFilter.Parse("passed=true;level=Level4").Matches(training.Attributes));
        Assert.True(FactFilter.Parse("level=National;kind=New|Upgrade").Matches(national.Attributes));
        Assert.False(FactFilter.Parse("level=National;kind=New|Upgrade").Matches(renewal.Attributes));
        Assert.False(FactFilter.Parse("level=Municipal;kind=New").Matches(national.Attributes));
    }
}
