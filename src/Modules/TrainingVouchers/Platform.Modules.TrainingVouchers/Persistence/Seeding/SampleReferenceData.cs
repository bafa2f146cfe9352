using System.Globalization;
using Platform.Modules.TrainingVouchers.Domain;
using static Platform.Modules.TrainingVouchers.Domain.SkillLevel;

namespace Platform.Modules.TrainingVouchers.Persistence.Seeding;

/// <summary>
/// SAMPLE reference data (示例数据) so that a fresh installation can issue, enrol and settle vouchers
/// from day one: an occupation catalogue, the program rules and subsidy standards of Sichuan and
/// Chongqing, and a handful of approved training institutions with their licences.
/// <para>
/// None of it is official. Every record is marked <c>IsSample = true</c>; a bureau replaces it with its
/// own catalogue, standards and institution register. Occupation codes follow the national occupational
/// classification (职业分类大典, 2022 edition) as far as the sample goes and must be checked against
/// the bureau's catalogue; <c>Z-51-xxx</c> (Sichuan) and <c>Z-50-xxx</c> (Chongqing) are made-up local
/// codes for special abilities (专项职业能力). Institution names and credit codes are invented: they
/// carry valid GB 32100 check characters but identify no real organisation.
/// </para>
/// <para>
/// Every call returns new instances with the same deterministic keys, so the seeder can tell which
/// records already exist and a test can compare two calls.
/// </para>
/// </summary>
internal static class SampleReferenceData
{
    public const string Sichuan = "510000";

    public const string Chongqing = "500000";

    public const string Leshan = "511100";

    /// <summary>The regional uplift of the sample's shortage occupations, in percent.</summary>
    public const decimal ShortageUpliftPercent = 30m;

    /// <summary>The day every sample record takes effect; all of them are open-ended.</summary>
    public static readonly DateOnly EffectiveFrom = new(2021, 1, 1);

