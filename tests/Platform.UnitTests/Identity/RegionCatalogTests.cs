using Platform.BuildingBlocks.Identity;

namespace Platform.UnitTests.Identity;

public sealed class RegionCatalogTests
{
    private const string Header = "code,name,name_en,level,parent\n";

    private static RegionCatalog LoadInline(string csv) => RegionCatalog.Load(new StringReader(csv));

    [Fact]
    public void The_embedded_catalog_holds_all_244_sichuan_and_chongqing_regions()
    {
        var catalog = RegionCatalog.LoadEmbedded();

        Assert.Equal(244, catalog.All.Count);
        Assert.Equal(2, catalog.All.Count(r => r.Level == RegionLevel.Province));
    }

    [Fact]
    public void All_is_ordered_by_code()
    {
        var codes = RegionCatalog.LoadEmbedded().All.Select(r => r.Code).ToList();

        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
    }

    [Fact]
    public void Sichuan_has_21_prefecture_level_children()
    {
        var children = RegionCatalog.LoadEmbedded().ChildrenOf("510000");

        Assert.Equal(21, children.Count);
        Assert.All(children, r => Assert.Equal(RegionLevel.Prefecture, r.Level));
        Assert.Contains(children, r => r.Code == "510100");
        Assert.Contains(children, r => r.Code == "513400");
    }

    [Fact]
    public void Chongqing_districts_are_children_of_the_province()
    {
        var children = RegionCatalog.LoadEmbedded().ChildrenOf("500000");

        var wanzhou = Assert.Single(children, r => r.Code == "500101");
        Assert.Equal("万州区", wanzhou.Name);
        Assert.Equal("Wanzhou", wanzhou.NameEn);
        Assert.Equal(RegionLevel.County, wanzhou.Level);
        Assert.Equal("500000", wanzhou.ParentCode);
    }

    [Fact]
    public void Every_child_of_mianyang_starts_with_5107()
    {
        var catalog = RegionCatalog.LoadEmbedded();
        var children = catalog.ChildrenOf("510700");

        Assert.NotEmpty(children);
        Assert.All(children, r => Assert.StartsWith("5107", r.Code, StringComparison.Ordinal));
        Assert.All(children, r => Assert.True(catalog.IsWithin(r.Code, "510700")));
    }

    [Fact]
    public void A_county_and_an_unknown_code_have_no_children()
    {
        var catalog = RegionCatalog.LoadEmbedded();

        Assert.Empty(catalog.ChildrenOf("500101"));
        Assert.Empty(catalog.ChildrenOf("999999"));
    }

    [Fact]
    public void Lookups_find_known_codes_only()
    {
        var catalog = RegionCatalog.LoadEmbedded();

        Assert.True(catalog.TryGet("510000", out var sichuan));
        Assert.Equal(RegionLevel.Province, sichuan.Level);
        Assert.Null(sichuan.ParentCode);
        Assert.True(catalog.Contains("500101"));
        Assert.NotNull(catalog.Find("510700"));
        Assert.False(catalog.TryGet("990000", out _));
        Assert.False(catalog.Contains("990000"));
        Assert.Null(catalog.Find("990000"));
    }

    [Fact]
    public void IsWithin_is_false_when_either_code_is_unknown()
    {
        var catalog = RegionCatalog.LoadEmbedded();

        Assert.True(catalog.IsWithin("500101", "500000"));
        Assert.False(catalog.IsWithin("500101", "510000"));
        Assert.False(catalog.IsWithin("510799", "510700"));
        Assert.False(catalog.IsWithin("510100", "519900"));
    }

    [Fact]
    public void The_embedded_catalog_is_loaded_once_and_shared()
    {
        Assert.Same(RegionCatalog.LoadEmbedded(), RegionCatalog.LoadEmbedded());
    }