    private static readonly DateTimeOffset ApprovedAt = new(2021, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static readonly SkillLevel[] FullLadder = [Level5, Level4, Level3, Level2, Level1];

    private static readonly SkillLevel[] Level5To3 = [Level5, Level4, Level3];

    private static readonly SkillLevel[] Level5To2 = [Level5, Level4, Level3, Level2];

    private static readonly SkillLevel[] Level4To2 = [Level4, Level3, Level2];

    private static readonly SkillLevel[] Level3To1 = [Level3, Level2, Level1];

    private static readonly SkillLevel[] SpecialAbilityOnly = [SpecialAbility];

    // SAMPLE: the starter occupation catalogue (36 occupations). Levels are those training is offered at.
    private static readonly OccupationRow[] OccupationRows =
    [
        // Photovoltaics and electronics (光伏与电子信息)
        new("6-31-01-03", "电工", "Electrician", OccupationField.PhotovoltaicElectronics, FullLadder),
        new("6-18-02-04", "焊工", "Welder", OccupationField.PhotovoltaicElectronics, FullLadder),
        new("6-24-04-04", "光伏组件制造工", "Photovoltaic module maker", OccupationField.PhotovoltaicElectronics, Level5To3),
        new("6-25-04-01", "电子设备装接工", "Electronic equipment assembler", OccupationField.PhotovoltaicElectronics, Level5To2),
        new("5-05-03-03", "太阳能利用工", "Solar energy installer", OccupationField.PhotovoltaicElectronics, Level5To3),
        new("Z-51-001", "光伏电站运维", "Photovoltaic plant operation and maintenance", OccupationField.PhotovoltaicElectronics, SpecialAbilityOnly),

        // Tourism and catering (文旅与餐饮)
        new("4-03-02-01", "中式烹调师", "Chinese cuisine cook", OccupationField.TourismCatering, FullLadder),
        new("4-03-02-02", "中式面点师", "Chinese pastry cook", OccupationField.TourismCatering, FullLadder),
        new("4-03-02-05", "餐厅服务员", "Restaurant server", OccupationField.TourismCatering, Level5To3),
        new("4-03-01-02", "客房服务员", "Hotel room attendant", OccupationField.TourismCatering, Level5To3),
        new("4-07-04-01", "导游", "Tour guide", OccupationField.TourismCatering, Level5To3),
        new("4-03-02-07", "茶艺师", "Tea art specialist", OccupationField.TourismCatering, FullLadder),

        // Domestic service and elderly care (家政与养老)
        new("4-10-01-05", "养老护理员", "Elderly care worker", OccupationField.DomesticElderlyCare, FullLadder),
        new("4-10-01-06", "家政服务员", "Domestic service worker", OccupationField.DomesticElderlyCare, FullLadder),
        new("4-10-01-02", "育婴员", "Infant care worker", OccupationField.DomesticElderlyCare, Level5To3),
        new("4-10-01-03", "保育师", "Childcare worker", OccupationField.DomesticElderlyCare, Level5To3),
        new("Z-50-001", "母婴护理", "Maternal and newborn care", OccupationField.DomesticElderlyCare, SpecialAbilityOnly),

        // Construction (建筑)
        new("6-29-01-01", "砌筑工", "Bricklayer", OccupationField.Construction, Level5To3),
        new("6-29-01-03", "混凝土工", "Concrete worker", OccupationField.Construction, Level5To3),
        new("6-29-01-04", "钢筋工", "Steel fixer", OccupationField.Construction, Level5To3),
        new("6-29-01-05", "架子工", "Scaffolder", OccupationField.Construction, Level5To3),
        new("6-29-01-06", "装配式建筑施工员", "Prefabricated building installer", OccupationField.Construction, Level5To3),

        // E-commerce and livestreaming (电商直播)
        new("4-01-02-07", "互联网营销师（直播销售员）", "Internet marketer (livestream seller)", OccupationField.EcommerceLivestream, FullLadder),
        new("4-01-02-02", "电子商务师", "E-commerce specialist", OccupationField.EcommerceLivestream, Level4To2),
        new("4-13-01-05", "全媒体运营师", "All-media operator", OccupationField.EcommerceLivestream, Level4To2),
        new("Z-51-002", "农村电商运营", "Rural e-commerce operation", OccupationField.EcommerceLivestream, SpecialAbilityOnly),

        // Agriculture (现代农业)
        new("5-05-01-02", "农业经理人", "Agricultural manager", OccupationField.Agriculture, Level3To1),
        new("5-05-02-01", "农机驾驶操作员", "Agricultural machinery operator", OccupationField.Agriculture, Level5To3),
        new("6-02-06-01", "茶叶加工工", "Tea processor", OccupationField.Agriculture, Level5To3),
        new("4-08-05-01", "农产品食品检验员", "Agricultural product and food inspector", OccupationField.Agriculture, Level5To3),
        new("5-01-03-01", "中药材种植员", "Chinese medicinal herb grower", OccupationField.Agriculture, Level5To3),
        new("Z-50-002", "榨菜腌制加工", "Pickled mustard tuber processing", OccupationField.Agriculture, SpecialAbilityOnly),

        // Manufacturing (制造)
        new("6-18-01-01", "车工", "Lathe operator", OccupationField.Manufacturing, FullLadder),
        new("6-31-01-01", "机修钳工", "Maintenance fitter", OccupationField.Manufacturing, FullLadder),

        // Services (生活服务)
        new("4-12-01-01", "汽车维修工", "Motor vehicle mechanic", OccupationField.Services, FullLadder),
        new("4-10-03-02", "美发师", "Hairdresser", OccupationField.Services, FullLadder),
    ];

    // SAMPLE: Leshan (a pilot city of electronic vouchers) raises photovoltaic and electronics trades by 30 %.
    private static readonly string[] LeshanShortageOccupations = ["6-24-04-04", "6-25-04-01", "5-05-03-03"];

    // SAMPLE: Chongqing raises elderly care by 30 % across the municipality. Its province-level standard
    // carries the uplift itself: a second 500000 standard from the same day would overlap it.
    private static readonly string[] ChongqingShortageOccupations = ["4-10-01-05"];

    // SAMPLE: approved training institutions (定点培训机构). Invented names and credit codes: registration
    // authority 5 (民政) type 2 (民办非企业单位), or 1/2 (机构编制, 事业单位) for the public centre, then
    // the county's division code, a nine-character organisation code and the GB 32100 check character.
    private static readonly InstitutionRow[] InstitutionRows =
    [
        new("52511102MJ0001010L", "乐山市市中区岷江职业技能培训学校", "511102",
        [
            Train("6-31-01-03", Level5, Level4), // 电工
            Train("6-24-04-04", Level5, Level4), // 光伏组件制造工
            Train("6-25-04-01", Level5, Level4), // 电子设备装接工
            Train("6-18-02-04", Level5), // 焊工
        ]),
        new("52511112MJ00010291", "乐山市五通桥区光伏产业职业技能培训学校", "511112",
        [
            Train("6-24-04-04", Level5, Level4, Level3), // 光伏组件制造工
            Train("5-05-03-03", Level5, Level4), // 太阳能利用工
            Train("Z-51-001", SpecialAbility), // 光伏电站运维
            Train("6-31-01-03", Level5), // 电工
        ]),
        new("52511181MJ0001037R", "峨眉山市峨秀文旅职业技能培训学校", "511181",
        [
            Train("4-07-04-01", Level5, Level4), // 导游
            Train("4-03-01-02", Level5, Level4), // 客房服务员
            Train("4-03-02-05", Level5), // 餐厅服务员
            Train("4-03-02-01", Level5, Level4), // 中式烹调师
            Train("4-03-02-07", Level5), // 茶艺师
        ]),
        new("12511123451102313L", "犍为县城乡劳动力技能培训中心", "511123",
        [
            Train("6-29-01-01", Level5), // 砌筑工
            Train("6-29-01-04", Level5), // 钢筋工
            Train("6-29-01-03", Level5), // 混凝土工
            Train("5-05-02-01", Level5), // 农机驾驶操作员
            Train("4-10-01-06", Level5), // 家政服务员
        ]),
        new("52511126MJ00010450", "夹江县茶乡农业技术培训学校", "511126",
        [
            Train("6-02-06-01", Level5, Level4), // 茶叶加工工
            Train("4-03-02-07", Level5), // 茶艺师
            Train("5-01-03-01", Level5), // 中药材种植员
            Train("4-08-05-01", Level5), // 农产品食品检验员
            Train("5-05-01-02", Level3), // 农业经理人
        ]),
        new("52510104MJ0002013M", "成都市锦江区锦程家政养老职业技能培训学校", "510104",
        [
            Train("4-10-01-05", Level5, Level4, Level3), // 养老护理员
            Train("4-10-01-06", Level5, Level4), // 家政服务员
            Train("4-10-01-02", Level5, Level4), // 育婴员
            Train("4-10-01-03", Level5), // 保育师
        ]),
        new("52510107MJ0002021U", "成都市武侯区云播电子商务职业技能培训学校", "510107",
        [
            Train("4-01-02-07", Level5, Level4, Level3), // 互联网营销师（直播销售员）
            Train("4-01-02-02", Level4, Level3), // 电子商务师
            Train("4-13-01-05", Level4), // 全媒体运营师
            Train("Z-51-002", SpecialAbility), // 农村电商运营
        ]),
        new("52510703MJ0003016N", "绵阳市涪城区科城电子技术职业技能培训学校", "510703",
        [
            Train("6-25-04-01", Level5, Level4, Level3), // 电子设备装接工
            Train("6-31-01-03", Level5, Level4), // 电工
            Train("6-18-02-04", Level5), // 焊工
            Train("6-18-01-01", Level5), // 车工
            Train("6-31-01-01", Level5), // 机修钳工
        ]),
        new("52511302MJ0004019G", "南充市顺庆区果城烹饪职业技能培训学校", "511302",
        [
            Train("4-03-02-01", Level5, Level4, Level3), // 中式烹调师
            Train("4-03-02-02", Level5, Level4), // 中式面点师
            Train("4-03-02-05", Level5), // 餐厅服务员
        ]),
        new("52511321MJ0004027U", "南部县安居建筑职业技能培训学校", "511321",
        [
            Train("6-29-01-01", Level5, Level4), // 砌筑工
            Train("6-29-01-04", Level5), // 钢筋工
            Train("6-29-01-03", Level5), // 混凝土工
            Train("6-29-01-05", Level5), // 架子工
        ])
        {
            Status = InstitutionStatus.Suspended,
            StatusReason = "考勤数据异常，暂停招生，整改中",
            StatusChangedAt = new DateTimeOffset(2024, 3, 15, 9, 30, 0, TimeSpan.FromHours(8)),
        },
        new("52500107MJ0005011C", "重庆市九龙坡区渝康职业技能培训学校", "500107",
        [
            Train("4-10-01-05", Level5, Level4, Level3), // 养老护理员
            Train("Z-50-001", SpecialAbility), // 母婴护理
            Train("4-10-01-06", Level5), // 家政服务员
            Train("4-10-01-02", Level5), // 育婴员
            Train("4-12-01-01", Level5), // 汽车维修工
        ]),
        new("52500112MJ000502XB", "重庆市渝北区临空职业技能培训学校", "500112",
        [
            Train("4-01-02-07", Level5, Level4), // 互联网营销师（直播销售员）
            Train("4-01-02-02", Level4), // 电子商务师
            Train("6-31-01-03", Level5, Level4), // 电工
            Train("6-18-02-04", Level5), // 焊工
            Train("4-10-03-02", Level5), // 美发师
        ]),
        new("52500101MJ0005038D", "重庆市万州区平湖职业技能培训学校", "500101",
        [
            Train("4-03-02-01", Level5, Level4), // 中式烹调师
            Train("4-03-02-02", Level5), // 中式面点师
            Train("4-07-04-01", Level5), // 导游
            Train("5-05-02-01", Level5), // 农机驾驶操作员
            Train("5-01-03-01", Level5), // 中药材种植员
            Train("Z-50-002", SpecialAbility), // 榨菜腌制加工
            Train("6-29-01-06", Level5), // 装配式建筑施工员
        ]),
    ];

    /// <summary>The sample subsidy amount of a level at province level, in yuan, before any uplift.</summary>
    public static decimal ProvinceAmount(SkillLevel level) => level switch
    {
        SpecialAbility => 600m,
        Level5 => 1000m,
        Level4 => 1500m,
        Level3 => 2000m,
        Level2 => 2500m,
        Level1 => 3000m,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>SAMPLE: the starter occupation catalogue.</summary>
    public static IReadOnlyList<Occupation> Occupations() =>
        OccupationRows
            .Select(row => new Occupation
            {
                Code = row.Code,
                Name = row.Name,
                NameEn = row.NameEn,
                Field = row.Field,
                Levels = SkillLevels.Join(row.Levels),
                EffectiveFrom = EffectiveFrom,
                EffectiveTo = null,
                IsSample = true,
            })
            .ToArray();

    /// <summary>SAMPLE: the program rules of Sichuan and Chongqing, with the domain guide's default figures.</summary>
    public static IReadOnlyList<ProgramRules> Rules() =>
        [RulesFor(Sichuan), RulesFor(Chongqing)];

    /// <summary>
    /// SAMPLE: a province-level standard in Sichuan and in Chongqing for every occupation and level
    /// offered, and Leshan's city-level standards for its shortage occupations.
    /// </summary>
    public static IReadOnlyList<SubsidyStandard> Standards()
    {
        var standards = new List<SubsidyStandard>();
        foreach (var occupation in OccupationRows)
        {
            foreach (var level in occupation.Levels)
            {
                standards.Add(Standard(occupation.Code, level, Sichuan, 0m));
                standards.Add(Standard(
                    occupation.Code,
                    level,
                    Chongqing,
                    ChongqingShortageOccupations.Contains(occupation.Code) ? ShortageUpliftPercent : 0m));
                if (LeshanShortageOccupations.Contains(occupation.Code))
                {
                    standards.Add(Standard(occupation.Code, level, Leshan, ShortageUpliftPercent));
                }
            }
        }

        return standards;
    }

    /// <summary>SAMPLE: approved (and one suspended) training institutions, each with its licences.</summary>
    public static IReadOnlyList<Institution> Institutions() =>
        InstitutionRows
            .Select(row => new Institution
            {
                CreditCode = row.CreditCode,
                Name = row.Name,
                RegionCode = row.RegionCode,
                Status = row.Status,
                StatusReason = row.StatusReason,
                StatusChangedAt = (row.StatusChangedAt ?? ApprovedAt).ToUniversalTime(),
                IsSample = true,
                Licences = row.Licences
                    .SelectMany(licence => licence.Levels.Select(level => Licence(row.CreditCode, licence.OccupationCode, level)))
                    .ToList(),
            })
            .ToArray();

    /// <summary>SAMPLE: every licence of <see cref="Institutions"/>.</summary>
    public static IReadOnlyList<InstitutionLicence> Licences() =>
        Institutions().SelectMany(i => i.Licences).ToArray();

    private static ProgramRules RulesFor(string regionCode) => new()
    {
        Id = SampleIds.For(string.Create(CultureInfo.InvariantCulture, $"ProgramRules|{regionCode}|{EffectiveFrom:yyyy-MM-dd}")),
        RegionCode = regionCode,
        EffectiveFrom = EffectiveFrom,
        EffectiveTo = null,
        YearlyQuota = 3,
        ValidityDays = 180,
        MinimumAge = 16,
        MaximumAge = 60,
        EligibleGroups = TraineeGroupSets.All,
        AttendanceThresholdPercent = 80m,
        FailedSharePercent = 0m,
        CrossProvinceRecognition = true,
        IsSample = true,
    };

    private static SubsidyStandard Standard(string occupationCode, SkillLevel level, string regionCode, decimal upliftPercent) => new()
    {
        Id = SampleIds.For(string.Create(CultureInfo.InvariantCulture, $"SubsidyStandard|{occupationCode}|{level}|{regionCode}|{EffectiveFrom:yyyy-MM-dd}")),
        OccupationCode = occupationCode,
        Level = level,
        RegionCode = regionCode,
        EffectiveFrom = EffectiveFrom,
        EffectiveTo = null,
        Amount = ProvinceAmount(level),
        ShortageUpliftPercent = upliftPercent,
        IsSample = true,
    };

    private static InstitutionLicence Licence(string creditCode, string occupationCode, SkillLevel level) => new()
    {
        Id = SampleIds.For(string.Create(CultureInfo.InvariantCulture, $"InstitutionLicence|{creditCode}|{occupationCode}|{level}|{EffectiveFrom:yyyy-MM-dd}")),
        InstitutionCode = creditCode,
        OccupationCode = occupationCode,
        Level = level,
        ValidFrom = EffectiveFrom,
        ValidTo = null,
    };

    private static LicenceRow Train(string occupationCode, params SkillLevel[] levels) => new(occupationCode, levels);

    private sealed record OccupationRow(string Code, string Name, string NameEn, OccupationField Field, IReadOnlyList<SkillLevel> Levels);

    private sealed record LicenceRow(string OccupationCode, IReadOnlyList<SkillLevel> Levels);

    private sealed record InstitutionRow(string CreditCode, string Name, string RegionCode, IReadOnlyList<LicenceRow> Licences)
    {
        public InstitutionStatus Status { get; init; } = InstitutionStatus.Approved;

        public string? StatusReason { get; init; }

        public DateTimeOffset? StatusChangedAt { get; init; }
    }
}