    [Fact]
    public void A_small_inline_csv_loads_with_trimmed_fields_and_windows_line_endings()
    {
        var catalog = LoadInline(
            "\uFEFFcode,name,name_en,level,parent\r\n" +
            "510000, 四川省 ,Sichuan,province,\r\n" +
            "\r\n" +
            "510700,绵阳市,,prefecture,510000\r\n" +
            "510703,涪城区,Fucheng,county, 510700 \r\n");

        Assert.Equal(3, catalog.All.Count);
        Assert.Equal("四川省", catalog.Find("510000")!.Name);
        Assert.Null(catalog.Find("510700")!.NameEn);
        Assert.Equal("510700", catalog.Find("510703")!.ParentCode);
        Assert.Equal(["510703"], catalog.ChildrenOf("510700").Select(r => r.Code));
    }

    [Fact]
    public void Load_rejects_a_duplicate_code_and_names_the_line()
    {
        var exception = Assert.Throws<InvalidDataException>(() => LoadInline(
            Header +
            "510000,四川省,Sichuan,province,\n" +
            "510700,绵阳市,,prefecture,510000\n" +
            "510700,绵阳市,,prefecture,510000\n"));

        Assert.Contains("line 4", exception.Message, StringComparison.Ordinal);
        Assert.Contains("510700", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_rejects_an_unknown_parent_and_names_the_line()
    {
        var exception = Assert.Throws<InvalidDataException>(() => LoadInline(
            Header +
            "510000,四川省,Sichuan,province,\n" +
            "510703,涪城区,,county,510700\n"));

        Assert.Contains("line 3", exception.Message, StringComparison.Ordinal);
        Assert.Contains("510700", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("code,name,level,parent\n")]
    [InlineData("id,name,name_en,level,parent\n")]
    public void Load_rejects_a_missing_or_wrong_header(string csv)
    {
        Assert.Throws<InvalidDataException>(() => LoadInline(csv));
    }

    [Theory]
    [InlineData("51000,四川省,,province,\n")]
    [InlineData("000100,Bad,,county,\n")]
    [InlineData("510000,四川省,,province\n")]
    [InlineData("510000,,,province,\n")]
    [InlineData("510000,四川省,,city,\n")]
    [InlineData("510000,四川省,,county,\n")]
    [InlineData("510000,四川省,,province,500000\n")]
    public void Load_rejects_a_malformed_row_and_names_the_line(string row)
    {
        var exception = Assert.Throws<InvalidDataException>(() => LoadInline(Header + row));

        Assert.Contains("line 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_rejects_a_region_outside_its_parent()
    {
        var exception = Assert.Throws<InvalidDataException>(() => LoadInline(
            Header +
            "510000,四川省,Sichuan,province,\n" +
            "500000,重庆市,Chongqing,province,\n" +
            "500101,万州区,Wanzhou,county,510000\n"));

        Assert.Contains("line 4", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("511102", "510000", "511100")] // a Leshan county in Sichuan: its city
    [InlineData("511100", "510000", "511100")] // a city in its province: itself
    [InlineData("500107", "500000", "500107")] // a Chongqing district sits directly under the municipality
    [InlineData("511102", "511100", "511102")] // a county in its city: itself
    [InlineData("511102", "511102", "511102")] // a county in itself
    [InlineData("999999", "510000", "999999")] // unknown: as it is
    public void Breakdown_rows_are_the_regions_one_level_below_the_region_asked_about(string code, string region, string expected) =>
        Assert.Equal(expected, RegionCatalog.LoadEmbedded().BreakdownOf(code, region));

    [Fact]
    public void Every_breakdown_row_of_both_provinces_is_a_known_region()
    {
        var catalog = RegionCatalog.LoadEmbedded();

        foreach (var province in new[] { "510000", "500000" })
        {
            var rows = catalog.All.Where(r => r.Level == RegionLevel.County && RegionCode.IsWithin(r.Code, province)).Select(r => catalog.BreakdownOf(r.Code, province)).Distinct();

            Assert.All(rows, row => Assert.True(catalog.Contains(row) && catalog.Find(row)!.ParentCode == province, $"{row} is not a region directly under {province}."));
        }
    }
}
